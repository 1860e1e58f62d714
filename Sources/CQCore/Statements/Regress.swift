/// `regress y on x1, x2 … [without intercept]`: ordinary least squares with units on every coefficient.
///
/// The statement's checking, evaluation and presentation, in that order.
extension Checker {
    mutating func checkRegress(_ response: Expression, on terms: [Expression], intercept: Bool, _ clauses: Clauses)
        -> Action?
    {
        let variables = numericVariables([response] + terms, for: "regress")
        distinct(variables, [response] + terms)
        let scope = self.scope(clauses)
        guard let variables, let scope else { return nil }
        return .regress(response: variables[0], terms: Array(variables.dropFirst()), intercept: intercept, scope: scope)
    }
}

extension Evaluator {
    func regress(_ response: Variable, on terms: [Variable], intercept: Bool, scope: Scope) throws -> RegressionResult {
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
        return RegressionResult(
            response: response.label, fit: fit, units: units,
            ledger: ledger(scope, candidates: rows.candidates.count, kept: rows.kept, variables: variables))
    }
}

extension Presenter {
    func presentRegression(_ result: RegressionResult, into out: inout Presentation) {
        let fit = result.fit
        let terms = fit.coefficients.filter { $0.term != Regression.interceptTerm }.map(\.term)
        if format != .csv {
            out.add(
                .heading(
                    "Linear regression of \(result.response) on \(terms.joined(separator: ", "))"
                        + (fit.intercept ? "" : ", without intercept") + " (least squares by QR)"))
        }
        var columns: [Table.Column] = [.init(name: "term", alignment: .left)]
        columns += ["estimate", "se", "t", "p"].map { .init(name: $0, alignment: .right) }
        if format == .csv {
            columns += ["ci_low", "ci_high"].map { .init(name: $0, alignment: .right) }
        } else {
            columns.append(.init(name: NumberFormat.value(fit.confidence * 100) + "% CI", alignment: .right))
        }
        columns.append(.init(name: "unit", alignment: .left))
        // The interval is one text cell on screen, its ends formatted as columns.
        let lows = numberColumn(fit.coefficients.map(\.ciLow))
        let highs = numberColumn(fit.coefficients.map(\.ciHigh))
        var rows: [[TableCell]] = []
        for (index, coefficient) in fit.coefficients.enumerated() {
            var row: [TableCell] = [
                .text(coefficient.term), .value(coefficient.estimate), .value(coefficient.standardError),
                .statistic(coefficient.t), .probability(coefficient.p),
            ]
            if format == .csv {
                row += [.value(coefficient.ciLow), .value(coefficient.ciHigh)]
            } else {
                row.append(coefficient.ciLow == nil ? .missing : .text(lows[index] + " to " + highs[index]))
            }
            let unit = index < result.units.count ? result.units[index] : nil
            row.append(.text(unit.map { $0.isDimensionless ? "" : $0.description } ?? ""))
            rows.append(row)
        }
        out.add(.table(Table(columns: columns, rows: rows)))
        guard format != .csv else { return }
        var summary = "n = \(fit.n)"
        if let r2 = fit.rSquared { summary += ", R² = \(NumberFormat.coefficient(r2))" }
        if let adjusted = fit.adjustedRSquared { summary += ", adjusted R² = \(NumberFormat.coefficient(adjusted))" }
        if let f = fit.f, let d1 = fit.fNumeratorDegreesOfFreedom, let d2 = fit.fDenominatorDegreesOfFreedom {
            summary += ", F = \(NumberFormat.statistic(f)) on \(d1) and \(d2) df, p = \(probability(fit.fP))"
        }
        if let se = fit.residualStandardError {
            summary += ", residual SE = \(NumberFormat.value(se)) on \(fit.residualDegreesOfFreedom) df"
        }
        out.add(.note(summary))
        for reason in fit.undefined {
            switch reason {
            case .nonFinite(let term):
                out.add(
                    .note(
                        "nothing estimated: \(term.map { "`\($0)`" } ?? "the response") has a value too large to compute with"
                    ))
            case .collinear(let term, let others):
                out.add(
                    .note(
                        "`\(term)` is left out: it is a linear combination of \(others.map { "`\($0)`" }.joined(separator: ", "))"
                    ))
            case .noResidualDegreesOfFreedom(let n, let rank):
                out.add(
                    .note(
                        "with n = \(n) and \(rank) coefficients nothing is left to estimate the error: no standard errors, t, p or F"
                    ))
            case .perfectFit:
                out.add(.note("the fit is exact (all residuals are 0): t and F are infinite, p is 0"))
            case .constantResponse:
                out.add(.note("`\(result.response)` is constant here: R² and F are undefined"))
            case .noTermsToTest:
                break
            case .invalidConfidence:
                out.add(.note("the confidence level must lie between 0 and 1"))
            }
        }
        addLedger(result.ledger, into: &out)
    }
}

extension JSONWriter {
    static func regressionFields(_ result: RegressionResult) -> [(String, JSON)] {
        var fields: [(String, JSON)] = []
        let fit = result.fit
        fields.append(("response", .string(result.response)))
        fields.append(("intercept", .bool(fit.intercept)))
        fields.append(
            (
                "coefficients",
                .array(
                    fit.coefficients.enumerated().map { index, c in
                        let unit = index < result.units.count ? result.units[index] : nil
                        return .object([
                            ("term", .string(c.term)), ("estimate", .optional(c.estimate)),
                            ("se", .optional(c.standardError)),
                            ("t", .optional(c.t)), ("p", .optional(c.p)), ("ci_low", .optional(c.ciLow)),
                            ("ci_high", .optional(c.ciHigh)),
                            ("unit", unit.map { .string($0.isDimensionless ? "" : $0.description) } ?? .null),
                        ])
                    })
            ))
        fields += [
            ("n", .integer(fit.n)), ("r_squared", .optional(fit.rSquared)),
            ("adj_r_squared", .optional(fit.adjustedRSquared)), ("f", .optional(fit.f)),
            (
                "f_df",
                fit.fNumeratorDegreesOfFreedom.map { d1 in
                    .array([.integer(d1), .integer(fit.fDenominatorDegreesOfFreedom ?? 0)])
                } ?? .null
            ),
            ("f_p", .optional(fit.fP)), ("residual_se", .optional(fit.residualStandardError)),
            ("residual_df", .integer(fit.residualDegreesOfFreedom)), ("sample", ledger(result.ledger)),
        ]
        return fields
    }
}
