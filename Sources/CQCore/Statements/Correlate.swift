/// `correlate x, y [, z …]`: Pearson, Spearman or Kendall correlation, a matrix for three or more
/// variables, per group with `by`, and a test of difference between groups with `by … compare`.
///
/// The statement's checking, evaluation and presentation, in that order.
extension Checker {
    mutating func checkCorrelate(_ expressions: [Expression], _ clauses: Clauses) -> Action? {
        let variables = numericVariables(expressions, for: "correlate")
        distinct(variables, expressions)
        let method = correlationMethod(clauses.method)
        let scope = self.scope(clauses)
        guard let variables, let method, let scope else { return nil }
        if let compare = clauses.compare {
            // Fisher's z is a transformation of Pearson's r, for one pair.
            guard variables.count == 2 else {
                report(
                    .clauseNotAllowed, "`compare` tests one correlation across groups, not a matrix", at: compare,
                    help: ["correlate two variables: correlate x, y by region compare"])
                return nil
            }
            guard method == .pearson else {
                report(
                    .clauseNotAllowed, "`compare` tests Pearson correlations (by Fisher's z), not \(method.rawValue)",
                    at: compare,
                    help: ["drop `using \(method.rawValue)`, or drop `compare`"])
                return nil
            }
        }
        return .correlate(
            variables: variables, method: method, listwise: clauses.deletion?.listwise ?? false,
            compare: clauses.compare != nil, scope: scope)
    }
}

extension Evaluator {
    func correlate(
        _ variables: [Variable], method: CorrelationMethod, listwise: Bool, compare: Bool,
        scope: Scope
    ) throws -> CorrelationResult {
        let rows = try self.rows(scope, reading: variables)
        let evaluator = RowEvaluator(dataset: scope.dataset)
        var groups: [CorrelationResult.Group] = []
        let grouping = grouped(rows, by: scope.groupBy, in: scope.dataset)
        for group in grouping.groups {
            try checkCancellation()
            var columns = variables.map { variable in group.cells.map { evaluator.number(variable.expression, at: $0) }
            }
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
                    var x: [Double] = []
                    var y: [Double] = []
                    for (a, b) in zip(columns[row], columns[column]) where !a.isNaN && !b.isNaN {
                        x.append(a)
                        y.append(b)
                    }
                    cells.append(.init(row: row, column: column, estimate: Correlation.estimate(x, y, method: method)))
                }
            }
            var groupLedger = ledger(scope, candidates: group.candidates, kept: group.cells, variables: variables)
            if !listwise && variables.count > 2 {
                groupLedger.pairwise = pairwiseLedger(
                    variables.map(\.label), columns: columns, cells: group.cells, dataset: scope.dataset)
            }
            groups.append(.init(name: group.name, cells: cells, ledger: groupLedger))
        }
        var overall = ledger(scope, candidates: rows.candidates.count, kept: grouping.keyed, variables: variables)
        overall.withoutGroup = grouping.withoutKey
        var comparison: CorrelationComparison?
        if compare {
            comparison = CorrelationComparison.compare(
                groups.map { group in
                    let estimate = group.cells.first?.estimate
                    return (group.name ?? "", estimate?.r, estimate?.n ?? 0)
                })
        }
        return CorrelationResult(
            variables: variables.map(\.label), units: variables.map(\.unit), method: method,
            groupedBy: scope.groupBy?.label, groups: groups, ledger: overall,
            listwise: listwise, comparison: comparison, comparisonAsked: compare)
    }
}

extension Evaluator {
    /// Each cell's n, years and pooling, for a pairwise matrix's ledger.
    fileprivate func pairwiseLedger(
        _ labels: [String], columns: [[Double]], cells: [Int], dataset: Dataset
    ) -> SampleLedger.Pairwise {
        func span(_ rows: [Int]) -> ClosedRange<Int>? {
            let years = rows.map { dataset.year(ofCell: cells[$0]) }
            guard let first = years.min(), let last = years.max() else { return nil }
            return first...last
        }
        var summaries: [SampleLedger.Pairwise.Cell] = []
        for row in 0..<labels.count {
            for column in (row + 1)..<labels.count {
                let used = cells.indices.filter { !columns[row][$0].isNaN && !columns[column][$0].isNaN }
                var perCountry: [Int: Int] = [:]
                for index in used { perCountry[dataset.countryIndex(ofCell: cells[index]), default: 0] += 1 }
                summaries.append(
                    .init(
                        x: labels[row], y: labels[column], n: used.count, years: span(used),
                        maximumYearsPerCountry: perCountry.values.max() ?? 0))
            }
        }
        let withAny = cells.indices.filter { index in columns.contains { !$0[index].isNaN } }
        return SampleLedger.Pairwise(cells: summaries, keptYears: span(withAny))
    }
}

