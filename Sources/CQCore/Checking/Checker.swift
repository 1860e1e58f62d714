/// Resolves every name and type in a program before anything runs.
///
/// The checker threads a copy of the session state through the statements,
/// applying `use`, `let` and `set` as it goes, so a later statement is
/// checked against the dataset and bindings it will really see. It reports
/// every error in the program (one per faulty statement part), in source
/// order, and produces checked statements only when there are none.
public struct Checker {
    public struct Output: Sendable {
        public var statements: [CheckedStatement]
        public var diagnostics: [Diagnostic]
        public var stateAfter: SessionState
    }

    public static func check(
        _ statements: [Statement], in source: SourceFile, state: SessionState, catalog: DatasetCatalog
    ) -> Output {
        var checker = Checker(source: source, state: state, catalog: catalog)
        var checked: [CheckedStatement] = []
        for statement in statements {
            if let action = checker.check(statement) {
                var checkedStatement = CheckedStatement(
                    statement: statement, source: source, action: action, stateAfter: checker.state)
                checkedStatement.file = checker.resultFile(statement)
                checked.append(checkedStatement)
            }
        }
        return Output(statements: checked, diagnostics: checker.diagnostics, stateAfter: checker.state)
    }

    /// Checks one expression on its own, e.g. for completion or `describe`.
    public static func type(of expression: Expression, in source: SourceFile, state: SessionState) -> ValueType? {
        var checker = Checker(source: source, state: state, catalog: DatasetCatalog(names: [], load: { _ in nil }))
        return checker.resolve(expression)?.type
    }

    let source: SourceFile
    var state: SessionState
    let catalog: DatasetCatalog
    var diagnostics: [Diagnostic] = []

    init(source: SourceFile, state: SessionState, catalog: DatasetCatalog) {
        self.source = source
        self.state = state
        self.catalog = catalog
    }

    var dataset: Dataset { state.dataset }

    /// `to "FILE"`, when the file is one cq can write.
    func resultFile(_ statement: Statement) -> ResultFile? {
        guard let output = statement.clauses.output,
            let kind = ResultFile.kind(forPath: output.path, plot: statement.command.kind == .plot)
        else { return nil }
        return ResultFile(path: output.path, kind: kind)
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, at range: SourceRange, help: [String] = []) {
        diagnostics.append(Diagnostic(code, message, source: source, range: range, help: help))
    }

    // MARK: - Statements

    mutating func check(_ statement: Statement) -> Action? {
        let errorsBefore = diagnostics.count
        if let output = statement.clauses.output, resultFile(statement) == nil {
            let isPlot = statement.command.kind == .plot
            let written = ResultFile.pathExtension(output.path)
            report(
                .cannotWriteFileType,
                written.isEmpty
                    ? "cq cannot tell what to write to \"\(output.path)\": it has no extension"
                    : "cq cannot write .\(written) files",
                at: output.range,
                help: [
                    isPlot
                        ? "a plot is written as .svg (or its points as .csv, .json, .md or .txt); convert an SVG with e.g. `rsvg-convert -o plot.png plot.svg`"
                        : "results are written as .csv, .json, .md or .txt"
                ])
        }
        guard let action = checkCommand(statement), diagnostics.count == errorsBefore,
            let bound = bindAggregates(action, statement)
        else { return nil }
        // Over a database, the values come now, so that a lost connection
        // is a diagnostic at the statement like any other.
        if let database = state.database { return fetchObservations(bound, statement, from: database) }
        return settlingIndicators(bound)
    }

    /// The statement with the grids it reads laid out: a sparse indicator's
    /// grid (`SparseGrid`) is laid out when first read, and then read as an
    /// array at every cell.
    func settlingIndicators(_ action: Action) -> Action {
        switch action {
        case .indicators, .describe(.indicator, _): return action  // coverage reads the bitmap
        default: break
        }
        guard let read = action.indicatorsRead(in: dataset),
            read.contains(where: { index in
                if case .sparse = dataset.indicators[index].storage { return true }
                return false
            })
        else { return action }
        return action.replacingDataset(with: dataset.settling(read))
    }

    mutating func checkCommand(_ statement: Statement) -> Action? {
        let clauses = statement.clauses
        if case .correlate = statement.command {
        } else if let compare = clauses.compare {
            report(
                .clauseNotAllowed, "`compare` belongs to `correlate … by …`", at: compare,
                help: ["for example: correlate gdp_per_capita, rnd by eu compare in 2019"])
            return nil
        }
        switch statement.command {
        case .correlate(let expressions): return checkCorrelate(expressions, clauses)
        case .regress(let response, let terms, let intercept):
            return checkRegress(response, on: terms, intercept: intercept, clauses)
        case .summarize(let expressions): return checkSummarize(expressions, clauses)
        case .list(let expressions): return checkList(expressions, clauses)
        case .countCountries: return checkCountCountries(clauses)
        case .rank(let expression): return checkRank(expression, clauses)
        case .describe(let subject): return checkDescribe(subject)
        case .indicators(let search): return .indicators(dataset: dataset, search: search?.text)
        case .explain(let explained): return checkExplain(explained, statement)
        case .plot(let y, let x): return checkPlot(y: y, x: x, clauses)
        case .countries: return checkCountries(clauses)
        case .bind(let name, let expression): return checkLet(name, expression)
        case .set(let name, let value): return checkSet(name, value)
        case .use(let reference, let formatName, let options, let adding):
            return checkUse(reference, format: formatName, options: options, adding: adding)
        }
    }

