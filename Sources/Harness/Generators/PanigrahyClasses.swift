import PlacementModel

/// Vector bin packing instances of classes 1–9 as used by Panigrahy, Talwar, Uyeda, Wieder,
/// "Heuristics for Vector Bin Packing" (Microsoft Research, 2011), after the classes of
/// Spieksma (1994) and Caprara & Toth (2001). Hosts are identical bins, as many as VMs (every
/// packing is representable, as with `.vbp` import). Rules (per dimension unless stated):
/// * class 1–5: capacity 1000, sizes U[100,400], U[1,1000], U[200,800], U[50,200], U[25,100];
/// * class 6: capacity 150, sizes U[20,100];
/// * class 7 (positively correlated): capacity 150; dimensions in pairs: the first U[20,120],
///   the second the first + U[−10,10] (clamped to [1,150]); an unpaired last dimension U[20,120];
/// * class 8 (negatively correlated): capacity 150; pairs: the first U[20,100], the second
///   120 − first + U[−10,10] (clamped to [1,150]);
/// * class 9 (similar sum, our reading): capacity 100; sizes in [1,100] whose sum over the
///   dimensions is exactly T, T drawn in 50·d·[0.9, 1.1]: shares proportional to U[1,100] draws.
/// Classes 7–9 follow the published descriptions, not the exact published files: to reproduce
/// published numbers, score the bundled `.vbp` files with their known optima instead.
/// - Complexity: O(n·d).
public enum PanigrahyClasses {
    public static func capacity(ofClass number: Int) -> Double {
        switch number {
        case 1...5: return 1000
        case 6, 7, 8: return 150
        default: return 100
        }
    }

    /// Instance `class<number>_<n>_<d>_<index>`.
    public static func make(classNumber: Int, vmCount n: Int, dimensions d: Int, index: Int, seed: UInt64) -> Instance {
        let name = "class\(classNumber)_\(n)_\(d)_\(index)"
        var random = GeneratorRandom(seed: GeneratorRandom.instanceSeed(seed: seed, name: "class\(classNumber)_\(n)_\(d)", index: index))
        let capacity = capacity(ofClass: classNumber)
        func clamp(_ value: Int, _ upper: Int) -> Double { Double(min(upper, max(1, value))) }
        var vms: [VirtualMachine] = []
        for v in 0..<n {
            var demand = Array(repeating: 0.0, count: d)
            switch classNumber {
            case 1...6:
                let ranges = [1: 100...400, 2: 1...1000, 3: 200...800, 4: 50...200, 5: 25...100, 6: 20...100]
                let range = ranges[classNumber] ?? 1...100
                for k in 0..<d { demand[k] = Double(random.int(in: range)) }
            case 7, 8:
                var k = 0
                while k < d {
                    let first = classNumber == 7 ? random.int(in: 20...120) : random.int(in: 20...100)
                    demand[k] = Double(first)
                    if k + 1 < d {
                        let noise = random.int(in: -10...10)
                        demand[k + 1] = classNumber == 7 ? clamp(first + noise, 150) : clamp(120 - first + noise, 150)
                    }
                    k += 2
                }
            default:
                // Sum target T in 50·d·[0.9, 1.1]; shares proportional to U[1,100] draws, clamped
                // to [1,100], then ±1 steps round-robin until the sum is exactly T.
                let raw = (0..<d).map { _ in Double(random.int(in: 1...100)) }
                let target = Int((50.0 * Double(d) * (0.9 + 0.2 * random.unit())).rounded())
                let total = max(1, raw.reduce(0, +))
                var parts = raw.map { min(100, max(1, Int(($0 / total * Double(target)).rounded()))) }
                var k = random.int(in: 0...(d - 1))
                var sum = parts.reduce(0, +)
                while sum != target {
                    if sum < target, parts[k] < 100 { parts[k] += 1; sum += 1 }
                    else if sum > target, parts[k] > 1 { parts[k] -= 1; sum -= 1 }
                    k = (k + 1) % d
                }
                for k in 0..<d { demand[k] = Double(parts[k]) }
            }
            vms.append(VirtualMachine(id: "v\(v + 1)", demand: ResourceVector(demand)))
        }
        let hosts = (0..<max(1, n)).map { Host(id: "h\($0 + 1)", capacity: ResourceVector(Array(repeating: capacity, count: d))) }
        return Instance(name: name, dimensions: (0..<d).map { "d\($0 + 1)" }, hosts: hosts, vms: vms)
    }
}
