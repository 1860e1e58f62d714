/// Runs checked statements over the dataset and returns result values. It
/// never prints and cannot meet an error the checker could have found; the
/// one way it stops early is cancellation (Ctrl-C in the REPL), which it
/// checks between units of work.
public struct Evaluator {
    public struct Cancelled: Error, Sendable {}

    let isCancelled: @Sendable () -> Bool

    public init(isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.isCancelled = isCancelled
    }

    public func run(_ statement: CheckedStatement) throws -> StatementResult {
        StatementResult(statementText: statement.text, value: try evaluate(statement.action), file: statement.file)
    }

    func checkCancellation() throws {
        if isCancelled() { throw Cancelled() }
    }

    func evaluate(_ action: Action) throws -> ResultValue {
        switch action {
        case .correlate(let variables, let method, let listwise, let compare, let scope):
            return .correlation(
                try correlate(variables, method: method, listwise: listwise, compare: compare, scope: scope))
        case .regress(let response, let terms, let intercept, let model, let scope):
            return .regression(try regress(response, on: terms, intercept: intercept, model: model, scope: scope))
        case .summarize(let variables, let scope):
            return .summary(try summarize(variables, scope: scope))
        case .list(let columns, let sort, let limit, let scope):
            return .table(try list(columns, sort: sort, limit: limit, scope: scope))
        case .countCountries(let scope):
            return .count(try countCountries(scope))
        case .rank(let variable, let top, let scope):
            return .ranking(try rank(variable, top: top, scope: scope))
        case .describe(let target, let dataset):
            return .description(Describer(dataset: dataset).describe(target))
        case .indicators(let dataset, let search):
            return .table(Describer(dataset: dataset).indicatorTable(matching: search))
        case .countries(let scope):
            return .table(try countries(scope))
        case .bind(let name, let type, let text):
            return .binding(BindingResult(name: name, definition: text, type: type))
        case .set(let setting):
            return .setting(setting)
        case .explainCorrelation(let x, let y, let method, let scope):
            return .explanation(try explainCorrelation(x: x, y: y, method: method, scope: scope))
        case .explainRegression(let response, let term, let scope):
            return .explanation(try explainRegression(response: response, term: term, scope: scope))
        case .plot(let y, let x, let label, let fit, let output, let overTime, let scope):
            return .plot(
                try plot(y: y, x: x, label: label, fit: fit, output: output, overTime: overTime, scope: scope))
        case .use(let dataset, let report, let notes):
            return .datasetSwitch(
                DatasetSwitchResult(
                    dataset: dataset.name, countries: dataset.countries.count, indicators: dataset.indicators.count,
                    years: dataset.years, report: report, notes: notes))
        }
    }

    // MARK: - Rows

    /// The country-years where both variables have a value, in country then
    /// year order, with the ledger of what was left out.
    func pairs(x: Variable, y: Variable, scope: Scope) throws -> (
        observations: [PairedObservation], ledger: SampleLedger
    ) {
        let dataset = scope.dataset
        let rows = try self.rows(scope, reading: [x, y])
        let evaluator = RowEvaluator(dataset: dataset)
        var observations: [PairedObservation] = []
        for (position, cell) in rows.kept.enumerated() {
            if position % 1024 == 0 { try checkCancellation() }
            let a = evaluator.number(x.expression, at: cell)
            let b = evaluator.number(y.expression, at: cell)
            guard !a.isNaN, !b.isNaN else { continue }
            let country = dataset.countries[dataset.countryIndex(ofCell: cell)]
            observations.append(
                PairedObservation(
                    country: country.code, name: country.name, year: dataset.year(ofCell: cell),
                    x: a, y: b))
        }
        return (observations, ledger(scope, candidates: rows.candidates.count, kept: rows.kept, variables: [y, x]))
    }

    /// The rows a statement considers: country-years in its years with a
    /// value for at least one of its variables (every country-year when the
    /// variables read no indicator), split by the filter.
    struct Rows {
        var candidates: [Int]
        var kept: [Int]
    }

    func rows(_ scope: Scope, reading variables: [Variable]) throws -> Rows {
        try rows(scope, reading: variables, indicators: [])
    }

