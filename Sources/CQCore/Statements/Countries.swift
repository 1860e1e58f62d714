/// `countries`: the countries with their code, name, region and income group.
///
/// The statement's checking, evaluation and presentation, in that order.
extension Checker {
    mutating func checkCountries(_ clauses: Clauses) -> Action? {
        guard let scope = scope(clauses) else { return nil }
        return .countries(scope: scope)
    }
}

extension Evaluator {
    func countries(_ scope: Scope) throws -> TableResult {
        let rows = try rowsWithData(scope)
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
        var notes: [TableNote] = []
        if region != nil, scope.years.count > 1 {
            notes.append(.regionAsOfLatestYear(upTo: scope.years.upperBound))
        }
        return TableResult(
            statement: "countries", title: nil, columns: columns, rows: table, totalRows: table.count,
            ledger: nil, notes: notes)
    }
}
