import Foundation
import XCTest
@testable import InstanceFormats

/// The published JSON Schema and the decoder accept the same fields.
final class SchemaConsistencyTests: XCTestCase {
    func testSchemaPropertiesMatchTheDecoder() throws {
        let url = RoundTripTests.repositoryRoot.appendingPathComponent("Instances/instance.schema.json")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let properties = schema["properties"] as! [String: Any]
        XCTAssertEqual(Set(properties.keys), Set(InstanceJSON.topLevelKeys))
        func itemKeys(_ key: String) -> Set<String> {
            let items = (properties[key] as! [String: Any])["items"] as! [String: Any]
            return Set((items["properties"] as! [String: Any]).keys)
        }
        XCTAssertEqual(itemKeys("hosts"), Set(InstanceJSON.hostKeys))
        XCTAssertEqual(itemKeys("vms"), Set(InstanceJSON.vmKeys))
        XCTAssertEqual(schema["required"] as? [String], ["version", "dimensions", "hosts", "vms"])
    }

    func testEveryFieldIsDocumented() throws {
        let readme = try String(contentsOf: RoundTripTests.repositoryRoot.appendingPathComponent("Instances/README.md"), encoding: .utf8)
        for key in InstanceJSON.topLevelKeys + InstanceJSON.hostKeys + InstanceJSON.vmKeys {
            XCTAssertTrue(readme.contains("`\(key)") || readme.contains("`\(key).") , "Instances/README.md documents \(key)")
        }
    }
}
