/// Which correlation coefficient to compute (`correlate … using spearman`).
public enum CorrelationMethod: String, Sendable, CaseIterable {
    /// Pearson's product-moment r, with a Student t test and a Fisher-z interval.
    case pearson
    /// Spearman's rho: Pearson's r of the mid-ranks.
    case spearman
    /// Kendall's tau-b, which adjusts for ties in either variable.
    case kendall
}
