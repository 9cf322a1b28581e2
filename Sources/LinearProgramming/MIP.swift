/// A solver-neutral mixed-integer linear program, as plain data (in the spirit of HiGHS'
/// `HighsLp` and OR-Tools' `MPModelProto`). Formulations build one; a backend
/// (``MIPSolver``) consumes it. Indices are zero-based everywhere in this module.
public struct MIP: Sendable, Equatable {
    public enum Sense: String, Sendable, Equatable { case minimize, maximize }

    /// One decision variable.
    public struct Column: Sendable, Equatable {
        /// A name of the form `[A-Za-z_][A-Za-z0-9_]*` (LP/MPS writers rely on it).
        public var name: String
        public var lowerBound: Double
        /// `.infinity` for none.
        public var upperBound: Double
        public var objective: Double
        public var isInteger: Bool

        public init(name: String, lowerBound: Double = 0, upperBound: Double = .infinity,
                    objective: Double = 0, isInteger: Bool = false) {
            self.name = name
            self.lowerBound = lowerBound
            self.upperBound = upperBound
            self.objective = objective
            self.isInteger = isInteger
        }

        /// A 0–1 variable.
        public static func binary(_ name: String, objective: Double = 0) -> Column {
            Column(name: name, lowerBound: 0, upperBound: 1, objective: objective, isInteger: true)
        }
    }

    /// One linear constraint `lowerBound ≤ Σ coefficients[k]·x[columns[k]] ≤ upperBound`
    /// (use `-.infinity` / `.infinity` for a missing side; equal bounds for an equality).
    public struct Row: Sendable, Equatable {
        public var name: String
        public var columns: [Int]
        public var coefficients: [Double]
        public var lowerBound: Double
        public var upperBound: Double

        public init(name: String, columns: [Int], coefficients: [Double],
                    lowerBound: Double = -.infinity, upperBound: Double = .infinity) {
            self.name = name
            self.columns = columns
            self.coefficients = coefficients
            self.lowerBound = lowerBound
            self.upperBound = upperBound
        }
    }

    public var name: String
    public var sense: Sense
    /// Constant added to the objective.
    public var objectiveOffset: Double
    public var columns: [Column]
    public var rows: [Row]

    public init(name: String = "vmplace", sense: Sense = .minimize, objectiveOffset: Double = 0,
                columns: [Column] = [], rows: [Row] = []) {
        self.name = name
        self.sense = sense
        self.objectiveOffset = objectiveOffset
        self.columns = columns
        self.rows = rows
    }

    /// Appends a column and returns its index.
    @discardableResult
    public mutating func addColumn(_ column: Column) -> Int {
        columns.append(column)
        return columns.count - 1
    }

    /// Appends a row and returns its index.
    @discardableResult
    public mutating func addRow(_ row: Row) -> Int {
        rows.append(row)
        return rows.count - 1
    }
}
