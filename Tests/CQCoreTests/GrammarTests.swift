import Foundation
import Testing

@testable import CQCore

/// `Grammar/cq.ebnf` is the language's reference: these tests keep the
/// parser, the keyword list and the example programs in step with it, and
/// check that everything the grammar generates parses.
struct GrammarTests {
    private static let generatedPrograms = 5_000
    private static let seed: UInt64 = 0xC0FF_EE00_2017

    private func grammar() throws -> EBNFGrammar {
        try EBNFGrammar.load()
    }

    private func parse(_ text: String, name: String = "<generated>") -> Parser.Output {
        Parser.parse(SourceFile(name: name, text: text))
    }

    private func show(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { "\($0.code.rawValue) at \($0.range.start)..<\($0.range.end): \($0.message)" }.joined(
            separator: "\n")
    }

    // MARK: - The grammar file itself

    @Test func the_grammar_file_reads_and_every_used_rule_is_defined() throws {
        let grammar = try grammar()
        #expect(grammar.rule("program") != nil)
        let names = Set(grammar.rules.map(\.name))
        // `character` is described in prose, not as a rule.
        #expect(grammar.referencedRules.subtracting(names) == ["character"])
        // Every rule but `program` is reachable from some other rule.
        let unused = names.subtracting(grammar.referencedRules).subtracting(["program"])
        #expect(unused.isEmpty, "rules that nothing uses: \(unused.sorted())")
    }

    // MARK: - Parser comments

