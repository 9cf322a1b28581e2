import PlacementModel

/// The public registry of every heuristic, selection and destination policy, in a stable order,
/// so the harness and the command line can run any of them by name.
public enum HeuristicCatalogue {
    /// Packing methods (pure vector bin packing; also usable for consolidation as a full repack).
    public static let packingMethods: [any PlacementMethod] = {
        var list: [any PlacementMethod] = []
        for measure in SizeMeasure.allCases { list.append(FitDecreasing(measure: measure, fit: .first)) }
        for measure in SizeMeasure.allCases { list.append(FitDecreasing(measure: measure, fit: .best)) }
        list.append(FitDecreasing(measure: .sum, fit: .worst))
        for score in BinCentricPacking.Score.allCases {
            for weighting in BinCentricPacking.Weighting.allCases { list.append(BinCentricPacking(score: score, weighting: weighting)) }
        }
        list.append(PairMatchingPacking())
        list.append(MultiBinPacking(rule: .pairing))
        list.append(MultiBinPacking(rule: .pairing, averageWeights: true))
        list.append(MultiBinPacking(rule: .pairingCosine))
        list.append(MultiBinPacking(rule: .pairingCosine, averageWeights: true))
        list.append(MultiBinPacking(rule: .wfd))
        list.append(MultiBinPacking(rule: .wfd, averageWeights: true))
        return list
    }()

    /// Goal algorithms that start from the current placement.
    public static let goalMethods: [any PlacementMethod] = [
        Consolidation(variant: "ffd", selection: SizeMeasureSelection(measure: .sum), destination: FirstFitDestination()),
        Consolidation(variant: "bfd", selection: SizeMeasureSelection(measure: .sum), destination: BestFitDestination()),
        Consolidation(variant: "vector", selection: VectorSelection(), destination: ResourceImbalanceDestination()),
        Consolidation(variant: "mmt", selection: MinimumMigrationTimeSelection(), destination: BestFitDestination()),
        Consolidation(variant: "affinity", selection: AffinitySelection(), destination: AffinityDestination()),
        LoadBalancing(),
        HotspotMitigation(name: "sandpiper", selection: SizeMeasureSelection(measure: .vsr), destination: LeastVolumeDestination()),
        HotspotMitigation(name: "hotspot-mincost", selection: SizeMeasureSelection(measure: .vsr), destination: LeastVolumeDestination(), cheapestFirst: true),
        HotspotMitigation(name: "hotspot-mmt", selection: MinimumMigrationTimeSelection(), destination: LeastVolumeDestination()),
        HotspotMitigation(name: "hotspot-vector", selection: VectorSelection(), destination: ResourceImbalanceDestination()),
        HotspotMitigation(name: "hotspot-affinity", selection: AffinitySelection(), destination: AffinityDestination()),
        CurrentPlacementMethod(),
        ReassignmentMethod(),
    ]

    /// Packing methods left out of the default portfolio (they stay in the catalogue): the
    /// multi-bin rules (the slowest members, several O(n²·d) or O(n·k·d) tries each) and four of
    /// the nine bin-centric variants. On the public suites, without them the portfolio is as
    /// often at or below the published best (see Results/heuristics/quality.md).
    public static let portfolioExclusions: Set<String> = [
        "mb-pairing-dot", "mb-pairing-dot-avg", "mb-pairing-cos", "mb-pairing-cos-avg", "mb-wfd-sum", "mb-wfd-avg",
        "bc-dot-avg", "bc-cos-avg", "bc-cos-dyn", "bc-l2-avg",
    ]

    /// The portfolio's members: every other method except ``portfolioExclusions``.
    public static let portfolioMembers: [any PlacementMethod] = (packingMethods + goalMethods).filter { !portfolioExclusions.contains($0.name) }

    /// The portfolio over ``portfolioMembers``.
    public static let portfolio = Portfolio(members: portfolioMembers)

    /// Every method, stable order: `ffd` (alias of `ffd-sum`), packing methods, goal methods, `portfolio`.
    public static let methods: [any PlacementMethod] = [FirstFitDecreasing()] + packingMethods + goalMethods + [portfolio]

    /// The method called `name`, if any.
    public static func method(named name: String) -> (any PlacementMethod)? {
        methods.first { $0.name == name }
    }

    /// Every "which" policy, stable order.
    public static let selectionPolicies: [any VMSelectionPolicy] =
        [ResourceConstrainedSelection(), MinimumMigrationTimeSelection(), VectorSelection(), AffinitySelection(), RandomSelection()]
        + [SizeMeasure.volume, .vsr, .weightedSum, .max, .sum, .l2, .product].map { SizeMeasureSelection(measure: $0) }

    /// Every "where" policy, stable order.
    public static let destinationPolicies: [any DestinationPolicy] = [
        FirstFitDestination(), BestFitDestination(), WorstFitDestination(), LeastVolumeDestination(),
        VectorDotDestination(), ResourceImbalanceDestination(), AffinityDestination(),
    ]

    public static func selectionPolicy(named name: String) -> (any VMSelectionPolicy)? { selectionPolicies.first { $0.name == name } }
    public static func destinationPolicy(named name: String) -> (any DestinationPolicy)? { destinationPolicies.first { $0.name == name } }
}
