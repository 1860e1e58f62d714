import Testing

@testable import CQSyntax

struct LexerTests {
    private func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map(\.kind).dropLast()
    }

    @Test(arguments: [
        ("correlate a, b", [TokenKind.keyword(.correlate), .identifier("a"), .comma, .identifier("b")]),
        ("CORRELATE Where", [.keyword(.correlate), .keyword(.where)]),
        ("2000..2020", [.number("2000"), .dotDot, .number("2020")]),
        ("1.5e-3 .5 7.", [.number("1.5e-3"), .number(".5"), .number("7.")]),
        (
            "a == b <> c != d",
            [.identifier("a"), .equal, .identifier("b"), .notEqual, .identifier("c"), .notEqual, .identifier("d")]
        ),
        ("<= >= < > = ^", [.lessEqual, .greaterEqual, .less, .greater, .equal, .caret]),
        ("\"Côte d'Ivoire\"", [.string("Côte d'Ivoire")]),
        ("`NY.GDP.PCAP.CD`", [.identifier("NY.GDP.PCAP.CD")]),
        ("x -- a comment\ny", [.identifier("x"), .identifier("y")]),
        ("a-b", [.identifier("a"), .minus, .identifier("b")]),
        ("gdp_per_capita2", [.identifier("gdp_per_capita2")]),
    ])
    func tokens(_ text: String, _ expected: [TokenKind]) {
        #expect(kinds(text) == expected)
    }

    @Test(arguments: [
        ("region = 'EU'", DiagnosticCode.unexpectedCharacter, 9),
        ("x \"open", .unterminatedString, 2),
        ("12abc", .invalidNumber, 0),
        ("`open", .unterminatedQuotedName, 0),
        ("a & b", .unexpectedCharacter, 2),
        ("é", .unexpectedCharacter, 0),
        ("list \"a\u{1B}[31m\"", .unexpectedCharacter, 7),
        ("list `a\u{7}b`", .unexpectedCharacter, 7),
    ])
    func errors(_ text: String, _ code: DiagnosticCode, _ offset: Int) {
        let output = Lexer.tokenize(SourceFile(name: "t", text: text))
        #expect(output.diagnostics.first?.code == code)
        #expect(output.diagnostics.first?.range.start == offset)
    }

    @Test func ranges_are_utf8_offsets_and_columns_count_characters() {
        let source = SourceFile(name: "t", text: "-- Côte\nlist \"Türkiye\", x")
        let tokens = Lexer.tokenize(source).tokens
        let x = tokens.first { $0.kind == .identifier("x") }!
        #expect(source.location(of: x.range.start) == SourceLocation(line: 2, column: 17))
        #expect(source.text(of: x.range) == "x")
    }

    @Test func an_unterminated_string_at_the_end_is_incomplete_input() {
        #expect(Lexer.tokenize(SourceFile(name: "t", text: "where region = \"E")).endsInsideQuote)
        #expect(!Lexer.tokenize(SourceFile(name: "t", text: "where region = \"E\nx")).endsInsideQuote)
    }
}
