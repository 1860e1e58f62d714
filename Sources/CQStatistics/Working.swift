/// The arithmetic behind a correlation and a simple regression, as a student
/// would do it on paper: means, deviations, sums of squares and products,
/// then the statistic, its t and p. `explain` prints these numbers.
///
/// They are computed the textbook way (two passes, deviations from the
/// mean) with compensated sums, so they agree with the engine's own results
/// to about 1e-12 on any sensible data; the tests hold them to that.
public struct CorrelationWorking: Sendable, Equatable {
    public var n: Int
    public var sumX: Double
    public var sumY: Double
    public var meanX: Double
    public var meanY: Double
    /// Σ(x − x̄)², Σ(y − ȳ)², Σ(x − x̄)(y − ȳ).
    public var sxx: Double
    public var syy: Double
    public var sxy: Double
    /// Sxy / √(Sxx·Syy); nil when a variable does not vary (or n < 2).
    public var r: Double?
    /// r·√(n − 2) / √(1 − r²) with n − 2 degrees of freedom; nil for n < 3
    /// or |r| = 1.
    public var t: Double?
    public var degreesOfFreedom: Int
    /// Two-sided: P(|T| ≥ |t|) for Student's t with n − 2 degrees of freedom.
    public var p: Double?

    public init(x: [Double], y: [Double]) {
        precondition(x.count == y.count, "pairs")
        n = x.count
        sumX = CompensatedSum(x).value
        sumY = CompensatedSum(y).value
        meanX = n > 0 ? sumX / Double(n) : .nan
        meanY = n > 0 ? sumY / Double(n) : .nan
        var xx = CompensatedSum()
        var yy = CompensatedSum()
        var xy = CompensatedSum()
        for (a, b) in zip(x, y) {
            let dx = a - meanX
            let dy = b - meanY
            xx.add(dx * dx)
            yy.add(dy * dy)
            xy.add(dx * dy)
        }
        sxx = xx.value
        syy = yy.value
        sxy = xy.value
        degreesOfFreedom = n - 2
        r = n >= 2 && sxx > 0 && syy > 0 ? max(-1, min(1, sxy / (sxx.squareRoot() * syy.squareRoot()))) : nil
        if let r, n >= 3, abs(r) < 1 {
            let t = r * Double(n - 2).squareRoot() / (1 - r * r).squareRoot()
            self.t = t
            p = Distributions.studentTTwoSidedP(t: t, degreesOfFreedom: Double(n - 2))
        } else if let r, n >= 3 {
            // The points lie on a line: no chance could produce it.
            t = r > 0 ? .infinity : -.infinity
            p = 0
        }
    }
}

/// The least-squares line y = a + b·x, by hand.
public struct RegressionWorking: Sendable, Equatable {
    /// The same means and sums as the correlation.
    public var sums: CorrelationWorking
    /// b = Sxy / Sxx and a = ȳ − b·x̄; nil when x does not vary.
    public var slope: Double?
    public var intercept: Double?
    /// Σ(y − ŷ)², the squared residuals; Syy is the total.
    public var residualSumOfSquares: Double?
    /// 1 − SSE / Syy.
    public var rSquared: Double?
    /// s = √(SSE / (n − 2)), the typical distance of a point from the line.
    public var residualStandardError: Double?
    /// s / √Sxx.
    public var slopeStandardError: Double?
    /// b / SE(b), with n − 2 degrees of freedom.
    public var t: Double?
    public var p: Double?

    public init(x: [Double], y: [Double]) {
        sums = CorrelationWorking(x: x, y: y)
        guard sums.n >= 2, sums.sxx > 0 else { return }
        let slope = sums.sxy / sums.sxx
        let intercept = sums.meanY - slope * sums.meanX
        self.slope = slope
        self.intercept = intercept
        var residuals = CompensatedSum()
        for (a, b) in zip(x, y) {
            let residual = b - (intercept + slope * a)
            residuals.add(residual * residual)
        }
        let sse = residuals.value
        residualSumOfSquares = sse
        if sums.syy > 0 { rSquared = 1 - sse / sums.syy }
        guard sums.n >= 3 else { return }
        let s = (sse / Double(sums.n - 2)).squareRoot()
        residualStandardError = s
        let standardError = s / sums.sxx.squareRoot()
        slopeStandardError = standardError
        if standardError > 0 {
            let t = slope / standardError
            self.t = t
            p = Distributions.studentTTwoSidedP(t: t, degreesOfFreedom: Double(sums.n - 2))
        } else {
            p = 0
        }
    }
}
