/// A checked statement as one SQL query for an engine that holds the data
/// (`cq sql`, and the engines cq runs statements in): the engine does the
/// row work — picking the country-years, the `where`, the pairs, the sums —
/// and returns one row of counts and sufficient statistics; cq keeps the
/// rest (r from the sums, p-values, intervals, the ledger's wording).
///
/// Pearson's r comes back as centred sums computed in two passes (the means
/// first, then the sums of products of deviations): the engines' one-pass
/// `corr()` loses digits when values carry a large offset (1e-9 at 1e8,
/// 1e-5 at 1e12, measured on DuckDB, PostgreSQL and Spark).
///
/// The rows are cq's: a candidate is a country-year in the statement's years
/// in which one of the indicators the statement names has a value; it is
/// kept when the `where` is true; a kept row without x counts as dropped for
/// x, one without y for y (a row without either counts for both, as in cq's
/// ledger).
///
/// Spearman's rho is Pearson's r of average ranks (window functions);
/// Kendall's tau-b comes from the counts of concordant, discordant and tied
/// pairs (a self-join of the used rows, n²/2 pairs).
///
/// Compiled so far: `correlate X, Y` (Pearson with or without `by`; Spearman
/// and Kendall without), `count countries` and `summarize` (with or without
/// `by`; one row per group, ordered by the group's name), `list` and `rank`
/// (the rows, in cq's order), and `regress` (the rows least squares uses,
/// with the ledger's counts first: cq fits them). Anything else is
/// `Unsupported`, named.
public enum SQLCompiler {
    public struct Unsupported: Error, Sendable, Equatable {
        public var message: String
    }

    /// The columns of the row a correlation's query returns.
    public static let correlationColumns = [
        "candidates", "kept", "dropped_x", "dropped_y", "n", "mean_x", "mean_y", "sxx", "syy", "sxy",
    ]

    public static func compile(
        _ statement: CheckedStatement, dialect: SQLDialect, layout: SQLLayout = .standard
    ) throws(Unsupported) -> String {
        switch statement.action {
        case .correlate(let variables, let method, _, _, let scope):
            guard variables.count == 2 else {
                throw Unsupported(message: "a correlation matrix is not compiled to SQL yet; two variables are")
            }
            if method != .pearson, scope.groupBy != nil {
                throw Unsupported(message: "`by` with `using \(method.rawValue)` is not compiled to SQL yet")
            }
            return try correlation(
                variables[0], variables[1], method: method, scope: scope, dialect: dialect, layout: layout)
        case .countCountries(let scope):
            return try count(scope: scope, dialect: dialect, layout: layout)
        case .summarize(let variables, let scope):
            return try summary(variables, scope: scope, dialect: dialect, layout: layout)
        case .list(let columns, let sort, let limit, let scope):
            return try list(columns, sort: sort, limit: limit, scope: scope, dialect: dialect, layout: layout)
        case .rank(let variable, let top, let scope):
            return try ranking(variable, top: top, scope: scope, dialect: dialect, layout: layout)
        case .regress(let response, let terms, _, let model, let scope):
            return try regressionRows(
                response, terms, model: model, scope: scope, dialect: dialect, layout: layout)
        default:
            throw Unsupported(
                message:
                    "only `correlate`, `count countries`, `summarize`, `list`, `rank` and `regress` compile to SQL yet")
        }
    }
}
