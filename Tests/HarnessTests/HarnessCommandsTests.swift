import ArgumentParser
import Heuristics
import PlacementModel
import VMPlaceCommands
import XCTest
@testable import Harness

final class HarnessCommandsTests: XCTestCase {
    func testGenerateScoreMergeEndToEnd() throws {
        let root = try temporaryFolder()
        let instances = root + "/demo"
        let generate = try Generate.parseAsRoot(["--class", "planted", "--count", "6", "--seed", "1", "--n", "12", "--out", instances]) as! Generate
        try generate.run()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: instances).count, 6)

        let provider = ListMethodProvider([FirstFitDecreasing(), OverloadingMethod(),
                                           FakeExactMethod(bound: { _ in nil }, claimOptimal: false)])
        let score = try Score.parseAsRoot([instances, "--methods", "ffd,overload-all", "--exact", "--out", root + "/Results", "--jobs", "2"]) as! Score
        try score.run(provider: provider)
        let run = root + "/Results/demo/place-ffd+overload-all-exact"
        let rows = try ResultsFile.read(path: run + "/results.csv")
        XCTAssertEqual(rows.count, 18)
        XCTAssertEqual(Set(rows.map(\.method)), ["ffd", "overload-all", "exact"])
        for shard in ["1/2", "2/2"] {
            let part = try Score.parseAsRoot([instances, "--methods", "ffd,overload-all", "--exact", "--out", root + "/Sharded", "--shard", shard]) as! Score
            try part.run(provider: provider)
        }
        let merge = try Merge.parseAsRoot([root + "/Sharded/demo/place-ffd+overload-all-exact"]) as! Merge
        try merge.run()
        let merged = try ResultsFile.read(path: root + "/Sharded/demo/place-ffd+overload-all-exact/results.csv")
        XCTAssertEqual(merged.map(\.withoutTime), rows.map(\.withoutTime))
        XCTAssertThrowsError(try (Score.parseAsRoot([instances, "--methods", "nope", "--out", root]) as! Score).run(provider: provider)) { error in
            XCTAssertTrue("\(error)".contains("unknown method nope"), "\(error)")
        }
    }

    /// An empty results file or one without the header is not "no rows": merge stops, naming it,
    /// and writes nothing.
    func testMergeRejectsEmptyAndHeaderlessInputsNamingThem() throws {
        let root = try temporaryFolder()
        let headerOnly = root + "/results.shard-1.csv"
        try (ScoreRow.header + "\n").write(toFile: headerOnly, atomically: true, encoding: .utf8)
        XCTAssertEqual(try ResultsMerge.rows(from: [headerOnly]), [], "a header alone is a valid, empty result")
        let empty = root + "/results.shard-2.csv"
        try "".write(toFile: empty, atomically: true, encoding: .utf8)
        let headerless = root + "/other.csv"
        try "a,b,c\n".write(toFile: headerless, atomically: true, encoding: .utf8)
        let torn = root + "/torn.csv"
        try ScoreRow.header.write(toFile: torn, atomically: true, encoding: .utf8)
        for (inputs, named, message) in [([empty], empty, "empty results file"), ([root], empty, "empty results file"),
                                          ([headerOnly, headerless], headerless, "first line is not the header"),
                                          ([torn], torn, "empty results file (no complete line)"),
                                          ([root + "/missing.csv"], root + "/missing.csv", "no such results file")] {
            let output = root + "/merged/results.csv"
            let merge = try Merge.parseAsRoot(inputs + ["--output", output]) as! Merge
            XCTAssertThrowsError(try merge.run(), "\(inputs)") { error in
                let diagnostic = (error as? InvalidInput)?.diagnostics.first
                XCTAssertEqual(diagnostic?.file, named, "\(error)")
                XCTAssertTrue(diagnostic?.message.contains(message) ?? false, "\(error)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: output), "nothing written for \(inputs)")
        }
    }
}
