/// `indicators`: the indicators of the dataset in use, with units and
/// coverage. Checking has nothing to resolve; the result is a table.
extension Describer {
    func indicatorTable() -> TableResult {
        var rows: [[Cell]] = []
        for indicator in dataset.indicators {
            let covered = coverage(indicator)
            rows.append([.text(indicator.id), .text(indicator.label), .text(indicator.unit), covered.years.map { .text($0.yearSpan) } ?? .missing,
                         .integer(covered.countries), .integer(covered.observations)])
        }
        return TableResult(
            statement: "indicators", title: nil,
            columns: ["indicator", "label", "unit", "years", "countries", "observations"],
            rows: rows, totalRows: rows.count, ledger: nil,
            notes: ["`describe NAME` shows an indicator's source, licence and coverage"])
    }
}
