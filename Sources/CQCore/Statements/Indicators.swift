/// `indicators [word]`: the indicators of the dataset in use, with units and
/// coverage; with a word, those whose id, label or source contains it
/// (ignoring case), as a user looks for "gdp" or "R&D" without knowing the
/// ids. Checking has nothing to resolve; the result is a table.
extension Describer {
    func indicatorTable(matching search: String? = nil) -> TableResult {
        var rows: [[Cell]] = []
        let wanted = search?.lowercased()
        let matching = dataset.indicators.filter { indicator in
            guard let wanted else { return true }
            return [indicator.id, indicator.label, indicator.source].contains { $0.lowercased().contains(wanted) }
        }
        for indicator in matching {
            let covered = coverage(indicator)
            rows.append([
                .text(indicator.id), .text(indicator.label), .text(indicator.unit),
                covered.years.map { .text($0.yearSpan) } ?? .missing,
                .integer(covered.countries), .integer(covered.observations),
            ])
        }
        return TableResult(
            statement: "indicators", title: nil,
            columns: ["indicator", "label", "unit", "years", "countries", "observations"],
            rows: rows, totalRows: rows.count, ledger: nil,
            notes: notes(matching: matching.count, search: search))
    }

    private func notes(matching: Int, search: String?) -> [TableNote] {
        guard let search else { return [.describeHint] }
        guard matching > 0 else {
            return [.noMatch(search: search, dataset: dataset.name, indicators: dataset.indicators.count)]
        }
        return [.matched(matching, of: dataset.indicators.count, search: search), .describeHint]
    }
}
