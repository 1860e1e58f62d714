/// `explain correlate x, y`, `explain regress y on x`: the arithmetic, step by step.
///
/// The statement's checking, evaluation and presentation, in that order.
extension Checker {
    /// `explain` shows arithmetic a student can follow on paper: one
    /// correlation (Pearson's, or Spearman's as Pearson's on ranks) over one
    /// sample, or a line fitted to one explanatory variable.
    mutating func checkExplain(_ command: Command, _ statement: Statement) -> Action? {
        var inner = statement
        inner.command = command
        guard let action = checkCommand(inner) else { return nil }
        let help = [
            "explain shows one correlation of two variables, or a regression on one variable: explain correlate competitiveness, innovation"
        ]
        switch action {
        case .correlate(let variables, let method, _, _, let scope):
            guard variables.count == 2 else {
                report(
                    .cannotExplain,
                    "explain shows one correlation at a time, not a matrix of \(variables.count) variables",
                    at: statement.range, help: help)
                return nil
            }
            if let by = statement.clauses.groupBy {
                report(
                    .cannotExplain, "explain works on one sample; `by` would make several", at: by.range,
                    help: ["explain one group: explain correlate x, y where region = \"EU\""])
                return nil
            }
            guard method != .kendall else {
                report(
                    .cannotExplain, "explain shows Pearson's r and Spearman's rho, not Kendall's tau",
                    at: statement.clauses.method?.range ?? statement.keywordRange,
                    help: ["use `using pearson` or `using spearman`"])
                return nil
            }
            return .explainCorrelation(x: variables[0], y: variables[1], method: method, scope: scope)
        case .regress(let response, let terms, let intercept, let model, let scope):
            guard model.isPooledClassical else {
                report(
                    .cannotExplain,
                    "explain shows pooled least squares with classical standard errors, not fixed effects or robust or clustered errors",
                    at: (statement.clauses.effects?.range ?? statement.clauses.errors?.range) ?? statement.range,
                    help: [
                        "the within estimator is least squares on each value minus its country's (or year's) mean; run the statement without `explain` for its figures"
                    ])
                return nil
            }
            guard terms.count == 1, intercept else {
                report(
                    .cannotExplain,
                    terms.count == 1
                        ? "explain shows a line with an intercept; drop `without intercept`"
                        : "explain shows a regression on one variable, not \(terms.count)",
                    at: statement.range, help: help)
                return nil
            }
            return .explainRegression(response: response, term: terms[0], scope: scope)
        default:
            return nil
        }
    }
}

extension Evaluator {
    func explainCorrelation(x: Variable, y: Variable, method: CorrelationMethod, scope: Scope) throws
        -> ExplanationResult
    {
        let sample = try pairs(x: x, y: y, scope: scope)
        var ranks: [(x: Double, y: Double)]?
        var working = CorrelationWorking(x: sample.observations.map(\.x), y: sample.observations.map(\.y))
        if method == .spearman {
            let rankedX = Ranking.averageRanks(sample.observations.map(\.x))
            let rankedY = Ranking.averageRanks(sample.observations.map(\.y))
            ranks = Array(zip(rankedX, rankedY))
            working = CorrelationWorking(x: rankedX, y: rankedY)
        }
        return ExplanationResult(
            working: .correlation(method, working, ranks: ranks), x: x.label, y: y.label, xUnit: x.unit, yUnit: y.unit,
            observations: sample.observations, ledger: sample.ledger)
    }

    func explainRegression(response: Variable, term: Variable, scope: Scope) throws -> ExplanationResult {
        let sample = try pairs(x: term, y: response, scope: scope)
        let working = RegressionWorking(x: sample.observations.map(\.x), y: sample.observations.map(\.y))
        return ExplanationResult(
            working: .regression(working), x: term.label, y: response.label, xUnit: term.unit, yUnit: response.unit,
            observations: sample.observations, ledger: sample.ledger)
    }
}

