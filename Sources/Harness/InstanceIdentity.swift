import Foundation
import InstanceFormats
import PlacementModel

/// An instance's name in the results and its class.
public struct InstanceIdentity: Sendable, Hashable {
    /// File name without directory and extension (`class3_40_5_2`).
    public var name: String
    /// The name with its trailing numeric fields removed (`class3`); see ``classOf(_:)``.
    public var instanceClass: String
    public init(name: String) {
        self.name = name
        self.instanceClass = InstanceIdentity.classOf(name)
    }

    /// The class of an instance name: trailing `_<digits>` / `-<digits>` fields are removed
    /// (`class3_40_5_2` → `class3`, `planted_30_2_4` → `planted`, `web-7` → `web`); a name that is
    /// only digits is its own class.
    public static func classOf(_ name: String) -> String {
        var parts = name.split(omittingEmptySubsequences: false) { $0 == "_" || $0 == "-" }.map(String.init)
        while parts.count > 1, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isASCII), Int(last) != nil {
            parts.removeLast()
        }
        let prefixLength = parts.reduce(0) { $0 + $1.count } + max(0, parts.count - 1)
        return String(name.prefix(prefixLength))
    }
}
