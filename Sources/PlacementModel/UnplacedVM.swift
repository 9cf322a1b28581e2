/// A VM a method could not place, and why.
public struct UnplacedVM: Sendable, Hashable {
    public var vm: Int
    public var reason: String
    public init(vm: Int, reason: String) {
        self.vm = vm
        self.reason = reason
    }
}
