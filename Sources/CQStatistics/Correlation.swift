import Glibc

/// Correlation coefficients and their tests, computed as R's `cor.test` does
/// (two-sided), so that cq's answers can be checked against R line by line.
///
/// Method choices, all R's:
/// - Pearson: r from centred sums; t = r·√(df/(1 − r²)), df = n − 2, p from
///   Student t; the interval is Fisher's z, tanh(atanh r ± z₁₋α/₂/√(n − 3)).
/// - Spearman: Pearson's r of the mid-ranks. p without ties and n ≤ 1290
///   from the distribution of S = Σd²: exact for n ≤ 9 and the AS 89
///   Edgeworth series above (R calls both "exact"); with ties, or above
///   1290 pairs, from Student t like Pearson's. SciPy always uses t.
///   The Edgeworth series is R's weak spot: at n = 10–13 it is off by up to
///   20% for p ≈ 0.001 and gives 0 where the exact one-sided tail is below
///   about 1e-4. cq reproduces it for compatibility;
///   `RankCorrelationNull.exactSpearmanLimit` = 12 would make n ≤ 12 exact
///   (a one-off 20 ms).
/// - Kendall: tau-b = (nc − nd)/√((n₀ − n₁)(n₀ − n₂)). p without ties and
///   n < 50 from the exact distribution of T = nc; otherwise from the
///   normal distribution of S = nc − nd with the tie-corrected variance,
///   no continuity correction. SciPy goes exact only up to n = 33.
///
/// Deviations from R: p is undefined (not 1) for the rank methods with two
/// pairs; |r| = 1 reports no t statistic rather than `Inf`; the exact Kendall
/// upper tail is summed directly (R's 1 − P(T ≤ q − 1) loses digits and can go
/// negative); exactly proportional data give r = ±1 exactly (R: 1 − 2⁻⁵²).
public enum Correlation {

    /// The correlation of paired values `x` and `y`, with its two-sided
    /// test and, for Pearson, a `confidence` interval (0.95 by default).
    ///
    /// The arrays must have the same length (pairs with a missing value are
    /// removed before this point); a non-finite value makes r undefined.
    public static func estimate(
        _ x: [Double], _ y: [Double], method: CorrelationMethod, confidence: Double = 0.95
    ) -> CorrelationEstimate {
        precondition(x.count == y.count, "Correlation.estimate needs paired values")
        var estimate = CorrelationEstimate(
            method: method, n: x.count, r: nil, statistic: nil, statisticKind: nil,
            degreesOfFreedom: nil, p: nil, pMethod: nil, confidence: confidence,
            ciLow: nil, ciHigh: nil, undefined: [])
        guard x.count >= 2 else {
            estimate.undefined = [.tooFewPairs(.r, needed: 2)]
            return estimate
        }
        for (variable, values) in [x, y].enumerated() where values.contains(where: { !$0.isFinite }) {
            estimate.undefined.append(.nonFinite(variable: variable))
        }
        guard estimate.undefined.isEmpty else { return estimate }
        for (variable, values) in [x, y].enumerated() where values.allSatisfy({ $0 == values[0] }) {
            estimate.undefined.append(.constant(variable: variable))
        }
        guard estimate.undefined.isEmpty else { return estimate }

        switch method {
        case .pearson:
            testPearson(x, y, into: &estimate)
            fisherInterval(into: &estimate)
        case .spearman:
            testSpearman(x, y, into: &estimate)
            estimate.undefined.append(.noInterval(.spearman))
        case .kendall:
            testKendall(x, y, into: &estimate)
            estimate.undefined.append(.noInterval(.kendall))
        }
        return estimate
    }

    // MARK: - Pearson

    private static func testPearson(_ x: [Double], _ y: [Double], into estimate: inout CorrelationEstimate) {
        let r = pearsonR(x, y)
        estimate.r = r
        studentTTest(r: r, into: &estimate)
    }

