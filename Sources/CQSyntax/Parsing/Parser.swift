/// Builds the syntax tree from tokens: one `parseX` function per rule of
/// `Grammar/cq.ebnf`, each quoting its rule in a `grammar:` comment (a test
/// checks that the quotes and the grammar file agree).
///
/// On a mistake the parser records one diagnostic for the statement, skips to
/// the next statement keyword and carries on, so one run reports every broken
/// statement in source order without cascades of follow-on errors.
public struct Parser {
    public struct Output: Sendable {
        public var statements: [Statement]
        public var diagnostics: [Diagnostic]
        /// True when the text stops in the middle of a statement (an open
        /// parenthesis, a trailing comma, `where` with nothing after it, an
        /// unterminated string): a REPL asks for another line instead of
        /// reporting an error.
        public var isIncomplete: Bool
    }

    /// Deeper nesting than this is refused with a diagnostic rather than
    /// risking the stack: no real query comes close.
    public static let maximumNesting = 64

    public static func parse(_ source: SourceFile) -> Output {
        let lexed = Lexer.tokenize(source)
        var parser = Parser(source: source, tokens: lexed.tokens)
        let statements = parser.parseProgram()
        // Lexical and syntax diagnostics interleave in source order.
        let diagnostics = (lexed.diagnostics + parser.diagnostics).sorted { $0.range.start < $1.range.start }
        return Output(
            statements: statements, diagnostics: diagnostics,
            isIncomplete: lexed.endsInsideQuote || parser.stoppedAtEnd)
    }

    /// Thrown inside the parser to abandon the current statement; the
    /// diagnostic has already been recorded.
    private struct Abandon: Error {}

    private let source: SourceFile
    private let tokens: [Token]
    private var index = 0
    private var nesting = 0
    private var diagnostics: [Diagnostic] = []
    private var stoppedAtEnd = false

