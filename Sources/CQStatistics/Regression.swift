/// Ordinary least squares with the statistics of R's `summary(lm())`:
/// coefficients with standard errors, t, p and confidence intervals; R²,
/// adjusted R², the overall F test and the residual standard error.
///
/// How it is computed, and why:
/// - Scaling by powers of two: y and every predictor are scaled so that
///   their largest magnitude lies in [1, 2), which is exact and keeps every
///   sum of squares below overflow; results are scaled back exactly.
/// - Centring: with an intercept, each predictor's mean is subtracted before
///   the factorization. This is an exact reparametrisation (the intercept
///   absorbs the shift, whatever rounding the computed mean carries), and the
///   differences are exact when the values lie within a factor 2 of their
///   mean (Sterbenz), so a predictor like 10⁹ + noise loses nothing, where
///   the uncentred design would lose 9 digits to its condition number.
///   The centred columns are then scaled by powers of two to norm ≈ 1.
/// - Householder QR of that working design (`HouseholderQR`), never XᵀX,
///   with R's limited pivoting: a term whose part not explained by the
///   earlier terms is below `collinearityTolerance` of its own norm is
///   reported as collinear (R: NA) instead of producing garbage. If the
///   refinement below then fails to converge (columns jointly too close to
///   dependent, though none singly is), the last kept term is reported
///   collinear too and the fit repeated.
/// - Iterative refinement of the augmented system [I X; Xᵀ 0][r; β] = [y; 0]
///   (Björck 1967), with the residuals of both equations accumulated in
///   twice the working precision (error-free products and compensated sums)
///   on the original data. Each step multiplies the error by about κ·ε (κ the
///   working design's condition number), so β converges to the exact
///   least-squares solution of the binary64 data, including the κ²·‖r‖ term
///   that plain QR (and plain refinement) leaves behind on problems with
///   large residuals such as NIST's Wampler4/5.
/// - Residuals y − Xβ for RSS in the same doubled precision; TSS by the
///   corrected two-pass sum.
/// - Standard errors from the rows of R⁻¹ (so (RᵀR)⁻¹ = R⁻¹R⁻ᵀ), mapped
///   back through the centring and scaling to the original parametrisation.
///
/// Statistics, as R defines them: df = n − rank; t = β̂/se with two-sided p
/// from Student t (df); intervals β̂ ± t_{(1+c)/2, df}·se; R² = 1 − RSS/TSS
/// with TSS about the mean with an intercept and about 0 without (R's
/// uncentred R² for models through the origin); adjusted
/// R² = 1 − (1 − R²)(n − i)/df; F = (MSS/(rank − i))/(RSS/df) for all
/// non-intercept terms, i = 1 with an intercept, else 0.
///
/// Deviations from R: a collinear term is judged relative to its own norm
/// with tolerance 10⁻¹¹ instead of 10⁻⁷ (R's `lm()` drops x¹⁰ in NIST's Filip
/// and returns a wrong fit without saying so); an exactly perfect fit reports
/// t as missing and p = 0 (R divides by a standard error of ~10⁻¹⁶).
public enum Regression {

    /// The name of the intercept term, as R prints it.
    public static let interceptTerm = "(Intercept)"

    /// A term is collinear when the norm of its part orthogonal to the
    /// earlier terms is at most this fraction of its own norm.
    ///
    /// Why 10⁻¹¹: exactly collinear columns leave a remainder of a few units
    /// of rounding (~10⁻¹⁶), and the hardest certified problem, NIST's Filip
    /// (a degree-10 polynomial), leaves 5·10⁻⁸ on x¹⁰, which R's 10⁻⁷ wrongly
    /// drops. 10⁻¹¹ sits well between them. At the threshold the working
    /// design's condition number is about 10¹¹, so κ·ε ≈ 10⁻⁵: the refinement
    /// still converges and the standard errors (good to about κ·ε) keep about
    /// 5 significant digits. Polynomials of a variable far from 0 (x = 10⁶ ± 3
    /// up to x⁶) reach the threshold: their higher powers are then not
    /// determined by binary64 data, and are reported collinear.
    public static let collinearityTolerance = 1e-11

