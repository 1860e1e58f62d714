/// `rank x`: countries ordered by a value, highest first, ties sharing a rank.
///
/// The statement's checking, evaluation and presentation, in that order.
extension Checker {
    mutating func checkRank(_ expression: Expression, _ clauses: Clauses) -> Action? {
        let variables = numericVariables([expression], for: "rank")
        let scope = self.scope(clauses)
        guard let variable = variables?.first, let scope else { return nil }
        return .rank(variable: variable, top: clauses.top?.count, scope: scope)
    }
}

extension Evaluator {
    func rank(_ variable: Variable, top: Int?, scope: Scope) throws -> RankingResult {
        var scope = scope
        var chosen: RankingResult.ChosenYear?
        // A ranking compares countries, not years. Without a year, rank the
        // latest year whose coverage is at least half the best year's: the
        // very latest year often has only a few early reports.
        if scope.years.count > 1, scope.yearsChosen == .all, !scope.aggregated {
            let rows = try self.rows(scope, reading: [variable])
            let evaluator = RowEvaluator(dataset: scope.dataset)
            var perYear: [Int: Int] = [:]
            for cell in rows.kept where !evaluator.number(variable.expression, at: cell).isNaN {
                perYear[scope.dataset.year(ofCell: cell), default: 0] += 1
            }
            if let best = perYear.values.max(), let latest = perYear.keys.max(),
                let year = perYear.filter({ 2 * $0.value >= best }).keys.max()
            {
                scope.years = year...year
                chosen = .init(
                    year: year, countries: perYear[year]!, latestYear: latest,
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
            entries.append(
                .init(
                    rank: 0, country: country.code, name: country.name, year: dataset.year(ofCell: cell), value: value))
        }
        entries.sort { $0.value != $1.value ? $0.value > $1.value : ($0.country, $0.year) < ($1.country, $1.year) }
        // Ties share the better rank ("1, 2, 2, 4"), as in sports tables.
        for index in entries.indices {
            entries[index].rank =
                index > 0 && entries[index].value == entries[index - 1].value
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
}

extension Presenter {
    func presentRanking(_ result: RankingResult, into out: inout Presentation) {
        if format != .csv {
            var heading = "rank by \(result.variable)"
            if let year = result.year { heading += " in \(year)" }
            if result.ledger.period != nil { heading += " over \(result.ledger.yearRange.yearSpan)" }
            heading += ", highest first"
            out.add(.heading(heading))
        }
        var columns: [Table.Column] = [
            .init(name: "rank", alignment: .right), .init(name: "country", alignment: .left),
            .init(name: "name", alignment: .left),
        ]
        // CSV always names the year; tables do when the rows span years.
        // A ranking of period aggregates has one row per country, no year.
        let showYear = (result.year == nil || format == .csv) && result.ledger.period == nil
        if showYear { columns.append(.init(name: "year", alignment: .right)) }
        columns.append(.init(name: result.variable, alignment: .right))
        let rows = result.rows.map { row -> [TableCell] in
            var line: [TableCell] = [.integer(row.rank), .text(row.country), .text(row.name)]
            if showYear { line.append(.integer(row.year)) }
            line.append(.value(row.value))
            return line
        }
        out.add(.table(Table(columns: columns, rows: rows)))
        guard format != .csv else { return }
        if let unit = result.unit, !unit.isDimensionless { out.add(.note("unit: \(unit)")) }
        if let chosen = result.chosenYear {
            if chosen.year == chosen.latestYear {
                out.add(
                    .note(
                        "\(chosen.year) is the latest year with data (\(chosen.countries) countries); `in YEAR` ranks another"
                    ))
            } else {
                out.add(
                    .note(
                        "\(chosen.year) is the latest year in which at least half as many countries report \(result.variable) as in the best year: \(chosen.countries) countries, against \(chosen.countriesInLatestYear) in \(chosen.latestYear); `in YEAR` ranks another"
                    ))
            }
        }
        if result.rows.count < result.totalRows {
            var note = "showing \(result.rows.count) of \(result.totalRows)"
            if result.tiesAtCut > 0 { note += ", including \(result.tiesAtCut) tied with the last place" }
            out.add(.note(note))
        }
        addLedgerRowsOnly(result.ledger, shown: result.totalRows, what: " with a value", into: &out)
    }
}

extension JSONWriter {
    static func rankingFields(_ result: RankingResult) -> [(String, JSON)] {
        var fields: [(String, JSON)] = []
        fields.append(("variable", .string(result.variable)))
        fields.append(("year", result.year.map { .integer($0) } ?? .null))
        fields.append(
            (
                "rows",
                .array(
                    result.rows.map { row in
                        .object([
                            ("rank", .integer(row.rank)), ("country", .string(row.country)),
                            ("name", .string(row.name)),
                            ("year", .integer(row.year)), ("value", .number(row.value)),
                        ])
                    })
            ))
        fields.append(("total", .integer(result.totalRows)))
        fields.append(("sample", ledger(result.ledger)))
        return fields
    }
}
