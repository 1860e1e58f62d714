/// `list a, b …`: the values themselves, one row per country-year, sorted and limited on request.
///
/// The statement's checking, evaluation and presentation, in that order.
extension Checker {
    mutating func checkList(_ expressions: [Expression], _ clauses: Clauses) -> Action? {
        var columns: [Variable] = []
        for expression in expressions {
            if let typed = resolve(expression) {
                columns.append(variable(expression, typed))
            }
        }
        var sort: (key: Variable, descending: Bool)?
        if let order = clauses.sort, let key = resolve(order.key) {
            sort = (variable(order.key, key), order.descending)
        }
        let scope = self.scope(clauses)
        guard columns.count == expressions.count, clauses.sort == nil || sort != nil, let scope else { return nil }
        return .list(columns: columns, sort: sort, limit: clauses.limit?.count, scope: scope)
    }
}

extension Evaluator {
    func list(_ columns: [Variable], sort: (key: Variable, descending: Bool)?, limit: Int?, scope: Scope) throws
        -> TableResult
    {
        let rows = try self.rows(scope, reading: columns)
        let evaluator = RowEvaluator(dataset: scope.dataset)
        var cells = rows.kept
        if let sort {
            let keys = Dictionary(uniqueKeysWithValues: cells.map { ($0, evaluator.cell(sort.key, at: $0)) })
            // Missing values sort last either way, as in Stata and R.
            cells.sort { a, b in
                let ka = keys[a]!
                let kb = keys[b]!
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
        let ledger = self.ledger(
            scope, candidates: rows.candidates.count, kept: rows.kept, variables: [], periodOf: columns)
        var notes: [TableNote] = []
        if let limit, total > limit { notes.append(.showing(limit, of: total)) }
        return TableResult(
            statement: "list", title: nil, columns: header, rows: table, totalRows: total, ledger: ledger, notes: notes)
    }
}
