import Foundation
import Testing

@testable import CQCore

/// Robustness: well over 100,000 programs — generated from the grammar, and
/// generated or example programs mangled at the byte and token level — go
/// through the whole pipeline (lex → parse → check → run → render). Whatever
/// the input, cq must not trap, must not loop, and every diagnostic it gives
/// must be well formed: a message, a range inside the source, a stable code,
/// and a rendering.
struct FuzzTests {
    static let shards = 8
    static let programsPerShard = 12_800
    static let seed: UInt64 = 0x5EED_0000_C0DE_0001
    /// A fresh session every this many programs; in between, `use`, `let`
    /// and `set` carry over from one program to the next.
    static let sessionLifetime = 200

    struct Stats: Sendable {
        var programs = 0
        var withDiagnostics = 0
        var executed = 0
        var statementsRun = 0
        var bytes = 0
        var failureCount = 0
        var failures: [String] = []

        mutating func add(_ other: Stats) {
            programs += other.programs
            withDiagnostics += other.withDiagnostics
            executed += other.executed
            statementsRun += other.statementsRun
            bytes += other.bytes
            failureCount += other.failureCount
            failures += other.failures
        }
    }

    /// Example programs shipped with the grammar and the documentation.
    static let examples: [String] = {
        (EBNFGrammar.cqFiles(in: "Grammar/valid") + EBNFGrammar.cqFiles(in: "Grammar/invalid")
            + EBNFGrammar.cqFiles(in: "Examples")).map(\.text)
    }()

    /// Programs that run on `TestDatasets.tiny`: mutated, they reach the
    /// evaluator and the result renderers far more often than random ones.
    static let tinyPrograms = [
        "correlate gdp, rnd",
        "correlate gdp, rnd in 2016 using spearman",
        "correlate gdp, rnd, gdp * 2 by eu during 2016..2017",
        "correlate rnd, gdp by region in 2017 using kendall",
        "summarize",
        "summarize gdp, rnd by region in 2017",
        "summarize rnd where eu by continent",
        "list country, name, gdp, rnd where region = \"EU\" sort by gdp desc limit 3",
        "list gdp / 1000, log(gdp), log10(gdp), sqrt(rnd), abs(-rnd) where rnd between 1 and 3",
        "list year, region, continent where country in (\"AUT\", \"KAZ\") in 2017",
        "list gdp where gdp != 44000 and (rnd >= 1 or not eu) sort by rnd asc",
        "list name where name not in (\"Austria\") and year = 2016",
        "count countries",
        "explain correlate gdp, rnd where eu",
        "explain correlate gdp, rnd using spearman in 2017",
        "explain regress rnd on gdp / 1000",
        "plot rnd against gdp label country with fit",
        "plot gdp against rnd where region = \"EU\" label name to \"x.svg\"",
        "count countries where eu by continent in 2016",
        "count countries by region during 2016..2017",
        "rank gdp top 2",
        "rank rnd where continent = \"Europe\" in 2017 top 10",
        "rank -gdp ^ 2 / gdp",
        "describe gdp", "describe region", "describe eu", "describe year", "describe country",
        "indicators",
        "countries where not eu in 2017",
        "let rich = gdp > 40000\nlist country, rnd where rich",
        "let ratio = rnd / 2; summarize ratio by eu",
        "set year = 2017\nrank rnd",
        "set year = 2016..2017; correlate gdp, rnd",
        "set year = all",
        "set method = spearman; correlate gdp, rnd",
        "use tiny; count countries by eu",
    ]

    @Test func the_pipeline_survives_generated_and_mutated_programs() async throws {
        let grammar = try EBNFGrammar.load()
        let examples = FuzzTests.examples
        let total = await withTaskGroup(of: Stats.self) { group in
            for shard in 0..<FuzzTests.shards {
                group.addTask {
                    var fuzzer = Fuzzer(
                        grammar: grammar, examples: examples, seed: FuzzTests.seed &+ UInt64(shard), shard: shard)
                    return fuzzer.run(count: FuzzTests.programsPerShard)
                }
            }
            var total = Stats()
            for await stats in group { total.add(stats) }
            return total
        }
        print(
            "FuzzTests: \(total.programs) programs (\(total.bytes) bytes), \(total.withDiagnostics) with diagnostics, "
                + "\(total.executed) executed (\(total.statementsRun) statements run), \(total.failureCount) failures")
        for failure in total.failures {
            Issue.record(Comment(rawValue: failure))
        }
        #expect(total.programs >= 100_000)
        #expect(total.failureCount == 0)
        // The corpus is not degenerate: both outcomes are common.
        #expect(total.withDiagnostics > total.programs / 10)
        #expect(total.executed > total.programs / 100)
    }

