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

    /// Every `swift run cq …` command quoted in the README's prose runs as
    /// written (the binary stands for `swift run cq`, which passes the words
    /// after the product name through unchanged). `swift run cq -- -e …`
    /// used to be quoted, and cq took `-e` for a file after `--` (exit 66).
    @Test func quoted_command_lines_run_as_written() throws {
        var commands: [String] = []
        var rest = Substring(ReadmeTests.readme)
        while let start = rest.range(of: "`swift run cq ") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "`") else { break }
            commands.append(String(rest[..<end]))
            rest = rest[end...]
        }
        #expect(!commands.isEmpty)
        for command in commands {
            let arguments = Self.shellWords(command)
            let run = try Binary.run(arguments, stdin: "")
            #expect(run.status == 0, "swift run cq \(command): \(run.stderr)")
        }
    }

    /// Words split at spaces, with single quotes grouping, as a shell does.
    static func shellWords(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quoted = false
        var started = false
        for character in line {
            if character == "'" {
                quoted.toggle()
                started = true
            } else if character == " " && !quoted {
                if started { words.append(word) }
                word = ""
                started = false
            } else {
                word.append(character)
                started = true
            }
        }
        if started { words.append(word) }
        return words
    }

    @Test func help_lists_the_documented_exit_codes() throws {
        let help = try Binary.run(["--help"]).stdout
        for status in ["0", "64", "65", "66", "74", "130"] {
            #expect(ReadmeTests.readme.contains("| \(status) |"))
            #expect(help.contains("  \(status) "), "--help lacks \(status)")
        }
    }
}
