/// How a regression's standard errors are estimated.
///
/// - `classical`: σ̂²(XᵀX)⁻¹, σ̂² = RSS/(n − K), for independent errors of
///   equal variance.
/// - `robust`: HC1, White's heteroskedasticity-consistent sandwich times
///   n/(n − K) (Stata's `vce(robust)`, R's `sandwich::vcovHC(type = "HC1")`).
/// - `clustered`: one-way cluster-robust (CR1), the sum of the clusters'
///   score outer products times G/(G − 1)·(n − 1)/(n − K), where K leaves out
///   fixed effects nested in the clusters but counts one for the intercept
///   (Stata's `xtreg, fe vce(cluster)` and `reghdfe`, pyfixest's default); t
///   and F then have G − 1 denominator degrees of freedom.
///
/// K is every parameter estimated: the coefficients, and the fixed effects'
/// parameters when effects are absorbed.
public enum StandardErrors: Sendable, Equatable {
    case classical
    case robust
    /// One cluster identifier per observation; any integers.
    case clustered([Int])

    func type(observations: Int) -> StandardErrorType {
        switch self {
        case .classical: return .classical
        case .robust: return .robust
        case .clustered(let clusters): return .clustered(clusters: Set(clusters).count)
        }
    }
}

/// Which standard errors a fit reports.
public enum StandardErrorType: Sendable, Equatable {
    case classical
    case robust
    case clustered(clusters: Int)

    /// The conventional short name: classical, HC1, CRV1 (pyfixest's and
    /// fixest's name for Stata's one-way clustered errors).
    public var name: String {
        switch self {
        case .classical: return "classical"
        case .robust: return "HC1"
        case .clustered: return "CRV1"
        }
    }
}
