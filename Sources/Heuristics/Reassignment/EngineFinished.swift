import PlacementModel

/// A goal method whose construction the reassignment engine improves; `engineLimits` sets the
/// engine's work (nil: ``ReassignmentSearch/Limits/standard(vmCount:seconds:)``).
public protocol EngineFinished: PlacementModel.PlacementMethod {
    var engineLimits: ReassignmentSearch.Limits? { get set }
}

extension EngineFinished {
    /// The same method with other engine limits.
    public func with(engineLimits limits: ReassignmentSearch.Limits) -> Self {
        var copy = self
        copy.engineLimits = limits
        return copy
    }
}
