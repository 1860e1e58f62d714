import CQCore
import Foundation
import Testing

/// The README is part of the interface: it must not drift from the code.
struct ReadmeTests {
    static let readme =
        (try? String(contentsOf: Binary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    @Test(arguments: DiagnosticCode.allCases)
    func every_diagnostic_code_is_documented(_ code: DiagnosticCode) {
        #expect(ReadmeTests.readme.contains("| \(code.rawValue) | \(code.summary) |"), "README lacks \(code.rawValue)")
    }

    @Test func the_two_setup_commands_are_there_and_ci_runs_the_test_one() throws {
        #expect(ReadmeTests.readme.contains("    swift run cq "))
        #expect(ReadmeTests.readme.contains("    swift test "))
        let ci = try String(contentsOf: Binary.packageRoot.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.split(separator: "\n").last == "swift test")
    }

    @Test func help_lists_the_documented_exit_codes() throws {
        let help = try Binary.run(["--help"]).stdout
        for status in ["0", "64", "65", "66", "74", "130"] {
            #expect(ReadmeTests.readme.contains("| \(status) |"))
            #expect(help.contains("  \(status) "), "--help lacks \(status)")
        }
    }
}
