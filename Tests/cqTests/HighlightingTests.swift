import Foundation
import Testing

/// The TextMate grammar and the Pygments lexer (Editors/) are generated from
/// Grammar/cq.ebnf and checked by Editors/check_highlighting.py: regenerated
/// they are unchanged, and they tokenize every example program and lesson
/// block with no error token. Python with Pygments runs the check: `.ci/run`
/// installs it and sets CQ_REQUIRE_PYTHON_CHECKS, so in CI a missing package
/// fails; elsewhere the test says what to install and passes.
struct HighlightingTests {
    static func check(_ arguments: [String] = []) throws -> (status: Int32, output: String) {
        try Python.run(["Editors/check_highlighting.py"] + arguments)
    }

    @Test func both_grammars_tokenize_every_example_without_an_error() throws {
        let (status, output) = try Self.check()
        if status == 2, !Python.required {
            print("HighlightingTests: skipped the Pygments half: pip install pygments")
            return
        }
        #expect(status == 0, "\(output)")
        #expect(output.contains("checked"), "\(output)")
    }

    @Test func a_character_outside_the_language_is_an_error_token_in_both() throws {
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("cq-highlight-\(getpid()).cq")
        try "correlate a, b # not cq\nlist \"unterminated\n".write(to: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: bad) }
        let (status, output) = try Self.check(["--only", bad.path])
        #expect(status == 1, "\(output)")
        #expect(output.contains("textmate: \(bad.path):1:16: invalid.illegal.character.cq '#'"), "\(output)")
        #expect(output.contains("textmate: \(bad.path):2:6: invalid.illegal.unterminated-string.cq"), "\(output)")
        if status == 1, output.contains("pygments:") || Python.required {
            #expect(output.contains("pygments: \(bad.path):1:16: error token '#'"), "\(output)")
        }
    }
}
