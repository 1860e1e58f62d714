/// An ordinary least-squares fit with the statistics of R's `summary(lm())`,
/// as `Regression.fit(response:predictors:intercept:confidence:)` computes it.
///
/// Undefined parts are `nil`, never NaN, and `undefined` says why. The rules:
/// - a coefficient's `estimate` is `nil` only for a term in a `.collinear`
///   entry (R prints NA), or when `.nonFinite` stopped the fit altogether;
/// - its `standardError`, `t`, `p` and interval are also `nil` when
///   `.noResidualDegreesOfFreedom` is listed (nothing is left to estimate
///   σ from); `t` alone is `nil` under `.perfectFit` (p is then 0 and the
///   interval the single point, as in `CorrelationEstimate`); the interval
///   alone under `.invalidConfidence`;
/// - `rSquared` and `adjustedRSquared` are `nil` under `.constantResponse`,
///   `adjustedRSquared` also under `.noResidualDegreesOfFreedom`;
/// - `f`, its degrees of freedom and `fP` are `nil` under `.noTermsToTest`,
///   `.constantResponse` or `.noResidualDegreesOfFreedom`; under
///   `.perfectFit` only `f` is (`fP` is 0).
public struct RegressionFit: Sendable, Equatable {
    /// One term of the model, in the order of the design: the intercept
    /// first (named `(Intercept)`, as R does), then the predictors as given.
    public struct Coefficient: Sendable, Equatable {
        public var term: String
        public var estimate: Double?
        public var standardError: Double?
        /// estimate / standardError, Student t with `residualDegreesOfFreedom`.
        public var t: Double?
        /// The two-sided p-value for "this coefficient is 0".
        public var p: Double?
        /// The `confidence` interval estimate ± t quantile · standardError.
        public var ciLow: Double?
        public var ciHigh: Double?

        public init(
            term: String, estimate: Double? = nil, standardError: Double? = nil, t: Double? = nil,
            p: Double? = nil, ciLow: Double? = nil, ciHigh: Double? = nil
        ) {
            self.term = term
            self.estimate = estimate
            self.standardError = standardError
            self.t = t
            self.p = p
            self.ciLow = ciLow
            self.ciHigh = ciHigh
        }
    }

    /// The number of observations.
    public var n: Int
    /// Whether the model has an intercept.
    public var intercept: Bool
    /// The number of coefficients estimated: terms minus the collinear ones.
    public var rank: Int
    /// The coverage of the intervals, 0.95 by default.
    public var confidence: Double
    public var coefficients: [Coefficient]
    /// 1 − RSS/TSS, with TSS about the mean when there is an intercept and
    /// about 0 when there is not (R's `summary.lm`; NIST's NoInt1/2).
    public var rSquared: Double?
    /// 1 − (1 − R²)(n − i)/(n − rank), i = 1 with an intercept, else 0.
    public var adjustedRSquared: Double?
    /// The F statistic for "every coefficient but the intercept is 0".
    public var f: Double?
    /// rank − i and n − rank, the F test's degrees of freedom.
    public var fNumeratorDegreesOfFreedom: Int?
    public var fDenominatorDegreesOfFreedom: Int?
    /// P(F ≥ f).
    public var fP: Double?
    /// σ̂ = √(RSS/(n − rank)).
    public var residualStandardError: Double?
    /// n − rank (R's df.residual): 0 exactly when `.noResidualDegreesOfFreedom`
    /// is listed, n when `.nonFinite` stopped the fit.
    public var residualDegreesOfFreedom: Int
    /// Why parts are missing; see the type's documentation.
    public var undefined: [Reason]
    /// How the standard errors were estimated.
    public var standardErrorType: StandardErrorType = .classical
    /// The degrees of freedom of t (and of the intervals, and the F test's
    /// denominator): `residualDegreesOfFreedom`, or G − 1 with clustered
    /// errors.
    public var testDegreesOfFreedom: Int = 0
    /// The fixed-effect parameters absorbed by a within transformation
    /// (0 without effects); `residualDegreesOfFreedom` is n − rank − this.
    public var absorbedParameters: Int = 0
    /// With fixed effects: 1 − RSS/Σỹ², the share of the variation left
    /// after the effects that the terms explain. `rSquared` then counts the
    /// effects as explained (R's `lm` with dummy variables).
    public var rSquaredWithin: Double?
    /// True when `f` is the Wald test on the robust or clustered covariance
    /// rather than the classical F.
    public var fIsWald = false
    /// What is worth knowing about a fit that is nevertheless reported.
    public var warnings: [Warning] = []

