import Heuristics
import InstanceFormats
import PlacementModel
import XCTest
@testable import Harness

final class GeneratorTests: XCTestCase {
    func testPlantedOptimumIsAFeasiblePackingMatchingL1() throws {
        for seed in UInt64(1)...40 {
            for (n, d) in [(7, 1), (14, 2), (30, 3), (50, 5)] {
                let (instance, packing) = PlantedOptimum.makeWithPacking(vmCount: n, dimensions: d, index: Int(seed % 3), seed: seed)
                let m = PlantedOptimum.plantedHosts(vmCount: n)
                XCTAssertEqual(instance.vms.count, n)
                XCTAssertEqual(PlacementChecker.check(instance, packing), [], "seed \(seed) n \(n) d \(d)")
                XCTAssertEqual(packing.usedHosts.count, m)
                XCTAssertEqual(LowerBoundL1.hostCount(instance), m, "every dimension sums to exactly m·capacity")
                XCTAssertEqual(instance.objective(of: packing, goal: .place), Double(m))
                XCTAssertEqual(instance.known.optimum, Double(m))
                XCTAssertEqual(instance.known.lowerBound, Double(m))
                XCTAssertTrue(instance.vms.allSatisfy { $0.demand.values.allSatisfy { $0 >= 1 } })
            }
        }
    }

    func testSameSeedSameBytesAndDifferentSeedDifferentBytes() throws {
        let root = try temporaryFolder()
        for name in InstanceGenerator.Kind.allNames {
            let kind = try InstanceGenerator.Kind(parsing: name)
            let first = try InstanceGenerator.write(InstanceGenerator.instances(kind: kind, count: 3, vmCount: 20, dimensions: 3, seed: 9), to: root + "/a")
            let second = try InstanceGenerator.write(InstanceGenerator.instances(kind: kind, count: 3, vmCount: 20, dimensions: 3, seed: 9), to: root + "/b")
            for (a, b) in zip(first, second) {
                XCTAssertEqual(FileManager.default.contents(atPath: a), FileManager.default.contents(atPath: b), name)
            }
            let other = InstanceGenerator.instances(kind: kind, count: 1, vmCount: 20, dimensions: 3, seed: 10)
            let same = InstanceGenerator.instances(kind: kind, count: 1, vmCount: 20, dimensions: 3, seed: 9)
            XCTAssertNotEqual(InstanceJSON.encode(other[0]), InstanceJSON.encode(same[0]), name)
            // Instance k does not depend on how many are generated.
            XCTAssertEqual(InstanceJSON.encode(same[0]), try String(contentsOfFile: first[0], encoding: .utf8))
        }
    }

    func testEveryClassIsValidAndReadsBack() throws {
        for name in InstanceGenerator.Kind.allNames {
            let kind = try InstanceGenerator.Kind(parsing: name)
            for instance in InstanceGenerator.instances(kind: kind, count: 4, vmCount: 25, dimensions: 4, seed: 2) {
                let errors = InstanceValidator.validate(instance).filter { $0.severity == .error }
                XCTAssertEqual(errors, [], "\(instance.name)")
                let decoded = try InstanceJSON.decode(InstanceJSON.encode(instance)).instance
                XCTAssertEqual(decoded, instance, instance.name)
                XCTAssertEqual(InstanceIdentity(name: instance.name).instanceClass, name)
            }
        }
    }

    func testPanigrahyClassRanges() {
        let expected: [Int: ClosedRange<Double>] = [1: 100...400, 2: 1...1000, 3: 200...800, 4: 50...200, 5: 25...100, 6: 20...100]
        for (number, range) in expected {
            let instance = PanigrahyClasses.make(classNumber: number, vmCount: 200, dimensions: 3, index: 0, seed: 5)
            let values = instance.vms.flatMap(\.demand.values)
            XCTAssertTrue(values.allSatisfy { range.contains($0) }, "class \(number)")
            XCTAssertLessThan(values.min()! - range.lowerBound, (range.upperBound - range.lowerBound) * 0.1, "spread of class \(number)")
            XCTAssertEqual(instance.hosts[0].capacity[0], PanigrahyClasses.capacity(ofClass: number))
        }
        // Class 7 positively correlated, class 8 negatively (paired dimensions).
        func correlation(_ instance: Instance) -> Double {
            let x = instance.vms.map { $0.demand[0] }, y = instance.vms.map { $0.demand[1] }
            let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
            let cov = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
            let vx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }, vy = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
            return cov / (vx * vy).squareRoot()
        }
        XCTAssertGreaterThan(correlation(PanigrahyClasses.make(classNumber: 7, vmCount: 200, dimensions: 2, index: 0, seed: 5)), 0.9)
        XCTAssertLessThan(correlation(PanigrahyClasses.make(classNumber: 8, vmCount: 200, dimensions: 2, index: 0, seed: 5)), -0.9)
        let similar = PanigrahyClasses.make(classNumber: 9, vmCount: 200, dimensions: 4, index: 0, seed: 5)
        for vm in similar.vms {
            let sum = vm.demand.values.reduce(0, +)
            XCTAssertTrue((170...230).contains(sum), "class 9 sums stay near 50·d: \(sum)")
        }
    }

    func testCloudCatalogueRatios() {
        let instance = CloudCatalogue.make(vmCount: 300, index: 0, seed: 1)
        var ratios = Set<Double>()
        for vm in instance.vms {
            ratios.insert(vm.demand[1] / vm.demand[0])
            XCTAssertTrue([2.0, 4, 8, 16].contains(vm.demand[0]))
            XCTAssertEqual(vm.memoryMiB, vm.demand[1] * 1024)
        }
        XCTAssertEqual(ratios, [2, 4, 8])
    }

    func testMigrationScenarioHasFeasibleCurrentPlacementWithHotAndColdSpots() {
        for seed in UInt64(1)...10 {
            let instance = MigrationScenario.make(vmCount: 40, index: 0, seed: seed)
            let current = instance.currentPlacement
            XCTAssertEqual(PlacementChecker.check(instance, current), [], "current placement within capacity")
            let loads = instance.hostLoads(current)
            let utilisation = instance.hosts.indices.map { loads[$0][0] / instance.hosts[$0].capacity[0] }
            XCTAssertTrue(utilisation.contains { $0 > instance.overloadThreshold[0] }, "a hot spot")
            XCTAssertTrue(utilisation.contains { $0 < instance.underloadThreshold[0] }, "a cold spot")
            let hot = PlacementChecker.check(instance, current, options: .init(enforceOverloadThresholds: true))
            XCTAssertFalse(hot.isEmpty)
            XCTAssertFalse(instance.traffic.isEmpty)
            XCTAssertTrue(instance.vms.allSatisfy { $0.dirtyRateMiBps != nil && $0.currentHost != nil })
            XCTAssertEqual(instance.name, "migration_\(instance.vms.count)_3_0")
        }
    }

    func testUnknownClassIsAClearError() {
        XCTAssertThrowsError(try InstanceGenerator.Kind(parsing: "class10")) { error in
            XCTAssertTrue("\(error)".contains("unknown class \"class10\""))
        }
        XCTAssertEqual(try InstanceGenerator.Kind(parsing: "3"), .panigrahy(3))
    }
}
