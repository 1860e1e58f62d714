/// Descriptive statistics of one column of values.
///
/// The values must be finite (missing values are removed before this point).
/// A result that is undefined, or not finite because the input was not or the
/// arithmetic overflowed, is `nil`, never NaN.
public enum Descriptive {

    /// Mean, standard deviation, extremes and quartiles of `values`.
    public static func summary(_ values: [Double]) -> Summary {
        let sorted = values.sorted()
        return Summary(
            n: values.count,
            mean: mean(values),
            sd: standardDeviation(values),
            min: sorted.first,
            p25: quantile(sorted: sorted, probability: 0.25),
            median: quantile(sorted: sorted, probability: 0.5),
            p75: quantile(sorted: sorted, probability: 0.75),
            max: sorted.last
        )
    }

    /// The arithmetic mean; `nil` for no values.
    ///
    /// Two passes, as R's `mean` does: a compensated sum divided by n, then
    /// the mean of the residuals added as a correction. The second pass
    /// recovers the last bits lost in the division and in rounding the data,
    /// which matters when the values share a large offset (NIST NumAcc3/4).
    public static func mean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let count = Double(values.count)
        let first = CompensatedSum(values).value / count
        guard first.isFinite else { return nil }
        let correction = CompensatedSum(values.lazy.map { $0 - first }).value / count
        let mean = first + correction
        return mean.isFinite ? mean : nil
    }

    /// The sample variance, denominator n − 1; `nil` for fewer than two values.
    ///
    /// Corrected two-pass algorithm (Chan, Golub & LeVeque 1983): with m the
    /// mean and dᵢ = xᵢ − m, variance = (Σdᵢ² − (Σdᵢ)²/n)/(n − 1), both sums
    /// compensated. Never the one-pass Σx² − n·m², which loses every digit
    /// when the mean is large compared with the spread.
    public static func variance(_ values: [Double]) -> Double? {
        guard values.count >= 2, let mean = mean(values) else { return nil }
        var squares = CompensatedSum()
        var deviations = CompensatedSum()
        for value in values {
            let deviation = value - mean
            squares.add(deviation * deviation)
            deviations.add(deviation)
        }
        let count = Double(values.count)
        let drift = deviations.value
        let variance = max(0, (squares.value - drift * drift / count) / (count - 1))
        return variance.isFinite ? variance : nil
    }

    /// The sample standard deviation, √variance; `nil` for fewer than two values.
    public static func standardDeviation(_ values: [Double]) -> Double? {
        variance(values).map { $0.squareRoot() }
    }

    /// The quantile of already sorted values at `probability`, by R's default
    /// definition (type 7, also NumPy's "linear"): with h = (n − 1)·p, linear
    /// interpolation between the order statistics ⌊h⌋ and ⌊h⌋ + 1 (0-based).
    ///
    /// `nil` for no values or a probability outside [0, 1]. The arithmetic is
    /// R's own, bit for bit: the 1-based index 1 + (n − 1)·p, then
    /// (1 − f)·a + f·b (a = b gives a). NumPy forms the index and the blend
    /// differently and can differ in the last bits; for p = 1/3 of 7 values
    /// R's index rounds to exactly 3 and returns the third value, NumPy's
    /// lands just below it.
    public static func quantile(sorted: [Double], probability: Double) -> Double? {
        guard !sorted.isEmpty, probability >= 0, probability <= 1 else { return nil }
        let index = 1 + Double(sorted.count - 1) * probability
        let lowerRank = index.rounded(.down)
        let fraction = index - lowerRank
        let lower = sorted[Int(lowerRank) - 1]
        guard fraction > 0, Int(lowerRank) < sorted.count else { return lower }
        let upper = sorted[Int(lowerRank)]
        if upper == lower { return lower }
        return (1 - fraction) * lower + fraction * upper
    }
}