    func variable(_ expression: Expression, _ typed: (expression: TypedExpression, type: ValueType)) -> Variable {
        Variable(label: label(of: expression), expression: typed.expression, type: typed.type)
    }

    /// An expression's text as a title or column name: as typed, except that
    /// whatever separates two tokens (spaces, a line end, a comment) becomes
    /// one space, and none after `(` or before `)` and `,`. So readline's
    /// space after a completion (`log(rnd )`) or a term spread over lines
    /// cannot change a title, and text written the usual way is kept
    /// exactly (`gdp*2` stays `gdp*2`; strings keep their spaces).
    func label(of expression: Expression) -> String {
        let text = source.text(of: expression.range)
        let bytes = Array(text.utf8)
        let tokens = Lexer.tokenize(SourceFile(name: source.name, text: text)).tokens.filter { $0.kind != .endOfInput }
        var label: [UInt8] = []
        for (index, token) in tokens.enumerated() {
            if index > 0 {
                let previous = tokens[index - 1]
                let separated = previous.range.end < token.range.start
                let tight =
                    previous.kind == .leftParen || token.kind == .rightParen || token.kind == .comma
                if separated && !tight { label.append(UInt8(ascii: " ")) }
            }
            label += bytes[token.range.start..<token.range.end]
        }
        return String(decoding: label, as: UTF8.self)
    }

    /// Resolves each expression and requires a number (a year counts).
    mutating func numericVariables(_ expressions: [Expression], for statement: String) -> [Variable]? {
        var variables: [Variable] = []
        for expression in expressions {
            guard let typed = resolve(expression) else { continue }
            guard typed.type.isNumeric else {
                let text = source.text(of: expression.range)
                var help: [String] = []
                switch typed.type {
                case .text where statement != "rank":
                    help.append("to compare groups, put the category in a `by` clause: \(statement) … by \(text)")
                case .text:
                    help.append("`rank` orders countries by a number; `where \(text) = \"…\"` picks a group")
                case .boolean:
                    help.append("a condition belongs in a `where` clause")
                case .number, .year:
                    break
                }
                if let hint = Suggestions.didYouMean(Suggestions.closest(to: text, among: dataset.indicators.map(\.id)))
                {
                    help.append(hint)
                }
                report(
                    .expectedNumber, "`\(statement)` needs numbers, but `\(text)` is \(typed.type)",
                    at: expression.range, help: help)
                continue
            }
            variables.append(variable(expression, typed))
        }
        return variables.count == expressions.count ? variables : nil
    }

    /// `correlate x, x` is almost always a slip.
    mutating func distinct(_ variables: [Variable]?, _ expressions: [Expression]) {
        guard let variables else { return }
        var seen: [String: Int] = [:]
        for (index, variable) in variables.enumerated() {
            let key = variable.label.lowercased()
            if let first = seen[key] {
                let location = source.location(of: expressions[first].range.start)
                report(
                    .duplicateColumn, "`\(variable.label)` appears twice", at: expressions[index].range,
                    help: ["it is already variable \(first + 1), at \(location)"])
            } else {
                seen[key] = index
            }
        }
    }

    mutating func correlationMethod(_ name: Name?) -> CorrelationMethod? {
        guard let name else { return state.settings.method }
        if let method = CorrelationMethod(rawValue: name.text.lowercased()) { return method }
        reportUnknownMethod(name)
        return nil
    }

    mutating func reportUnknownMethod(_ name: Name) {
        let methods = CorrelationMethod.allCases.map(\.rawValue)
        var help: [String] = []
        if let hint = Suggestions.didYouMean(Suggestions.closest(to: name.text, among: methods)) { help.append(hint) }
        help.append("methods: " + methods.map { "`\($0)`" }.joined(separator: ", "))
        report(.unknownMethod, "no correlation method is named `\(name.text)`", at: name.range, help: help)
    }
    /// Limits on what a binding may expand to (see `bind`).
    static let maximumExpansion = 10_000
    static let maximumExpansionDepth = 256

    /// "2000–2024", or "only 2017" for a single year.
    static func span(_ years: ClosedRange<Int>) -> String {
        years.count == 1 ? "only \(years.lowerBound)" : "\(years.lowerBound)–\(years.upperBound)"
    }
}