extension JSONWriter {
    static func explanationFields(_ result: ExplanationResult) -> [(String, JSON)] {
        var fields: [(String, JSON)] = []
        fields += [("x", .string(result.x)), ("y", .string(result.y))]
        let sums: CorrelationWorking
        switch result.working {
        case .correlation(let method, let working, _):
            sums = working
            fields +=
                [
                    ("method", .string(method.rawValue)), ("r", .optional(working.r)), ("t", .optional(working.t)),
                    ("df", .integer(working.degreesOfFreedom)),
                ] + JSONWriter.probability("p", working.p)
        case .regression(let working):
            sums = working.sums
            fields +=
                [
                    ("intercept", .optional(working.intercept)), ("slope", .optional(working.slope)),
                    ("sse", .optional(working.residualSumOfSquares)), ("r_squared", .optional(working.rSquared)),
                    ("residual_se", .optional(working.residualStandardError)),
                    ("slope_se", .optional(working.slopeStandardError)), ("t", .optional(working.t)),
                    ("df", .integer(sums.degreesOfFreedom)),
                ] + JSONWriter.probability("p", working.p)
        }
        fields += [
            ("n", .integer(sums.n)), ("mean_x", .number(sums.meanX)), ("mean_y", .number(sums.meanY)),
            ("sxx", .number(sums.sxx)), ("syy", .number(sums.syy)), ("sxy", .number(sums.sxy)),
            ("sample", ledger(result.ledger)),
        ]
        return fields
    }
}

/// `explain`: the table of deviations a student would draw, then each step
/// of the arithmetic with the real numbers in it, ending at the figures
/// `correlate` or `regress` print.
extension Presenter {
    /// Rows beyond this are summarised: the sums below the table still
    /// cover every row.
    static let explainedRowsShown = 12