extension Presenter {
    func presentCorrelation(_ result: CorrelationResult, into out: inout Presentation) {
        let method = Presenter.methodName(result.method)
        if result.isMatrix {
            presentMatrix(result, into: &out)
            return
        }
        let pair = result.variables.joined(separator: " and ")
        if result.groupedBy == nil, let group = result.groups.first, format != .csv {
            out.add(.heading("\(method) of \(pair)"))
            let estimate =
                group.cells.first?.estimate
                ?? CorrelationEstimate.empty(method: result.method)
            let symbol = Presenter.symbol(result.method)
            var line =
                "  \(symbol) = \(coefficient(estimate.r)), n = \(estimate.n), p \(probabilityRelation(estimate.p))"
            if result.method == .pearson { line += ", \(Presenter.confidenceLabel(estimate)) " + interval(estimate) }
            out.add(.note(line))
            let detail = Presenter.detail(estimate)
            if !detail.isEmpty { out.add(.note("  " + detail)) }
            for note in Presenter.undefinedNotes(estimate, variables: result.variables) {
                out.add(.note("  " + note))
            }
            addLedger(group.ledger, into: &out)
            return
        }
        if let by = result.groupedBy {
            out.add(.heading("\(method) of \(pair), by \(by)"))
        }
        var columns: [Table.Column] = []
        if let by = result.groupedBy { columns.append(.init(name: by, alignment: .left)) }
        let pearson = result.method == .pearson
        if format == .csv {
            columns += ["x", "y", "method", "r", "n", "p", "ci_low", "ci_high"].map {
                .init(name: $0, alignment: .left)
            }
            // One table per statement: the test of `by … compare` is repeated
            // on every group's row, with whether the group took part.
            if result.comparisonAsked {
                columns += ["compare_test", "compare_statistic", "compare_df", "compare_p", "in_compare"].map {
                    .init(name: $0, alignment: .left)
                }
            }
        } else {
            columns += [
                .init(name: Presenter.symbol(result.method), alignment: .right), .init(name: "n", alignment: .right),
                .init(name: "p", alignment: .right),
            ]
            if pearson { columns.append(.init(name: "95% CI", alignment: .right)) }
        }
        var rows: [[TableCell]] = []
        var notes: [String] = []
        for group in result.groups {
            let estimate = group.cells.first?.estimate ?? CorrelationEstimate.empty(method: result.method)
            var row: [TableCell] = group.name.map { [.text($0)] } ?? []
            if format == .csv {
                row += [
                    .text(result.variables[0]), .text(result.variables[1]), .text(result.method.rawValue),
                    .coefficient(estimate.r), .integer(estimate.n), .probability(estimate.p),
                    .coefficient(estimate.ciLow), .coefficient(estimate.ciHigh),
                ]
                if result.comparisonAsked { row += Presenter.comparisonCells(result.comparison, group: group.name) }
            } else {
                row += [.coefficient(estimate.r), .integer(estimate.n), .probability(estimate.p)]
                if pearson { row.append(.text(interval(estimate))) }
            }
            rows.append(row)
            if estimate.r == nil, let name = group.name {
                notes += Presenter.undefinedNotes(estimate, variables: result.variables).map { "\(name): \($0)" }
            }
        }
        out.add(.table(Table(columns: columns, rows: rows)))
        for note in notes { out.add(.note(note)) }
        if format != .csv {
            // How p was computed: once when every group agrees, else per group
            // (Kendall is exact for a small group and approximate for a large one).
            var methods: [(group: String, text: String)] = []
            var interval: String?
            for group in result.groups {
                guard let estimate = group.cells.first?.estimate, estimate.p != nil else { continue }
                // The p-value's method can differ by group; the interval's cannot.
                methods.append((group.name ?? "", Presenter.pMethodText(estimate) ?? ""))
                interval = interval ?? Presenter.intervalMethodText(estimate)
            }
            // The commonest method once, then the groups that differ, so 21
            // years with one exception take two lines, not 21.
            var counts: [String: Int] = [:]
            for method in methods { counts[method.text, default: 0] += 1 }
            if let common = methods.map(\.text).max(by: { counts[$0]! < counts[$1]! }) {
                let exceptions = methods.filter { $0.text != common }
                let lead = exceptions.isEmpty ? common : "\(common) (except as below)"
                out.add(.note(([lead] + (interval.map { [$0] } ?? [])).joined(separator: "; ")))
                for method in exceptions { out.add(.note("\(method.group): \(method.text)")) }
            } else if let interval {
                out.add(.note(interval))
            }
        }
        if format != .csv, result.comparisonAsked {
            for line in Presenter.comparisonLines(result.comparison, by: result.groupedBy ?? "") {
                out.add(.note(line))
            }
        }
        // `by year` makes each group one cross-section: nothing is pooled
        // within a correlation, whatever the statement's years.
        if format != .csv {
            let pooled = result.groups.contains { $0.ledger.maximumYearsPerCountry > 1 }
            for line in Presenter.ledgerLines(result.ledger, inference: pooled) { out.add(.note(line)) }
        }
    }