    /// The most refinement steps. Every NIST problem, Filip included, stops
    /// after two or three (the last changing nothing); the cap only bounds a
    /// problem whose steps stop shrinking without the stall being detected.
    static let maximumRefinementSteps = 12

    /// Fits `y = β₀ + Σ βⱼ·xⱼ` (without β₀ unless `intercept`) by least
    /// squares. The predictors' value arrays must have as many entries as
    /// `y`; missing values are removed before this point. Names are only
    /// carried into the result. `errors` says how the standard errors are
    /// estimated (`StandardErrors`); `confidence` is the coverage of the
    /// coefficient intervals.
    public static func fit(
        response y: [Double], predictors: [(name: String, values: [Double])], intercept: Bool,
        errors: StandardErrors = .classical, confidence: Double = 0.95
    ) -> RegressionFit {
        fit(
            response: y, predictors: predictors, intercept: intercept, errors: errors, absorption: nil,
            confidence: confidence)
    }

    /// What a within transformation took out of the data before the fit
    /// (`PanelRegression`): the fit then counts the effects' parameters in
    /// its degrees of freedom and reports R² against the untransformed
    /// response.
    struct Absorption {
        /// The number of fixed-effect parameters absorbed (G for one-way
        /// country effects).
        var parameters: Int
        /// How many of them belong to effects nested in the clusters, which
        /// the clustered small-sample correction does not count.
        var nestedInClusters: Int
        /// Each predictor's norm before the transformation.
        var referenceSizes: [Double]
        /// Σ(y − ȳ)² of the response before the transformation.
        var totalSquares: Double
    }

