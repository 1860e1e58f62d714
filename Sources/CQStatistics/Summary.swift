/// The one-line description of a numeric column that `summarize` shows.
///
/// Every statistic is `nil` where it is undefined: all of them need at least
/// one value, the standard deviation at least two. Computed by
/// `Descriptive.summary(_:)`.
public struct Summary: Sendable, Equatable {
    /// The number of values summarised.
    public var n: Int
    /// The arithmetic mean (two-pass, compensated; see `Descriptive.mean`).
    public var mean: Double?
    /// The sample standard deviation, denominator n − 1.
    public var sd: Double?
    public var min: Double?
    /// The quartiles and the median, R's `quantile(type = 7)` (NumPy's default).
    public var p25: Double?
    public var median: Double?
    public var p75: Double?
    public var max: Double?

    public init(
        n: Int, mean: Double?, sd: Double?, min: Double?,
        p25: Double?, median: Double?, p75: Double?, max: Double?
    ) {
        self.n = n
        self.mean = mean
        self.sd = sd
        self.min = min
        self.p25 = p25
        self.median = median
        self.p75 = p75
        self.max = max
    }
}
