import PlacementModel

/// The tests' seeded generator: the project's SplitMix64, so every random instance in the tests
/// is reproducible from its seed.
public typealias SeededGenerator = SplitMix64