    @Test func the_seed_programs_for_tiny_run_cleanly() {
        for text in FuzzTests.tinyPrograms {
            var session = TestDatasets.session()
            let outcome = session.run(text)
            #expect(
                outcome.diagnostics.isEmpty && !outcome.results.isEmpty,
                "\(text): \(outcome.diagnostics.map(\.message))")
        }
    }

    @Test func trivial_input_is_an_empty_program() {
        for text in ["", " ", "\n\n", ";", " ; ;\n", "-- only a comment", "-- a\n;\t-- b\r\n", "\r\n;"] {
            let output = Parser.parse(SourceFile(name: "t", text: text))
            #expect(output.statements.isEmpty && output.diagnostics.isEmpty, "\(text.debugDescription)")
            #expect(Fuzzer.isTrivial(Array(text.utf8)))
        }
        for text in ["x", "'", "\u{00A0}", "- -", "\"", "`", "(", "-\n-"] {
            #expect(!Fuzzer.isTrivial(Array(text.utf8)))
            #expect(!Parser.parse(SourceFile(name: "t", text: text)).diagnostics.isEmpty, "\(text.debugDescription)")
        }
    }
}

/// One shard of the fuzz run: its own random stream and its own session.
struct Fuzzer {
    let examples: [String]
    let shard: Int
    var generator: EBNFProgramGenerator
    var random: SplitMix64
    var session = TestDatasets.session()
    var stats = FuzzTests.Stats()
    /// Tokens to splice into programs: every keyword and symbol of the
    /// grammar, and words that stress the lexer and the checker.
    let vocabulary: [String]

    static let maximumRecordedFailures = 5

    init(grammar: EBNFGrammar, examples: [String], seed: UInt64, shard: Int) {
        var options = EBNFProgramGenerator.Options()
        options.maximumDepth = 16
        options.maximumStatements = 3
        options.realChance = 0.7
        self.generator = EBNFProgramGenerator(grammar: grammar, seed: seed, options: options)
        self.random = SplitMix64(seed: seed ^ 0xFEED_FACE)
        self.examples = examples
        self.shard = shard
        var terminals: Set<String> = []
        for rule in grammar.rules where !EBNFGrammar.tokenRules.contains(rule.name) {
            EBNFGrammar.visit(rule.body) { node in
                if case .terminal(let text) = node { terminals.insert(text) }
            }
        }
        self.vocabulary =
            terminals.sorted() + [
                "\"", "`", "--", "'", "!", "&", "|", ":", ".", "...", "\n", "\r", "\t", "\u{0}", "é", "\u{FFFD}", "🙂",
                "2017", "2016..2017", "2017..2016", "0", "-0", "9999", "10000", "99999999999999999999", "1e308",
                "1e309",
                "1.8e308", "1e-400", "12abc", "1e", "1.", ".5", "0x1F", "\"EU\"", "\"\"", "``", "`x`", "`count`",
                "gdp", "rnd", "region", "eu", "continent", "year", "country", "name", "iso3", "tiny", "world",
                "log", "sqrt", "abs", "log10", "spearman", "kendall", "pearson", "method", "all",
            ]
    }

    // MARK: Programs

    mutating func run(count: Int) -> FuzzTests.Stats {
        for index in 0..<count {
            if index % FuzzTests.sessionLifetime == 0 { session = TestDatasets.session() }
            let text = nextProgram()
            exercise(text, index: index)
        }
        return stats
    }