    static func fit(
        response y: [Double], predictors: [(name: String, values: [Double])], intercept: Bool,
        errors: StandardErrors, absorption: Absorption?, confidence: Double
    ) -> RegressionFit {
        let n = y.count
        precondition(predictors.allSatisfy { $0.values.count == n }, "predictors need one value per observation")
        let names = (intercept ? [interceptTerm] : []) + predictors.map(\.name)
        var fit = RegressionFit(
            n: n, intercept: intercept, rank: 0, confidence: confidence,
            coefficients: names.map { RegressionFit.Coefficient(term: $0) }, residualDegreesOfFreedom: n)
        fit.standardErrorType = errors.type(observations: n)
        fit.absorbedParameters = absorption?.parameters ?? 0

        if y.contains(where: { !$0.isFinite }) { fit.undefined.append(.nonFinite(term: nil)) }
        for predictor in predictors where predictor.values.contains(where: { !$0.isFinite }) {
            fit.undefined.append(.nonFinite(term: predictor.name))
        }
        guard fit.undefined.isEmpty else { return fit }

        let design = Design(
            response: y, predictors: predictors.map(\.values), intercept: intercept,
            referenceSizes: absorption?.referenceSizes)
        // No single column may be within the tolerance of the earlier ones and
        // yet together they can be too close to dependent for binary64 (a
        // condition number near 10¹⁸ from columns of wildly different scales).
        // The refinement then fails to converge, and the last kept term is
        // reported collinear, as R reports the later of two aliased terms.
        var excluded: Set<Int> = []
        var qr: HouseholderQR
        var beta: [Double]
        while true {
            qr = HouseholderQR(
                columns: design.working, rowCount: n, referenceNorms: design.referenceNorms,
                tolerance: collinearityTolerance, excluded: excluded)
            let refined = refinedCoefficients(design: design, qr: qr)
            beta = refined.beta
            guard !refined.converged, let last = qr.kept.last else { break }
            excluded.insert(last)
        }
        // A constant response (an all-zero one without an intercept) is fitted
        // exactly by the intercept alone: the slopes are 0, not the rounding
        // noise the solve leaves, and nothing is left to test.
        let constant = n > 0 && (intercept ? y.allSatisfy { $0 == y[0] } : y.allSatisfy { $0 == 0 })
        if constant {
            beta = [Double](repeating: 0, count: design.columnCount)
            if intercept && qr.kept.contains(0) { beta[0] = design.response[0] }
        }
        fit.rank = qr.rank
        fit.residualDegreesOfFreedom = n - qr.rank - fit.absorbedParameters
        fit.testDegreesOfFreedom = fit.residualDegreesOfFreedom
        for aliased in qr.aliased {
            fit.undefined.append(
                .collinear(
                    term: names[aliased.column],
                    with: design.dependencyTerms(aliased, kept: qr.kept).map { names[$0] }))
        }
        warnAboutNearCollinearity(qr: qr, names: names, intercept: intercept, into: &fit)

        let sums = design.sumsOfSquares(beta: beta, kept: qr.kept)
        describe(sums: sums, constant: constant, into: &fit)
        if let absorption { describeWithin(sums: sums, absorption: absorption, into: &fit) }
        let covariance = scaledCovariance(
            design: design, qr: qr, beta: beta, rss: sums.rss, errors: errors, absorption: absorption, into: &fit)
        for (position, column) in qr.kept.enumerated() {
            // Back from the power-of-two scaled units, exactly.
            let unit = design.columnScales[column] / design.responseScale
            let estimate = beta[column] * unit
            fit.coefficients[column].estimate = estimate
            guard let covariance else { continue }
            let standardError = covariance.standardErrors[position] * unit
            test(estimate: estimate, standardError: standardError, constant: constant, coefficient: column, into: &fit)
        }
        if let matrix = covariance?.matrix, !constant {
            waldTest(beta: beta, covariance: matrix, qr: qr, intercept: intercept, into: &fit)
        }
        // Only intervals that would otherwise exist are reported missing.
        if covariance != nil && !constant && !(confidence >= 0 && confidence < 1) {
            fit.undefined.append(.invalidConfidence)
        }
        removeNonFinite(from: &fit)
        return fit
    }

    /// The relative remainder below which a kept term is reported as nearly
    /// collinear: R's `lm()` leaves out such a term (its tolerance, 10⁻⁷), cq
    /// keeps it (down to `collinearityTolerance`) and says so.
    public static let nearCollinearityWarning = 1e-7

    /// Warns about every kept term (the intercept aside) whose part not
    /// explained by the terms before it is below `nearCollinearityWarning`
    /// of its size, with the working design's condition number.
    private static func warnAboutNearCollinearity(
        qr: HouseholderQR, names: [String], intercept: Bool, into fit: inout RegressionFit
    ) {
        let flagged = zip(qr.kept, qr.relativeRemainders).filter { column, remainder in
            !(intercept && column == 0) && remainder < nearCollinearityWarning
        }
        guard !flagged.isEmpty else { return }
        let condition = qr.conditionEstimate()
        for (column, remainder) in flagged {
            fit.warnings.append(.nearlyCollinear(term: names[column], remainder: remainder, conditionNumber: condition))
        }
    }

    /// A fit with a result beyond binary64's range (a coefficient of 10⁻⁹⁰
    /// data explaining 10²⁹⁰ responses is 10³⁸⁰), or NaN from such a result
    /// (∞/∞), reports nothing, like input that is not finite: `.nonFinite`
    /// names the first coefficient affected, or nil (the response) when only
    /// σ̂, R² or F are. The scaled computation itself cannot overflow; only
    /// mapping back to the data's units can. Partly reported fits were the
    /// alternative; a fit whose scale cannot be represented is not worth
    /// reading, and this keeps one reason for one cause.
    private static func removeNonFinite(from fit: inout RegressionFit) {
        func finite(_ value: Double?) -> Bool { value.map(\.isFinite) ?? true }
        let term = fit.coefficients.first {
            ![$0.estimate, $0.standardError, $0.t, $0.p, $0.ciLow, $0.ciHigh].allSatisfy(finite)
        }?.term
        let statisticsFinite = [fit.rSquared, fit.adjustedRSquared, fit.f, fit.fP, fit.residualStandardError]
            .allSatisfy(finite)
        guard term != nil || !statisticsFinite else { return }
        fit = RegressionFit(
            n: fit.n, intercept: fit.intercept, rank: 0, confidence: fit.confidence,
            coefficients: fit.coefficients.map { RegressionFit.Coefficient(term: $0.term) },
            residualDegreesOfFreedom: fit.n, undefined: [.nonFinite(term: term)])
    }

