/// Idle and oversized VMs from their history: idle when the p95 CPU is under `idleCPUFraction` of
/// the provisioned CPU; oversized in a dimension when its p95 is under `oversizedFraction` of the
/// provisioned size (Bitbrains traces state both; otherwise the inventory's VM demand).
///
/// The provisioned-versus-used analysis of Shen, van Beek, Iosup (CCGrid 2015), §V.
///
/// - Complexity: O(VMs · d · steps log steps).
public enum RightSizing {
    public static func find(_ history: DemandHistory, config: PlanningConfig) -> [RightSizingFinding] {
        let cpu = history.dimensions.firstIndex { $0.lowercased() == "cpu" }
        var findings: [RightSizingFinding] = []
        for vm in history.vms {
            let p95 = vm.series.map { Quantile.of($0, 0.95) }
            if let cpu, let provisioned = vm.provisioned[cpu], provisioned > 0, p95[cpu] < config.idleCPUFraction * provisioned {
                findings.append(RightSizingFinding(vm: vm.id, kind: .idle, dimension: history.dimensions[cpu], provisioned: provisioned,
                                                   p95: p95[cpu], suggested: suggested(vm.series[cpu], provisioned)))
                continue
            }
            for k in vm.series.indices {
                guard let provisioned = vm.provisioned[k], provisioned > 0, p95[k] < config.oversizedFraction * provisioned else { continue }
                findings.append(RightSizingFinding(vm: vm.id, kind: .oversized, dimension: history.dimensions[k], provisioned: provisioned,
                                                   p95: p95[k], suggested: suggested(vm.series[k], provisioned)))
            }
        }
        return findings
    }

    static func suggested(_ series: [Double], _ provisioned: Double) -> Double {
        min(provisioned, Quantile.of(series, 0.99) * 1.2)
    }
}