    /// The CSV cells of `by … compare` for one group's row: test, statistic,
    /// df, p, and whether the group was in the test (empty without a test).
    static func comparisonCells(_ comparison: CorrelationComparison?, group: String?) -> [TableCell] {
        guard let comparison else { return [.missing, .missing, .missing, .missing, .text("false")] }
        let test: String
        let df: TableCell
        switch comparison.test {
        case .fisherZ:
            test = "fisher_z"
            df = .missing
        case .homogeneity(let degrees):
            test = "chi_square_homogeneity"
            df = .integer(degrees)
        }
        let included = group.map { comparison.groups.contains($0) } ?? false
        return [
            .text(test), .statistic(comparison.statistic), df, .probability(comparison.p),
            .text(included ? "true" : "false"),
        ]
    }

    /// "compare: z = 1.234, p = 0.217: Fisher's z test that EU and CIS …"
    static func comparisonLines(_ comparison: CorrelationComparison?, by: String) -> [String] {
        guard let comparison else {
            return ["compare: needs at least two groups with n ≥ 4 and |r| < 1"]
        }
        var lines: [String] = []
        switch comparison.test {
        case .fisherZ:
            lines.append(
                "compare: z = \(NumberFormat.statistic(comparison.statistic)), p \(NumberFormat.pRelation(comparison.p)): "
                    + "Fisher's z test of equal correlations in the groups of `\(by)` (\(comparison.groups.joined(separator: ", ")))"
            )
        case .homogeneity(let df):
            lines.append(
                "compare: Q = \(NumberFormat.statistic(comparison.statistic)), df = \(df), p \(NumberFormat.pRelation(comparison.p)): "
                    + "chi-square test of equal correlations in the \(comparison.groups.count) groups of `\(by)` (Fisher's z)"
            )
        }
        if !comparison.excluded.isEmpty {
            lines.append(
                "not in the test: " + comparison.excluded.map { "\($0.group) (\($0.reason))" }.joined(separator: ", "))
        }
        return lines
    }

    func presentMatrix(_ result: CorrelationResult, into out: inout Presentation) {
        let method = Presenter.methodName(result.method)
        for group in result.groups {
            var title = "\(method) matrix, \(result.listwise ? "listwise" : "pairwise") deletion"
            if let name = group.name, let by = result.groupedBy { title += " — \(by) = \(name)" }
            if format == .csv {
                var columns = ["x", "y", "method", "r", "n", "p", "ci_low", "ci_high"]
                if result.groupedBy != nil { columns.insert(result.groupedBy!, at: 0) }
                let rows: [[TableCell]] = group.cells.map { cell in
                    let e = cell.estimate
                    var row: [TableCell] = [
                        .text(result.variables[cell.row]), .text(result.variables[cell.column]),
                        .text(result.method.rawValue), .coefficient(e.r), .integer(e.n), .probability(e.p),
                        .coefficient(e.ciLow), .coefficient(e.ciHigh),
                    ]
                    if let name = group.name { row.insert(.text(name), at: 0) }
                    return row
                }
                out.add(.table(Table(columns: columns.map { .init(name: $0, alignment: .left) }, rows: rows)))
                continue
            }
            out.add(.heading(title))
            let count = result.variables.count
            func lookup(_ row: Int, _ column: Int) -> CorrelationEstimate? {
                group.cells.first { $0.row == column && $0.column == row }?.estimate
            }
            func triangle(_ caption: String, _ cell: (CorrelationEstimate) -> TableCell) -> Table {
                var columns: [Table.Column] = [.init(name: caption, alignment: .left)]
                columns += result.variables.dropLast().map { .init(name: $0, alignment: .right) }
                var rows: [[TableCell]] = []
                for row in 1..<count {
                    var line: [TableCell] = [.text(result.variables[row])]
                    for column in 0..<(count - 1) {
                        line.append(column < row ? lookup(row, column).map(cell) ?? .text("") : .text(""))
                    }
                    rows.append(line)
                }
                return Table(columns: columns, rows: rows)
            }
            out.add(
                .table(
                    triangle("r") { estimate in
                        .text(coefficient(estimate.r) + Presenter.stars(estimate.p))
                    }))
            out.add(.note(""))
            out.add(.table(triangle("p") { .probability($0.p) }))
            out.add(.note(""))
            out.add(.table(triangle("n") { .integer($0.n) }))
            out.add(
                .note(
                    "significance: * p < 0.05, ** p < 0.01, *** p < 0.001 (two-sided, not adjusted for multiple comparisons)"
                ))
            if format != .csv {
                for line in Presenter.ledgerLines(group.ledger, pairwise: !result.listwise) { out.add(.note(line)) }
            }
        }
    }

