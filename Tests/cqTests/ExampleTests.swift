import Foundation
import Testing

/// Golden files: each `Examples/NAME.cq` runs through the real binary and
/// must print exactly `NAME.out` on stdout, `NAME.err` on stderr (when that
/// file exists) and exit with the status in its `-- exit: N` line (0 by
/// default). Command-line options come from an `-- args: …` line.
///
/// Re-recording is deliberate: `CQ_RECORD=1 swift test --filter ExampleTests`
/// rewrites the expected files, and `git diff` shows what changed.
struct ExampleTests {
    static let examples: [String] = {
        let folder = Binary.packageRoot.appendingPathComponent("Examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".cq") }.sorted()
    }()

    @Test func there_are_examples() {
        #expect(ExampleTests.examples.count >= 4)
    }

    @Test(arguments: examples)
    func example(_ name: String) throws {
        let folder = Binary.packageRoot.appendingPathComponent("Examples")
        let script = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        var arguments: [String] = []
        var expectedStatus: Int32 = 0
        for line in script.split(separator: "\n") where line.hasPrefix("-- ") {
            if line.hasPrefix("-- args:") {
                arguments = line.dropFirst("-- args:".count).split(separator: " ").map(String.init)
            } else if line.hasPrefix("-- exit:") {
                expectedStatus = Int32(line.dropFirst("-- exit:".count).trimmingCharacters(in: .whitespaces)) ?? -1
            }
        }
        let run = try Binary.run(arguments + ["Examples/" + name])
        let base = String(name.dropLast(3))
        let outURL = folder.appendingPathComponent(base + ".out")
        let errURL = folder.appendingPathComponent(base + ".err")
        if ProcessInfo.processInfo.environment["CQ_RECORD"] == "1" {
            try run.stdout.write(to: outURL, atomically: true, encoding: .utf8)
            if run.stderr.isEmpty {
                try? FileManager.default.removeItem(at: errURL)
            } else {
                try run.stderr.write(to: errURL, atomically: true, encoding: .utf8)
            }
            return
        }
        let expectedOut = try String(contentsOf: outURL, encoding: .utf8)
        let expectedErr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        #expect(run.status == expectedStatus, "\(name): exit \(run.status)\n\(run.stderr)")
        #expect(run.stdout == expectedOut, "\(name): stdout differs; CQ_RECORD=1 re-records")
        #expect(run.stderr == expectedErr, "\(name): stderr differs; CQ_RECORD=1 re-records")
    }
}