    // MARK: - Coefficients

    /// β̂ in the scaled units of `design` (entries of aliased columns 0), by
    /// the QR solution and then refinement of the augmented system; and
    /// whether the refinement converged: its last step moved the fitted
    /// values by at most 10⁻⁸ of their scale (each term's contribution
    /// |δβⱼ|·‖xⱼ‖ against the largest of ‖y‖ and |βⱼ|·‖xⱼ‖). That measure, not
    /// the relative change of each βⱼ, because a coefficient that is 0 in
    /// truth changes by 100% of itself from step to step forever.
    private static func refinedCoefficients(
        design: Design, qr: HouseholderQR
    ) -> (beta: [Double], converged: Bool) {
        let n = design.n
        let rank = qr.rank
        var beta = [Double](repeating: 0, count: design.columnCount)
        guard rank > 0 else { return (beta, true) }
        let responseSize = design.responseNorm

        var rotated = design.response
        qr.applyQTranspose(&rotated)
        design.addWorkingStep(qr.solveR(Array(rotated[0..<rank])), kept: qr.kept, to: &beta)
        var residuals = design.residuals(beta: beta, kept: qr.kept)

        var previousChange = Double.infinity
        var lastMovement = Double.infinity
        for _ in 0..<maximumRefinementSteps {
            // f = y − r − Xβ and g = −Wᵀr, each in doubled precision on the
            // original (scaled) data; (δr, δa) solves the augmented system
            // with them through the factorization:
            // h = R⁻ᵀg, δa = R⁻¹((Qᵀf)₁ − h), δr = Q·(h, (Qᵀf)₂).
            var f = design.augmentedResidual(beta: beta, residuals: residuals, kept: qr.kept)
            let g = design.orthogonalityResidual(residuals: residuals, kept: qr.kept)
            qr.applyQTranspose(&f)
            let h = qr.solveRTranspose(g)
            let top = (0..<rank).map { f[$0] - h[$0] }
            let stepA = qr.solveR(top)
            var stepR = h + f[rank..<n]
            qr.applyQ(&stepR)

            var updated = beta
            design.addWorkingStep(stepA, kept: qr.kept, to: &updated)
            var change = 0.0
            var movement = 0.0
            var scale = responseSize
            for column in qr.kept {
                let size = design.columnNorms[column]
                scale = max(scale, abs(updated[column]) * size)
                let delta = abs(updated[column] - beta[column])
                if delta == 0 { continue }
                change = max(change, updated[column] == 0 ? .infinity : delta / abs(updated[column]))
                movement = max(movement, delta * size)
            }
            // A step larger than the last means the iteration is at the
            // rounding floor or diverging (κ·ε near 1): keep what we have.
            // (Written so that NaN also stops it.)
            guard change <= previousChange else { break }
            beta = updated
            for i in 0..<n { residuals[i] += stepR[i] }
            lastMovement = scale > 0 ? movement / scale : movement
            if change <= Double.ulpOfOne { break }
            previousChange = change
        }
        return (beta, lastMovement <= 1e-8)
    }

    // MARK: - Fit statistics