    func presentExplanation(_ result: ExplanationResult, into out: inout Presentation) {
        let exact = format == .csv
        let shown = exact ? result.observations.count : min(result.observations.count, Self.explainedRowsShown)
        let showYear = Set(result.observations.map(\.year)).count > 1
        switch result.working {
        case .correlation(let method, let working, let ranks):
            let symbol = method == .spearman ? "rho" : "r"
            out.add(
                .heading(
                    method == .spearman
                        ? "How Spearman's rho of \(result.x) and \(result.y) is computed: Pearson's r of their ranks"
                        : "How Pearson's r of \(result.x) and \(result.y) is computed"))
            var columns: [(String, [Double])] = []
            let xs = ranks?.map(\.x) ?? result.observations.map(\.x)
            let ys = ranks?.map(\.y) ?? result.observations.map(\.y)
            if ranks != nil {
                columns += [
                    (result.x, result.observations.map(\.x)), (result.y, result.observations.map(\.y)),
                    ("x = rank", xs), ("y = rank", ys),
                ]
            } else {
                columns += [("x = \(result.x)", xs), ("y = \(result.y)", ys)]
            }
            addDeviationTable(
                result, columns: columns, x: xs, y: ys, working: working, extra: [],
                shown: shown, showYear: showYear, into: &out)
            var steps = meansAndSums(working, x: ranks == nil ? "x" : "rank x", y: ranks == nil ? "y" : "rank y")
            guard let r = working.r else {
                steps.append(
                    "\(symbol) is undefined: "
                        + (working.n < 2
                            ? "it needs at least 2 pairs" : "a variable does not vary (its sum of squares is 0)"))
                out.add(.note(steps.joined(separator: "\n")))
                addLedger(result.ledger, into: &out)
                return
            }
            steps.append(
                "3. \(symbol) = Sxy / √(Sxx · Syy) = \(value(working.sxy)) / √(\(value(working.sxx)) · \(value(working.syy))) = \(value(working.sxy)) / \(value((working.sxx * working.syy).squareRoot())) = \(NumberFormat.coefficient(r))"
            )
            if let t = working.t, t.isFinite, let p = working.p {
                steps.append(
                    "4. t = \(symbol) · √(n − 2) / √(1 − \(symbol)²) = \(NumberFormat.coefficient(r)) · √\(working.degreesOfFreedom) / √(1 − \(value(r * r))) = \(NumberFormat.statistic(t))"
                )
                steps.append(
                    "5. p = P(|T| ≥ \(NumberFormat.statistic(abs(t)))) for Student's t with n − 2 = \(working.degreesOfFreedom) degrees of freedom \(NumberFormat.pRelation(p))"
                )
                steps.append(
                    "so \(symbol) = \(NumberFormat.coefficient(r)), n = \(working.n), p \(NumberFormat.pRelation(p)): "
                        + reading(p: p))
            } else if working.p == 0 {
                steps.append("4. |\(symbol)| = 1: the points lie exactly on a line, so p = 0")
            } else {
                steps.append("4. t and p need at least 3 pairs")
            }
            if method == .spearman {
                steps.append(
                    "(this p is the t approximation; correlate reports Spearman's p as R's cor.test does, exactly or by the Edgeworth series in small samples without ties, so its p can differ)"
                )
            }
            out.add(.note(steps.joined(separator: "\n")))

        case .regression(let working):
            let sums = working.sums
            out.add(.heading("How the least-squares line of \(result.y) on \(result.x) is computed"))
            let xs = result.observations.map(\.x)
            let ys = result.observations.map(\.y)
            var extra: [(String, [Double])] = []
            if let a = working.intercept, let b = working.slope {
                let fitted = xs.map { a + b * $0 }
                extra = [("ŷ = a + b·x", fitted), ("y − ŷ", zip(ys, fitted).map { $0 - $1 })]
            }
            addDeviationTable(
                result, columns: [("x = \(result.x)", xs), ("y = \(result.y)", ys)], x: xs, y: ys,
                working: sums, extra: extra, shown: shown, showYear: showYear, into: &out)
            var steps = meansAndSums(sums, x: "x", y: "y")
            guard let b = working.slope, let a = working.intercept else {
                steps.append(
                    "the line is undefined: "
                        + (sums.n < 2 ? "it needs at least 2 points" : "x does not vary (Sxx = 0)"))
                out.add(.note(steps.joined(separator: "\n")))
                addLedger(result.ledger, into: &out)
                return
            }
            steps.append("3. slope b = Sxy / Sxx = \(value(sums.sxy)) / \(value(sums.sxx)) = \(value(b))")
            steps.append(
                "   intercept a = ȳ − b · x̄ = \(value(sums.meanY)) − \(value(b)) · \(value(sums.meanX)) = \(value(a))")
            steps.append("   the line: \(result.y) = \(value(a)) \(b < 0 ? "−" : "+") \(value(abs(b))) · \(result.x)")
            if let sse = working.residualSumOfSquares {
                var line = "4. SSE = Σ(y − ŷ)² = \(value(sse))"
                if let r2 = working.rSquared {
                    line +=
                        "; R² = 1 − SSE / Syy = 1 − \(value(sse)) / \(value(sums.syy)) = \(NumberFormat.coefficient(r2))"
                }
                steps.append(line)
            }
            if let s = working.residualStandardError, let se = working.slopeStandardError {
                steps.append(
                    "5. s = √(SSE / (n − 2)) = √(\(value(working.residualSumOfSquares ?? 0)) / \(sums.degreesOfFreedom)) = \(value(s)); SE(b) = s / √Sxx = \(value(s)) / \(value(sums.sxx.squareRoot())) = \(value(se))"
                )
                if let t = working.t, let p = working.p {
                    steps.append(
                        "6. t = b / SE(b) = \(value(b)) / \(value(se)) = \(NumberFormat.statistic(t)); p = P(|T| ≥ \(NumberFormat.statistic(abs(t)))) with n − 2 = \(sums.degreesOfFreedom) degrees of freedom \(NumberFormat.pRelation(p))"
                    )
                    steps.append(
                        "so each extra unit of \(result.x) goes with \(value(b)) more \(result.y), n = \(sums.n), p \(NumberFormat.pRelation(p)): "
                            + reading(p: p))
                }
            } else {
                steps.append("5. standard errors, t and p need at least 3 points")
            }
            out.add(.note(steps.joined(separator: "\n")))
        }
        addLedger(result.ledger, into: &out)
    }

