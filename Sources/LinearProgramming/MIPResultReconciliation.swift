extension MIPResult {
    /// What every backend does to its raw result: rounds near-integral values of integer columns
    /// (within `integralityTolerance`), recomputes the objective from the values (offset
    /// included), declares optimal a feasible result whose bound meets the incumbent (or ⌈bound⌉
    /// with ``MIPSolveOptions/integralObjective``), clips a bound past the incumbent (numerical
    /// noise) and fills the gap. A result without a solution loses its values and objective.
    ///
    /// - Complexity: O(columns).
    public mutating func reconcile(with mip: MIP, options: MIPSolveOptions, integralityTolerance: Double) {
        guard self.status == .optimal || self.status == .feasible, !self.values.isEmpty else {
            self.values = []
            self.objective = nil
            self.gap = nil
            return
        }
        for (index, column) in mip.columns.enumerated() where column.isInteger {
            let rounded = self.values[index].rounded()
            if abs(self.values[index] - rounded) <= integralityTolerance { self.values[index] = rounded }
        }
        let objective = mip.evaluate(self.values)
        self.objective = objective
        let maximize = mip.sense == .maximize
        if self.status == .feasible, options.integralObjective, let bound = self.bestBound {
            let rounded = maximize ? (bound + 1e-6).rounded(.down) : (bound - 1e-6).rounded(.up)
            let tolerance = 1e-9 * (1 + abs(rounded))
            if maximize ? objective >= rounded - tolerance : objective <= rounded + tolerance {
                self.status = .optimal // the incumbent meets the integral bound: proven optimal
            }
        }
        if self.status == .feasible, let bound = self.bestBound,
           maximize ? bound <= objective + 1e-9 * (1 + abs(objective))
                    : bound >= objective - 1e-9 * (1 + abs(objective)) {
            self.status = .optimal // the bound meets the incumbent
        }
        if self.status == .optimal {
            self.bestBound = objective
        } else if let bound = self.bestBound {
            // A bound past the incumbent is only numerical noise.
            self.bestBound = maximize ? max(bound, objective) : min(bound, objective)
        }
        if let bound = self.bestBound {
            self.gap = self.status == .optimal ? 0 : MIPResult.relativeGap(objective: objective, bound: bound)
        }
    }
}
