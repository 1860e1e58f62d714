import Testing

@testable import CQSyntax

/// What a person types at a prompt before reading anything: `help`,
/// `exit`, `quit`. Each is E201 (cq has no such statement), with a line that
/// points to the REPL's own dot-commands instead of the list of statements.
struct NotAStatementTests {
    private func diagnostics(_ text: String) -> [Diagnostic] {
        Parser.parse(SourceFile(name: "t", text: text)).diagnostics
    }

    @Test(arguments: ["help", "exit", "quit", "QUIT"])
    func a_word_for_leaving_or_help_points_to_the_dot_commands(_ text: String) throws {
        let found = diagnostics(text)
        let diagnostic = try #require(found.first)
        #expect(found.count == 1)
        #expect(diagnostic.code == .expectedStatement)
        #expect(diagnostic.help == ["REPL commands start with a dot: .help, .quit"])
    }

    @Test func another_word_still_gets_the_statements_or_a_did_you_mean() throws {
        #expect(try #require(diagnostics("corelate a, b").first).help == ["did you mean `correlate`?"])
        #expect(try #require(diagnostics("hello").first).help.first?.hasPrefix("statements start with:") == true)
    }
}
