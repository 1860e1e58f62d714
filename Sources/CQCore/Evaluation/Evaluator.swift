/// Runs checked statements over the dataset and returns result values. It
/// never prints and cannot meet an error the checker could have found; the
/// one way it stops early is cancellation (Ctrl-C in the REPL), which it
/// checks between units of work.
public struct Evaluator {
    public struct Cancelled: Error, Sendable {}

    private let isCancelled: @Sendable () -> Bool

    public init(isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.isCancelled = isCancelled
    }

    public func run(_ statement: CheckedStatement) throws -> StatementResult {
        StatementResult(statementText: statement.text, value: try evaluate(statement.action))
    }

    private func checkCancellation() throws {
        if isCancelled() { throw Cancelled() }
    }

    private func evaluate(_ action: Action) throws -> ResultValue {
        switch action {
        case .correlate(let variables, let method, let listwise, let compare, let scope):
            return .correlation(try correlate(variables, method: method, listwise: listwise, compare: compare, scope: scope))
        case .regress(let response, let terms, let intercept, let scope):
            return .regression(try regress(response, on: terms, intercept: intercept, scope: scope))
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
        case .indicators(let dataset):
            return .table(Describer(dataset: dataset).indicatorTable())
        case .countries(let scope):
            return .table(try countries(scope))
        case .bind(let name, let type, let text):
            return .acknowledgement(Acknowledgement(
                statement: "let", message: "\(name) = \(text)  (\(type))",
                fields: [("name", name), ("definition", text), ("type", "\(type)")]))
        case .set(let name, let value):
            return .acknowledgement(Acknowledgement(
                statement: "set", message: "\(name) = \(value)", fields: [("name", name), ("value", value)]))
        case .explainCorrelation(let x, let y, let method, let scope):
            let sample = try pairs(x: x, y: y, scope: scope)
            var ranks: [(x: Double, y: Double)]?
            var working = CorrelationWorking(x: sample.observations.map(\.x), y: sample.observations.map(\.y))
            if method == .spearman {
                let rankedX = Ranking.averageRanks(sample.observations.map(\.x))
                let rankedY = Ranking.averageRanks(sample.observations.map(\.y))
                ranks = Array(zip(rankedX, rankedY))
                working = CorrelationWorking(x: rankedX, y: rankedY)
            }
            return .explanation(ExplanationResult(
                working: .correlation(method, working, ranks: ranks), x: x.label, y: y.label, xUnit: x.unit, yUnit: y.unit,
                observations: sample.observations, ledger: sample.ledger))
        case .explainRegression(let response, let term, let scope):
            let sample = try pairs(x: term, y: response, scope: scope)
            let working = RegressionWorking(x: sample.observations.map(\.x), y: sample.observations.map(\.y))
            return .explanation(ExplanationResult(
                working: .regression(working), x: term.label, y: response.label, xUnit: term.unit, yUnit: response.unit,
                observations: sample.observations, ledger: sample.ledger))
        case .plot(let y, let x, let label, let fit, let output, let scope):
            let sample = try pairs(x: x, y: y, scope: scope)
            let line = fit ? RegressionWorking(x: sample.observations.map(\.x), y: sample.observations.map(\.y)) : nil
            return .plot(PlotResult(
                x: x.label, y: y.label, xUnit: x.unit, yUnit: y.unit, observations: sample.observations, label: label,
                fit: line, output: output, datasetName: scope.dataset.name, ledger: sample.ledger))
        case .use(let dataset, let report, let notes):
            let years = dataset.yearSpan
            var lines = ["using `\(dataset.name)`: \(dataset.countries.count) countries, \(dataset.indicators.count) indicators, \(years)"]
            if let report {
                var line = "loaded as \(report.format.rawValue): \(report.observations) observations"
                if report.missingMarkers > 0 { line += ", \(report.missingMarkers) cells marked missing" }
                if !report.aggregatesSkipped.isEmpty {
                    line += ", \(report.aggregatesSkipped.count) aggregates skipped (\(Presenter.countryList(report.aggregatesSkipped, limit: 8)))"
                }
                lines.append(line)
            }
            return .acknowledgement(Acknowledgement(
                statement: "use",
                message: (lines + notes.map { "note: " + $0 }).joined(separator: "\n"),
                fields: [("dataset", dataset.name), ("countries", String(dataset.countries.count)),
                         ("indicators", String(dataset.indicators.count)), ("years", years)]))
        }
    }