    private mutating func nextProgram() -> String {
        let roll = random.below(100)
        if roll < 20 { return generator.program() }
        if roll < 23 { return pathological() }
        if roll < 28 { return random.pick(FuzzTests.tinyPrograms) }
        var bytes: [UInt8]
        if random.chance(0.3) {
            bytes = Array(random.pick(FuzzTests.tinyPrograms).utf8)
        } else if !examples.isEmpty, random.chance(0.3) {
            bytes = Array(random.pick(examples).utf8)
        } else {
            bytes = Array(generator.program().utf8)
        }
        if random.chance(0.1) { bytes += Array(" ".utf8) + Array(generator.program().utf8) }
        for _ in 0..<(1 + random.below(4)) { mutate(&bytes) }
        // Invalid UTF-8 is repaired, as reading a file would.
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Deep nesting and long chains: the nesting guard's business.
    private mutating func pathological() -> String {
        let n = 1 + random.below(300)
        func repeated(_ piece: String) -> String { String(repeating: piece, count: n) }
        let expression: String
        switch random.below(9) {
        case 0: expression = repeated("(") + "gdp" + repeated(")")
        case 1: expression = repeated("- ") + "rnd"
        case 2: expression = repeated("not ") + "eu"
        case 3: expression = "gdp" + repeated(" ^ gdp")
        case 4: expression = "rnd" + repeated(" + rnd")
        case 5: expression = repeated("abs(") + "gdp" + repeated(")")
        case 6: expression = "eu" + repeated(" and eu")
        case 7: expression = repeated("(") + "gdp"  // never closed
        default: expression = "rnd" + repeated(" in (1") + repeated(")")
        }
        let statement = random.pick([
            "list ", "rank ", "summarize ", "count countries where ", "let deep = ", "correlate gdp, ",
        ])
        return statement + expression
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        let count = bytes.count
        func position() -> Int { random.below(count + 1) }
        func span() -> Range<Int> {
            let start = random.below(count + 1)
            let length = random.chance(0.8) ? random.below(9) : random.below(count - start + 1)
            return start..<min(count, start + length)
        }
        switch random.below(7) {
        case 0 where count > 0:
            // Flip a bit.
            bytes[random.below(count)] ^= UInt8(1) << UInt8(random.below(8))
        case 1 where count > 0:
            // Overwrite a byte with any byte at all.
            bytes[random.below(count)] = UInt8(truncatingIfNeeded: random.next())
        case 2:
            // Cut a range.
            bytes.removeSubrange(span())
        case 3:
            // Duplicate a range somewhere.
            let copy = Array(bytes[span()])
            bytes.insert(contentsOf: copy, at: position())
        case 4:
            // Insert random bytes: often not UTF-8.
            var inserted: [UInt8] = []
            for _ in 0..<(1 + random.below(6)) {
                inserted.append(
                    random.chance(0.5)
                        ? random.pick([
                            0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF8, 0xFF, 0x00, 0x0A, 0x0D, 0x22, 0x27,
                            0x60, 0x2D, 0x2E, 0x28, 0x29,
                        ])
                        : UInt8(truncatingIfNeeded: random.next()))
            }
            bytes.insert(contentsOf: inserted, at: position())
        case 5:
            // Swap two ranges' order by moving one.
            let moved = span()
            let piece = Array(bytes[moved])
            bytes.removeSubrange(moved)
            bytes.insert(contentsOf: piece, at: random.below(bytes.count + 1))
        default:
            // Splice in a token, with or without spaces around it.
            var token = random.pick(vocabulary)
            if random.chance(0.3) { token = token.uppercased() }
            let text = random.chance(0.7) ? " " + token + " " : token
            bytes.insert(contentsOf: Array(text.utf8), at: position())
        }
    }

    // MARK: The pipeline and its checks

    private mutating func fail(_ what: String, _ source: SourceFile, index: Int, detail: String = "") {
        stats.failureCount += 1
        guard stats.failures.count < Fuzzer.maximumRecordedFailures else { return }
        stats.failures.append(
            """
            shard \(shard), program \(index): \(what)
            program: \(source.text.debugDescription)
            \(detail)
            """)
    }

    /// Source text that holds nothing but whitespace, comments and `;`.
    static func isTrivial(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ";"):
                i += 1
            case UInt8(ascii: "-") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "-"):
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
            default:
                return false
            }
        }
        return true
    }

    private mutating func checkDiagnostics(
        _ diagnostics: [Diagnostic], _ source: SourceFile, index: Int,
        stage: String, codes allowed: ClosedRange<Character>
    ) {
        var previousStart = 0
        for diagnostic in diagnostics {
            let describe =
                "\(diagnostic.code.rawValue) \(diagnostic.range.start)..<\(diagnostic.range.end): \(diagnostic.message)"
            if diagnostic.message.isEmpty {
                fail("\(stage): a diagnostic with an empty message", source, index: index, detail: describe)
            }
            if diagnostic.help.contains(where: \.isEmpty) {
                fail("\(stage): a diagnostic with an empty help line", source, index: index, detail: describe)
            }
            let range = diagnostic.range
            if !(0 <= range.start && range.start <= range.end && range.end <= source.utf8.count) {
                fail(
                    "\(stage): a diagnostic range outside the source (\(source.utf8.count) bytes)", source,
                    index: index, detail: describe)
            }
            if diagnostic.source !== source {
                fail("\(stage): a diagnostic about another source", source, index: index, detail: describe)
            }
            let code = diagnostic.code.rawValue
            let digits = Array(code.dropFirst())
            if DiagnosticCode(rawValue: code) != diagnostic.code || !code.hasPrefix("E") || digits.count != 3
                || !digits.allSatisfy(\.isNumber) || !allowed.contains(digits[0])
            {
                fail(
                    "\(stage): code \(code) is not a stable code of this stage", source, index: index, detail: describe)
            }
            if range.start < previousStart {
                fail(
                    "\(stage): diagnostics out of source order", source, index: index,
                    detail: diagnostics.map { "\($0.code.rawValue)@\($0.range.start)" }.joined(separator: " "))
            }
            previousStart = range.start
            let rendered = DiagnosticRenderer(useColor: random.chance(0.2)).render(diagnostic)
            if !rendered.contains("[\(code)]") || !rendered.contains(diagnostic.message) {
                fail("\(stage): the rendering lacks the code or message", source, index: index, detail: rendered)
            }
        }
    }

    private mutating func exercise(_ text: String, index: Int) {
        let source = SourceFile(name: "fuzz-\(shard)-\(index).cq", text: text)
        stats.programs += 1
        stats.bytes += source.utf8.count

        // Lexing: work proportional to the input, tokens in order and in bounds.
        let lexed = Lexer.tokenize(source)
        if lexed.tokens.count > source.utf8.count + 1 {
            fail("\(lexed.tokens.count) tokens from \(source.utf8.count) bytes", source, index: index)
        }
        if lexed.tokens.last?.kind != .endOfInput {
            fail("the tokens do not end with the end of input", source, index: index)
        }
        var end = 0
        for token in lexed.tokens {
            if token.range.start < end || token.range.end > source.utf8.count {
                fail(
                    "token \(token.kind.description) at \(token.range.start)..<\(token.range.end) overlaps or leaves the source",
                    source, index: index)
                break
            }
            end = token.range.end
        }
        checkDiagnostics(lexed.diagnostics, source, index: index, stage: "lexer", codes: "1"..."1")

        // Parsing.
        let parsed = Parser.parse(source)
        checkDiagnostics(parsed.diagnostics, source, index: index, stage: "parser", codes: "1"..."2")
        if parsed.diagnostics.count > 2 * lexed.tokens.count {
            fail(
                "\(parsed.diagnostics.count) parser diagnostics from \(lexed.tokens.count) tokens", source, index: index
            )
        }
        if parsed.statements.count > lexed.tokens.count {
            fail("\(parsed.statements.count) statements from \(lexed.tokens.count) tokens", source, index: index)
        }
        let trivial = Fuzzer.isTrivial(source.utf8)
        if parsed.statements.isEmpty && parsed.diagnostics.isEmpty && !trivial {
            fail(
                "no statements and no diagnostics from a program that is not just whitespace, comments and `;`",
                source, index: index)
        }
        if trivial && !(parsed.statements.isEmpty && parsed.diagnostics.isEmpty) {
            fail("statements or diagnostics from whitespace, comments and `;`", source, index: index)
        }
        var statementEnd = 0
        for statement in parsed.statements {
            let range = statement.range
            if range.start < statementEnd || range.end > source.utf8.count
                || statement.keywordRange.start != range.start || statement.keywordRange.end > range.end
            {
                fail(
                    "statement range \(range.start)..<\(range.end) overlaps or leaves the source", source, index: index)
                break
            }
            statementEnd = range.end
        }

        // Checking, against the state the earlier programs left.
        let prepared = session.prepare([source])
        // E7xx: `use "file"` without a file loader.
        checkDiagnostics(prepared.diagnostics, source, index: index, stage: "prepare", codes: "1"..."7")
        if prepared.diagnostics.count > 8 * lexed.tokens.count {
            fail("\(prepared.diagnostics.count) diagnostics from \(lexed.tokens.count) tokens", source, index: index)
        }
        for diagnostic in parsed.diagnostics where !prepared.diagnostics.contains(diagnostic) {
            fail("a parser diagnostic missing from prepare's", source, index: index, detail: diagnostic.message)
        }
        if index % 16 == 0 {
            let again = session.prepare([source])
            if again.diagnostics != prepared.diagnostics {
                fail("preparing twice gives different diagnostics", source, index: index)
            }
        }
        guard prepared.diagnostics.isEmpty else {
            stats.withDiagnostics += 1
            return
        }
        if prepared.statements.count != parsed.statements.count {
            fail(
                "\(parsed.statements.count) statements parsed but \(prepared.statements.count) checked", source,
                index: index)
        }

        // Running, and rendering every result.
        var delivered = 0
        var rendered = 0
        var badSVG = false
        let format = random.pick(OutputFormat.allCases)
        do {
            try session.execute(prepared) { result in
                delivered += 1
                rendered += ResultRenderer(format: format).render(result).utf8.count
                // A plot's SVG is drawn by the front end, from the same value.
                if case .plot(let plot) = result.value {
                    let svg = SVGPlot.render(plot.scatterPlot)
                    if !svg.hasSuffix("</svg>\n") || svg.contains("nan") || svg.contains("inf\"") { badSVG = true }
                }
            }
        } catch {
            fail("execute threw without being cancelled", source, index: index)
        }
        if badSVG { fail("malformed SVG for a plot", source, index: index) }
        if delivered != prepared.statements.count {
            fail("\(prepared.statements.count) statements but \(delivered) results", source, index: index)
        }
        if delivered > 0 && rendered == 0 && format != .csv {
            fail("results rendered as nothing in \(format)", source, index: index)
        }
        stats.executed += 1
        stats.statementsRun += delivered
    }
}

