import Testing

@testable import CQSyntax

/// A REPL command (`.format csv`) in a script is one diagnostic for its line
/// that says what it is and what does the same from the command line, not
/// "unexpected character `.`" once per dot.
struct ReplCommandInScriptTests {
    private func diagnostics(_ text: String) -> [Diagnostic] {
        Lexer.tokenize(SourceFile(name: "t", text: text)).diagnostics
    }

    @Test(arguments: [
        (".format csv", "cq --format csv FILE.cq"),
        ("  .mode json\r", "cq --format json FILE.cq"),
        (".format", "cq --format table|markdown|csv|json FILE.cq"),
        (".read setup.cq", "cq setup.cq FILE.cq"),
        (".quit", "a script ends after its last statement"),
        (".help", "cq --help"),
        (".datasets", "work at the cq> prompt"),
    ])
    func a_dot_command_line_is_one_diagnostic_with_its_command_line_equivalent(_ line: String, _ help: String) throws {
        let found = diagnostics("count countries\n" + line + "\ncount countries")
        let diagnostic = try #require(found.first)
        #expect(found.count == 1)
        #expect(diagnostic.code == .unexpectedCharacter)
        let name = String(line.trimmingPrefix(while: \.isWhitespace).prefix { !$0.isWhitespace })
        #expect(diagnostic.message == "`\(name)` is a command of the interactive session, not a statement")
        #expect(diagnostic.help.contains { $0.contains(help) }, "\(diagnostic.help)")
        #expect(diagnostic.location.line == 2)
    }

    @Test(arguments: ["correlate a, b .format", "x = .5", "a..b", "list a .b"])
    func a_dot_inside_a_line_is_not_taken_for_a_command(_ text: String) {
        #expect(!diagnostics(text).contains { $0.message.contains("interactive session") })
    }
}
