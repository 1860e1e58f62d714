/// What `regress` says around its coefficients: the fit's summary, the
/// model (effects and standard errors, and why), and what is missing or
/// fragile.
extension Presenter {
    /// After "Linear regression of y on x": how it was estimated.
    static func modelHeading(_ result: RegressionResult) -> String {
        let fit = result.fit
        var text = ""
        if !result.effects.isEmpty {
            text += " with " + result.effects.map(\.name).joined(separator: " and ") + " effects (within estimator"
        } else {
            text += (fit.intercept ? "" : ", without intercept") + " (least squares"
        }
        text += " by QR"
        switch fit.standardErrorType {
        case .classical: break
        case .robust: text += ", robust standard errors"
        case .clustered: text += ", standard errors clustered by \(result.clusteredBy ?? "group")"
        }
        return text + ")"
    }

    /// n, R² (and within R²), adjusted R², F and the residual SE.
    func regressionSummary(_ fit: RegressionFit) -> String {
        var summary = "n = \(fit.n)"
        if let r2 = fit.rSquared { summary += ", R² = \(NumberFormat.coefficient(r2))" }
        if let within = fit.rSquaredWithin { summary += ", within R² = \(NumberFormat.coefficient(within))" }
        if let adjusted = fit.adjustedRSquared { summary += ", adjusted R² = \(NumberFormat.coefficient(adjusted))" }
        if let f = fit.f, let d1 = fit.fNumeratorDegreesOfFreedom, let d2 = fit.fDenominatorDegreesOfFreedom {
            summary += ", \(fit.fIsWald ? "Wald " : "")F = \(NumberFormat.statistic(f)) on \(d1) and \(d2) df"
            summary += ", p \(probabilityRelation(fit.fP))"
        }
        if let se = fit.residualStandardError {
            summary += ", residual SE = \(NumberFormat.value(se)) on \(fit.residualDegreesOfFreedom) df"
        }
        return summary
    }

    /// The effects absorbed and the observations they made useless; which
    /// standard errors, and why.
    func modelLines(_ result: RegressionResult) -> [String] {
        let fit = result.fit
        var lines: [String] = []
        if !result.effects.isEmpty {
            let groups = result.effects.map { effect in
                let noun =
                    effect.name == "country"
                    ? "countr" + (effect.groups == 1 ? "y" : "ies") : "year" + (effect.groups == 1 ? "" : "s")
                let mean = NumberFormat.value((effect.mean * 10).rounded() / 10)
                let sizes =
                    effect.smallest == effect.largest
                    ? "\(effect.smallest) rows each"
                    : "\(effect.smallest) to \(effect.largest) rows each, mean \(mean)"
                return "\(effect.groups) \(noun) (\(sizes))"
            }
            var line = "fixed effects: " + groups.joined(separator: " and ")
            line += "; \(fit.absorbedParameters) parameters absorbed"
            if result.droppedSingletons > 0 {
                let name = result.effects.map(\.name).joined(separator: " or ")
                line +=
                    "; \(result.droppedSingletons) singleton\(result.droppedSingletons == 1 ? "" : "s") dropped (alone in their \(name))"
            }
            if result.droppedConstant > 0 {
                let name =
                    result.effects[0].name == "country"
                    ? "countr" + (result.constantGroups == 1 ? "y" : "ies")
                    : "year" + (result.constantGroups == 1 ? "" : "s")
                line += "; \(result.constantGroups) \(name) without variation dropped (\(result.droppedConstant) rows)"
            }
            lines.append(line)
            if fit.n == 0 && result.droppedSingletons > 0 {
                lines.append(
                    "every row was alone in its \(result.effects.map(\.name).joined(separator: " or ")): fixed effects need two or more rows per group; widen the years with `during`"
                )
            }
        }
        switch fit.standardErrorType {
        case .classical:
            break
        case .robust:
            lines.append(
                "standard errors: robust to unequal error variances (HC1, n/(n − K) with K = \(fit.n - fit.residualDegreesOfFreedom)); t on \(fit.testDegreesOfFreedom) df"
            )
        case .clustered(let clusters):
            let by = result.clusteredBy ?? "group"
            var line =
                "standard errors: clustered by \(by), \(clusters) cluster\(clusters == 1 ? "" : "s"), allowing errors to be correlated within each \(by == "country" ? "country across its years" : "`\(by)`")"
            line += " (CRV1, G/(G − 1)·(n − 1)/(n − K)); t on G − 1 = \(fit.testDegreesOfFreedom) df"
            lines.append(line)
            if clusters >= 2 && clusters < 30 {
                lines.append(
                    "note: only \(clusters) clusters; clustered standard errors are too small with fewer than about 30 to 50, so read p with care"
                )
            }
        }
        for warning in fit.warnings {
            switch warning {
            case .nearlyCollinear(let term, let remainder, let condition):
                lines.append(
                    "warning: `\(term)` is nearly a linear combination of the terms before it (its own part is \(NumberFormat.magnitude(remainder)) of its size; R's lm drops a term below 1e-7); the design's condition number is about \(NumberFormat.magnitude(condition)), so the estimates of the terms involved rest on the data's last digits"
                )
            }
        }
        return lines
    }

    /// Why parts of the fit are missing.
    static func regressionReasons(_ result: RegressionResult) -> [String] {
        let effects = result.effects.map(\.name).joined(separator: " and ")
        return result.fit.undefined.compactMap { reason in
            switch reason {
            case .nonFinite(let term):
                return
                    "nothing estimated: \(term.map { "`\($0)`" } ?? "the response") has a value too large to compute with"
            case .collinear(let term, let others):
                if !effects.isEmpty {
                    return others.isEmpty
                        ? "`\(term)` is left out: the \(effects) effects absorb it (it does not vary within \(result.effects.map { $0.name == "country" ? "countries" : "years" }.joined(separator: " or ")))"
                        : "`\(term)` is left out: with the \(effects) effects it is a linear combination of \(others.map { "`\($0)`" }.joined(separator: ", "))"
                }
                return
                    "`\(term)` is left out: it is a linear combination of \(others.map { "`\($0)`" }.joined(separator: ", "))"
            case .noResidualDegreesOfFreedom(let n, let rank):
                return
                    "with n = \(n) and \(rank) \(effects.isEmpty ? "coefficients" : "parameters (effects included)") nothing is left to estimate the error: no standard errors, t, p or F"
            case .perfectFit:
                return "the fit is exact (all residuals are 0): t and F are infinite, p is 0"
            case .constantResponse:
                return effects.isEmpty
                    ? "`\(result.response)` is constant here: the fit is exact, with every slope 0, so t, p, R² and F are undefined"
                    : "the \(effects) effects explain `\(result.response)` entirely: every slope is 0, and t, p, R² and F are undefined"
            case .noTermsToTest:
                return nil
            case .invalidConfidence:
                return "the confidence level must lie between 0 and 1"
            case .tooFewClusters(let count):
                return
                    "clustered standard errors need at least two clusters, and `\(result.clusteredBy ?? "")` has \(count) here: no standard errors, t or p"
            case .noJointTest(let terms):
                return
                    "no joint F test: with \(terms) terms and \(result.fit.testDegreesOfFreedom + 1) clusters the clustered covariance is singular"
            }
        }
    }

    /// Appended to the pooled-years note of a regression: the remedy.
    static let clusteringRemedy = ", `cluster by country` standard errors that allow for it"
}
