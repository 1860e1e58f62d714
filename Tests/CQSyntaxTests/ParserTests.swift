import Testing

@testable import CQSyntax

struct ParserTests {
    private func parse(_ text: String) -> Parser.Output {
        Parser.parse(SourceFile(name: "t", text: text))
    }

    /// What the REPL continues on a `...>` prompt: input that stops in the
    /// middle of a statement, and nothing that is merely wrong.
    @Test(arguments: [
        ("correlate competitiveness,", true),
        ("correlate competitiveness, innovation where", true),
        ("correlate competitiveness, innovation where region = \"E", true),
        ("list gdp where region in (\"EU\",", true),
        ("summarize log(gdp", true),
        ("regress y on", true),
        ("explain", true),
        ("explain correlate a,", true),
        ("plot innovation against", true),
        ("plot innovation against competitiveness to", true),
        ("let x =", true),
        ("rank rnd in", true),
        ("correlate a, b during 2000..", true),
        ("count", true),
        ("correlate competitiveness, innovation", false),
        ("correlate competitiveness, innovation where region = \"EU\"", false),
        ("plot innovation against competitiveness label country with fit", false),
        ("correlate a b", false),
        ("rank rnd top", true),
        ("summarize )", false),
        ("correlate a, b; list", true),
        ("@", false),
        ("", false),
        ("-- just a comment", false),
    ])
    func incomplete_input_is_the_parsers_decision(_ text: String, _ incomplete: Bool) {
        #expect(parse(text).isIncomplete == incomplete, "\(text)")
    }

    @Test func correlate_with_clauses_in_any_order() throws {
        let output = parse("correlate a, b in 2015 where region = \"EU\" using spearman")
        #expect(output.diagnostics.isEmpty)
        let statement = try #require(output.statements.first)
        guard case .correlate(let variables) = statement.command else {
            Issue.record("not a correlate statement")
            return
        }
        #expect(variables.count == 2)
        #expect(statement.clauses.years == YearFilter(first: 2015, last: 2015, range: SourceRange(start: 15, end: 22)))
        #expect(statement.clauses.method?.text == "spearman")
        #expect(statement.clauses.filter != nil)
    }

    @Test(arguments: [
        // Precedence: `and` binds tighter than `or`, arithmetic tighter than comparison.
        ("a or b and c", "(a or (b and c))"),
        ("not a = 1 and b", "((not (a = 1)) and b)"),
        ("1 + 2 * 3 ^ 2", "(1 + (2 * (3 ^ 2)))"),
        ("-2 ^ 2", "(-(2 ^ 2))"),
        ("2 ^ -1", "(2 ^ (-1))"),
        ("a - b - c", "((a - b) - c)"),
        ("x not in (1, 2)", "(x not in (1, 2))"),
        ("x between 1 + 1 and 3 and y", "((x between (1 + 1) and 3) and y)"),
        ("log(x) / 2", "(log(x) / 2)"),
        ("a == b", "(a = b)"),
        ("a <> b", "(a != b)"),
    ])
    func precedence(_ text: String, _ expected: String) throws {
        let output = parse("list " + text)
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics.map(\.message))")
        guard case .list(let columns)? = output.statements.first?.command else {
            Issue.record("no list statement")
            return
        }
        #expect(columns.first.map(show) == expected)
    }

    private func show(_ e: Expression) -> String {
        switch e.kind {
        case .number(_, let text): return text
        case .string(let s): return "\"\(s)\""
        case .name(let n): return n
        case .negate(let x): return "(-\(show(x)))"
        case .not(let x): return "(not \(show(x)))"
        case .arithmetic(let op, let l, let r): return "(\(show(l)) \(op.rawValue) \(show(r)))"
        case .comparison(let op, let l, let r): return "(\(show(l)) \(op.rawValue) \(show(r)))"
        case .logical(let op, let l, let r): return "(\(show(l)) \(op.rawValue) \(show(r)))"
        case .membership(let v, let m, let negated):
            return "(\(show(v))\(negated ? " not" : "") in (\(m.map(show).joined(separator: ", "))))"
        case .between(let v, let lo, let hi, let negated):
            return "(\(show(v))\(negated ? " not" : "") between \(show(lo)) and \(show(hi)))"
        case .call(let name, let args): return "\(name.text)(\(args.map(show).joined(separator: ", ")))"
        }
    }

    @Test(arguments: [
        (
            "correlate a b", DiagnosticCode.expectedToken,
            "expected `,` and a second variable: correlate needs two or more, found name `b`"
        ),
        ("correlate a,", .expectedExpression, "expected a value or name, found the end of the input"),
        (
            "count countries where", .expectedExpression,
            "expected a condition after `where`, found the end of the input"
        ),
        ("rank x top", .expectedCount, "expected a whole number of rows after `top`, found the end of the input"),
        ("list x sort by y sort by z", .duplicateClause, "a second `sort by` clause in one statement"),
        ("indicators where eu", .clauseNotAllowed, "`where` cannot be used with `indicators`"),
        ("summarize x limit 3", .clauseNotAllowed, "`limit` cannot be used with `summarize`"),
        ("count where eu", .expectedToken, "expected `countries` after `count`, found `where`"),
        ("where eu", .expectedStatement, "`where` does not start a statement"),
        ("list (a", .expectedToken, "expected `)` to close the `(` on line 1, found the end of the input"),
        ("rank x in year", .expectedYear, "expected a year after `in`, found name `year`"),
        ("list x y", .expectedToken, "unexpected name `y` after the `list` statement"),
    ])
    func diagnostics(_ text: String, _ code: DiagnosticCode, _ message: String) {
        let output = parse(text)
        #expect(output.diagnostics.first?.code == code)
        #expect(output.diagnostics.first?.message == message)
    }

    @Test func recovers_at_the_next_statement_and_reports_each_error() {
        let output = parse(
            """
            correlate a b
            summarize x
            list (y
            count countries
            """)
        #expect(output.diagnostics.map(\.code) == [.expectedToken, .expectedToken])
        #expect(output.statements.count == 2)
    }

    @Test func a_misspelt_statement_gets_a_suggestion() {
        let output = parse("corelate a, b")
        #expect(output.diagnostics.first?.help.first == "did you mean `correlate`?")
    }

    @Test(arguments: [
        ("correlate a, b were x > 1", "did you mean `where`?"),
        ("count countries where eu adn oecd", "did you mean `and`?"),
        ("list x sort by x dsc", "did you mean `asc` or `desc`?"),
        ("rank x tpo 3", "did you mean `to` or `top`?"),
    ])
    func misspelt_keywords_get_a_suggestion(_ text: String, _ help: String) {
        #expect(parse(text).diagnostics.first?.help.first == help)
    }

    @Test(arguments: [
        ("correlate a,", true),
        ("count countries where", true),
        ("list (a", true),
        ("list x where region = \"E", true),
        ("correlate a, b", false),
        ("correlate a b", false),
        ("list x)", false),
    ])
    func incomplete_input_is_recognised(_ text: String, _ incomplete: Bool) {
        #expect(parse(text).isIncomplete == incomplete)
    }

    @Test func deep_nesting_is_refused_not_a_crash() {
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        #expect(parse("list " + deep).diagnostics.first?.code == .nestingTooDeep)
        let long = "list " + Array(repeating: "a", count: 5_000).joined(separator: " + ")
        #expect(parse(long).diagnostics.first?.code == .nestingTooDeep)
        let nots = "list " + String(repeating: "not ", count: 5_000) + "a"
        #expect(parse(nots).diagnostics.first?.code == .nestingTooDeep)
    }
}
