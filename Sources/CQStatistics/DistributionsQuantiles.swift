import Glibc

/// Quantile functions: inverses of the distribution functions in
/// `Distributions`, for confidence intervals.
extension Distributions {

    /// The Student t quantile: t with P(T ≤ t) = p, for `degreesOfFreedom` > 0
    /// (+∞ gives the normal quantile). −∞ at p = 0, +∞ at p = 1, NaN for
    /// arguments out of range.
    ///
    /// Hill's algorithm 396 (CACM 13, 1970), as R's `qt` starts from it, gives
    /// a first value good to a few digits; Newton steps on this file's
    /// accurate distribution function then solve it to full precision
    /// (checked against R's `qt` to 1e-12 relative in
    /// `RegressionTests.studentTQuantile`). Two forms of the equation keep
    /// the relative accuracy of every t:
    /// - in the tail (min(p, 1 − p) < ¼) P(T > u) = q is solved for ln u, where
    ///   ln P(T > u) is nearly linear (heavy tails: ≈ −ν·ln u), so Newton
    ///   converges from far away and p down to 1e-300 keeps its digits;
    /// - near the centre, P(0 < T < u) = ½·I_{u²/(ν+u²)}(½, ν/2) = |p − ½| is
    ///   solved for u, with |p − ½| exact (Sterbenz), so t near 0 keeps its
    ///   relative accuracy instead of inheriting the absolute error of a
    ///   probability near ½.
    /// Above 10²⁰ degrees of freedom t and normal quantiles differ by less
    /// than 10⁻¹⁸ relative, and the normal one is returned (as R does).
    public static func studentTQuantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        if p.isNaN || df.isNaN || p < 0 || p > 1 || !(df > 0) { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if df > 1e20 { return normalQuantile(p) }
        let upper = p > 0.5
        // Exact: 1 − p for p in [½, 1] (Sterbenz).
        let tail = upper ? 1 - p : p
        let size = upperTailQuantile(tail, degreesOfFreedom: df)
        return upper ? size : -size
    }

    /// u > 0 with P(T > u) = q for 0 < q < ½.
    private static func upperTailQuantile(_ q: Double, degreesOfFreedom df: Double) -> Double {
        var u = hillStart(q, degreesOfFreedom: df)
        if !(u > 0) || !u.isFinite { u = 1 }
        // Bracket kept from every evaluation, for a bisection step whenever
        // Newton would leave it (it never has in the tested range).
        var low = 0.0
        var high = Double.infinity
        let central = q >= 0.25
        // ½ − q, exact for q in [¼, ½].
        let centralTarget = 0.5 - q
        for _ in 0..<200 {
            let next: Double
            if central {
                let square = u * u
                let mass = 0.5 * incompleteBeta(a: 0.5, b: df / 2, x: square / (df + square), y: df / (df + square))
                if mass == centralTarget { return u }
                if mass < centralTarget { low = u } else { high = u }
                next = u - (mass - centralTarget) / exp(logDensity(u, degreesOfFreedom: df))
            } else {
                let tailValue = 0.5 * studentTTwoSidedP(t: u, degreesOfFreedom: df)
                if tailValue == q { return u }
                if tailValue > q { low = u } else { high = u }
                // Newton for ln u: d ln P(T > u)/d ln u = −u·f(u)/P(T > u).
                let logTail = log(tailValue)
                let slope = exp(log(u) + logDensity(u, degreesOfFreedom: df) - logTail)
                next = u * exp((logTail - log(q)) / slope)
            }
            if abs(next - u) <= 2 * Double.ulpOfOne * u { return next }
            if next > low && next < high {
                u = next
            } else if high.isInfinite {
                u = min(2 * u, Double.greatestFiniteMagnitude)
            } else if low == 0 {
                u = high / 2
            } else {
                // Halve the bracket: arithmetically near the centre, in ln u
                // in the tail (written so that neither product overflows).
                u = central ? low + (high - low) / 2 : low.squareRoot() * high.squareRoot()
            }
            if u == low || u == high { return u }
        }
        return u
    }

    /// Hill's first approximation to u with P(T > u) = q (ACM 396), in the
    /// form of R's `qt`; exact formulas for 1 and 2 degrees of freedom.
    private static func hillStart(_ q: Double, degreesOfFreedom df: Double) -> Double {
        if df == 1 {
            // Cauchy: u = cot(πq); tan(π(½ − q)) near the centre, where ½ − q
            // is exact and πq would round near π/2.
            return q < 0.25 ? 1 / tan(Double.pi * q) : tan(Double.pi * (0.5 - q))
        }
        if df == 2 {
            return (1 - 2 * q) / (2 * q * (1 - q)).squareRoot()
        }
        let twoSided = 2 * q
        let a = 1 / (df - 0.5)
        let b = 48 / (a * a)
        var c = ((20700 * a / b - 98) * a - 16) * a + 96.36
        let d = ((94.5 / (b + c) - 3) / b + 1) * (a * Double.pi / 2).squareRoot() * df
        var y = pow(d * twoSided, 2 / df)
        var x = 0.0
        let direct = y >= Double.ulpOfOne
        if !direct {
            // (d·P)^(2/ν) underflows for tiny P and few degrees of freedom.
            x = (log(d) + log(2.0) + log(q)) / df
            y = exp(2 * x)
        }
        if (df < 2.1 && twoSided > 0.5) || y > 0.05 + a {
            // Asymptotic inverse expansion about the normal quantile.
            x = normalQuantile(q)
            y = x * x
            if df < 5 { c += 0.3 * (df - 4.5) * (x + 0.6) }
            c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c
            y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x
            y = expm1(a * y * y)
            return (df * y).squareRoot()
        }
        if !direct && x < -log(2.0) * 53 {
            return df.squareRoot() * exp(-x)
        }
        y =
            ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y - 1)
            * (df + 1) / (df + 2) + 1 / y
        return (df * y).squareRoot()
    }

    /// ln f(u), the Student t density:
    /// ln Γ((ν+1)/2) − ln Γ(ν/2) − ½ ln(νπ) − ((ν+1)/2)·ln(1 + u²/ν).
    /// Only Newton's step size depends on it, not the accuracy of the root.
    private static func logDensity(_ u: Double, degreesOfFreedom df: Double) -> Double {
        let square = u * u
        let log1pRatio = square.isFinite ? log1p(square / df) : 2 * log(u) - log(df)
        return logGammaHalfRatio(df / 2) - 0.5 * log(df * Double.pi) - (df + 1) / 2 * log1pRatio
    }

    /// ln Γ(a + ½) − ln Γ(a). Above a = 100 from its asymptotic series
    /// ½ ln a − 1/(8a) + 1/(192a³) − 1/(640a⁵) (error < 10⁻¹⁵), because the
    /// difference of two `lgamma` values near a·ln a would keep only about
    /// 16 − log₁₀(a ln a) digits and none at all for a ≈ 10¹⁸.
    private static func logGammaHalfRatio(_ a: Double) -> Double {
        if a >= 100 {
            let inverse = 1 / a
            let inverseSquare = inverse * inverse
            return 0.5 * log(a) - inverse * (0.125 - inverseSquare * (1.0 / 192 - inverseSquare / 640))
        }
        let (upper, _) = lgamma(a + 0.5)
        let (lower, _) = lgamma(a)
        return upper - lower
    }
}
