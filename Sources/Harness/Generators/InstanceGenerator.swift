import Foundation
import InstanceFormats
import PlacementModel

/// `vmplace generate`: seeded, documented instance classes written as JSON instance files.
/// The same class, parameters and seed always give the same bytes.
public enum InstanceGenerator {
    /// A generator class.
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        /// Panigrahy et al. class 1–9 (``PanigrahyClasses``).
        case panigrahy(Int)
        /// AWS-like catalogue mix (``CloudCatalogue``).
        case cloud
        /// Known optimum by construction (``PlantedOptimum``).
        case planted
        /// Hot and cold spots with a current placement (``MigrationScenario``), in a variant.
        case migration(MigrationScenario.Variant)

        /// Parses `class1`…`class9` (or `1`…`9`), `cloud`, `planted`, `migration`, `migcheap`,
        /// `migtraffic`, `migsharing`, `migrules`.
        public init(parsing text: String) throws(InvalidInput) {
            let lower = text.lowercased()
            switch lower {
            case "cloud": self = .cloud
            case "planted": self = .planted
            default:
                if let variant = MigrationScenario.Variant(rawValue: lower) { self = .migration(variant); return }
                let digits = lower.hasPrefix("class") ? String(lower.dropFirst(5)) : lower
                guard let number = Int(digits), (1...9).contains(number) else {
                    throw InvalidInput([Diagnostic(.error, path: "--class", "unknown class \"\(text)\"; expected class1…class9, cloud, planted, migration, migcheap, migtraffic, migsharing or migrules")])
                }
                self = .panigrahy(number)
            }
        }

        public var description: String {
            switch self {
            case .panigrahy(let number): return "class\(number)"
            case .cloud: return "cloud"
            case .planted: return "planted"
            case .migration(let variant): return variant.rawValue
            }
        }

        public static let allNames = (1...9).map { "class\($0)" } + ["cloud", "planted"] + MigrationScenario.Variant.allCases.map(\.rawValue)
    }

    /// The instances for `count` indices `0..<count`; instance k does not depend on `count`.
    public static func instances(kind: Kind, count: Int, vmCount n: Int, dimensions d: Int, seed: UInt64) -> [Instance] {
        (0..<max(0, count)).map { index in
            switch kind {
            case .panigrahy(let number): return PanigrahyClasses.make(classNumber: number, vmCount: n, dimensions: d, index: index, seed: seed)
            case .cloud: return CloudCatalogue.make(vmCount: n, index: index, seed: seed)
            case .planted: return PlantedOptimum.make(vmCount: n, dimensions: d, index: index, seed: seed)
            case .migration(let variant): return MigrationScenario.make(vmCount: n, index: index, seed: seed, variant: variant)
            }
        }
    }

    /// Writes `<out>/<instance name>.json` atomically for each instance; returns the paths.
    /// The folder is the output the user asked for, so it is created (`AtomicFile` creates none).
    public static func write(_ instances: [Instance], to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try instances.map { instance in
            let path = (directory as NSString).appendingPathComponent(instance.name + ".json")
            try AtomicFile.write(InstanceJSON.encode(instance), to: path)
            return path
        }
    }
}