    /// The table: one row per country-year with the deviations, their
    /// products and squares, and a row of sums.
    func addDeviationTable(
        _ result: ExplanationResult, columns: [(String, [Double])], x: [Double], y: [Double],
        working: CorrelationWorking, extra: [(String, [Double])], shown: Int, showYear: Bool,
        into out: inout Presentation
    ) {
        let dx = x.map { $0 - working.meanX }
        let dy = y.map { $0 - working.meanY }
        let derived: [(String, [Double])] = [
            ("x − x̄", dx), ("y − ȳ", dy), ("(x − x̄)(y − ȳ)", zip(dx, dy).map { $0 * $1 }),
            ("(x − x̄)²", dx.map { $0 * $0 }), ("(y − ȳ)²", dy.map { $0 * $0 }),
        ]
        let all = columns + derived + extra
        var tableColumns: [Table.Column] = [.init(name: "country", alignment: .left)]
        if showYear { tableColumns.append(.init(name: "year", alignment: .right)) }
        tableColumns += all.map { .init(name: $0.0, alignment: .right) }
        // Sums of what the steps add up: Σx, Σy and the three sums of squares and products.
        let summed: Set<String> = Set(
            [columns[columns.count - 2].0, columns[columns.count - 1].0] + derived.suffix(3).map(\.0))
        let formatted = all.map { name, values -> [String] in
            let withSum = summed.contains(name) ? values + [CompensatedSum(values).value] : values
            return format == .csv ? withSum.map(NumberFormat.exact) : NumberFormat.column(withSum)
        }
        var rows: [[String]] = []
        for index in 0..<shown {
            let observation = result.observations[index]
            var row = [observation.country]
            if showYear { row.append(String(observation.year)) }
            row += formatted.map { $0[index] }
            rows.append(row)
        }
        if shown < result.observations.count {
            var row = ["… \(result.observations.count - shown) more"]
            if showYear { row.append("") }
            row += all.map { _ in "…" }
            rows.append(row)
        }
        if !result.observations.isEmpty {
            var sumRow = ["sum Σ"]
            if showYear { sumRow.append("") }
            sumRow += zip(all, formatted).map { column, cells in summed.contains(column.0) ? cells[cells.count - 1] : ""
            }
            rows.append(sumRow)
        }
        out.add(.table(Table(columns: tableColumns, textRows: rows)))
    }

    func meansAndSums(_ working: CorrelationWorking, x: String, y: String) -> [String] {
        let n = working.n
        return [
            "n = \(n) pair\(n == 1 ? "" : "s")",
            "1. means: x̄ = Σ\(x) / n = \(value(working.sumX)) / \(n) = \(value(working.meanX)); ȳ = Σ\(y) / n = \(value(working.sumY)) / \(n) = \(value(working.meanY))",
            "2. sums of squares and products: Sxx = Σ(x − x̄)² = \(value(working.sxx)); Syy = Σ(y − ȳ)² = \(value(working.syy)); Sxy = Σ(x − x̄)(y − ȳ) = \(value(working.sxy))",
        ]
    }

    /// What a p-value says, in words a first-year student can check.
    func reading(p: Double) -> String {
        p < 0.05
            ? "if there were no relationship, a sample like this would turn up less than 5 times in 100"
            : "a sample like this could well turn up by chance even with no relationship"
    }

    func value(_ value: Double) -> String {
        number(value)
    }
}
