import PlacementModel

/// Server consolidation from the current placement: hosts in use are emptied from the least to
/// the most loaded (Σ normalised utilisation); the VMs of a host leave in the order of a
/// selection policy and go, by a destination policy, to more loaded hosts that stay on, never
/// above their overload thresholds. A host is emptied completely (and can be switched off) or
/// not at all: if one of its VMs finds no destination, its moves are undone. Hosts with pinned
/// VMs stay on. The migration budget, when given, bounds the voluntary migrations; forced ones
/// (``PlacementModel/ForcedMigrations``: off a host in maintenance or a broken rule, made first)
/// are exempt and reported.
///
/// Names: `consolidate-ffd` (largest VM first, first fit over receivers from the most loaded),
/// `consolidate-bfd` (best fit), `consolidate-vector` (Mishra & Sahoo's vector destination),
/// `consolidate-mmt` (smallest memory first, best fit).
///
/// Survey: Mishra et al. (IEEE Comm. Mag. 2012), "server consolidation"; Verma et al. (pMapper,
/// Middleware 2008) for emptying the least loaded hosts; Beloglazov & Buyya (CCPE 2012).
///
/// - Complexity: O(m log m + Σ_hosts v_h·(n + m·d)) — every VM of every donor host tries every
///   receiver at most once.
public struct Consolidation: PlacementMethod, EngineFinished {
    public let variant: String
    public let selection: any VMSelectionPolicy
    public let destination: any DestinationPolicy
    /// Work limits of the reassignment engine that improves the construction (nil: the standard ones).
    public var engineLimits: ReassignmentSearch.Limits? = nil

    public init(variant: String, selection: any VMSelectionPolicy, destination: any DestinationPolicy) {
        self.variant = variant
        self.selection = selection
        self.destination = destination
    }

    public var name: String { "consolidate-\(variant)" }
    public var summary: String { "empty the least loaded hosts into more loaded ones (which: \(selection.name), where: \(destination.name))" }
    public var citation: String { "Mishra et al., IEEE Comm. Mag. 2012; Verma et al., pMapper, Middleware 2008" }
    public var goals: Set<Goal> { [.consolidate] }
    public var workGrowth: WorkGrowth { .quadratic }

    public func solve(_ instance: Instance, goal: Goal, options: SolveOptions) throws -> SolveResult {
        try PackingSupport.check(instance)
        let context = PolicyContext(seed: options.seed)
        var (state, repairNotes) = GoalSupport.repairedStart(instance)
        let budget = GoalSupport.Budget(instance, options)
        let failed = GoalSupport.placeNewcomers(&state, destination: destination, context: context, budget: budget)
        var donors = instance.hosts.indices.filter { state.vmCount[$0] > 0 }
        let key = donors.map { GoalSupport.loadKey(state, $0) }
        let byKey = Dictionary(uniqueKeysWithValues: zip(donors, key))
        donors.sort { byKey[$0]! != byKey[$1]! ? byKey[$0]! < byKey[$1]! : $0 < $1 }
        var notes: [String] = repairNotes
        var emptied = 0
        for (position, donor) in donors.enumerated() {
            let vms = selection.order(vmsOn: donor, state: state, context: context)
            if vms.contains(where: { instance.vms[$0].pinned }) { continue }
            // Receivers: hosts after the donor in load order (more loaded) that still run VMs.
            let receivers = donors[(position + 1)...].filter { state.vmCount[$0] > 0 }
            guard !receivers.isEmpty else { break }
            var moved: [(vm: Int, from: Int)] = []
            var ok = true
            var handled = Set<Int>()
            for vm in vms where !handled.contains(vm) {
                let unit = affinityUnit(of: vm, on: donor, state: state)
                for member in unit { handled.insert(member); state.remove(vm: member) }
                var target: Int? = nil
                if unit.count == 1 {
                    let candidates = receivers.filter { state.canPlaceUnderThreshold(vm: vm, on: $0) }
                    target = destination.destination(for: vm, candidates: candidates, state: state, context: context)
                    if let h = target { state.place(vm: vm, on: h) }
                } else {
                    target = receivers.first { PackingSupport.tryPlace(unit, on: $0, state: &state, underThreshold: true) }
                }
                guard target != nil else {
                    for member in unit { state.place(vm: member, on: donor) }
                    ok = false
                    break
                }
                moved += unit.map { ($0, donor) }
                if !budget.allows(budget.voluntary(state)) { ok = false; break }
            }
            if !ok {
                for (vm, from) in moved.reversed() { state.remove(vm: vm); state.place(vm: vm, on: from) }
                if let limit = budget.limit, budget.voluntary(state) >= limit { notes.append("migration budget \(limit) reached"); break }
                continue
            }
            emptied += 1
        }
        notes.append("\(emptied) host(s) emptied and can be switched off; \(budget.note(state))")
        let construction = PackingSupport.result(state, unplacedUnits: failed, method: name, goal: goal, notes: notes)
        return GoalFinish.finish(construction, instance, goal: goal, options: options, limits: engineLimits,
                                 receiversUnderThreshold: true)
    }

    /// `vm` and the members of its affinity group on `host` (they move together).
    func affinityUnit(of vm: Int, on host: Int, state: PackingState) -> [Int] {
        var unit = [vm]
        for rule in state.instance.affinity where rule.vms.contains(vm) {
            for other in rule.vms where other != vm && state.placement[other] == host && !unit.contains(other) { unit.append(other) }
        }
        return unit
    }
}
