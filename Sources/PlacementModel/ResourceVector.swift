/// A demand or capacity with one value per named dimension of an ``Instance``
/// (cpu, mem, net, disk, … in the order of `Instance.dimensions`).
public struct ResourceVector: Hashable, Sendable, CustomStringConvertible {
    public var values: [Double]

    public init(_ values: [Double]) { self.values = values }

    /// The zero vector of `count` dimensions.
    public static func zero(_ count: Int) -> ResourceVector { ResourceVector(Array(repeating: 0, count: count)) }

    public var count: Int { values.count }

    public subscript(dimension: Int) -> Double {
        get { values[dimension] }
        set { values[dimension] = newValue }
    }

    public static func + (a: ResourceVector, b: ResourceVector) -> ResourceVector {
        ResourceVector(zip(a.values, b.values).map { $0 + $1 })
    }

    public static func - (a: ResourceVector, b: ResourceVector) -> ResourceVector {
        ResourceVector(zip(a.values, b.values).map { $0 - $1 })
    }

    public static func += (a: inout ResourceVector, b: ResourceVector) {
        for k in a.values.indices { a.values[k] += b.values[k] }
    }

    public static func -= (a: inout ResourceVector, b: ResourceVector) {
        for k in a.values.indices { a.values[k] -= b.values[k] }
    }

    /// True when every component is at most the other's (with a relative tolerance for
    /// floating-point sums).
    public func fits(within capacity: ResourceVector, tolerance: Double = 1e-9) -> Bool {
        for k in values.indices where values[k] > capacity.values[k] + tolerance * max(1, abs(capacity.values[k])) {
            return false
        }
        return true
    }

    /// Component-wise ratio to `capacity` (0 where the capacity is 0 and the value is 0,
    /// infinity where the capacity is 0 and the value is not).
    public func normalized(by capacity: ResourceVector) -> [Double] {
        values.indices.map { k in
            let c = capacity.values[k]
            if c > 0 { return values[k] / c }
            return values[k] > 0 ? .infinity : 0
        }
    }

    public var description: String {
        "(" + values.map { formatNumber($0) }.joined(separator: ", ") + ")"
    }
}

/// A number for messages: integers without a fraction, others to 12 significant digits, so that
/// floating-point noise does not show (`(0.85 - 0.7) * 1000` reads `150`, not
/// `149.99999999999997`) while any difference the checker's 1e-9 tolerance can see still does.
public func formatNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    guard value.isFinite, value != 0 else { return "\(value)" }
    // Decimal places that keep 12 significant digits (the binary exponent gives the decimal one
    // to within one, which only changes the count by one digit).
    let places = 11 - Int((Double(value.exponent) * 0.30103).rounded(.down))
    guard (0...22).contains(places) else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
    return "\(rounded)"
}
