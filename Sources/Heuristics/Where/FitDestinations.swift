import PlacementModel

/// Helpers shared by the destination policies.
extension PackingState {
    /// Σ normalised residual of `host` left after `vm` joins it (memory sharing ignored).
    func residualSum(host: Int, adding vm: Int) -> Double {
        utilisation(host: host, adding: vm).reduce(0) { $0 + (1 - $1) }
    }
}

/// Picks the candidate with the smallest key among those where `vm` fits (ties: lowest index).
func bestCandidate(for vm: Int, candidates: [Int], state: PackingState, context: PolicyContext,
                   key: (Int) -> Double) -> Int? {
    var chosen: Int? = nil
    var chosenKey = 0.0
    for h in candidates where !context.excludedHosts.contains(h) && state.canPlace(vm: vm, on: h) {
        let value = key(h)
        if chosen == nil || value < chosenKey || (value == chosenKey && h < chosen!) {
            chosen = h
            chosenKey = value
        }
    }
    return chosen
}
