import LinearProgramming

/// Small hand-written models with known optima, and seeded generators.
enum TestModels {
    /// 0–1 knapsack, maximise value. Weights 12, 2, 1, 1, 4; values 4, 2, 1, 2, 10; capacity 15.
    /// Unique optimum: items 1–4 (zero-based), value 15, plus `offset`.
    static func knapsack(offset: Double = 0) -> MIP {
        let weights: [Double] = [12, 2, 1, 1, 4]
        let values: [Double] = [4, 2, 1, 2, 10]
        var mip = MIP(name: "knapsack", sense: .maximize, objectiveOffset: offset)
        for index in weights.indices { mip.addColumn(.binary("take_\(index)", objective: values[index])) }
        mip.addRow(.init(name: "capacity", columns: Array(weights.indices), coefficients: weights,
                         upperBound: 15))
        return mip
    }

    static let knapsackOptimum: [Double] = [0, 1, 1, 1, 1]

    /// Textbook bin-packing assignment model, one or more dimensions: minimise the hosts used.
    /// `sizes[item][dimension]`, every host has `capacity` in every dimension.
    static func binPacking(sizes: [[Double]], capacity: Double, hosts: Int) -> MIP {
        var mip = MIP(name: "binpacking", sense: .minimize)
        let dimensions = sizes.first?.count ?? 1
        var used: [Int] = []
        for host in 0..<hosts { used.append(mip.addColumn(.binary("y_\(host)", objective: 1))) }
        var assign: [[Int]] = []
        for item in sizes.indices {
            assign.append((0..<hosts).map { host in mip.addColumn(.binary("x_\(item)_\(host)")) })
        }
        for item in sizes.indices {
            mip.addRow(.init(name: "assign_\(item)", columns: assign[item],
                             coefficients: Array(repeating: 1, count: hosts), lowerBound: 1, upperBound: 1))
        }
        for host in 0..<hosts {
            for dimension in 0..<dimensions {
                mip.addRow(.init(name: "cap_\(host)_\(dimension)",
                                 columns: sizes.indices.map { assign[$0][host] } + [used[host]],
                                 coefficients: sizes.map { $0[dimension] } + [-capacity],
                                 upperBound: 0))
            }
        }
        return mip
    }

    /// Three items of size 4, capacity 10, three hosts: LP bound 1.2, optimum 2.
    static func smallBinPacking() -> MIP {
        binPacking(sizes: [[4], [4], [4]], capacity: 10, hosts: 3)
    }

    /// A two-host solution of ``smallBinPacking()``: items 0 and 1 on host 0, item 2 on host 1.
    static let smallBinPackingTwoHosts: [Double] = {
        // columns: y_0 y_1 y_2, then x_item_host row-major
        var values = [1.0, 1, 0]
        let placement = [0, 0, 1]
        for item in 0..<3 { for host in 0..<3 { values.append(placement[item] == host ? 1 : 0) } }
        return values
    }()

    /// Deterministic pseudo-random numbers (64-bit LCG), so models are the same on every run.
    struct Generator {
        var state: UInt64
        mutating func next(in range: ClosedRange<Int>) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
    }

    /// `items` items with sizes U[10, 50] in `dimensions` dimensions, capacity 100.
    static func randomBinPacking(items: Int, dimensions: Int, hosts: Int, seed: UInt64) -> MIP {
        var generator = Generator(state: seed)
        let sizes = (0..<items).map { _ in (0..<dimensions).map { _ in Double(generator.next(in: 10...50)) } }
        return binPacking(sizes: sizes, capacity: 100, hosts: hosts)
    }

    /// A random 0–1 knapsack (maximise) with `items` items.
    static func randomKnapsack(items: Int, seed: UInt64) -> MIP {
        var generator = Generator(state: seed)
        var mip = MIP(name: "knapsack_\(seed)", sense: .maximize)
        var weights: [Double] = []
        for index in 0..<items {
            weights.append(Double(generator.next(in: 5...60)))
            mip.addColumn(.binary("take_\(index)", objective: Double(generator.next(in: 5...60))))
        }
        mip.addRow(.init(name: "capacity", columns: Array(0..<items), coefficients: weights,
                         upperBound: weights.reduce(0, +) / 3))
        return mip
    }
}
