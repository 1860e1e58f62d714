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
        let model = regressionModel(clauses, intercept: intercept)
        guard let variables, let scope, let model else { return nil }
        return .regress(
            response: variables[0], terms: Array(variables.dropFirst()), intercept: intercept, model: model,
            scope: scope)
    }

    /// The fixed effects and the standard errors the clauses ask for.
    private mutating func regressionModel(_ clauses: Clauses, intercept: Bool) -> RegressionModel? {
        var model = RegressionModel.pooled
        if let effects = clauses.effects {
            guard intercept else {
                report(
                    .clauseNotAllowed, "fixed effects absorb the intercept; `without intercept` cannot go with them",
                    at: effects.range, help: ["drop `without intercept`"])
                return nil
            }
            model.countryEffects = effects.country
            model.yearEffects = effects.year
        }
        switch clauses.errors {
        case nil: break
        case .robust?: model.errors = .robust
        case .cluster(let key, _)?:
            guard let typed = resolve(key) else { return nil }
            if case .number = typed.type {
                let text = source.text(of: key.range)
                report(
                    .cannotGroup, "cannot cluster by `\(text)`: it is \(typed.type), not a category", at: key.range,
                    help: ["cluster by `country`, `year` or an attribute such as `region` or `income_group`"])
                return nil
            }
            model.errors = .cluster(variable(key, typed))
        }
        return model
    }
}

extension Evaluator {
    func regress(
        _ response: Variable, on terms: [Variable], intercept: Bool, model: RegressionModel, scope: Scope
    ) throws -> RegressionResult {
        let variables = [response] + terms
        var clusterKey: Variable?
        if case .cluster(let key) = model.errors { clusterKey = key }
        let rows = try self.rows(scope, reading: variables + (clusterKey.map { [$0] } ?? []))
        let dataset = scope.dataset
        let evaluator = RowEvaluator(dataset: dataset)
        try checkCancellation()
        // Listwise: a regression needs every value of a row (and its cluster).
        let columns = variables.map { variable in rows.kept.map { evaluator.number(variable.expression, at: $0) } }
        let keys = clusterKey.map { key in rows.kept.map { evaluator.groupKey(key, at: $0) } }
        let complete = rows.kept.indices.filter { row in
            columns.allSatisfy { !$0[row].isNaN } && (keys.map { $0[row] != nil } ?? true)
        }
        let y = complete.map { columns[0][$0] }
        let predictors = terms.enumerated().map { index, term in
            (name: term.label, values: complete.map { columns[index + 1][$0] })
        }
        let cells = complete.map { rows.kept[$0] }
        var effects: [PanelRegression.Effect] = []
        if model.countryEffects {
            effects.append(.init(name: "country", levels: cells.map { dataset.countryIndex(ofCell: $0) }))
        }
        if model.yearEffects {
            effects.append(.init(name: "year", levels: cells.map { dataset.year(ofCell: $0) }))
        }
        let errors: StandardErrors
        switch model.errors {
        case .classical: errors = .classical
        case .robust: errors = .robust
        case .cluster:
            var numbers: [GroupKey: Int] = [:]
            errors = .clustered(
                complete.map { row in
                    let key = keys![row]!
                    if let number = numbers[key] { return number }
                    numbers[key] = numbers.count
                    return numbers.count - 1
                })
        }
        let panel = PanelRegression.fit(
            response: y, predictors: predictors, intercept: intercept, effects: effects, errors: errors)
        // A coefficient is in the response's unit per unit of its term.
        var units: [Unit?] = intercept && effects.isEmpty ? [response.unit] : []
        for term in terms {
            switch (response.unit, term.unit) {
            case (let y?, let x?): units.append(y.divided(by: x))
            case (let y?, nil): units.append(y)
            case (nil, let x?): units.append(Unit.dimensionless.divided(by: x))
            case (nil, nil): units.append(nil)
            }
        }
        return RegressionResult(
            response: response.label, fit: panel.regression, units: units,
            ledger: ledger(
                scope, candidates: rows.candidates.count, kept: rows.kept,
                variables: variables + (clusterKey.map { [$0] } ?? [])),
            effects: panel.effects, droppedSingletons: panel.droppedSingletons,
            droppedConstant: panel.droppedConstant, constantGroups: panel.constantGroups,
            clusteredBy: clusterKey?.label,
            clustersHoldCountries: keys.map { keys in
                Self.eachCountryInOneCluster(cells: cells, keys: complete.map { keys[$0]! }, dataset: dataset)
            } ?? false)
    }

