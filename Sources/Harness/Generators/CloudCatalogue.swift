import PlacementModel

/// Cloud-like initial placement instances: VMs drawn from an AWS-like catalogue, so CPU and
/// memory are correlated through the family ratio — compute (1 vCPU : 2 GiB), general purpose
/// (1:4) and memory optimised (1:8) — in sizes large (2 vCPU), xlarge (4), 2xlarge (8) and
/// 4xlarge (16). Family weights 0.25 / 0.5 / 0.25; size weights 0.4 / 0.3 / 0.2 / 0.1.
/// Hosts: identical 64 vCPU / 256 GiB machines, as many as VMs. Dimensions `cpu` (vCPU) and
/// `mem` (GiB); `memoryMiB` set for migration estimates.
/// - Complexity: O(n).
public enum CloudCatalogue {
    public struct InstanceType: Sendable, Hashable {
        public var name: String
        public var vcpu: Double
        public var memoryGiB: Double
    }

    public static let families: [(prefix: String, gibPerVCPU: Double, weight: Double)] = [("c", 2, 0.25), ("m", 4, 0.5), ("r", 8, 0.25)]
    public static let sizes: [(suffix: String, vcpu: Double, weight: Double)] = [("large", 2, 0.4), ("xlarge", 4, 0.3), ("2xlarge", 8, 0.2), ("4xlarge", 16, 0.1)]
    public static let hostCapacity = ResourceVector([64, 256])

    /// One catalogue draw.
    public static func draw(_ random: inout GeneratorRandom) -> InstanceType {
        let family = families[random.pick(weights: families.map(\.weight))]
        let size = sizes[random.pick(weights: sizes.map(\.weight))]
        return InstanceType(name: "\(family.prefix)5.\(size.suffix)", vcpu: size.vcpu, memoryGiB: size.vcpu * family.gibPerVCPU)
    }

    /// Instance `cloud_<n>_2_<index>`.
    public static func make(vmCount n: Int, index: Int, seed: UInt64) -> Instance {
        let name = "cloud_\(n)_2_\(index)"
        var random = GeneratorRandom(seed: GeneratorRandom.instanceSeed(seed: seed, name: "cloud_\(n)", index: index))
        let vms = (0..<n).map { v -> VirtualMachine in
            let type = draw(&random)
            return VirtualMachine(id: "v\(v + 1)-\(type.name)", demand: ResourceVector([type.vcpu, type.memoryGiB]),
                                  memoryMiB: type.memoryGiB * 1024)
        }
        let hosts = (0..<max(1, n)).map { Host(id: "h\($0 + 1)", capacity: hostCapacity) }
        return Instance(name: name, dimensions: ["cpu", "mem"], hosts: hosts, vms: vms)
    }
}