    /// The rows of a statement that counts countries rather than reading
    /// values (`count countries`, `countries`): country-years with a value
    /// of an indicator the statement names (in `where` or `by`), or of any
    /// of the dataset's when it names none. A country-year with no data at
    /// all (a territory the dataset lists but has nothing on) is not
    /// counted.
    func rowsWithData(_ scope: Scope) throws -> Rows {
        var named: [Int] = []
        for expression in [scope.filter, scope.groupBy?.expression].compactMap({ $0 }) {
            for index in expression.indicators where !named.contains(index) { named.append(index) }
        }
        return try rows(
            scope, reading: [], indicators: named.isEmpty ? Array(scope.dataset.indicators.indices) : named)
    }

    private func rows(_ scope: Scope, reading variables: [Variable], indicators: [Int]) throws -> Rows {
        let dataset = scope.dataset
        let evaluator = RowEvaluator(dataset: dataset)
        var indicatorIndexes = indicators
        for variable in variables {
            for index in variable.expression.indicators where !indicatorIndexes.contains(index) {
                indicatorIndexes.append(index)
            }
        }
        if scope.aggregated {
            // One row per country, at its cell in the period's last year.
            var candidates: [Int] = []
            var kept: [Int] = []
            for country in 0..<dataset.countries.count {
                if country % 64 == 0 { try checkCancellation() }
                let cell = dataset.cell(country: country, year: scope.years.upperBound)
                // WHERE before aggregation: a country none of whose years
                // qualifies has no row at all.
                if let yearFilter = scope.yearFilter {
                    guard
                        scope.years.contains(where: { year in
                            evaluator.truth(yearFilter, at: dataset.cell(country: country, year: year)) == true
                        })
                    else { continue }
                }
                guard variables.isEmpty || variables.contains(where: { evaluator.hasInput($0.expression, at: cell) })
                else { continue }
                candidates.append(cell)
                if let filter = scope.filter, evaluator.truth(filter, at: cell) != true { continue }
                kept.append(cell)
            }
            return Rows(candidates: candidates, kept: kept)
        }
        // A cell has data when any of the indicators has a value there: the
        // sparse ones' bitmaps or-ed together (`count countries` asks of
        // every indicator, and need not lay out their grids), then the dense
        // grids, asked in turn until one has a value.
        var sparseData = [UInt64](repeating: 0, count: (dataset.cellCount + 63) / 64)
        var series: [[Double]] = []
        for index in indicatorIndexes {
            if case .sparse = dataset.indicators[index].storage {
                dataset.indicators[index].markCellsWithValue(in: &sparseData)
            } else {
                series.append(dataset.indicators[index].values)
            }
        }
        let anyData = indicatorIndexes.isEmpty
        // A time function reads other years: `growth(x) in 2019` has an input
        // when x has a value in 2018 or 2019, whatever the statement's years.
        let shifted = variables.contains { $0.expression.readsOtherYears }
        var candidates: [Int] = []
        var kept: [Int] = []
        for country in 0..<dataset.countries.count {
            if country % 64 == 0 { try checkCancellation() }
            for year in scope.years {
                let cell = dataset.cell(country: country, year: year)
                if shifted {
                    guard variables.contains(where: { evaluator.hasInput($0.expression, at: cell) }) else { continue }
                } else {
                    guard
                        anyData || sparseData[cell >> 6] >> UInt64(cell & 63) & 1 != 0
                            || series.contains(where: { !$0[cell].isNaN })
                    else { continue }
                }
                candidates.append(cell)
                if let filter = scope.filter, evaluator.truth(filter, at: cell) != true { continue }
                kept.append(cell)
            }
        }
        return Rows(candidates: candidates, kept: kept)
    }

    /// Rows split by the `by` key, in a stable order: years and text
    /// ascending, a condition's "yes" before "no". A row whose key is
    /// missing (no region, or a condition on a missing value) belongs to no
    /// group; the ledger counts it.
    struct Grouping {
        struct Group {
            var name: String?
            var candidates: Int
            var cells: [Int]
        }
        var groups: [Group]
        /// Kept rows with a group key, all groups together.
        var keyed: [Int]
        var withoutKey: Int
    }