    /// Whether every country's rows share one cluster key.
    private static func eachCountryInOneCluster(cells: [Int], keys: [GroupKey], dataset: Dataset) -> Bool {
        var clusterOf: [Int: GroupKey] = [:]
        for (cell, key) in zip(cells, keys) {
            let country = dataset.countryIndex(ofCell: cell)
            if let known = clusterOf[country], known != key { return false }
            clusterOf[country] = key
        }
        return true
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
                        + Presenter.modelHeading(result)))
        }
        var columns: [Table.Column] = [.init(name: "term", alignment: .left)]
        columns += ["estimate", "se", "t", "p"].map { .init(name: $0, alignment: .right) }
        if format == .csv {
            columns += ["ci_low", "ci_high"].map { .init(name: $0, alignment: .right) }
        } else {
            columns.append(.init(name: NumberFormat.value(fit.confidence * 100) + "% CI", alignment: .right))
        }
        columns.append(.init(name: "unit", alignment: .left))
        // One table per statement: in CSV the fit's own statistics are
        // repeated on every coefficient's row, so nothing is left out.
        let fitColumns = [
            "n", "r_squared", "r2_within", "adj_r_squared", "f", "f_df1", "f_df2", "f_p", "residual_se", "residual_df",
            "se_type", "t_df", "clusters",
        ]
        if format == .csv { columns += fitColumns.map { .init(name: $0, alignment: .right) } }
        var clusters: TableCell = .missing
        if case .clustered(let count) = fit.standardErrorType { clusters = .integer(count) }
        let fitCells: [TableCell] = [
            .integer(fit.n), .value(fit.rSquared), .value(fit.rSquaredWithin), .value(fit.adjustedRSquared),
            .value(fit.f), fit.fNumeratorDegreesOfFreedom.map(TableCell.integer) ?? .missing,
            fit.fDenominatorDegreesOfFreedom.map(TableCell.integer) ?? .missing, .probability(fit.fP),
            .value(fit.residualStandardError), .integer(fit.residualDegreesOfFreedom),
            .text(fit.standardErrorType.name), .integer(fit.testDegreesOfFreedom), clusters,
        ]
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
            if format == .csv { row += fitCells }
            rows.append(row)
        }
        out.add(.table(Table(columns: columns, rows: rows)))
        guard format != .csv else { return }
        out.add(.note(regressionSummary(fit)))
        for line in modelLines(result) { out.add(.note(line)) }
        for line in Presenter.regressionReasons(result) { out.add(.note(line)) }
        // Errors clustered so that each country's years share a cluster
        // already allow for what the pooled-years note warns about.
        let lines = Presenter.ledgerLines(result.ledger, inference: !result.clustersHoldCountries)
        for line in lines {
            out.add(.note(line.hasPrefix("note: years are pooled") ? line + Presenter.clusteringRemedy : line))
        }
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
                        return .object(
                            [
                                ("term", .string(c.term)), ("estimate", .optional(c.estimate)),
                                ("se", .optional(c.standardError)),
                                ("t", .optional(c.t)),
                            ] + probability("p", c.p) + [
                                ("ci_low", .optional(c.ciLow)),
                                ("ci_high", .optional(c.ciHigh)),
                                ("unit", unit.map { .string($0.isDimensionless ? "" : $0.description) } ?? .null),
                            ])
                    })
            ))
        fields +=
            [
                ("n", .integer(fit.n)), ("r_squared", .optional(fit.rSquared)),
                ("adj_r_squared", .optional(fit.adjustedRSquared)), ("f", .optional(fit.f)),
                (
                    "f_df",
                    fit.fNumeratorDegreesOfFreedom.map { d1 in
                        .array([.integer(d1), .integer(fit.fDenominatorDegreesOfFreedom ?? 0)])
                    } ?? .null
                ),
            ] + probability("f_p", fit.fP) + [
                ("residual_se", .optional(fit.residualStandardError)),
                ("residual_df", .integer(fit.residualDegreesOfFreedom)),
                ("se_type", .string(fit.standardErrorType.name)), ("t_df", .integer(fit.testDegreesOfFreedom)),
                ("f_test", fit.f == nil ? .null : .string(fit.fIsWald ? "wald" : "classical")),
                ("cluster_by", result.clusteredBy.map(JSON.string) ?? .null),
                ("clusters", clusterCount(fit).map(JSON.integer) ?? .null),
                ("r2_within", .optional(fit.rSquaredWithin)),
                (
                    "groups",
                    .array(
                        result.effects.map { effect in
                            .object([
                                ("effect", .string(effect.name)), ("groups", .integer(effect.groups)),
                                ("min", .integer(effect.smallest)), ("mean", .number(effect.mean)),
                                ("max", .integer(effect.largest)),
                            ])
                        })
                ),
                ("absorbed", .integer(fit.absorbedParameters)),
                ("dropped_singletons", .integer(result.droppedSingletons)),
                ("dropped_constant", .integer(result.droppedConstant)),
                (
                    "warnings",
                    .array(
                        fit.warnings.map { warning in
                            switch warning {
                            case .nearlyCollinear(let term, let remainder, let condition):
                                return .object([
                                    ("kind", .string("nearly_collinear")), ("term", .string(term)),
                                    ("remainder", .number(remainder)), ("condition_number", .number(condition)),
                                ])
                            }
                        })
                ),
                ("sample", ledger(result.ledger)),
            ]
        return fields
    }

    private static func clusterCount(_ fit: RegressionFit) -> Int? {
        if case .clustered(let clusters) = fit.standardErrorType { return clusters }
        return nil
    }
}
