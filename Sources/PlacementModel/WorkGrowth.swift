/// How a method's work grows with the number of VMs n.
public enum WorkGrowth: String, Sendable {
    /// O(n log n) or O(n·log m) up to factors of the dimensions and rule sizes.
    case nearLinear
    /// Ω(n²) or O(n·m) in the worst case (scans of every VM or host per VM placed).
    case quadratic
}