    /// t = r·√(df/(1 − r²)) and its two-sided p with df = n − 2, or the
    /// reason they are missing. The p-value is I_{1−r²}(df/2, ½) with
    /// 1 − r² formed as (1 − r)(1 + r), so t itself is never rounded into it.
    private static func studentTTest(r: Double, into estimate: inout CorrelationEstimate) {
        guard estimate.n >= 3 else {
            estimate.undefined.append(.tooFewPairs(.p, needed: 3))
            return
        }
        let degreesOfFreedom = estimate.n - 2
        estimate.degreesOfFreedom = Double(degreesOfFreedom)
        estimate.statisticKind = .t
        estimate.pMethod = .studentT(degreesOfFreedom: degreesOfFreedom)
        if abs(r) == 1 {
            estimate.p = 0
            estimate.undefined.append(.perfect)
            return
        }
        let oneMinusRSquared = (1 - r) * (1 + r)
        estimate.statistic = r * (Double(degreesOfFreedom) / oneMinusRSquared).squareRoot()
        estimate.p = Distributions.studentTTwoSidedP(
            x: oneMinusRSquared, y: r * r, degreesOfFreedom: Double(degreesOfFreedom))
    }

    /// Fisher's interval tanh(atanh r ± z/√(n − 3)), z the (1 + confidence)/2
    /// normal quantile: R's `cor.test` and SciPy's `pearsonr`. For |r| = 1 it
    /// is the single point r, as in R.
    private static func fisherInterval(into estimate: inout CorrelationEstimate) {
        guard let r = estimate.r else { return }
        guard estimate.n >= 4 else {
            estimate.undefined.append(.tooFewPairs(.interval, needed: 4))
            return
        }
        let confidence = estimate.confidence
        guard confidence >= 0, confidence <= 1 else {
            estimate.undefined.append(.invalidConfidence)
            return
        }
        if abs(r) == 1 {
            // atanh(±1) is infinite; done in floating point, confidence = 1
            // would give ∞ − ∞.
            estimate.ciLow = r
            estimate.ciHigh = r
            return
        }
        let z = atanh(r)
        let halfWidth = Distributions.normalQuantile((1 + confidence) / 2) / Double(estimate.n - 3).squareRoot()
        estimate.ciLow = tanh(z - halfWidth)
        estimate.ciHigh = tanh(z + halfWidth)
    }

    /// Pearson's r by two passes: the means first, then compensated sums of
    /// centred products. One-pass formulas (Σxy − n·x̄·ȳ) lose every digit
    /// when the data share an offset like 10⁹; this keeps them all.
    ///
    /// Both the data and the deviations are scaled by powers of two (exact),
    /// so that neither the sums nor the squares can overflow or underflow; r
    /// does not depend on scale. Neither variable may be constant.
    static func pearsonR(_ x: [Double], _ y: [Double]) -> Double {
        let dx = scaledDeviations(x)
        let dy = scaledDeviations(y)
        var xx = CompensatedSum()
        var yy = CompensatedSum()
        var xy = CompensatedSum()
        var sumX = CompensatedSum()
        var sumY = CompensatedSum()
        for (u, v) in zip(dx, dy) {
            xx.add(u * u)
            yy.add(v * v)
            xy.add(u * v)
            sumX.add(u)
            sumY.add(v)
        }
        // The computed mean is itself rounded (with a 10¹⁵ offset by up to
        // 1/16), which shifts every deviation by the same δ and would add nδ²
        // to Sxx. The corrected two-pass sums (Chan, Golub & LeVeque 1983),
        // S = Σdᵢeᵢ − (Σdᵢ)(Σeᵢ)/n, cancel that shift exactly.
        let count = Double(dx.count)
        let sxx = xx.value - sumX.value * sumX.value / count
        let syy = yy.value - sumY.value * sumY.value / count
        let sxy = xy.value - sumX.value * sumY.value / count
        // √(Sxx·Syy) in one root where the product is safe: for exactly
        // proportional deviations it is exactly Sxy, so r = ±1 exactly.
        let product = sxx * syy
        let denominator =
            product.isNormal
            ? product.squareRoot()
            : sxx.squareRoot() * syy.squareRoot()
        return min(1, max(-1, sxy / denominator))
    }

    /// xᵢ − x̄, with the data and then the deviations scaled by powers of two
    /// so that the largest |deviation| lies in [1, 2).
    private static func scaledDeviations(_ values: [Double]) -> [Double] {
        let dataScale = powerOfTwoScale(values.lazy.map(abs).max() ?? 0)
        let scaled = values.map { $0 * dataScale }
        let mean = Descriptive.mean(scaled) ?? 0
        let deviations = scaled.map { $0 - mean }
        let scale = powerOfTwoScale(deviations.lazy.map(abs).max() ?? 0)
        return deviations.map { $0 * scale }
    }

