/// First fit decreasing (by the sum of normalised demand) on identical hosts, counting hosts only:
/// the quick per-slot figure of the hosts-over-the-horizon chart.
///
/// Johnson, "Near-optimal bin packing algorithms", MIT PhD thesis (1973).
///
/// - Complexity: O(n log n + n·H·d), H hosts opened.
public enum FirstFitDecreasingCount {
    public static func hosts(_ demands: [[Double]], capacity: [Double]) -> Int {
        func size(_ v: [Double]) -> Double { zip(v, capacity).reduce(0) { $0 + ($1.1 > 0 ? $1.0 / $1.1 : 0) } }
        let order = demands.indices.sorted { size(demands[$0]) != size(demands[$1]) ? size(demands[$0]) > size(demands[$1]) : $0 < $1 }
        var residual: [[Double]] = []
        for v in order {
            let demand = demands[v]
            if let h = residual.firstIndex(where: { r in zip(demand, r).allSatisfy { $0 <= $1 + 1e-9 * max(1, abs($1)) } }) {
                for k in demand.indices { residual[h][k] -= demand[k] }
            } else {
                residual.append(zip(capacity, demand).map { $0 - $1 })
            }
        }
        return residual.count
    }
}