    /// The `/// grammar:` quotes in Parser.swift, each continued over the
    /// following `///` lines until it ends with `;`, whitespace-normalised.
    private func parserQuotes() throws -> [String] {
        let lines = try EBNFGrammar.readText("Sources/CQSyntax/Parsing/Parser.swift")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var quotes: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard line.hasPrefix("///"), let marker = line.range(of: "grammar:") else { continue }
            guard line.dropFirst(3).trimmingCharacters(in: .whitespaces).hasPrefix("grammar:") else { continue }
            var quote = String(line[marker.upperBound...])
            while !quote.trimmingCharacters(in: .whitespaces).hasSuffix(";"), index < lines.count,
                lines[index].hasPrefix("///")
            {
                quote += " " + lines[index].dropFirst(3)
                index += 1
            }
            quotes.append(EBNFGrammar.normalizeWhitespace(quote))
        }
        return quotes
    }

    @Test func every_syntax_rule_is_quoted_in_the_parser_and_every_quote_is_a_rule() throws {
        let grammar = try grammar()
        let rules = grammar.rules.filter { !EBNFGrammar.tokenRules.contains($0.name) }.map(\.text)
        let quotes = try parserQuotes()
        #expect(!quotes.isEmpty)

        let ruleSet = Set(rules)
        let quoteSet = Set(quotes)
        for rule in rules where !quoteSet.contains(rule) {
            Issue.record("not quoted by a `/// grammar:` comment in Parser.swift:\n  \(rule)")
        }
        for quote in quotes where !ruleSet.contains(quote) {
            Issue.record("`/// grammar:` comment in Parser.swift that is not a rule of cq.ebnf:\n  \(quote)")
        }
        var seen: Set<String> = []
        for quote in quotes where !seen.insert(quote).inserted {
            Issue.record("quoted twice in Parser.swift:\n  \(quote)")
        }
        #expect(ruleSet == quoteSet)
    }

    @Test func the_grammars_keywords_are_the_lexers_keywords() throws {
        // `fit`, `over`, `year`, `country`, `effects`, `robust` and `cluster`
        // are contextual (they mean something only after `with`, after a
        // plot's variable, after `over`, where a clause may start), as the
        // grammar's header says.
        let fromGrammar = try grammar().keywords.subtracting([
            "fit", "over", "year", "country", "effects", "robust", "cluster", "adding",
        ])
        let fromLexer = Set(Keyword.allCases.map(\.rawValue))
        #expect(
            fromGrammar == fromLexer,
            "only in the grammar: \(fromGrammar.subtracting(fromLexer).sorted()); only in Keyword: \(fromLexer.subtracting(fromGrammar).sorted())"
        )
        // The canonical spelling is lowercase; matching ignores case.
        #expect(Keyword.allCases.allSatisfy { $0.rawValue == $0.rawValue.lowercased() })
    }

    // MARK: - Example programs

    @Test func valid_examples_parse_without_diagnostics() throws {
        let files = EBNFGrammar.cqFiles(in: "Grammar/valid")
        #expect(!files.isEmpty, "Grammar/valid has no .cq files")
        for file in files {
            let output = parse(file.text, name: file.name)
            #expect(output.diagnostics.isEmpty, "\(file.name):\n\(show(output.diagnostics))")
            #expect(!output.statements.isEmpty, "\(file.name) has no statements")
            #expect(!output.isIncomplete, "\(file.name) is reported incomplete")
        }
    }

    @Test func invalid_examples_fail_with_the_expected_code() throws {
        let files = EBNFGrammar.cqFiles(in: "Grammar/invalid")
        #expect(!files.isEmpty, "Grammar/invalid has no .cq files")
        for file in files {
            let firstLine = file.text.prefix { $0 != "\n" }
            guard let marker = firstLine.range(of: "-- expect:") else {
                Issue.record("\(file.name): the first line must be `-- expect: E2xx`")
                continue
            }
            let code = firstLine[marker.upperBound...].trimmingCharacters(in: .whitespaces)
            guard let expected = DiagnosticCode(rawValue: code) else {
                Issue.record("\(file.name): `\(code)` is not a diagnostic code")
                continue
            }
            let output = parse(file.text, name: file.name)
            #expect(
                output.diagnostics.first?.code == expected,
                "\(file.name): expected \(code), got:\n\(show(output.diagnostics))")
        }
    }

    // MARK: - Generated programs

    @Test func generated_programs_parse_without_diagnostics() throws {
        var generator = EBNFProgramGenerator(grammar: try grammar(), seed: GrammarTests.seed)
        var failures = 0
        var statements = 0
        var keywordsSeen: Set<Keyword> = []
        var totalLength = 0
        for index in 0..<GrammarTests.generatedPrograms {
            let text = generator.program()
            totalLength += text.utf8.count
            let source = SourceFile(name: "generated-\(index).cq", text: text)
            let output = Parser.parse(source)
            statements += output.statements.count
            if !output.diagnostics.isEmpty || output.isIncomplete {
                failures += 1
                if failures <= 10 {
                    Issue.record(
                        """
                        generated program \(index) does not parse:
                        \(text)
                        \(DiagnosticRenderer().render(output.diagnostics))
                        """)
                }
            }
            for token in Lexer.tokenize(source).tokens {
                if case .keyword(let keyword) = token.kind { keywordsSeen.insert(keyword) }
            }
        }
        #expect(failures == 0, "\(failures) of \(GrammarTests.generatedPrograms) generated programs did not parse")
        // The generator reaches the whole language.
        #expect(
            Set(Keyword.allCases).subtracting(keywordsSeen).isEmpty,
            "never generated: \(Set(Keyword.allCases).subtracting(keywordsSeen).map(\.rawValue).sorted())")
        #expect(statements >= GrammarTests.generatedPrograms)
        print(
            "GrammarTests: \(GrammarTests.generatedPrograms) generated programs, \(statements) statements, mean length \(totalLength / GrammarTests.generatedPrograms) bytes"
        )
    }

    @Test func generated_programs_cover_every_rule_and_terminal() throws {
        // Every alternative of the grammar can be reached by the generator:
        // each terminal of a syntax rule turns up in some generated program.
        let grammar = try grammar()
        var generator = EBNFProgramGenerator(grammar: grammar, seed: GrammarTests.seed &+ 1)
        var seen: Set<String> = []
        for _ in 0..<1_000 {
            for token in generator.tokens() { seen.insert(token.lowercased()) }
        }
        var terminals: Set<String> = []
        for rule in grammar.rules where !EBNFGrammar.tokenRules.contains(rule.name) {
            EBNFGrammar.visit(rule.body) { node in
                if case .terminal(let text) = node { terminals.insert(text.lowercased()) }
            }
        }
        #expect(terminals.subtracting(seen).isEmpty, "never generated: \(terminals.subtracting(seen).sorted())")
    }

    @Test func the_generator_is_deterministic() throws {
        let grammar = try grammar()
        var a = EBNFProgramGenerator(grammar: grammar, seed: 42)
        var b = EBNFProgramGenerator(grammar: grammar, seed: 42)
        for _ in 0..<100 {
            #expect(a.program() == b.program())
        }
    }

    @Test func parsing_is_deterministic() throws {
        var generator = EBNFProgramGenerator(grammar: try grammar(), seed: GrammarTests.seed &+ 2)
        for index in 0..<1_000 {
            let source = SourceFile(name: "generated-\(index).cq", text: generator.program())
            let first = Parser.parse(source)
            let second = Parser.parse(source)
            if first.statements != second.statements || first.diagnostics != second.diagnostics {
                Issue.record("two parses of the same program differ:\n\(source.text)")
            }
        }
    }

    /// Strips the source ranges from a printed syntax tree, leaving its shape.
    private func shape(_ statements: [Statement]) -> String {
        "\(statements)".replacingOccurrences(
            of: #"SourceRange\(start: \d+, end: \d+\)"#, with: "_", options: .regularExpression)
    }

    @Test func whitespace_newlines_and_comments_do_not_change_the_tree() throws {
        // The same tokens laid out three ways give the same tree.
        var generator = EBNFProgramGenerator(grammar: try grammar(), seed: GrammarTests.seed &+ 3)
        for _ in 0..<500 {
            let tokens = generator.tokens()
            let spaced = parse(tokens.joined(separator: " "))
            let lines = parse(tokens.joined(separator: "\n"))
            let commented = parse(
                "-- leading comment\n" + tokens.joined(separator: " -- a comment; correlate\n\t") + " ; ;")
            #expect(
                spaced.diagnostics.isEmpty && lines.diagnostics.isEmpty && commented.diagnostics.isEmpty,
                "\(tokens.joined(separator: " "))")
            let expected = shape(spaced.statements)
            if shape(lines.statements) != expected || shape(commented.statements) != expected {
                Issue.record("layout changes the tree of:\n\(tokens.joined(separator: " "))")
            }
        }
    }
}
