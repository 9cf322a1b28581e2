extension MIP {
    /// The model as the LP and MPS writers put it in a file, so that every reader finds the same
    /// optimum: a nonzero ``objectiveOffset`` becomes a column fixed at 1 (named
    /// `objective_constant`, with underscores appended while that name is taken) whose objective
    /// coefficient is the offset (CPLEX LP has no portable constant, MPS none at all), and, when
    /// `minimizeOnly`, a maximisation becomes the minimisation of the negated objective (MPS has
    /// no portable objective sense: readers then report −optimum).
    ///
    /// - Complexity: O(columns).
    public func fileModel(minimizeOnly: Bool) -> MIP {
        var model = self
        if minimizeOnly && model.sense == .maximize {
            model.sense = .minimize
            model.objectiveOffset = -model.objectiveOffset
            for index in model.columns.indices { model.columns[index].objective = -model.columns[index].objective }
        }
        if model.objectiveOffset != 0 {
            let taken = Set(model.columns.map(\.name))
            var name = "objective_constant"
            while taken.contains(name) { name += "_" }
            model.addColumn(.init(name: name, lowerBound: 1, upperBound: 1, objective: model.objectiveOffset))
            model.objectiveOffset = 0
        }
        return model
    }

    /// A number as LP and MPS files write it: shortest round-trip decimal, integers without ".0".
    static func fileNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
