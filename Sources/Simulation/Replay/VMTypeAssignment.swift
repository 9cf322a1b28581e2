/// How VM types are given to the traces (in sorted trace order).
public enum VMTypeAssignment: String, Sendable, Hashable, CaseIterable {
    /// CloudSim's `Helper.createVmList`: VM i gets type ⌊i / ⌈n / types⌉⌋ (contiguous blocks).
    case blocks
    /// VM i gets type i mod types.
    case roundRobin
}