    static func symbol(_ method: CorrelationMethod) -> String {
        switch method {
        case .pearson: return "r"
        case .spearman: return "rho"
        case .kendall: return "tau"
        }
    }

    static func stars(_ p: Double?) -> String {
        guard let p else { return "" }
        if p < 0.001 { return "***" }
        if p < 0.01 { return "**" }
        if p < 0.05 { return "*" }
        return ""
    }
}

extension JSONWriter {
    static func correlation(_ result: CorrelationResult) -> [(String, JSON)] {
        var fields: [(String, JSON)] = [("method", .string(result.method.rawValue))]
        func cells(_ group: CorrelationResult.Group) -> [(String, JSON)] {
            if result.isMatrix {
                return [
                    (
                        "cells",
                        .array(
                            group.cells.map { cell in
                                .object(
                                    [
                                        ("x", .string(result.variables[cell.row])),
                                        ("y", .string(result.variables[cell.column])),
                                    ]
                                        + estimate(cell.estimate))
                            })
                    )
                ]
            }
            return estimate(group.cells.first?.estimate ?? .empty(method: result.method))
        }
        if result.isMatrix {
            fields.append(("variables", .array(result.variables.map { .string($0) })))
        } else {
            fields.append(("x", .string(result.variables[0])))
            fields.append(("y", .string(result.variables[1])))
        }
        fields.append(("deletion", .string(result.listwise ? "listwise" : "pairwise")))
        if let by = result.groupedBy {
            fields.append(("by", .string(by)))
            fields.append(
                (
                    "groups",
                    .array(
                        result.groups.map { group in
                            .object(
                                [("group", .string(group.name ?? ""))] + cells(group) + [
                                    ("sample", ledger(group.ledger))
                                ])
                        })
                ))
            if result.comparisonAsked {
                fields.append(
                    (
                        "comparison",
                        result.comparison.map { comparison in
                            var test: [(String, JSON)]
                            switch comparison.test {
                            case .fisherZ: test = [("test", .string("fisher_z")), ("df", .null)]
                            case .homogeneity(let df):
                                test = [("test", .string("chi_square_homogeneity")), ("df", .integer(df))]
                            }
                            test +=
                                [
                                    ("statistic", .number(comparison.statistic))
                                ] + JSONWriter.probability("p", comparison.p) + [
                                    ("groups", .array(comparison.groups.map { .string($0) })),
                                    (
                                        "excluded",
                                        .array(
                                            comparison.excluded.map {
                                                .object([("group", .string($0.group)), ("reason", .string($0.reason))])
                                            })
                                    ),
                                ]
                            return .object(test)
                        } ?? .null
                    ))
            }
        } else if let group = result.groups.first {
            fields += cells(group)
            fields.append(("sample", ledger(group.ledger)))
        }
        return fields
    }

    static func estimate(_ e: CorrelationEstimate) -> [(String, JSON)] {
        var fields: [(String, JSON)] = [("r", .optional(e.r)), ("n", .integer(e.n))]
        fields += probability("p", e.p)
        return fields + [
            ("ci_low", .optional(e.ciLow)), ("ci_high", .optional(e.ciHigh)),
            ("statistic", .optional(e.statistic)),
            ("statistic_kind", e.statisticKind.map { .string($0.rawValue) } ?? .null),
            ("df", .optional(e.degreesOfFreedom)),
            ("p_method", e.pMethod.map { .string($0.description) } ?? .null),
            ("confidence", .number(e.confidence)),
        ]
    }
}
