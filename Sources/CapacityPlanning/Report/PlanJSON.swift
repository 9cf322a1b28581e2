import InstanceFormats
import Migration

/// plan.json and backtest.json (schemas: `Instances/capacity/plan.schema.json`,
/// `Instances/capacity/backtest.schema.json`). Keys in a fixed order: same input, same bytes.
public enum PlanJSON {
    public static func plan(_ p: CapacityPlan) -> JSONOutput {
        var o: [(String, JSONOutput)] = []
        func n(_ v: Int) -> JSONOutput { .number(Double(v)) }
        o.append(("format", .string("vmplace-capacity-plan")))
        o.append(("version", .number(1)))
        o.append(("date", .string(p.date.description)))
        o.append(("vms", n(p.vmCount)))
        o.append(("dimensions", .inlineArray(p.dimensions.map { .string($0) })))
        o.append(("horizonDays", n(p.horizonDays)))
        o.append(("sizing", .string(p.sizing.rawValue)))
        o.append(("slotsPerDay", n(p.slots)))
        o.append(("inventoryHosts", n(p.inventoryHosts)))
        o.append(("hostsNeeded", n(p.timeSlot.hostsNeeded)))
        o.append(("lowerBound", n(p.timeSlot.lowerBound)))
        o.append(("boundMethod", .string(p.timeSlot.boundMethod)))
        o.append(("packingMethod", .string(p.timeSlot.method)))
        o.append(("packingMethodReason", .optionalString(p.timeSlot.methodReason)))
        o.append(("shortfall", n(p.timeSlot.shortfall)))
        o.append(("hostsNeededPeakSizing", n(p.peak.hostsNeeded)))
        o.append(("lowerBoundPeakSizing", n(p.peak.lowerBound)))
        o.append(("failover", failover(p.failover)))
        o.append(("hotSpots", .array(p.hotSpots.map(hotSpot))))
        o.append(("hotSpotNote", .optionalString(p.hotSpotNote)))
        o.append(("advice", p.advice.map(advice) ?? .null))
        o.append(("rightSizing", .array(p.rightSizing.map(finding))))
        o.append(("runway", runway(p.runway)))
        o.append(("whatIfs", .array(p.whatIfs.map(whatIf))))
        let mase: [(String, JSONOutput)] = p.backtestMASE.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) }
        o.append(("forecast", .object([("methods", counts(p.methodCounts)), ("bands", counts(p.bandCounts)), ("backtestMeanMASE", .object(mase))])))
        o.append(("hostsPerSlot", .numbers(p.hostsPerSlot.map(Double.init))))
        o.append(("boundPerSlot", .numbers(p.boundPerSlot.map(Double.init))))
        o.append(("placement", .object(placementPairs(p.timeSlot))))
        return .object(o)
    }

    static func failover(_ f: FailoverCheck.Result) -> JSONOutput {
        .object([("k", .number(Double(f.k))), ("spareHosts", .number(Double(f.spares))), ("hostsNeeded", .number(Double(f.hostsNeeded))),
                 ("failureSetsChecked", .number(Double(f.failureSetsChecked))), ("verified", .bool(f.verified))])
    }

    static func finding(_ f: RightSizingFinding) -> JSONOutput {
        .object([("vm", .string(f.vm)), ("kind", .string(f.kind.rawValue)), ("dimension", .string(f.dimension)),
                 ("provisioned", .number(f.provisioned)), ("p95", .number(f.p95)), ("suggested", .number(f.suggested))])
    }

    static func runway(_ r: RunwayEstimate) -> JSONOutput {
        let growth: [(String, JSONOutput)] = r.dailyGrowth.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) }
        return .object([("conservativeDays", .optionalNumber(r.conservativeDays)), ("aggressiveDays", .optionalNumber(r.aggressiveDays)),
                        ("dailyGrowth", .object(growth))])
    }

    static func whatIf(_ w: WhatIfResult) -> JSONOutput {
        let members: [(String, JSONOutput)] = [
            ("name", .string(w.name)), ("hostsNeeded", .number(Double(w.hostsNeeded))), ("lowerBound", .number(Double(w.lowerBound))),
            ("deltaHosts", .number(Double(w.deltaHosts))), ("shortfall", .number(Double(w.shortfall))),
            ("inventoryHosts", .number(Double(w.inventoryHosts))), ("hotSpots", .number(Double(w.hotSpots))),
            ("displacedVMs", .number(Double(w.displacedVMs)))]
        return .object(members)
    }

    /// backtest.json: the latest split's measures at the top level, then every split and the mean and worst over them.
    public static func backtest(_ multi: MultiOriginBacktest) -> JSONOutput {
        let spreads: [(String, JSONOutput)] = multi.measures.map { m in (m.name, .object([("mean", .number(m.spread.mean)), ("worst", .number(m.spread.worst))])) }
        return .object([("format", .string("vmplace-capacity-backtest")), ("version", .number(1))] + backtestFields(multi.latest)
            + [("origins", .array(multi.splits.map { .object(backtestFields($0)) })), ("summary", .object(spreads))])
    }

    static func backtestFields(_ b: BacktestResult) -> [(String, JSONOutput)] {
        [
            ("firstHeldOutDate", .string(b.firstDay.description)),
            ("holdoutDays", .number(Double(b.holdoutDays))), ("vms", .number(Double(b.vmCount))),
            ("forecast", .object(b.forecast.map { a in
                (a.dimension, .object([("meanMASE", .number(a.meanMASE)), ("medianP95Error", .number(a.medianP95Error)),
                                       ("shareP95UnderForecastOver10pct", .number(a.shareP95UnderForecastOver10pct)),
                                       ("vmsScoredMASE", .number(Double(a.vmsScoredMASE))), ("vmsScoredP95", .number(Double(a.vmsScoredP95)))]))
            })),
            ("hostsPlanned", .number(Double(b.hostsPlanned))), ("lowerBound", .number(Double(b.lowerBound))),
            ("hostsOracle", .number(Double(b.hostsOracle))), ("plannedOverOracle", .number(b.plannedOverOracle)),
            ("overloadedHostIntervalShare", .number(b.overloadedHostIntervalShare)),
            ("hostsPlannedPeakSizing", .number(Double(b.hostsPlannedPeakSizing))), ("hostsOraclePeakSizing", .number(Double(b.hostsOraclePeakSizing))),
            ("overloadedHostIntervalSharePeakSizing", .number(b.overloadedHostIntervalSharePeakSizing)),
            ("packingMethod", .string(b.packingMethod)),
            ("methods", counts(b.methodCounts)), ("bands", counts(b.bandCounts)),
        ]
    }

    static func counts(_ c: [String: Int]) -> JSONOutput { .object(c.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) }) }

    static func hotSpot(_ s: HotSpot) -> JSONOutput {
        .object([("host", .string(s.host)), ("dimension", .string(s.dimension)), ("firstTime", .string(s.firstTime)),
                 ("firstStep", .number(Double(s.firstStep))), ("peakUtilisation", .number(s.peakUtilisation)),
                 ("threshold", .number(s.threshold)), ("stepsOver", .number(Double(s.stepsOver)))])
    }

    static func advice(_ a: MigrationAdvice) -> JSONOutput {
        var members: [(String, JSONOutput)] = [("status", .string(a.status)), ("method", .string(a.method)), ("migrations", .number(Double(a.migrations)))]
        if let r = a.report {
            members += [("waves", .number(Double(r.waveCount))), ("makespanSeconds", .number(r.makespanSeconds)), ("totalCost", .number(r.totalCost)),
                        ("reachesTarget", .bool(r.reachesTarget)),
                        ("moves", .array(r.moves.map { m in
                            .object([("wave", .number(Double(m.wave))), ("vm", .string(m.vm)), ("from", .string(m.from)), ("to", .string(m.to)),
                                     ("seconds", .number(m.seconds)), ("cost", .number(m.cost))])
                        }))]
        }
        members.append(("notes", .array(a.notes.map { .string($0) })))
        return .object(members)
    }

    static func placementPairs(_ r: HostsNeededPacking.Result) -> [(String, JSONOutput)] {
        r.placement.hostOfVM.enumerated().map { v, h in (r.instance.vms[v].id, .string(h.map { r.instance.hosts[$0].id } ?? "")) }
    }
}
