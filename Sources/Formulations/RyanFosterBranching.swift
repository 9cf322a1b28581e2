/// Ryan–Foster branching for the set-covering master of vector bin packing, on pairs of item
/// types of demand 1: a node's decisions say which pairs share a bin ("together") and which do
/// not ("apart"). A node's problem merges each "together" group into one type (sizes added up)
/// and turns each "apart" pair into a conflict between the groups holding them, so its pricing
/// stays a d-dimensional knapsack (with conflicts, ``VectorKnapsack``). Columns of another node
/// enter only when they respect the decisions. For a fractional master solution, a pair of unit
/// types whose bins-in-common Σ λ_p is fractional is the branching pair.
///
/// Ryan, Foster, "An integer programming approach to scheduling", in Computer Scheduling of
/// Public Transport (1981); Vance, Barnhart, Johnson, Nemhauser, "Solving binary cutting stock
/// problems by column generation and branch-and-bound", Computational Optimization and
/// Applications 3 (1994); Sadykov, Vanderbeck, INFORMS J. Computing 25 (2013) (conflicts).
///
/// - Complexity: building a node problem is O(t² + pairs) for t types; mapping a column
///   O(t + apart pairs); choosing the pair O(Σ_p k_p²) over the columns in the LP, k_p the types
///   of column p.
public struct RyanFosterBranching: Sendable {
    /// Two item types (`first < second`).
    public struct TypePair: Hashable, Sendable, Comparable {
        public let first: Int
        public let second: Int
        public init(_ a: Int, _ b: Int) {
            first = min(a, b)
            second = max(a, b)
        }
        public static func < (l: TypePair, r: TypePair) -> Bool { (l.first, l.second) < (r.first, r.second) }
    }

    /// The decisions of one node of the tree (pairs of original types, each of demand 1).
    public struct Decisions: Hashable, Sendable {
        public var together: [TypePair] = []
        public var apart: [TypePair] = []
        public init(together: [TypePair] = [], apart: [TypePair] = []) {
            self.together = together
            self.apart = apart
        }
        /// Whether a pattern over the original types keeps every decision.
        public func admits(_ pattern: [Int]) -> Bool {
            for pair in together where (pattern[pair.first] > 0) != (pattern[pair.second] > 0) { return false }
            for pair in apart where pattern[pair.first] > 0 && pattern[pair.second] > 0 { return false }
            return true
        }
    }

    /// The problem of one node: each "together" group is one type.
    public struct NodeProblem: Sendable {
        /// The original types of each node type.
        public let groups: [[Int]]
        /// The node type of each original type.
        public let groupOf: [Int]
        /// The packing problem over node types (sizes of a group added up).
        public let problem: VectorPackingProblem
        /// Node types that may not share a bin.
        public let conflicts: [[Int]]
        public let decisions: Decisions

        /// The node problem of `decisions` on `original`; nil when no packing keeps them (an
        /// "apart" pair inside a group, or a group that fits no bin).
        public init?(_ original: VectorPackingProblem, decisions: Decisions) {
            let t = original.sizes.count
            var parent = Array(0..<t)
            func root(_ x: Int) -> Int {
                var x = x
                while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
                return x
            }
            for pair in decisions.together { parent[root(pair.second)] = root(pair.first) }
            var indexOfRoot: [Int: Int] = [:]
            var groups: [[Int]] = []
            var groupOf = Array(repeating: 0, count: t)
            for type in 0..<t {
                let r = root(type)
                if let g = indexOfRoot[r] { groups[g].append(type); groupOf[type] = g } else {
                    indexOfRoot[r] = groups.count
                    groupOf[type] = groups.count
                    groups.append([type])
                }
            }
            var conflictSets = Array(repeating: Set<Int>(), count: groups.count)
            for pair in decisions.apart {
                let a = groupOf[pair.first], b = groupOf[pair.second]
                if a == b { return nil }
                conflictSets[a].insert(b)
                conflictSets[b].insert(a)
            }
            let d = original.capacity.count
            let sizes = groups.map { members in
                (0..<d).map { k in members.reduce(0.0) { $0 + original.sizes[$1][k] } }
            }
            let demand = groups.map { members in members.count == 1 ? original.demand[members[0]] : 1 }
            let problem = VectorPackingProblem(capacity: original.capacity, sizes: sizes, demand: demand,
                                               vmsOfType: Array(repeating: [], count: groups.count), hosts: original.hosts,
                                               costPerBin: original.costPerBin)
            for g in groups.indices where demand[g] > 0 {
                var single = Array(repeating: 0, count: groups.count)
                single[g] = 1
                if !problem.fits(single) { return nil }
            }
            self.groups = groups
            self.groupOf = groupOf
            self.problem = problem
            self.conflicts = conflictSets.map { $0.sorted() }
            self.decisions = decisions
        }

        /// A pattern over original types as one over node types; nil when it breaks a decision.
        public func nodePattern(_ pattern: [Int]) -> [Int]? {
            guard decisions.admits(pattern) else { return nil }
            return groups.map { members in members.count == 1 ? pattern[members[0]] : (pattern[members[0]] > 0 ? 1 : 0) }
        }

        /// A pattern over node types as one over original types.
        public func originalPattern(_ pattern: [Int]) -> [Int] {
            var out = Array(repeating: 0, count: groupOf.count)
            for (g, count) in pattern.enumerated() where count > 0 {
                for type in groups[g] { out[type] = groups[g].count == 1 ? count : 1 }
            }
            return out
        }

        /// The branching pair of a master solution (node patterns and their values): the pair of
        /// node types of demand 1 whose bins in common Σ λ_p is fractional and largest (ties: the
        /// smallest pair), as original types; nil when there is none.
        public func branchingPair(patterns: [[Int]], values: [Double], tolerance: Double = 1e-6) -> TypePair? {
            var together: [TypePair: Double] = [:]
            for (p, value) in values.enumerated() where value > tolerance {
                let unit = patterns[p].indices.filter { patterns[p][$0] > 0 && problem.demand[$0] == 1 }
                for (i, a) in unit.enumerated() {
                    for b in unit[(i + 1)...] { together[TypePair(a, b), default: 0] += value }
                }
            }
            let fractional = together.filter { $0.value > tolerance && $0.value < 1 - tolerance }
            guard let best = fractional.min(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) else { return nil }
            return TypePair(groups[best.key.first][0], groups[best.key.second][0])
        }
    }
}
