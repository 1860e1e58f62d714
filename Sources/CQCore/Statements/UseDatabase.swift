/// `use postgres "postgresql://host/db" (schema = "…", …)`: a dataset whose
/// observations stay in a database, and the fetch that gives each statement
/// the values it reads (see `DatabaseSource`).
extension Checker {
    /// The options `use ENGINE "…" (…)` takes: a schema and the tables' names.
    static let databaseOptions = ["schema", "observations", "countries", "memberships", "indicators"]

    mutating func checkUseDatabase(
        _ engine: Name, location: String, at range: SourceRange, options syntax: [LoadOptionSyntax]
    ) -> Action? {
        guard let connector = catalog.databases else {
            report(
                .databaseError, "this session cannot connect to databases", at: engine.range.joined(range),
                help: ["the command-line cq can: cq -e 'use postgres \"postgresql://localhost/stats\"'"])
            return nil
        }
        guard connector.engines.contains(engine.text.lowercased()) else {
            report(
                .unknownDataset, "cq cannot connect to `\(engine.text)` databases", at: engine.range,
                help: Suggestions.choices(for: engine.text, among: connector.engines, listedAs: "databases"))
            return nil
        }
        guard let names = optionNames(syntax, allowed: Self.databaseOptions) else { return nil }
        var options: [(name: String, value: String)] = []
        for (option, name) in zip(syntax, names) {
            guard !option.value.isEmpty else {
                report(
                    .invalidLoadOption, "`\(name)` needs a name", at: option.valueRange,
                    help: [DatabaseProblem.tableLayout])
                return nil
            }
            options.append((name, option.value))
        }
        switch connector.connect(engine.text.lowercased(), location, options) {
        case .success(let connection):
            return switchDataset(
                to: connection.catalogue, report: nil, notes: [.inDatabase(connection.source.location)],
                database: connection.source)
        case .failure(let problem):
            // The excerpt under the caret must not show a password.
            let shown = SourceFile(name: source.name, text: connector.masked(source.text), firstLine: source.firstLine)
            diagnostics.append(
                Diagnostic(
                    .databaseError, problem.message, source: shown, range: range,
                    help: problem.help + ["nothing was loaded: `\(dataset.name)` is still in use"]))
            return nil
        }
    }

    /// A checked statement over a database's dataset, given the observations
    /// it reads: those of the indicators it names, in the statement's years
    /// (all years when a time function or a period aggregate may look
    /// outside them), or, for one that counts countries without naming any,
    /// the country-years with data.
    mutating func fetchObservations(_ action: Action, _ statement: Statement, from source: any DatabaseSource)
        -> Action?
    {
        guard let wanted = action.indicatorsRead(in: dataset) else { return action }
        do {
            let filled = try DatabaseFill.dataset(
                dataset, indicators: wanted, years: action.yearsRead, from: source)
            return action.replacingDataset(with: filled)
        } catch {
            report(
                .databaseError, error.message, at: statement.keywordRange,
                help: error.help + ["the statement did not run; the session keeps `\(dataset.name)`"])
            return nil
        }
    }
}

/// Writes what a database sends into the catalogue's grids.
enum DatabaseFill {
    /// The catalogue with the values of `indicators` (indexes); with none,
    /// every country-year with data is marked in the first indicator's grid
    /// (a statement that names no indicator reads none of them: the mark
    /// serves only to count country-years with data).
    static func dataset(
        _ catalogue: Dataset, indicators wanted: [Int], years: ClosedRange<Int>?, from source: any DatabaseSource
    ) throws(DatabaseProblem) -> Dataset {
        var dataset = catalogue
        guard !dataset.indicators.isEmpty else { return dataset }
        let marksPresence = wanted.isEmpty
        let rows =
            marksPresence
            ? try source.countryYearsWithData(in: years)
            : try source.observations(of: wanted.map { dataset.indicators[$0].id }, in: years)
        let targets = marksPresence ? [0] : wanted
        var grids = targets.map { _ in [Double](repeating: .nan, count: dataset.cellCount) }
        for row in 0..<rows.count {
            let year = Int(rows.years[row])
            guard let country = dataset.countryIndex(code: rows.countries[row]), dataset.years.contains(year) else {
                continue
            }
            let slot = Int(rows.indicators[row])
            let cell = dataset.cell(country: country, year: year)
            if !marksPresence, !grids[slot][cell].isNaN {
                let id = dataset.indicators[targets[slot]].id
                throw DatabaseProblem(
                    "the observations table has two values of `\(id)` for \(rows.countries[row]) in \(year)",
                    help: ["cq takes one value per country, indicator and year: remove the duplicate row"])
            }
            grids[slot][cell] = rows.values[row]
        }
        for (slot, index) in targets.enumerated() { dataset.indicators[index].values = grids[slot] }
        return dataset
    }
}