    /// 2^(−e) where 2^e ≤ magnitude < 2^(e+1); 1 for zero.
    private static func powerOfTwoScale(_ magnitude: Double) -> Double {
        guard magnitude > 0, magnitude.isFinite else { return 1 }
        return Double(sign: .plus, exponent: -magnitude.exponent, significand: 1)
    }

    // MARK: - Spearman

    private static func testSpearman(_ x: [Double], _ y: [Double], into estimate: inout CorrelationEstimate) {
        let rankX = Ranking.averageRanks(x)
        let rankY = Ranking.averageRanks(y)
        let r = pearsonR(rankX, rankY)
        estimate.r = r
        // The t statistic is reported whatever method gives p, as SciPy does.
        studentTTest(r: r, into: &estimate)
        guard estimate.n >= 3 else { return }
        let ties = Ranking.hasTies(x) || Ranking.hasTies(y)
        guard !ties, estimate.n <= 1290 else { return }
        // Without ties the ranks are integers, so S = Σ(rank difference)² is
        // an exact integer (at most n³/3 < 2^53).
        var s = 0.0
        for (u, v) in zip(rankX, rankY) {
            s += (u - v) * (u - v)
        }
        let (p, method) = RankCorrelationNull.spearmanTwoSided(n: estimate.n, s: s)
        // The Edgeworth series is built for moderate tails: far out it runs
        // below zero and R clamps it to 0 ("< 2.2e-16"). Keep the Student t
        // p-value computed above there, which stays positive and says so.
        guard p > 0 || method == .exact else { return }
        estimate.p = p
        estimate.pMethod = method
    }

    // MARK: - Kendall

    private static func testKendall(_ x: [Double], _ y: [Double], into estimate: inout CorrelationEstimate) {
        let n = estimate.n
        let counts = KendallCounts(x, y)
        let pairs = n * (n - 1) / 2
        let untiedX = pairs - counts.xTiedPairs
        let untiedY = pairs - counts.yTiedPairs
        let ties = counts.xTiedPairs > 0 || counts.yTiedPairs > 0
        let tau =
            ties
            ? Double(counts.score) / (Double(untiedX).squareRoot() * Double(untiedY).squareRoot())
            : Double(counts.score) / Double(pairs)
        estimate.r = min(1, max(-1, tau))
        guard n >= 3 else {
            estimate.undefined.append(.tooFewPairs(.p, needed: 3))
            return
        }
        if !ties && n < RankCorrelationNull.exactKendallLimit {
            // Without ties nc + nd = n₀, so T = nc = (S + n₀)/2.
            let concordant = (counts.score + pairs) / 2
            estimate.statistic = Double(concordant)
            estimate.statisticKind = .kendallT
            estimate.pMethod = .exact
            estimate.p = RankCorrelationNull.kendallTwoSided(n: n, concordant: concordant)
            return
        }
        // Var(S) with ties (Kendall 1970, eq. 4.4; R's cor.test):
        // [v₀ − Σt(t−1)(2t+5) − Σu(u−1)(2u+5)]/18
        //   + Σt(t−1)·Σu(u−1)/(2n(n−1)) + Σt(t−1)(t−2)·Σu(u−1)(u−2)/(9n(n−1)(n−2)).
        let count = Double(n)
        func sums(_ sizes: [Int]) -> (pairs: Double, spread: Double, triples: Double) {
            var result = (pairs: 0.0, spread: 0.0, triples: 0.0)
            for size in sizes {
                let t = Double(size)
                result.pairs += t * (t - 1)
                result.spread += t * (t - 1) * (2 * t + 5)
                result.triples += t * (t - 1) * (t - 2)
            }
            return result
        }
        let tx = sums(counts.xTieSizes)
        let ty = sums(counts.yTieSizes)
        let variance =
            (count * (count - 1) * (2 * count + 5) - tx.spread - ty.spread) / 18
            + tx.pairs * ty.pairs / (2 * count * (count - 1))
            + tx.triples * ty.triples / (9 * count * (count - 1) * (count - 2))
        let z = Double(counts.score) / variance.squareRoot()
        estimate.statistic = z
        estimate.statisticKind = .z
        estimate.pMethod = .normalApproximation(tieCorrected: ties)
        estimate.p = 2 * Distributions.normalCDF(-abs(z))
    }
}
