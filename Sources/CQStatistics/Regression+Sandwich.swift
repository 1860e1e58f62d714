/// Robust and cluster-robust covariance, and the Wald test that uses it.
extension Regression {
    /// The sandwich estimate of the kept coefficients' covariance, in scaled
    /// units by position in `qr.kept`, times `factor` (the small-sample
    /// correction):
    ///
    ///     V = factor · Σ_g s_g s_gᵀ,   s_g = Σ_{i∈g} eᵢ·hᵢ,   hᵢ = L·R⁻¹·R⁻ᵀ·wᵢ
    ///
    /// where wᵢ is row i of the working design W = QR, eᵢ the residual and L
    /// the map back to the original parametrisation, so that hᵢ is row i's
    /// influence on β̂ (the rows of (XᵀX)⁻¹Xᵀ) and V the usual
    /// (XᵀX)⁻¹(Σ_g X_gᵀe_g e_gᵀX_g)(XᵀX)⁻¹, formed without XᵀX. Each
    /// observation is its own group when `clusters` is nil (HC). The residuals
    /// are the doubled-precision ones the fit's RSS uses.
    static func sandwichCovariance(
        design: Design, qr: HouseholderQR, beta: [Double], clusters: [Int]?, factor: Double
    ) -> [[Double]] {
        let p = qr.rank
        let inverse = qr.inverseRRows()
        let back = (0..<p).map { design.originalRow(position: $0, inverseRows: inverse, kept: qr.kept) }
        let residuals = design.residuals(beta: beta, kept: qr.kept)
        var scores: [Int: [CompensatedSum]] = [:]
        var meat = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for i in 0..<design.n {
            let q = qr.solveRTranspose(qr.kept.map { design.working[$0][i] })
            let influence = (0..<p).map { j in
                var sum = 0.0
                for m in 0..<p { sum += back[j][m] * q[m] }
                return sum
            }
            guard let clusters else {
                for j in 0..<p {
                    let a = residuals[i] * influence[j]
                    for l in 0...j { meat[j][l] += a * residuals[i] * influence[l] }
                }
                continue
            }
            var sums = scores[clusters[i]] ?? [CompensatedSum](repeating: CompensatedSum(), count: p)
            for j in 0..<p { sums[j].add(residuals[i] * influence[j]) }
            scores[clusters[i]] = sums
        }
        // Clusters in a fixed order, so that the result does not depend on
        // the dictionary's.
        for key in scores.keys.sorted() {
            let score = scores[key]!.map(\.value)
            for j in 0..<p {
                for l in 0...j { meat[j][l] += score[j] * score[l] }
            }
        }
        for j in 0..<p {
            for l in 0...j {
                meat[j][l] *= factor
                meat[l][j] = meat[j][l]
            }
        }
        return meat
    }

    /// The Wald test that every coefficient but the intercept is 0, with
    /// the robust or clustered covariance: F = β̂ᵀV⁻¹β̂/q on q and
    /// `testDegreesOfFreedom` degrees of freedom (Stata's `test` after
    /// `regress, vce(…)`). It replaces the classical F, which assumes
    /// homoskedastic independent errors. With fewer clusters than terms V is
    /// singular and there is no joint test.
    static func waldTest(
        beta: [Double], covariance: [[Double]], qr: HouseholderQR, intercept: Bool, into fit: inout RegressionFit
    ) {
        fit.f = nil
        fit.fP = nil
        fit.fNumeratorDegreesOfFreedom = nil
        fit.fDenominatorDegreesOfFreedom = nil
        fit.fIsWald = true
        let positions = qr.kept.indices.filter { !(intercept && qr.kept[$0] == 0) }
        let q = positions.count
        guard q > 0, fit.testDegreesOfFreedom > 0 else { return }
        let b = positions.map { beta[qr.kept[$0]] }
        let v = positions.map { j in positions.map { covariance[j][$0] } }
        guard let solved = Self.choleskySolve(v, b) else {
            fit.undefined.append(.noJointTest(terms: q))
            return
        }
        var quadratic = 0.0
        for j in 0..<q { quadratic += b[j] * solved[j] }
        let f = quadratic / Double(q)
        fit.f = f
        fit.fNumeratorDegreesOfFreedom = q
        fit.fDenominatorDegreesOfFreedom = fit.testDegreesOfFreedom
        fit.fP = Distributions.fSurvival(f, d1: Double(q), d2: Double(fit.testDegreesOfFreedom))
    }

    /// x with A·x = b for a symmetric positive definite A, by Cholesky; nil
    /// when A is not (numerically) positive definite: a pivot at or below
    /// 10⁻¹² of the largest diagonal entry.
    private static func choleskySolve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        let n = b.count
        let largest = (0..<n).map { a[$0][$0] }.max() ?? 0
        guard largest > 0 else { return nil }
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for j in 0..<n {
            var diagonal = a[j][j]
            for k in 0..<j { diagonal -= l[j][k] * l[j][k] }
            guard diagonal > 1e-12 * largest else { return nil }
            l[j][j] = diagonal.squareRoot()
            for i in (j + 1)..<n {
                var value = a[i][j]
                for k in 0..<j { value -= l[i][k] * l[j][k] }
                l[i][j] = value / l[j][j]
            }
        }
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= l[i][k] * y[k] }
            y[i] /= l[i][i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { y[i] -= l[k][i] * y[k] }
            y[i] /= l[i][i]
        }
        return y
    }
}