    private init(source: SourceFile, tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    // MARK: - Token access

    private var current: Token { tokens[index] }
    private var previous: Token { tokens[max(0, index - 1)] }

    private func peek(_ ahead: Int = 1) -> Token {
        tokens[min(index + ahead, tokens.count - 1)]
    }

    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func check(_ keyword: Keyword) -> Bool {
        current.kind == .keyword(keyword)
    }

    private mutating func match(_ keyword: Keyword) -> Token? {
        check(keyword) ? advance() : nil
    }

    private mutating func match(_ kind: TokenKind) -> Token? {
        current.kind == kind ? advance() : nil
    }

    private mutating func expect(_ kind: TokenKind, _ what: String, help: [String] = []) throws -> Token {
        if current.kind == kind { return advance() }
        throw fail(.expectedToken, "expected \(what), found \(current.kind.description)", help: help)
    }

    private mutating func expect(_ keyword: Keyword, _ context: String, help: [String] = []) throws -> Token {
        if check(keyword) { return advance() }
        throw fail(
            .expectedToken, "expected `\(keyword.rawValue)` \(context), found \(current.kind.description)", help: help)
    }

    /// Records a diagnostic at the current token and returns the error that
    /// abandons the statement.
    private mutating func fail(
        _ code: DiagnosticCode, _ message: String, at range: SourceRange? = nil, help: [String] = []
    ) -> Abandon {
        var range = range ?? current.range
        // An unreadable token was reported by the lexer; a second message
        // about it would only repeat the first, so abandon quietly.
        if current.kind == .invalid && range == current.range { return Abandon() }
        if current.kind == .endOfInput && range == current.range {
            stoppedAtEnd = true
            // Point just after the last token, not at a blank line below it.
            if index > 0 { range = .empty(at: previous.range.end) }
        }
        diagnostics.append(Diagnostic(code, message, source: source, range: range, help: help))
        return Abandon()
    }

    private static func startsStatement(_ kind: TokenKind) -> Bool {
        guard case .keyword(let keyword) = kind else { return false }
        return statementKeywords.contains(keyword)
    }

    static let statementKeywords: [Keyword] = StatementKind.keywords

    // MARK: - Statements

    /// grammar: program = { statement | ";" } ;
    private mutating func parseProgram() -> [Statement] {
        var statements: [Statement] = []
        while current.kind != .endOfInput {
            if match(.semicolon) != nil { continue }
            guard Parser.startsStatement(current.kind) else {
                reportNotAStatement()
                skipToNextStatement(atLeastOne: true)
                continue
            }
            do {
                statements.append(try parseStatement())
            } catch {
                skipToNextStatement(atLeastOne: false)
            }
        }
        return statements
    }

    private mutating func reportNotAStatement() {
        if current.kind == .invalid { return }
        var help: [String] = []
        // `help` and `quit` are what a person tries first at a prompt; the
        // REPL's own commands start with a dot, so say which.
        if case .identifier(let word) = current.kind, ["help", "exit", "quit"].contains(word.lowercased()) {
            help.append("REPL commands start with a dot: .help, .quit")
        } else if case .identifier(let word) = current.kind {
            let names =
                Parser.statementKeywords.map(\.rawValue)
                + StatementKind.allCases.map(\.name).filter { $0.contains(" ") }
            if let hint = Suggestions.didYouMean(Suggestions.closest(to: word, among: names)) {
                help.append(hint)
            }
        }
        if help.isEmpty {
            help.append(
                "statements start with: " + Parser.statementKeywords.map { "`\($0.rawValue)`" }.joined(separator: ", "))
        }
        var message = "expected a statement, found \(current.kind.description)"
        if case .keyword(let keyword) = current.kind, Clause.opened(by: current.kind, next: peek().kind) != nil {
            message = "`\(keyword.rawValue)` does not start a statement"
            help = ["a `\(keyword.rawValue)` clause follows a statement, as in: count countries where eu in 2017"]
        }
        _ = fail(.expectedStatement, message, help: help)
    }

    private mutating func skipToNextStatement(atLeastOne: Bool) {
        if atLeastOne { _ = advance() }
        while current.kind != .endOfInput, current.kind != .semicolon, !Parser.startsStatement(current.kind) {
            _ = advance()
        }
    }

    /// grammar: statement = correlate | regress | summarize | list | count | rank | describe
    ///                    | indicators | countries | let | set | use | explain | plot ;
    private mutating func parseStatement() throws -> Statement {
        guard case .keyword(let keyword) = current.kind, let kind = StatementKind(keyword: keyword) else {
            throw fail(.expectedStatement, "expected a statement, found \(current.kind.description)")
        }
        let start = current.range
        switch kind {
        case .correlate: return try parseCorrelate(start)
        case .regress: return try parseRegress(start)
        case .summarize: return try parseSummarize(start)
        case .list: return try parseList(start)
        case .countCountries: return try parseCount(start)
        case .rank: return try parseRank(start)
        case .describe: return try parseDescribe(start)
        case .indicators: return try parseIndicators(start)
        case .countries: return try parseCountries(start)
        case .bind: return try parseLet(start)
        case .set: return try parseSet(start)
        case .use: return try parseUse(start)
        case .explain: return try parseExplain(start)
        case .plot: return try parsePlot(start)
        }
    }

    private func finish(_ command: Command, _ clauses: Clauses, start: SourceRange, keyword: SourceRange) -> Statement {
        Statement(command: command, clauses: clauses, range: start.joined(previous.range), keywordRange: keyword)
    }

    /// grammar: correlate = "correlate" expression "," expression { "," expression }
    ///                      { where_clause | by_clause | year_clause | using_clause | deletion_clause
    ///                      | output_clause } ;
    private mutating func parseCorrelate(_ start: SourceRange) throws -> Statement {
        _ = advance()
        var variables = [try parseExpression()]
        _ = try expect(
            .comma, "`,` and a second variable: correlate needs two or more",
            help: ["for example: correlate competitiveness, innovation"])
        variables.append(try parseExpression())
        while match(.comma) != nil {
            variables.append(try parseExpression())
        }
        let command = Command.correlate(variables)
        return finish(command, try parseClauses(after: command), start: start, keyword: start)
    }

    /// grammar: regress = "regress" expression "on" expression { "," expression }
    ///                    [ "without" "intercept" ]
    ///                    { where_clause | year_clause | effects_clause | errors_clause | output_clause } ;
    private mutating func parseRegress(_ start: SourceRange) throws -> Statement {
        _ = advance()
        let response = try parseExpression(context: "the variable to explain after `regress`")
        _ = try expect(
            .on, "after the variable to explain", help: ["for example: regress competitiveness on innovation, rnd"])
        var terms = [try parseExpression(context: "an explanatory variable after `on`")]
        while match(.comma) != nil {
            terms.append(try parseExpression(context: "an explanatory variable after `,`"))
        }
        var intercept = true
        if match(.without) != nil {
            _ = try expect(.intercept, "after `without`", help: ["`without intercept` fits a line through the origin"])
            intercept = false
        }
        let command = Command.regress(response: response, terms: terms, intercept: intercept)
        return finish(command, try parseClauses(after: command), start: start, keyword: start)
    }

    /// grammar: summarize = "summarize" [ expression { "," expression } ]
    ///                      { where_clause | by_clause | year_clause | output_clause } ;
    private mutating func parseSummarize(_ start: SourceRange) throws -> Statement {
        _ = advance()
        var variables: [Expression] = []
        if startsExpression(current.kind) {
            variables.append(try parseExpression())
            while match(.comma) != nil {
                variables.append(try parseExpression())
            }
        }
        let command = Command.summarize(variables)
        return finish(command, try parseClauses(after: command), start: start, keyword: start)
    }

    /// grammar: list = "list" expression { "," expression }
    ///                 { where_clause | year_clause | sort_clause | limit_clause | output_clause } ;
    private mutating func parseList(_ start: SourceRange) throws -> Statement {
        _ = advance()
        var columns = [try parseExpression()]
        while match(.comma) != nil {
            columns.append(try parseExpression())
        }
        let command = Command.list(columns)
        return finish(command, try parseClauses(after: command), start: start, keyword: start)
    }

    /// grammar: count = "count" "countries" { where_clause | by_clause | year_clause | output_clause } ;
    private mutating func parseCount(_ start: SourceRange) throws -> Statement {
        _ = advance()
        let second = try expect(
            .countries, "after `count`", help: ["cq counts countries: count countries where region = \"EU\""])
        let command = Command.countCountries
        return finish(command, try parseClauses(after: command), start: start, keyword: start.joined(second.range))
    }

    /// grammar: rank = "rank" expression { where_clause | year_clause | top_clause | output_clause } ;
    private mutating func parseRank(_ start: SourceRange) throws -> Statement {
        _ = advance()
        let command = Command.rank(try parseExpression())
        return finish(command, try parseClauses(after: command), start: start, keyword: start)
    }

    /// grammar: describe = "describe" ( name | "countries" ) ;
    private mutating func parseDescribe(_ start: SourceRange) throws -> Statement {
        _ = advance()
        if let keyword = match(.countries) {
            return try finishWithoutClauses(.describe(.countries(keyword.range)), start: start)
        }
        let name = try parseName(
            "an indicator or attribute to describe after `describe`",
            help: ["for example: describe innovation, describe region, describe countries"])
        return try finishWithoutClauses(.describe(.name(name)), start: start)
    }

    /// grammar: indicators = "indicators" [ name | string ] ;
    private mutating func parseIndicators(_ start: SourceRange) throws -> Statement {
        _ = advance()
        var search: Name?
        switch current.kind {
        case .identifier(let word): search = Name(word, advance().range)
        case .string(let text): search = Name(text, advance().range)
        case .keyword, .number, .comma, .semicolon, .leftParen, .rightParen, .equal, .notEqual, .less, .lessEqual,
            .greater, .greaterEqual, .plus, .minus, .star, .slash, .caret, .dotDot, .invalid, .endOfInput:
            break
        }
        return try finishWithoutClauses(.indicators(search: search), start: start)
    }

    /// grammar: countries = "countries" { where_clause | year_clause | output_clause } ;
    private mutating func parseCountries(_ start: SourceRange) throws -> Statement {
        _ = advance()
        let command = Command.countries
        return finish(command, try parseClauses(after: command), start: start, keyword: start)
    }

    /// grammar: let = "let" name "=" expression ;
    private mutating func parseLet(_ start: SourceRange) throws -> Statement {
        _ = advance()
        let name = try parseName("a name after `let`", help: ["for example: let gdp = gdp_per_capita * population"])
        _ = try expect(.equal, "`=` after `let \(name.text)`")
        let value = try parseExpression()
        return try finishWithoutClauses(.bind(name, value), start: start)
    }

    /// grammar: set = "set" name "=" setting_value ;
    private mutating func parseSet(_ start: SourceRange) throws -> Statement {
        _ = advance()
        let name = try parseName("a setting after `set`", help: ["for example: set year = 2017"])
        _ = try expect(.equal, "`=` after `set \(name.text)`")
        let value = try parseSettingValue()
        return try finishWithoutClauses(.set(name, value), start: start)
    }

    /// grammar: use = "use" ( database | ( name | string ) [ "as" name [ load_options ] ] [ "adding" ] ) ;
    /// The name of a database engine is followed by where the data is:
    /// grammar: database = name string [ load_options ] ;
    private mutating func parseUse(_ start: SourceRange) throws -> Statement {
        _ = advance()
        let reference: DatasetReference
        if case .string(let path) = current.kind {
            reference = .path(path, advance().range)
        } else {
            let name = try parseName(
                "a dataset after `use`",
                help: [
                    "the built-in datasets are `world` and `paper`; a file is named in quotes: use \"WDICSV.csv\""
                ])
            if case .string(let location) = current.kind {
                let range = advance().range
                let options = match(.leftParen) != nil ? try parseLoadOptions(closing: Self.databaseOptionExample) : []
                return try finishWithoutClauses(
                    .use(.database(engine: name, location: location, range: range), format: nil, options: options),
                    start: start)
            }
            reference = .builtin(name)
        }
        var format: Name?
        var options: [LoadOptionSyntax] = []
        if match(.as) != nil {
            format = try parseName(
                "a format after `as`",
                help: ["formats: " + Vocabulary.datasetFormats.map { "`\($0)`" }.joined(separator: ", ")])
            if match(.leftParen) != nil {
                options = try parseLoadOptions(
                    closing: "for example: use \"data.csv\" as table (entity = \"state\", separator = \";\")")
            }
        }
        var adding: SourceRange?
        if case .identifier(let word) = current.kind, word.lowercased() == "adding" { adding = advance().range }
        return try finishWithoutClauses(
            .use(reference, format: format, options: options, adding: adding), start: start)
    }

    static let databaseOptionExample =
        "for example: use postgres \"postgresql://localhost/stats\" (schema = \"wdi\", observations = \"obs\")"

    /// Called after the "(":
    /// grammar: load_options = "(" load_option { "," load_option } ")" ;
    private mutating func parseLoadOptions(closing example: String) throws -> [LoadOptionSyntax] {
        var options: [LoadOptionSyntax] = []
        repeat {
            options.append(try parseLoadOption(example: example))
        } while match(.comma) != nil
        _ = try expect(.rightParen, "`)` after the options", help: [example])
        return options
    }

    /// grammar: load_option = name "=" string ;
    /// An option's name may be a keyword (`countries = "…"`, `indicators = "…"`):
    /// before `=` inside the parentheses it can only be an option.
    private mutating func parseLoadOption(example: String) throws -> LoadOptionSyntax {
        let name: Name
        if case .keyword(let keyword) = current.kind, peek().kind == .equal {
            name = Name(keyword.rawValue, advance().range)
        } else {
            name = try parseName("an option's name", help: [example])
        }
        _ = try expect(.equal, "`=` after `\(name.text)`", help: ["options are written name = \"value\""])
        guard case .string(let value) = current.kind else {
            throw fail(
                .expectedToken, "expected a quoted value after `\(name.text) =`, found \(current.kind.description)",
                help: ["values are quoted: \(name.text) = \"…\""])
        }
        return LoadOptionSyntax(name: name, value: value, valueRange: advance().range)
    }

    /// grammar: explain = "explain" ( correlate | regress ) ;
    private mutating func parseExplain(_ start: SourceRange) throws -> Statement {
        _ = advance()
        let inner: Statement
        switch current.kind {
        case .keyword(.correlate): inner = try parseCorrelate(current.range)
        case .keyword(.regress): inner = try parseRegress(current.range)
        default:
            throw fail(
                .expectedToken, "expected `correlate` or `regress` after `explain`, found \(current.kind.description)",
                help: ["explain shows the working of a statistic: explain correlate competitiveness, innovation"])
        }
        return Statement(
            command: .explain(inner.command), clauses: inner.clauses, range: start.joined(inner.range),
            keywordRange: start)
    }

    /// grammar: plot = "plot" expression ( "against" expression | "over" "year" )
    ///                 { where_clause | year_clause | label_clause | fit_clause | output_clause } ;
    private mutating func parsePlot(_ start: SourceRange) throws -> Statement {
        _ = advance()
        let y = try parseExpression(context: "the variable for the vertical axis after `plot`")
        // `plot x over year`: a line per country along the years.
        if case .identifier(let word) = current.kind, word.lowercased() == "over" {
            let over = advance().range
            guard case .identifier(let time) = current.kind, time.lowercased() == "year" else {
                throw fail(
                    .expectedToken, "expected `year` after `over`, found \(current.kind.description)",
                    help: ["a time-series plot follows the years: plot gdp_per_capita over year where region = \"CIS\""]
                )
            }
            let year = Expression(.name(time), advance().range)
            let command = Command.plot(y: y, x: year)
            var clauses = try parseClauses(after: command)
            clauses.over = over
            return finish(command, clauses, start: start, keyword: start)
        }
        _ = try expect(
            .against, "after the vertical axis's variable",
            help: ["plot puts the first variable up and the second across: plot innovation against competitiveness"])
        let x = try parseExpression(context: "the variable for the horizontal axis after `against`")
        let command = Command.plot(y: y, x: x)
        return finish(command, try parseClauses(after: command), start: start, keyword: start)
    }

    /// Statements without clauses still get a clear message when one follows.
    private mutating func finishWithoutClauses(_ command: Command, start: SourceRange) throws -> Statement {
        _ = try parseClauses(after: command)
        return finish(command, Clauses(), start: start, keyword: start)
    }

    /// grammar: setting_value = integer ".." integer | number | string | name ;
    private mutating func parseSettingValue() throws -> SettingValue {
        let token = current
        switch token.kind {
        case .number(let text):
            if peek().kind == .dotDot {
                return .years(try parseYearRange())
            }
            _ = advance()
            return .number(try numberValue(text, token.range), text: text, range: token.range)
        case .string(let text):
            _ = advance()
            return .text(text, range: token.range)
        case .identifier(let word):
            _ = advance()
            return .word(Name(word, token.range))
        case .keyword, .comma, .semicolon, .leftParen, .rightParen, .equal, .notEqual, .less, .lessEqual,
            .greater, .greaterEqual, .plus, .minus, .star, .slash, .caret, .dotDot, .invalid, .endOfInput:
            throw fail(
                .expectedExpression, "expected a value for the setting, found \(token.kind.description)",
                help: ["for example: set year = 2017, set year = 2000..2020, set method = spearman"])
        }
    }

    // MARK: - Clauses

    /// Parses clauses in any order. A clause the statement does not take is
    /// reported as such (rather than "expected a statement"), with the list of
    /// clauses it does take.
    private mutating func parseClauses(after command: Command) throws -> Clauses {
        var clauses = Clauses()
        var seen: [Clause: SourceRange] = [:]
        let allowed = Clause.allowed(after: command)
        while let clause = Clause.opened(by: current.kind, next: peek().kind) {
            guard allowed.contains(clause) else {
                let takes =
                    allowed.isEmpty
                    ? "`\(command.keyword)` takes no clauses"
                    : "`\(command.keyword)` takes: " + allowed.map { "`\($0.spelling)`" }.joined(separator: ", ")
                throw fail(
                    .clauseNotAllowed, "`\(clause.spelling)` cannot be used with `\(command.keyword)`", help: [takes])
            }
            let clauseStart = current.range
            if let earlier = seen[clause] {
                let line = source.location(of: earlier.start)
                throw fail(
                    .duplicateClause, "a second `\(clause.spelling)` clause in one statement",
                    help: ["the first is at \(line); combine conditions with `and`, or keep one"])
            }
            seen[clause] = clauseStart
            switch clause {
            case .filter: clauses.filter = try parseWhereClause()
            case .groupBy: (clauses.groupBy, clauses.compare) = try parseByClause()
            case .deletion: clauses.deletion = parseDeletionClause()
            case .years: clauses.years = try parseYearClause()
            case .method: clauses.method = try parseUsingClause()
            case .sort: clauses.sort = try parseSortClause()
            case .limit: clauses.limit = try parseLimitClause()
            case .top: clauses.top = try parseTopClause()
            case .label: clauses.label = try parseLabelClause()
            case .fit: clauses.fit = try parseFitClause()
            case .output: clauses.output = try parseOutputClause()
            case .effects: clauses.effects = try parseEffectsClause()
            case .errors: clauses.errors = try parseErrorsClause()
            }
        }
        if !Parser.startsStatement(current.kind), current.kind != .semicolon, current.kind != .endOfInput {
            var help: [String] = []
            if case .identifier(let word) = current.kind {
                // A misspelt keyword: offer the words that could come here.
                var words = allowed.flatMap { clause -> [String] in
                    switch clause {
                    case .years: return ["in", "during"]
                    case .sort: return ["sort"]
                    case .deletion: return ["listwise", "pairwise"]
                    case .errors: return ["robust", "cluster"]
                    case .effects: return ["with"]
                    default: return [clause.spelling]
                    }
                }
                // Connectives can only continue a condition.
                if clauses.filter != nil { words += ["and", "or", "not", "between"] }
                if allowed.contains(.sort) { words += ["asc", "desc"] }
                if let hint = Suggestions.didYouMean(Suggestions.closest(to: word, among: words)) {
                    help.append(hint)
                }
            }
            if !allowed.isEmpty {
                help.append(
                    "`\(command.keyword)` can be followed by: "
                        + allowed.map { "`\($0.spelling)`" }.joined(separator: ", "))
            }
            help.append("separate variables with `,`; start the next statement with its keyword")
            throw fail(
                .expectedToken, "unexpected \(current.kind.description) after the `\(command.keyword)` statement",
                help: help)
        }
        return clauses
    }

    /// grammar: where_clause = "where" expression ;
    private mutating func parseWhereClause() throws -> Expression {
        _ = advance()
        return try parseExpression(context: "a condition after `where`")
    }

    /// grammar: by_clause = "by" expression [ "compare" ] ;
    private mutating func parseByClause() throws -> (Expression, SourceRange?) {
        _ = advance()
        let key = try parseExpression(context: "an attribute after `by`, such as `region`")
        return (key, match(.compare)?.range)
    }

    /// grammar: deletion_clause = "listwise" | "pairwise" ;
    private mutating func parseDeletionClause() -> Deletion {
        let token = advance()
        return Deletion(listwise: token.kind == .keyword(.listwise), range: token.range)
    }

    /// grammar: year_clause = "in" integer | "during" integer ".." integer ;
    private mutating func parseYearClause() throws -> YearFilter {
        if let keyword = match(.in) {
            let (year, range) = try parseYear(after: "`in`")
            return YearFilter(first: year, last: year, range: keyword.range.joined(range))
        }
        let keyword = advance()
        let filter = try parseYearRange()
        return YearFilter(first: filter.first, last: filter.last, range: keyword.range.joined(filter.range))
    }

    private mutating func parseYearRange() throws -> YearFilter {
        let (first, firstRange) = try parseYear(after: "`during`")
        _ = try expect(.dotDot, "`..` between the first and last year", help: ["for example: during 2000..2020"])
        let (last, lastRange) = try parseYear(after: "`..`")
        return YearFilter(first: first, last: last, range: firstRange.joined(lastRange))
    }

    private mutating func parseYear(after what: String) throws -> (Int, SourceRange) {
        guard case .number(let text) = current.kind else {
            throw fail(
                .expectedYear, "expected a year after \(what), found \(current.kind.description)",
                help: ["years are written as four digits: in 2017, during 2000..2020"])
        }
        guard let year = Int(text), (0...9999).contains(year) else {
            throw fail(
                .expectedYear, "`\(text)` is not a year",
                help: ["years are written as four digits: in 2017, during 2000..2020"])
        }
        return (year, advance().range)
    }

    /// grammar: using_clause = "using" name ;
    private mutating func parseUsingClause() throws -> Name {
        _ = advance()
        return try parseName(
            "a method after `using`",
            help: ["methods: " + Vocabulary.correlationMethods.map { "`\($0)`" }.joined(separator: ", ")])
    }

    /// grammar: sort_clause = "sort" "by" expression [ "asc" | "desc" ] ;
    private mutating func parseSortClause() throws -> SortOrder {
        let start = advance().range
        _ = try expect(.by, "after `sort`", help: ["for example: sort by innovation desc"])
        let key = try parseExpression(context: "what to sort by")
        var descending = false
        if match(.desc) != nil {
            descending = true
        } else {
            _ = match(.asc)
        }
        return SortOrder(key: key, descending: descending, range: start.joined(previous.range))
    }

    /// grammar: limit_clause = "limit" integer ;
    private mutating func parseLimitClause() throws -> CountLimit {
        _ = advance()
        return try parseCount(after: "`limit`")
    }

    /// grammar: top_clause = "top" integer ;
    private mutating func parseTopClause() throws -> CountLimit {
        _ = advance()
        return try parseCount(after: "`top`")
    }

    /// grammar: label_clause = "label" name ;
    private mutating func parseLabelClause() throws -> Name {
        _ = advance()
        return try parseName(
            "what to write beside each point after `label`",
            help: ["label country writes ISO codes, label name the countries' names"])
    }

    /// grammar: fit_clause = "with" "fit" ;
    private mutating func parseFitClause() throws -> SourceRange {
        let with = advance()
        guard case .identifier(let word) = current.kind, word.lowercased() == "fit" else {
            throw fail(
                .expectedToken, "expected `fit` after `with`, found \(current.kind.description)",
                help: ["with fit draws the least-squares line through the points"])
        }
        return with.range.joined(advance().range)
    }

    /// grammar: effects_clause = "with" ( "country" [ "and" "year" ] | "year" [ "and" "country" ] ) "effects" ;
    private mutating func parseEffectsClause() throws -> FixedEffectsClause {
        let with = advance()
        var country = false
        var year = false
        repeat {
            guard case .identifier(let word) = current.kind, ["country", "year"].contains(word.lowercased()) else {
                throw fail(
                    .expectedToken, "expected `country` or `year` after `and`, found \(current.kind.description)",
                    help: ["for example: with country and year effects"])
            }
            let isCountry = word.lowercased() == "country"
            if isCountry ? country : year {
                throw fail(
                    .expectedToken, "`\(word)` effects are named twice",
                    help: ["name each effect once: with country and year effects"])
            }
            if isCountry { country = true } else { year = true }
            _ = advance()
        } while match(.and) != nil
        guard case .identifier(let word) = current.kind, word.lowercased() == "effects" else {
            throw fail(
                .expectedToken,
                "expected `effects` after `\(source.text(of: previous.range))`, found \(current.kind.description)",
                help: [
                    "fixed effects are written: with country effects, with year effects, with country and year effects"
                ])
        }
        return FixedEffectsClause(country: country, year: year, range: with.range.joined(advance().range))
    }

    /// grammar: errors_clause = "robust" | "cluster" "by" expression ;
    private mutating func parseErrorsClause() throws -> StandardErrorClause {
        let word = advance()
        guard source.text(of: word.range).lowercased() == "cluster" else { return .robust(word.range) }
        _ = try expect(
            .keyword(.by), "`by` after `cluster`",
            help: ["clustered standard errors name the groups: cluster by country"])
        let key = try parseExpression(context: "what to cluster by after `cluster by`, such as `country`")
        return .cluster(key, range: word.range.joined(previous.range))
    }

    /// grammar: output_clause = "to" string ;
    private mutating func parseOutputClause() throws -> OutputFile {
        _ = advance()
        guard case .string(let path) = current.kind else {
            throw fail(
                .expectedToken, "expected a file name in quotes after `to`, found \(current.kind.description)",
                help: ["for example: plot innovation against competitiveness to \"plot.svg\""])
        }
        return OutputFile(path: path, range: advance().range)
    }

    private mutating func parseCount(after what: String) throws -> CountLimit {
        guard case .number(let text) = current.kind, let count = Int(text), count >= 0 else {
            throw fail(
                .expectedCount, "expected a whole number of rows after \(what), found \(current.kind.description)",
                help: ["for example: \(what.replacingBackticks) 10"])
        }
        return CountLimit(count: count, range: advance().range)
    }

    // MARK: - Expressions

    /// Whether the current token (of kind `kind`) can start an expression.
    private func startsExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .number, .string, .identifier, .leftParen, .minus, .keyword(.not): return true
        case .keyword(.count): return peek().kind == .leftParen
        case .keyword, .comma, .semicolon, .rightParen, .equal, .notEqual, .less, .lessEqual, .greater,
            .greaterEqual, .plus, .star, .slash, .caret, .dotDot, .invalid, .endOfInput:
            return false
        }
    }

    /// grammar: expression = disjunction ;
    private mutating func parseExpression(context: String = "a value or name") throws -> Expression {
        guard startsExpression(current.kind) else {
            throw fail(.expectedExpression, "expected \(context), found \(current.kind.description)")
        }
        return try parseDisjunction()
    }

    /// Guards recursion: every rule that can nest calls through here.
    private mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Parser.maximumNesting {
            throw fail(
                .nestingTooDeep, "expression nested more than \(Parser.maximumNesting) levels deep",
                help: ["split it with `let`"])
        }
        return try body(&self)
    }

    private mutating func binary(_ kind: ExpressionKind, _ left: Expression, _ right: Expression) throws -> Expression {
        let node = Expression(kind, left.range.joined(right.range))
        if node.height > Parser.maximumNesting {
            throw fail(
                .nestingTooDeep, "expression nested more than \(Parser.maximumNesting) levels deep",
                at: node.range, help: ["split it with `let`"])
        }
        return node
    }

    /// grammar: disjunction = conjunction { "or" conjunction } ;
    private mutating func parseDisjunction() throws -> Expression {
        var left = try parseConjunction()
        while match(.or) != nil {
            let right = try parseOperand(after: "`or`") { try $0.parseConjunction() }
            left = try binary(.logical(.or, left, right), left, right)
        }
        return left
    }

    /// grammar: conjunction = negation { "and" negation } ;
    private mutating func parseConjunction() throws -> Expression {
        var left = try parseNegation()
        while match(.and) != nil {
            let right = try parseOperand(after: "`and`") { try $0.parseNegation() }
            left = try binary(.logical(.and, left, right), left, right)
        }
        return left
    }

    /// grammar: negation = "not" negation | comparison ;
    private mutating func parseNegation() throws -> Expression {
        if let keyword = match(.not) {
            let operand = try parseOperand(after: "`not`") { try $0.nested { try $0.parseNegation() } }
            return Expression(.not(operand), keyword.range.joined(operand.range))
        }
        return try parseComparison()
    }

    /// grammar: comparison = sum [ comparison_operator sum
    ///                           | [ "not" ] "in" "(" expression { "," expression } ")"
    ///                           | [ "not" ] "between" sum "and" sum ] ;
    private mutating func parseComparison() throws -> Expression {
        let left = try parseSum()
        if let op = parseComparisonOperator() {
            let right = try parseOperand(after: "`\(op.rawValue)`") { try $0.parseSum() }
            return try binary(.comparison(op, left, right), left, right)
        }
        // `not` here can only begin `not in` or `not between`.
        let negated = check(.not) && (peek().kind == .keyword(.in) || peek().kind == .keyword(.between))
        if negated { _ = advance() }
        // `in` followed by `(` is membership; `in 2017` is a year clause.
        if check(.in), peek().kind == .leftParen {
            _ = advance()
            _ = advance()
            return try nested { parser in
                var members = [try parser.parseExpression(context: "a value in the list")]
                while parser.match(.comma) != nil {
                    members.append(try parser.parseExpression(context: "a value after `,`"))
                }
                let close = try parser.expect(
                    .rightParen, "`)` to close the list", help: ["for example: region in (\"EU\", \"CIS\")"])
                let node = Expression(.membership(left, members, negated: negated), left.range.joined(close.range))
                return try parser.checkedHeight(node)
            }
        }
        if match(.between) != nil {
            let low = try parseOperand(after: "`between`") { try $0.parseSum() }
            _ = try expect(.and, "between the bounds of `between`", help: ["for example: rnd between 1 and 3"])
            let high = try parseOperand(after: "`and`") { try $0.parseSum() }
            let node = Expression(.between(left, low: low, high: high, negated: negated), left.range.joined(high.range))
            return try checkedHeight(node)
        }
        if negated {
            throw fail(.expectedToken, "expected `in (…)` or `between` after `not`")
        }
        return left
    }

    private mutating func checkedHeight(_ node: Expression) throws -> Expression {
        if node.height > Parser.maximumNesting {
            throw fail(
                .nestingTooDeep, "expression nested more than \(Parser.maximumNesting) levels deep",
                at: node.range, help: ["split it with `let`"])
        }
        return node
    }

    /// grammar: comparison_operator = "=" | "==" | "!=" | "<>" | "<" | "<=" | ">" | ">=" ;
    private mutating func parseComparisonOperator() -> ComparisonOperator? {
        let op: ComparisonOperator
        switch current.kind {
        case .equal: op = .equal
        case .notEqual: op = .notEqual
        case .less: op = .less
        case .lessEqual: op = .lessEqual
        case .greater: op = .greater
        case .greaterEqual: op = .greaterEqual
        case .keyword, .identifier, .number, .string, .comma, .semicolon, .leftParen, .rightParen,
            .plus, .minus, .star, .slash, .caret, .dotDot, .invalid, .endOfInput:
            return nil
        }
        _ = advance()
        return op
    }

    /// grammar: sum = product { ( "+" | "-" ) product } ;
    private mutating func parseSum() throws -> Expression {
        var left = try parseProduct()
        while current.kind == .plus || current.kind == .minus {
            let op: ArithmeticOperator = advance().kind == .plus ? .add : .subtract
            let right = try parseOperand(after: "`\(op.rawValue)`") { try $0.parseProduct() }
            left = try binary(.arithmetic(op, left, right), left, right)
        }
        return left
    }

    /// grammar: product = signed { ( "*" | "/" ) signed } ;
    private mutating func parseProduct() throws -> Expression {
        var left = try parseSigned()
        while current.kind == .star || current.kind == .slash {
            let op: ArithmeticOperator = advance().kind == .star ? .multiply : .divide
            let right = try parseOperand(after: "`\(op.rawValue)`") { try $0.parseSigned() }
            left = try binary(.arithmetic(op, left, right), left, right)
        }
        return left
    }

    /// grammar: signed = "-" signed | power ;
    private mutating func parseSigned() throws -> Expression {
        if let minus = match(.minus) {
            let operand = try parseOperand(after: "`-`") { try $0.nested { try $0.parseSigned() } }
            return Expression(.negate(operand), minus.range.joined(operand.range))
        }
        return try parsePower()
    }

    /// grammar: power = primary [ "^" signed ] ;
    private mutating func parsePower() throws -> Expression {
        let base = try parsePrimary()
        if match(.caret) != nil {
            let exponent = try parseOperand(after: "`^`") { try $0.nested { try $0.parseSigned() } }
            return try binary(.arithmetic(.power, base, exponent), base, exponent)
        }
        return base
    }

    /// grammar: primary = number | string | name [ "(" [ expression { "," expression } ] ")" ]
    ///                  | "count" "(" [ expression { "," expression } ] ")"
    ///                  | "(" expression ")" ;
    private mutating func parsePrimary() throws -> Expression {
        let token = current
        // `count` starts a statement, and in an expression the period aggregate `count(x)`.
        if token.kind == .keyword(.count), peek().kind == .leftParen {
            _ = advance()
            _ = advance()
            return try parseCallArguments(Keyword.count.rawValue, token)
        }
        switch token.kind {
        case .number(let text):
            _ = advance()
            return Expression(.number(try numberValue(text, token.range), text: text), token.range)
        case .string(let text):
            _ = advance()
            return Expression(.string(text), token.range)
        case .identifier(let word):
            _ = advance()
            guard match(.leftParen) != nil else {
                return Expression(.name(word), token.range)
            }
            return try parseCallArguments(word, token)
        case .leftParen:
            _ = advance()
            return try nested { parser in
                let inner = try parser.parseExpression()
                let line = parser.source.location(of: token.range.start).line
                _ = try parser.expect(.rightParen, "`)` to close the `(` on line \(line)")
                return Expression(inner.kind, token.range.joined(parser.previous.range))
            }
        case .keyword, .comma, .semicolon, .rightParen, .equal, .notEqual, .less, .lessEqual, .greater,
            .greaterEqual, .plus, .minus, .star, .slash, .caret, .dotDot, .invalid, .endOfInput:
            return try expressionMissing(token)
        }
    }

    /// The arguments of a call whose `name (` has been read.
    private mutating func parseCallArguments(_ word: String, _ token: Token) throws -> Expression {
        try nested { parser in
            var arguments: [Expression] = []
            if parser.current.kind != .rightParen {
                arguments.append(try parser.parseExpression(context: "an argument"))
                while parser.match(.comma) != nil {
                    arguments.append(try parser.parseExpression(context: "an argument after `,`"))
                }
            }
            let close = try parser.expect(.rightParen, "`)` to close the call to `\(word)`")
            let node = Expression(.call(Name(word, token.range), arguments), token.range.joined(close.range))
            return try parser.checkedHeight(node)
        }
    }

    private mutating func expressionMissing(_ token: Token) throws -> Expression {
        var help: [String] = []
        if case .keyword(let keyword) = token.kind {
            help.append(
                "`\(keyword.rawValue)` is a keyword; write a name that collides with one between backticks: `\(keyword.rawValue)`"
            )
        }
        throw fail(.expectedExpression, "expected a value or name, found \(token.kind.description)", help: help)
    }

    /// The operand after an operator: reports "expected … after `op`" rather
    /// than a generic message when it is missing.
    private mutating func parseOperand(after what: String, _ body: (inout Parser) throws -> Expression) throws
        -> Expression
    {
        guard startsExpression(current.kind) else {
            throw fail(.expectedExpression, "expected a value or name after \(what), found \(current.kind.description)")
        }
        return try body(&self)
    }

    private mutating func parseName(_ what: String, help: [String] = []) throws -> Name {
        guard case .identifier(let word) = current.kind else {
            var help = help
            if case .keyword(let keyword) = current.kind {
                help.append("`\(keyword.rawValue)` is a keyword; write it between backticks to use it as a name")
            }
            throw fail(.expectedToken, "expected \(what), found \(current.kind.description)", help: help)
        }
        return Name(word, advance().range)
    }

    private mutating func numberValue(_ text: String, _ range: SourceRange) throws -> Double {
        guard let value = Double(text), value.isFinite else {
            throw fail(
                .invalidNumber, "`\(text)` is not a number cq can hold", at: range,
                help: ["numbers must be finite and smaller than about 1.8e308"])
        }
        return value
    }
}

extension String {
    /// "`limit`" → "limit", for example lines in help text.
    fileprivate var replacingBackticks: String {
        String(filter { $0 != "`" })
    }
}
