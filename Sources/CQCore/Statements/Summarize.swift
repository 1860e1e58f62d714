/// `summarize [x, …]`: n, mean, standard deviation and quartiles of each variable, per group with `by`.
///
/// The statement's checking, evaluation and presentation, in that order.
extension Checker {
    mutating func checkSummarize(_ expressions: [Expression], _ clauses: Clauses) -> Action? {
        let variables: [Variable]?
        if expressions.isEmpty {
            variables = dataset.indicators.enumerated().map { index, indicator in
                Variable(label: indicator.id, expression: .indicator(index), type: .number(Unit.of(indicator)))
            }
        } else {
            variables = numericVariables(expressions, for: "summarize")
        }
        let scope = self.scope(clauses)
        guard let variables, let scope else { return nil }
        return .summarize(variables: variables, scope: scope)
    }
}

extension Evaluator {
    func summarize(_ variables: [Variable], scope: Scope) throws -> SummaryResult {
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
            groups.append(
                .init(
                    name: group.name, rows: summaries,
                    ledger: ledger(
                        scope, candidates: group.candidates, kept: group.cells, variables: [], periodOf: variables)))
        }
        var overall = ledger(
            scope, candidates: rows.candidates.count, kept: grouping.keyed, variables: [], periodOf: variables)
        overall.withoutGroup = grouping.withoutKey
        return SummaryResult(groupedBy: scope.groupBy?.label, groups: groups, ledger: overall)
    }
}

extension Presenter {
    func presentSummary(_ result: SummaryResult, into out: inout Presentation) {
        var columns: [Table.Column] = []
        if let by = result.groupedBy { columns.append(.init(name: by, alignment: .left)) }
        columns.append(.init(name: "variable", alignment: .left))
        columns += ["n", "mean", "sd", "min", "p25", "median", "p75", "max"].map { .init(name: $0, alignment: .right) }
        columns.append(.init(name: "unit", alignment: .left))
        let all = result.groups.flatMap { group in group.rows.map { (group.name, $0) } }
        // Each statistic is a column of values; the renderer gives each column one format.
        let statistics: [KeyPath<Summary, Double?>] = [\.mean, \.sd, \.min, \.p25, \.median, \.p75, \.max]
        var rows: [[TableCell]] = []
        for (name, row) in all {
            var line: [TableCell] = name.map { [.text($0)] } ?? []
            line += [.text(row.variable), .integer(row.summary.n)]
            line += statistics.map { .value(row.summary[keyPath: $0]) }
            line.append(.text(row.unit.map { $0.isDimensionless ? "" : $0.description } ?? ""))
            rows.append(line)
        }
        if format != .csv { out.add(.heading("summary" + (result.groupedBy.map { " by \($0)" } ?? ""))) }
        out.add(.table(Table(columns: columns, rows: rows)))
        if format != .csv {
            out.add(.note("sd with n − 1; quantiles as R's type 7 (linear interpolation)"))
            addLedgerRowsOnly(result.ledger, into: &out)
        }
    }
}

extension JSONWriter {
    static func summaryFields(_ result: SummaryResult) -> [(String, JSON)] {
        var fields: [(String, JSON)] = []
        if let by = result.groupedBy { fields.append(("by", .string(by))) }
        fields.append(("quantile_type", .integer(7)))
        var rows: [JSON] = []
        for group in result.groups {
            for row in group.rows {
                var item: [(String, JSON)] = []
                if let name = group.name { item.append(("group", .string(name))) }
                let s = row.summary
                item += [
                    ("variable", .string(row.variable)),
                    ("unit", row.unit.map { .string($0.isDimensionless ? "" : $0.description) } ?? .null),
                    ("n", .integer(s.n)), ("mean", .optional(s.mean)), ("sd", .optional(s.sd)),
                    ("min", .optional(s.min)), ("p25", .optional(s.p25)), ("median", .optional(s.median)),
                    ("p75", .optional(s.p75)), ("max", .optional(s.max)),
                ]
                rows.append(.object(item))
            }
        }
        fields.append(("rows", .array(rows)))
        return fields
    }
}