    // MARK: - Rows

    /// The country-years where both variables have a value, in country then
    /// year order, with the ledger of what was left out.
    private func pairs(x: Variable, y: Variable, scope: Scope) throws -> (observations: [PairedObservation], ledger: SampleLedger) {
        let dataset = scope.dataset
        let rows = try self.rows(scope, reading: [x, y])
        let evaluator = RowEvaluator(dataset: dataset)
        var observations: [PairedObservation] = []
        for (position, cell) in rows.kept.enumerated() {
            if position % 1024 == 0 { try checkCancellation() }
            let a = evaluator.number(x.expression, at: cell), b = evaluator.number(y.expression, at: cell)
            guard !a.isNaN, !b.isNaN else { continue }
            let country = dataset.countries[dataset.countryIndex(ofCell: cell)]
            observations.append(PairedObservation(country: country.code, name: country.name, year: dataset.year(ofCell: cell),
                                                  x: a, y: b))
        }
        return (observations, ledger(scope, candidates: rows.candidates.count, kept: rows.kept, variables: [y, x]))
    }

    /// The rows a statement considers: country-years in its years with a
    /// value for at least one of its variables (every country-year when the
    /// variables read no indicator), split by the filter.
    private struct Rows {
        var candidates: [Int]
        var kept: [Int]
    }