/// Bugs the fuzzing and the probing around it found, kept as regression
/// tests. The ones that used to trap run in a child process (exit tests) so
/// a return of the bug cannot take the test runner down.
extension FuzzTests {
    struct Regressions {
        @Test func a_unit_power_beyond_int_is_a_diagnostic_not_a_trap() async {
            await #expect(processExitsWith: .success) {
                for text in ["list (gdp ^ 9e18) ^ 2", "list gdp ^ 5e18 * gdp ^ 5e18", "list (gdp ^ 50) * (gdp ^ 50)"] {
                    var session = TestDatasets.session()
                    let outcome = session.run(text)
                    precondition(outcome.diagnostics.first?.code == .unitMismatch, text)
                }
            }
        }

        @Test func a_long_chain_of_bindings_does_not_overflow_the_stack() async {
            await #expect(processExitsWith: .success) {
                var text = "let a0 = rnd\n"
                for i in 1...3_000 { text += "let a\(i) = a\(i - 1) + 1\n" }
                text += "list a3000"
                var session = TestDatasets.session()
                let outcome = session.run(text)
                // Past the expansion depth the binding is refused, not recursed into.
                precondition(outcome.diagnostics.first?.code == .nestingTooDeep)
            }
        }

        @Test func bindings_that_double_are_checked_in_linear_time_and_bounded() {
            // `let a1 = a0 + a0`, `let a2 = a1 + a1`, …: a reference reuses the
            // resolved definition, and a definition that would expand past the
            // limit is refused (a13 has 16,383 nodes).
            var text = "let a0 = rnd\n"
            for i in 1...16 { text += "let a\(i) = a\(i - 1) + a\(i - 1)\n" }
            let source = SourceFile(name: "doubling.cq", text: text)
            let session = TestDatasets.session()
            let clock = ContinuousClock()
            var prepared: Session.Prepared?
            let elapsed = clock.measure { prepared = session.prepare([source]) }
            #expect(prepared?.diagnostics.first?.code == .nestingTooDeep)
            #expect(prepared?.diagnostics.first?.location.line == 14)
            #expect(elapsed < .seconds(2))
        }

        @Test func a_lexical_error_at_the_end_is_not_an_incomplete_statement() {
            for text in ["list 12abc", "list #", "list gdp where region = é", "list ``"] {
                let output = Parser.parse(SourceFile(name: "t", text: text))
                #expect(!output.isIncomplete, "\(text)")
                #expect(output.diagnostics.count == 1, "\(text): \(output.diagnostics.map(\.message))")
            }
        }

        @Test func an_empty_quoted_name_is_called_empty() {
            let lexed = Lexer.tokenize(SourceFile(name: "t", text: "list ``"))
            #expect(lexed.diagnostics.map(\.message) == ["a quoted name cannot be empty"])
        }

        @Test func bindings_are_resolved_when_defined() {
            var session = TestDatasets.session()
            let outcome = session.run("let a = 1\nlet b = a\nlet a = 2\nlist b in 2016")
            guard case .table(let table)? = outcome.results.last?.value else {
                Issue.record("no table")
                return
            }
            #expect(table.rows.first?.first == .number(1))
        }
    }
}
