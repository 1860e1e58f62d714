/// A correlation coefficient with its test and interval, as
/// `Correlation.estimate(_:_:method:confidence:)` computes it.
///
/// Undefined parts are `nil`, never NaN, and `undefined` says why. The rule:
/// every `nil` among `r`, `statistic`, `p`, `ciLow`/`ciHigh` is explained by
/// at least one entry, except that when `r` is `nil` the entries explain `r`
/// and everything after it is missing because `r` is. `degreesOfFreedom` is
/// also `nil` for Kendall, which has no t statistic.
public struct CorrelationEstimate: Sendable, Equatable {
    public var method: CorrelationMethod
    /// The number of pairs used.
    public var n: Int
    /// Pearson's r, Spearman's rho or Kendall's tau-b, in [−1, 1].
    public var r: Double?
    /// The test statistic; `statisticKind` says which one.
    public var statistic: Double?
    public var statisticKind: StatisticKind?
    /// n − 2, for the t statistics of Pearson and Spearman (a whole number,
    /// kept as a Double like every other number the renderers format).
    public var degreesOfFreedom: Double?
    /// The two-sided p-value for "no association".
    public var p: Double?
    /// How `p` was computed.
    public var pMethod: PValueMethod?
    /// The coverage of the interval, 0.95 by default.
    public var confidence: Double
    /// The Fisher-z confidence interval for r (Pearson, n ≥ 4).
    public var ciLow: Double?
    public var ciHigh: Double?
    /// Why parts are missing, in the order r, statistic, p, interval.
    public var undefined: [Undefinedness]

    public init(
        method: CorrelationMethod, n: Int, r: Double?, statistic: Double?,
        statisticKind: StatisticKind?, degreesOfFreedom: Double?, p: Double?,
        pMethod: PValueMethod?, confidence: Double, ciLow: Double?, ciHigh: Double?,
        undefined: [Undefinedness]
    ) {
        self.method = method
        self.n = n
        self.r = r
        self.statistic = statistic
        self.statisticKind = statisticKind
        self.degreesOfFreedom = degreesOfFreedom
        self.p = p
        self.pMethod = pMethod
        self.confidence = confidence
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.undefined = undefined
    }

    /// The parts of an estimate that can be missing.
    public enum Part: String, Sendable, CaseIterable {
        case r
        case statistic
        case p
        case interval
    }

    /// What `statistic` holds.
    public enum StatisticKind: String, Sendable, CaseIterable {
        /// t = r·√(df/(1 − r²)), df = n − 2 (Pearson; Spearman, whatever
        /// method its p-value uses, so the two can be compared).
        case t
        /// The standardised Kendall score S/√Var(S), with the tie-corrected
        /// variance (Kendall with the normal approximation).
        case z
        /// Kendall's T, the number of concordant pairs (exact Kendall test).
        case kendallT = "T"
    }

    /// How a p-value was computed.
    public enum PValueMethod: Sendable, Equatable, CustomStringConvertible {
        /// From Student's t with n − 2 degrees of freedom.
        case studentT(degreesOfFreedom: Int)
        /// From the exact permutation distribution of the statistic
        /// (Spearman with n ≤ 9, Kendall with n < 50, both without ties).
        case exact
        /// From the Edgeworth series of AS 89 for Spearman's S, as R uses
        /// for 10 ≤ n ≤ 1290 without ties (R labels it exact).
        case edgeworth
        /// From the normal distribution of Kendall's score; `tieCorrected`
        /// when ties changed its variance.
        case normalApproximation(tieCorrected: Bool)

        public var description: String {
            switch self {
            case .studentT(let degreesOfFreedom): "t (df = \(degreesOfFreedom))"
            case .exact: "exact"
            case .edgeworth: "Edgeworth series (AS 89)"
            case .normalApproximation(let tieCorrected):
                tieCorrected ? "normal approximation, tie-corrected" : "normal approximation"
            }
        }
    }

    /// Why a part of the estimate is missing.
    public enum Undefinedness: Sendable, Equatable {
        /// `part` needs at least `needed` pairs: r needs 2, the test 3 (it
        /// has n − 2 degrees of freedom; for the rank methods the permutation
        /// distribution of 2 pairs gives only p = 1), the interval 4 (its
        /// standard error is 1/√(n − 3)). A missing test also leaves
        /// `statistic` and `degreesOfFreedom` missing.
        case tooFewPairs(Part, needed: Int)
        /// All values of a variable are equal (0 = x, 1 = y), so r is 0/0.
        case constant(variable: Int)
        /// A variable holds an infinite or NaN value (0 = x, 1 = y).
        case nonFinite(variable: Int)
        /// |r| = 1, so t = r·√(df/(1 − r²)) is infinite and `statistic` is
        /// missing. Where p comes from t it is then exactly 0, as R reports;
        /// an exact Spearman p-value is still the exact one.
        case perfect
        /// Only Pearson's r has an interval here (Fisher's z); R and SciPy
        /// give none for Spearman or Kendall either.
        case noInterval(CorrelationMethod)
        /// `confidence` is not a number between 0 and 1.
        case invalidConfidence
    }
}