extension Action {
    /// A statement over rows: its scope and every expression it evaluates
    /// (its variables, then the scope's condition, key and year filter);
    /// nil for the others.
    var scopedExpressions: (scope: Scope, expressions: [TypedExpression])? {
        let scope: Scope
        var expressions: [TypedExpression]
        switch self {
        case .correlate(let variables, _, _, _, let s), .summarize(let variables, let s):
            (scope, expressions) = (s, variables.map(\.expression))
        case .regress(let response, let terms, _, let model, let s):
            (scope, expressions) = (s, ([response] + terms).map(\.expression))
            if case .cluster(let variable) = model.errors { expressions.append(variable.expression) }
        case .list(let columns, let sort, _, let s):
            (scope, expressions) = (s, (columns + [sort?.key].compactMap { $0 }).map(\.expression))
        case .rank(let variable, _, let s): (scope, expressions) = (s, [variable.expression])
        case .explainCorrelation(let x, let y, _, let s), .explainRegression(let y, let x, let s),
            .plot(let y, let x, _, _, _, _, let s):
            (scope, expressions) = (s, [x.expression, y.expression])
        case .countCountries(let s), .countries(let s): (scope, expressions) = (s, [])
        case .describe, .indicators, .bind, .set, .use: return nil
        }
        return (scope, expressions + [scope.filter, scope.groupBy?.expression, scope.yearFilter].compactMap { $0 })
    }

    /// The indicators a statement reads, when it reads data; nil when it
    /// reads none (`let`, `set`, `use`, most of `describe`).
    func indicatorsRead(in dataset: Dataset) -> [Int]? {
        var found: [Int] = []
        func add(_ expressions: [TypedExpression]) {
            for expression in expressions {
                for index in expression.indicators where !found.contains(index) { found.append(index) }
            }
        }
        if let (_, expressions) = scopedExpressions {
            add(expressions)
            return found
        }
        switch self {
        case .describe(.indicator(let index), _):
            return [index]
        case .describe(.binding(let binding), _):
            guard let resolved = binding.resolved else { return nil }
            add([resolved])
            return found
        case .indicators(let dataset, let search):
            let wanted = search?.lowercased()
            for (index, indicator) in dataset.indicators.enumerated() {
                let texts = [indicator.id, indicator.label, indicator.source]
                if let wanted, !texts.contains(where: { $0.lowercased().contains(wanted) }) { continue }
                found.append(index)
            }
            return found.isEmpty ? nil : found
        default:
            return nil
        }
    }

    /// The years whose values the statement reads: its scope's, unless an
    /// expression looks at other years (a time function, a period
    /// aggregate); nil: all of them.
    var yearsRead: ClosedRange<Int>? {
        guard let (scope, expressions) = scopedExpressions, !scope.aggregated,
            !expressions.contains(where: \.readsOtherYears)
        else { return nil }
        return scope.years
    }

    /// The statement with every dataset it holds replaced.
    func replacingDataset(with dataset: Dataset) -> Action {
        func swap(_ scope: Scope) -> Scope {
            var scope = scope
            scope.dataset = dataset
            return scope
        }
        switch self {
        case .correlate(let variables, let method, let listwise, let compare, let scope):
            return .correlate(
                variables: variables, method: method, listwise: listwise, compare: compare, scope: swap(scope))
        case .regress(let response, let terms, let intercept, let model, let scope):
            return .regress(response: response, terms: terms, intercept: intercept, model: model, scope: swap(scope))
        case .summarize(let variables, let scope): return .summarize(variables: variables, scope: swap(scope))
        case .list(let columns, let sort, let limit, let scope):
            return .list(columns: columns, sort: sort, limit: limit, scope: swap(scope))
        case .countCountries(let scope): return .countCountries(scope: swap(scope))
        case .rank(let variable, let top, let scope): return .rank(variable: variable, top: top, scope: swap(scope))
        case .describe(let target, _): return .describe(target, dataset: dataset)
        case .indicators(_, let search): return .indicators(dataset: dataset, search: search)
        case .countries(let scope): return .countries(scope: swap(scope))
        case .explainCorrelation(let x, let y, let method, let scope):
            return .explainCorrelation(x: x, y: y, method: method, scope: swap(scope))
        case .explainRegression(let response, let term, let scope):
            return .explainRegression(response: response, term: term, scope: swap(scope))
        case .plot(let y, let x, let label, let fit, let output, let overTime, let scope):
            return .plot(y: y, x: x, label: label, fit: fit, output: output, overTime: overTime, scope: swap(scope))
        case .bind, .set, .use: return self
        }
    }
}