    /// R², adjusted R², F and σ̂ from the sums of squares (scaled units).
    /// `constant`: the response is constant and fitted exactly (see `fit`).
    private static func describe(sums: Design.SumsOfSquares, constant: Bool, into fit: inout RegressionFit) {
        let rdf = fit.residualDegreesOfFreedom
        let interceptCount = fit.intercept ? 1 : 0
        let hasResidualDF = rdf > 0
        if !hasResidualDF {
            fit.undefined.append(.noResidualDegreesOfFreedom(n: fit.n, rank: fit.rank + fit.absorbedParameters))
        }
        let tss = constant ? 0 : sums.tss
        let perfect = sums.rss == 0 && hasResidualDF && !constant
        if perfect { fit.undefined.append(.perfectFit) }
        if tss == 0 { fit.undefined.append(.constantResponse) }
        let testedTerms = fit.rank - interceptCount
        if testedTerms <= 0 { fit.undefined.append(.noTermsToTest) }

        if hasResidualDF {
            let scale = 1 / sums.responseScale
            fit.residualStandardError = constant ? 0 : (sums.rss / Double(rdf)).squareRoot() * scale
        }
        guard tss > 0 else { return }
        // 1 − RSS/TSS loses relative accuracy when R² is small (RSS ≈ TSS);
        // there MSS/TSS, equal in exact arithmetic, keeps it.
        let unexplained = sums.rss <= tss / 2 ? sums.rss / tss : 1 - sums.mss / tss
        fit.rSquared = sums.rss <= tss / 2 ? 1 - unexplained : sums.mss / tss
        guard hasResidualDF else { return }
        fit.adjustedRSquared = 1 - unexplained * (Double(fit.n - interceptCount) / Double(rdf))
        guard testedTerms > 0 else { return }
        fit.fNumeratorDegreesOfFreedom = testedTerms
        fit.fDenominatorDegreesOfFreedom = rdf
        if perfect {
            fit.fP = 0
            return
        }
        let f = (sums.mss / Double(testedTerms)) / (sums.rss / Double(rdf))
        fit.f = f
        fit.fP = Distributions.fSurvival(f, d1: Double(testedTerms), d2: Double(rdf))
    }

    /// After a within transformation, `describe` measured the fit against
    /// the transformed response: that is the within R². R² proper compares
    /// RSS with the untransformed response's spread (the effects count as
    /// explained), and the adjusted R² charges for the effects' parameters,
    /// as R's `lm` with dummy variables does.
    private static func describeWithin(
        sums: Design.SumsOfSquares, absorption: Absorption, into fit: inout RegressionFit
    ) {
        fit.rSquaredWithin = fit.rSquared
        fit.rSquared = nil
        fit.adjustedRSquared = nil
        guard absorption.totalSquares > 0 else { return }
        let rss = sums.rss / (sums.responseScale * sums.responseScale)
        let unexplained = rss / absorption.totalSquares
        fit.rSquared = 1 - unexplained
        let rdf = fit.residualDegreesOfFreedom
        guard rdf > 0 else { return }
        fit.adjustedRSquared = 1 - unexplained * (Double(fit.n - 1) / Double(rdf))
    }

