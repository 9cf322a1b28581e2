import XCTest
@testable import Platform

/// The kernel CPU lists behind ``AvailableCores``.
final class AvailableCoresTests: XCTestCase {
    func testCPUListsCount() {
        XCTAssertEqual(AvailableCores.cpuListCount("0"), 1)
        XCTAssertEqual(AvailableCores.cpuListCount("0-1"), 2)
        XCTAssertEqual(AvailableCores.cpuListCount("0-3,6"), 5)
        XCTAssertEqual(AvailableCores.cpuListCount(" 2-5,8-9 "), 6)
        XCTAssertNil(AvailableCores.cpuListCount(""))
        XCTAssertNil(AvailableCores.cpuListCount("3-1"))
        XCTAssertNil(AvailableCores.cpuListCount("x"))
        XCTAssertGreaterThanOrEqual(AvailableCores.count, 1)
    }
}