    private func rows(_ scope: Scope, reading variables: [Variable]) throws -> Rows {
        let dataset = scope.dataset
        let evaluator = RowEvaluator(dataset: dataset)
        var indicatorIndexes: [Int] = []
        for variable in variables {
            for index in variable.expression.indicators where !indicatorIndexes.contains(index) {
                indicatorIndexes.append(index)
            }
        }
        let series = indicatorIndexes.map { dataset.indicators[$0].values }
        var candidates: [Int] = []
        var kept: [Int] = []
        for country in 0..<dataset.countries.count {
            if country % 64 == 0 { try checkCancellation() }
            for year in scope.years {
                let cell = dataset.cell(country: country, year: year)
                guard series.isEmpty || series.contains(where: { !$0[cell].isNaN }) else { continue }
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
    private struct Grouping {
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

    private func grouped(_ rows: Rows, by variable: Variable?, in dataset: Dataset) -> Grouping {
        guard let variable else {
            return Grouping(groups: [.init(name: nil, candidates: rows.candidates.count, cells: rows.kept)],
                            keyed: rows.kept, withoutKey: 0)
        }
        let evaluator = RowEvaluator(dataset: dataset)
        var candidateCounts: [String: Int] = [:]
        for cell in rows.candidates {
            if let key = evaluator.groupKey(variable, at: cell) { candidateCounts[key, default: 0] += 1 }
        }
        var groups: [String: [Int]] = [:]
        var keyed: [Int] = []
        for cell in rows.kept {
            guard let key = evaluator.groupKey(variable, at: cell) else { continue }
            groups[key, default: []].append(cell)
            keyed.append(cell)
        }
        let names: [String]
        switch variable.type {
        case .year, .number:
            names = groups.keys.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
        case .boolean:
            names = ["yes", "no"].filter { groups[$0] != nil }
        case .text:
            names = groups.keys.sorted()
        }
        return Grouping(
            groups: names.map { .init(name: $0, candidates: candidateCounts[$0] ?? 0, cells: groups[$0]!) },
            keyed: keyed, withoutKey: rows.kept.count - keyed.count)
    }

    private func ledger(_ scope: Scope, candidates: Int, kept: [Int], variables: [Variable]) -> SampleLedger {
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
        return SampleLedger(
            candidates: candidates, filter: scope.filterText, kept: kept.count, missing: missing, used: used,
            countries: yearsPerCountry.keys.map { dataset.countries[$0].code }.sorted(),
            years: years.sorted(), yearRange: scope.years, yearsChosen: scope.yearsChosen,
            maximumYearsPerCountry: yearsPerCountry.values.max() ?? 0)
    }

    // MARK: - Statements

    private func correlate(_ variables: [Variable], method: CorrelationMethod, listwise: Bool, compare: Bool,
                           scope: Scope) throws -> CorrelationResult {
        let rows = try self.rows(scope, reading: variables)
        let evaluator = RowEvaluator(dataset: scope.dataset)
        var groups: [CorrelationResult.Group] = []
        let grouping = grouped(rows, by: scope.groupBy, in: scope.dataset)
        for group in grouping.groups {
            try checkCancellation()
            var columns = variables.map { variable in group.cells.map { evaluator.number(variable.expression, at: $0) } }
            if listwise {
                // Keep only the rows where every variable has a value, so all
                // cells of a matrix describe the same sample.
                let complete = group.cells.indices.filter { row in columns.allSatisfy { !$0[row].isNaN } }
                columns = columns.map { column in complete.map { column[$0] } }
            }
            var cells: [CorrelationResult.Cell] = []
            for row in 0..<variables.count {
                for column in (row + 1)..<variables.count {
                    // A large matrix takes seconds: Ctrl-C must not wait for all of it.
                    try checkCancellation()
                    // Pairwise deletion: each pair uses every row where both
                    // values exist.
                    var x: [Double] = [], y: [Double] = []
                    for (a, b) in zip(columns[row], columns[column]) where !a.isNaN && !b.isNaN {
                        x.append(a)
                        y.append(b)
                    }
                    cells.append(.init(row: row, column: column, estimate: Correlation.estimate(x, y, method: method)))
                }
            }
            groups.append(.init(name: group.name, cells: cells,
                                ledger: ledger(scope, candidates: group.candidates, kept: group.cells, variables: variables)))
        }
        var overall = ledger(scope, candidates: rows.candidates.count, kept: grouping.keyed, variables: variables)
        overall.withoutGroup = grouping.withoutKey
        var comparison: CorrelationComparison?
        if compare {
            comparison = CorrelationComparison.compare(groups.map { group in
                let estimate = group.cells.first?.estimate
                return (group.name ?? "", estimate?.r, estimate?.n ?? 0)
            })
        }
        return CorrelationResult(
            variables: variables.map(\.label), units: variables.map(\.unit), method: method,
            groupedBy: scope.groupBy?.label, groups: groups, ledger: overall,
            listwise: listwise, comparison: comparison, comparisonAsked: compare)
    }

    private func regress(_ response: Variable, on terms: [Variable], intercept: Bool, scope: Scope) throws -> RegressionResult {
        let variables = [response] + terms
        let rows = try self.rows(scope, reading: variables)
        let evaluator = RowEvaluator(dataset: scope.dataset)
        try checkCancellation()
        // Listwise: a regression needs every value of a row.
        let columns = variables.map { variable in rows.kept.map { evaluator.number(variable.expression, at: $0) } }
        let complete = rows.kept.indices.filter { row in columns.allSatisfy { !$0[row].isNaN } }
        let y = complete.map { columns[0][$0] }
        let predictors = terms.enumerated().map { index, term in
            (name: term.label, values: complete.map { columns[index + 1][$0] })
        }
        let fit = Regression.fit(response: y, predictors: predictors, intercept: intercept)
        // A coefficient is in the response's unit per unit of its term.
        var units: [Unit?] = intercept ? [response.unit] : []
        for term in terms {
            switch (response.unit, term.unit) {
            case (let y?, let x?): units.append(y.divided(by: x))
            case (let y?, nil): units.append(y)
            case (nil, let x?): units.append(Unit.dimensionless.divided(by: x))
            case (nil, nil): units.append(nil)
            }
        }
        return RegressionResult(response: response.label, fit: fit, units: units,
                                ledger: ledger(scope, candidates: rows.candidates.count, kept: rows.kept, variables: variables))
    }

    private func summarize(_ variables: [Variable], scope: Scope) throws -> SummaryResult {
        let rows = try self.rows(scope, reading: variables)
        let evaluator = RowEvaluator(dataset: scope.dataset)
        var groups: [SummaryResult.Group] = []
        let grouping = grouped(rows, by: scope.groupBy, in: scope.dataset)
        for group in grouping.groups {
            try checkCancellation()
            let summaries = variables.map { variable -> SummaryResult.Row in
                let values = group.cells.map { evaluator.number(variable.expression, at: $0) }.filter { !$0.isNaN }
                return .init(variable: variable.label, unit: variable.unit, summary: Descriptive.summary(values))
            }
            groups.append(.init(name: group.name, rows: summaries,
                                ledger: ledger(scope, candidates: group.candidates, kept: group.cells, variables: [])))
        }
        var overall = ledger(scope, candidates: rows.candidates.count, kept: grouping.keyed, variables: [])
        overall.withoutGroup = grouping.withoutKey
        return SummaryResult(groupedBy: scope.groupBy?.label, groups: groups, ledger: overall)
    }

    private func list(_ columns: [Variable], sort: (key: Variable, descending: Bool)?, limit: Int?, scope: Scope) throws -> TableResult {
        let rows = try self.rows(scope, reading: columns)
        let evaluator = RowEvaluator(dataset: scope.dataset)
        var cells = rows.kept
        if let sort {
            let keys = Dictionary(uniqueKeysWithValues: cells.map { ($0, evaluator.cell(sort.key, at: $0)) })
            // Missing values sort last either way, as in Stata and R.
            cells.sort { a, b in
                let ka = keys[a]!, kb = keys[b]!
                if ka == .missing || kb == .missing { return kb == .missing && ka != .missing }
                if ka == kb { return a < b }
                return sort.descending ? Cell.ascending(kb, ka) : Cell.ascending(ka, kb)
            }
        }
        let total = cells.count
        if let limit { cells = Array(cells.prefix(limit)) }
        // Rows are country-years; when they span several years and no column
        // says which, a year column keeps them from looking like duplicates.
        let years = Set(rows.kept.map { scope.dataset.year(ofCell: $0) })
        let showYear = years.count > 1 && !columns.contains { $0.expression == .year }
        var header = columns.map(\.label)
        if showYear { header.insert("year", at: min(1, header.count)) }
        var table: [[Cell]] = []
        for (position, cell) in cells.enumerated() {
            if position % 1024 == 0 { try checkCancellation() }
            var row = columns.map { evaluator.cell($0, at: cell) }
            if showYear { row.insert(.year(scope.dataset.year(ofCell: cell)), at: min(1, row.count)) }
            table.append(row)
        }
        let ledger = self.ledger(scope, candidates: rows.candidates.count, kept: rows.kept, variables: [])
        var notes: [String] = []
        if let limit, total > limit { notes.append("showing \(limit) of \(total) rows") }
        return TableResult(statement: "list", title: nil, columns: header, rows: table, totalRows: total, ledger: ledger, notes: notes)
    }

    private func countCountries(_ scope: Scope) throws -> CountResult {
        let rows = try self.rows(scope, reading: [])
        var groups: [CountResult.Group] = []
        for group in grouped(rows, by: scope.groupBy, in: scope.dataset).groups {
            let countries = Set(group.cells.map { scope.dataset.countryIndex(ofCell: $0) })
            groups.append(.init(name: group.name, countries: countries.count, countryYears: group.cells.count))
        }
        if groups.isEmpty, scope.groupBy == nil { groups.append(.init(name: nil, countries: 0, countryYears: 0)) }
        return CountResult(groupedBy: scope.groupBy?.label, groups: groups, filter: scope.filterText, yearRange: scope.years)
    }

    private func rank(_ variable: Variable, top: Int?, scope: Scope) throws -> RankingResult {
        var scope = scope
        var chosen: RankingResult.ChosenYear?
        // A ranking compares countries, not years. Without a year, rank the
        // latest year whose coverage is at least half the best year's: the
        // very latest year often has only a few early reports.
        if scope.years.count > 1, scope.yearsChosen == .all {
            let rows = try self.rows(scope, reading: [variable])
            let evaluator = RowEvaluator(dataset: scope.dataset)
            var perYear: [Int: Int] = [:]
            for cell in rows.kept where !evaluator.number(variable.expression, at: cell).isNaN {
                perYear[scope.dataset.year(ofCell: cell), default: 0] += 1
            }
            if let best = perYear.values.max(), let latest = perYear.keys.max(),
               let year = perYear.filter({ 2 * $0.value >= best }).keys.max() {
                scope.years = year...year
                chosen = .init(year: year, countries: perYear[year]!, latestYear: latest,
                               countriesInLatestYear: perYear[latest]!, countriesInBestYear: best)
            }
        }
        let rows = try self.rows(scope, reading: [variable])
        let dataset = scope.dataset
        let evaluator = RowEvaluator(dataset: dataset)
        var entries: [RankingResult.Row] = []
        for cell in rows.kept {
            let value = evaluator.number(variable.expression, at: cell)
            guard !value.isNaN else { continue }
            let country = dataset.countries[dataset.countryIndex(ofCell: cell)]
            entries.append(.init(rank: 0, country: country.code, name: country.name, year: dataset.year(ofCell: cell), value: value))
        }
        entries.sort { $0.value != $1.value ? $0.value > $1.value : ($0.country, $0.year) < ($1.country, $1.year) }
        // Ties share the better rank ("1, 2, 2, 4"), as in sports tables.
        for index in entries.indices {
            entries[index].rank = index > 0 && entries[index].value == entries[index - 1].value
                ? entries[index - 1].rank : index + 1
        }
        let total = entries.count
        var tiesAtCut = 0
        if let top, top < entries.count {
            // Never cut between equal values: show every row tied with the last.
            var end = top
            while end > 0, end < entries.count, entries[end].rank == entries[end - 1].rank { end += 1 }
            tiesAtCut = end - top
            entries = Array(entries.prefix(end))
        }
        let year = scope.years.count == 1 ? scope.years.lowerBound : nil
        return RankingResult(
            variable: variable.label, unit: variable.unit, year: year, chosenYear: chosen,
            rows: entries, totalRows: total, tiesAtCut: tiesAtCut,
            ledger: ledger(scope, candidates: rows.candidates.count, kept: rows.kept, variables: [variable]))
    }

    private func countries(_ scope: Scope) throws -> TableResult {
        let rows = try self.rows(scope, reading: [])
        let dataset = scope.dataset
        var latestCell: [Int: Int] = [:]
        for cell in rows.kept {
            latestCell[dataset.countryIndex(ofCell: cell)] = cell
        }
        let region = dataset.attributes.firstIndex { $0.name == "region" }
        let income = dataset.attributes.firstIndex { $0.name == "income_group" }
        var columns = ["country", "name"]
        if region != nil { columns.append("region") }
        if income != nil { columns.append("income_group") }
        let evaluator = RowEvaluator(dataset: dataset)
        var table: [[Cell]] = []
        for country in latestCell.keys.sorted() {
            let cell = latestCell[country]!
            var row: [Cell] = [.text(dataset.countries[country].code), .text(dataset.countries[country].name)]
            for index in [region, income].compactMap({ $0 }) {
                row.append(evaluator.text(.attribute(index), at: cell).map(Cell.text) ?? .missing)
            }
            table.append(row)
        }
        var notes: [String] = []
        if region != nil, scope.years.count > 1 {
            notes.append("region as of each country's latest selected year (up to \(scope.years.upperBound))")
        }
        return TableResult(statement: "countries", title: nil, columns: columns, rows: table, totalRows: table.count,
                           ledger: nil, notes: notes)
    }
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