    /// The kept coefficients' standard errors, and for robust and clustered
    /// errors their covariance matrix, in scaled units by position in
    /// `qr.kept`; nil when they cannot be estimated (no residual degrees of
    /// freedom, fewer than two clusters).
    ///
    /// Classical: σ̂·‖row of L·R⁻¹‖, where L maps the working coefficients
    /// back to the scaled original parametrisation (see
    /// `Design.addWorkingStep`). Robust and clustered: the sandwich
    /// (`sandwichCovariance`) with Stata's small-sample factors.
    private static func scaledCovariance(
        design: Design, qr: HouseholderQR, beta: [Double], rss: Double, errors: StandardErrors,
        absorption: Absorption?, into fit: inout RegressionFit
    ) -> ScaledCovariance? {
        let n = fit.n
        let rdf = fit.residualDegreesOfFreedom
        guard rdf > 0, qr.rank > 0 else { return nil }
        switch errors {
        case .classical:
            let sigma = (rss / Double(rdf)).squareRoot()
            let inverse = qr.inverseRRows()
            return ScaledCovariance(
                standardErrors: qr.kept.indices.map { position in
                    sigma * norm(design.originalRow(position: position, inverseRows: inverse, kept: qr.kept))
                }, matrix: nil)
        case .robust:
            // HC1: n/(n − K), K every parameter estimated, effects included.
            let factor = Double(n) / Double(rdf)
            return ScaledCovariance(
                sandwichCovariance(design: design, qr: qr, beta: beta, clusters: nil, factor: factor))
        case .clustered(let clusters):
            let count = Set(clusters).count
            guard count >= 2 else {
                fit.undefined.append(.tooFewClusters(count))
                return nil
            }
            // Stata's CR1 (and pyfixest's default): G/(G − 1)·(n − 1)/(n − K),
            // where K leaves out effects nested in the clusters but keeps one
            // parameter for the intercept they absorb.
            let nested = absorption?.nestedInClusters ?? 0
            let parameters = fit.rank + fit.absorbedParameters - nested + (nested > 0 ? 1 : 0)
            guard n - parameters > 0 else { return nil }
            let factor = Double(count) / Double(count - 1) * Double(n - 1) / Double(n - parameters)
            fit.testDegreesOfFreedom = count - 1
            return ScaledCovariance(
                sandwichCovariance(design: design, qr: qr, beta: beta, clusters: clusters, factor: factor))
        }
    }

    /// Standard errors by position in `qr.kept`, and the whole covariance
    /// matrix where it was formed (robust and clustered errors).
    struct ScaledCovariance {
        var standardErrors: [Double]
        var matrix: [[Double]]?

        init(standardErrors: [Double], matrix: [[Double]]?) {
            self.standardErrors = standardErrors
            self.matrix = matrix
        }

        init(_ matrix: [[Double]]) {
            self.init(standardErrors: matrix.indices.map { matrix[$0][$0].squareRoot() }, matrix: matrix)
        }
    }

    /// t, p and the interval of one coefficient (original units), with t's
    /// degrees of freedom `fit.testDegreesOfFreedom`.
    private static func test(
        estimate: Double, standardError: Double, constant: Bool, coefficient index: Int, into fit: inout RegressionFit
    ) {
        let df = Double(fit.testDegreesOfFreedom)
        fit.coefficients[index].standardError = standardError
        // A constant response is fitted exactly: every estimate is exact and
        // its standard error 0, so t is 0/0 or c/0 and tests nothing.
        if constant { return }
        let confidence = fit.confidence
        let validConfidence = confidence >= 0 && confidence < 1
        if standardError == 0 {
            // Only an exactly perfect fit has σ̂ = 0 (every column kept has a
            // nonzero remainder, so no row of R⁻¹ vanishes).
            fit.coefficients[index].p = 0
            if validConfidence {
                fit.coefficients[index].ciLow = estimate
                fit.coefficients[index].ciHigh = estimate
            }
            return
        }
        let t = estimate / standardError
        fit.coefficients[index].t = t
        fit.coefficients[index].p = Distributions.studentTTwoSidedP(t: t, degreesOfFreedom: df)
        guard validConfidence else { return }
        // R's confint: qt((1 − level)/2) on both sides.
        let quantile = Distributions.studentTQuantile((1 - confidence) / 2, degreesOfFreedom: df)
        fit.coefficients[index].ciLow = estimate + standardError * quantile
        fit.coefficients[index].ciHigh = estimate - standardError * quantile
    }

    /// The Euclidean norm of moderate values (entries of L·R⁻¹ in working units).
    private static func norm(_ values: [Double]) -> Double {
        var sum = CompensatedSum()
        for value in values { sum.add(value * value) }
        return sum.value.squareRoot()
    }
}