    public init(
        n: Int, intercept: Bool, rank: Int, confidence: Double, coefficients: [Coefficient],
        rSquared: Double? = nil, adjustedRSquared: Double? = nil, f: Double? = nil,
        fNumeratorDegreesOfFreedom: Int? = nil, fDenominatorDegreesOfFreedom: Int? = nil,
        fP: Double? = nil, residualStandardError: Double? = nil, residualDegreesOfFreedom: Int,
        undefined: [Reason] = []
    ) {
        self.n = n
        self.intercept = intercept
        self.rank = rank
        self.confidence = confidence
        self.coefficients = coefficients
        self.rSquared = rSquared
        self.adjustedRSquared = adjustedRSquared
        self.f = f
        self.fNumeratorDegreesOfFreedom = fNumeratorDegreesOfFreedom
        self.fDenominatorDegreesOfFreedom = fDenominatorDegreesOfFreedom
        self.fP = fP
        self.residualStandardError = residualStandardError
        self.residualDegreesOfFreedom = residualDegreesOfFreedom
        self.undefined = undefined
        self.testDegreesOfFreedom = residualDegreesOfFreedom
    }

    /// The coefficient of a term, by name.
    public func coefficient(_ term: String) -> Coefficient? {
        coefficients.first { $0.term == term }
    }

    /// Why a part of the fit is missing.
    public enum Reason: Sendable, Equatable {
        /// A value of the response (`term` nil) or of a predictor is NaN or
        /// infinite; nothing is estimated. (Missing values are removed
        /// before fitting; this is arithmetic that overflowed.) Also when a
        /// result would lie beyond binary64's range (about 1.8·10³⁰⁸, as when
        /// values near 10⁻⁹⁰ must explain values near 10²⁹⁰): then `term`
        /// names the first such coefficient, or is nil when only σ̂, R² or F
        /// would overflow.
        case nonFinite(term: String?)
        /// `term` is (numerically) a linear combination of the terms before
        /// it, `with`, so its coefficient is not identified; it is left out
        /// of the fit and its estimate is `nil` (R: NA). `with` lists the
        /// terms whose multiples make it up; with fewer observations than
        /// terms, every term after the n-th is in this case. Also the last
        /// of a set of terms that are jointly too close to dependent for
        /// binary64 arithmetic although none is singly (the fit with it does
        /// not converge).
        case collinear(term: String, with: [String])
        /// n ≤ rank: no residual degrees of freedom remain, so σ̂, the
        /// standard errors, t, p, intervals, adjusted R² and F are missing.
        case noResidualDegreesOfFreedom(n: Int, rank: Int)
        /// The residuals are exactly zero, so every t statistic and F are
        /// infinite (missing here); their p-values are 0, the standard errors
        /// 0 and the intervals single points.
        case perfectFit
        /// A constant response with an intercept, an all-zero one without (or
        /// one the fixed effects explain entirely): the fit is exact, every
        /// slope is 0 (the intercept the constant), the residuals and
        /// standard errors are 0, and t, p, the intervals, R² and F are 0/0
        /// or c/0, so missing.
        case constantResponse
        /// There is no term besides the intercept (or none at all), so there
        /// is no F test.
        case noTermsToTest
        /// `confidence` is not in [0, 1).
        case invalidConfidence
        /// Clustered errors need at least two clusters; there are this many,
        /// so no standard errors, t, p or intervals.
        case tooFewClusters(Int)
        /// The robust or clustered covariance of the `terms` tested is
        /// singular (fewer clusters than terms), so there is no joint F test.
        case noJointTest(terms: Int)
    }

    /// Something a reader of the fit should know, though nothing is missing.
    public enum Warning: Sendable, Equatable {
        /// `term` is kept, but its part not explained by the terms before it
        /// is only `remainder` of its size (below
        /// `Regression.nearCollinearityWarning`, where R's `lm` would leave
        /// it out); the working design's condition number is about
        /// `conditionNumber`, so the coefficients of the terms involved rest
        /// on the data's last digits.
        case nearlyCollinear(term: String, remainder: Double, conditionNumber: Double)
    }
}