    func grouped(_ rows: Rows, by variable: Variable?, in dataset: Dataset) -> Grouping {
        guard let variable else {
            return Grouping(
                groups: [.init(name: nil, candidates: rows.candidates.count, cells: rows.kept)],
                keyed: rows.kept, withoutKey: 0)
        }
        let evaluator = RowEvaluator(dataset: dataset)
        var candidateCounts: [GroupKey: Int] = [:]
        for cell in rows.candidates {
            if let key = evaluator.groupKey(variable, at: cell) { candidateCounts[key, default: 0] += 1 }
        }
        var groups: [GroupKey: [Int]] = [:]
        var keyed: [Int] = []
        for cell in rows.kept {
            guard let key = evaluator.groupKey(variable, at: cell) else { continue }
            groups[key, default: []].append(cell)
            keyed.append(cell)
        }
        let keys = groups.keys.sorted()
        return Grouping(
            groups: keys.map { .init(name: $0.name, candidates: candidateCounts[$0] ?? 0, cells: groups[$0]!) },
            keyed: keyed, withoutKey: rows.kept.count - keyed.count)
    }

    /// The sample ledger; `periodOf` are the variables whose aggregates say
    /// how many years each country contributed (default: `variables`).
    func ledger(_ scope: Scope, candidates: Int, kept: [Int], variables: [Variable], periodOf: [Variable]? = nil)
        -> SampleLedger
    {
        let dataset = scope.dataset
        let evaluator = RowEvaluator(dataset: dataset)
        var missing: [SampleLedger.Missing] = []
        var complete = [Bool](repeating: true, count: kept.count)
        for variable in variables {
            var rows = 0
            var codes = Set<String>()
            for (position, cell) in kept.enumerated() where evaluator.cell(variable, at: cell) == .missing {
                rows += 1
                complete[position] = false
                codes.insert(dataset.countries[dataset.countryIndex(ofCell: cell)].code)
            }
            if rows > 0 { missing.append(.init(variable: variable.label, rows: rows, countries: codes.sorted())) }
        }
        var years = Set<Int>()
        var yearsPerCountry: [Int: Int] = [:]
        var used = 0
        for (position, cell) in kept.enumerated() where complete[position] {
            used += 1
            years.insert(dataset.year(ofCell: cell))
            yearsPerCountry[dataset.countryIndex(ofCell: cell), default: 0] += 1
        }
        var ledger = SampleLedger(
            candidates: candidates, filter: scope.filterText, kept: kept.count, missing: missing, used: used,
            countries: yearsPerCountry.keys.map { dataset.countries[$0].code }.sorted(),
            years: years.sorted(), yearRange: scope.years, yearsChosen: scope.yearsChosen,
            maximumYearsPerCountry: yearsPerCountry.values.max() ?? 0)
        if scope.aggregated {
            // How many years each used country contributed to its aggregates.
            let aggregates = (periodOf ?? variables).flatMap { $0.expression.aggregates }
            var counts: [Int] = []
            for (position, cell) in kept.enumerated() where complete[position] {
                counts.append(evaluator.yearsWithInput(aggregates, in: scope.years, at: cell))
            }
            counts.sort()
            let median = Descriptive.quantile(sorted: counts.map(Double.init), probability: 0.5) ?? 0
            ledger.period = .init(
                years: scope.years, yearFilter: scope.yearFilterText,
                yearsPerCountry: (counts.first ?? 0, median, counts.last ?? 0))
        }
        return ledger
    }

    // MARK: - Statements

}

extension Cell {
    /// Ordering for `sort by`: numbers by value, text alphabetically.
    static func ascending(_ a: Cell, _ b: Cell) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y
        case (.integer(let x), .integer(let y)): return x < y
        case (.year(let x), .year(let y)): return x < y
        case (.text(let x), .text(let y)): return x < y
        case (.boolean(let x), .boolean(let y)): return !x && y
        case (.number, _), (.integer, _), (.year, _), (.text, _), (.boolean, _), (.missing, _): return false
        }
    }
}
