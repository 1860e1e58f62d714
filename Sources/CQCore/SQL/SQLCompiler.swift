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
/// Compiled so far: `correlate X, Y` (Pearson, without `by`) and
/// `count countries` (without `by`). Anything else is `Unsupported`, named.
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
            guard method == .pearson else {
                throw Unsupported(message: "`using \(method.rawValue)` is not compiled to SQL yet; Pearson's r is")
            }
            guard variables.count == 2 else {
                throw Unsupported(message: "a correlation matrix is not compiled to SQL yet; two variables are")
            }
            return try correlation(variables[0], variables[1], scope: scope, dialect: dialect, layout: layout)
        case .countCountries(let scope):
            return try count(scope: scope, dialect: dialect, layout: layout)
        default:
            throw Unsupported(
                message: "only `correlate` (Pearson, two variables) and `count countries` compile to SQL yet")
        }
    }

    // MARK: - statements

    static func correlation(
        _ x: Variable, _ y: Variable, scope: Scope, dialect: SQLDialect, layout: SQLLayout
    ) throws(Unsupported) -> String {
        try checkScope(scope)
        var named: [Int] = []
        for expression in [x.expression, y.expression] + [scope.filter].compactMap({ $0 }) {
            for index in expression.indicators where !named.contains(index) { named.append(index) }
        }
        let compiler = SQLExpression(dialect: dialect, layout: layout, dataset: scope.dataset, columns: named)
        let xSQL: String
        let ySQL: String
        let filter: String
        do {
            xSQL = try compiler.compile(x.expression)
            ySQL = try compiler.compile(y.expression)
            filter =
                try scope.filter.map { expression throws(SQLExpression.Unsupported) in
                    try compiler.compile(expression)
                } ?? "TRUE"
        } catch {
            throw Unsupported(message: error.what + " is not compiled to SQL yet")
        }
        return """
            WITH \(rows(named, scope: scope, dialect: dialect, layout: layout)),
            kept AS (
              SELECT \(xSQL) AS x, \(ySQL) AS y
              FROM rows r JOIN \(layout.table(layout.countries, in: dialect)) c ON c.iso3 = r.iso3
              WHERE \(filter)
            ),
            used AS (SELECT x, y FROM kept WHERE x IS NOT NULL AND y IS NOT NULL),
            means AS (SELECT AVG(x) AS mean_x, AVG(y) AS mean_y FROM used)
            SELECT
              (SELECT COUNT(*) FROM rows) AS candidates,
              (SELECT COUNT(*) FROM kept) AS kept,
              (SELECT COUNT(*) FROM kept WHERE x IS NULL) AS dropped_x,
              (SELECT COUNT(*) FROM kept WHERE y IS NULL) AS dropped_y,
              COUNT(*) AS n,
              MAX(m.mean_x) AS mean_x,
              MAX(m.mean_y) AS mean_y,
              SUM((u.x - m.mean_x) * (u.x - m.mean_x)) AS sxx,
              SUM((u.y - m.mean_y) * (u.y - m.mean_y)) AS syy,
              SUM((u.x - m.mean_x) * (u.y - m.mean_y)) AS sxy
            FROM used u CROSS JOIN means m

            """
    }

    static func count(scope: Scope, dialect: SQLDialect, layout: SQLLayout) throws(Unsupported) -> String {
        try checkScope(scope)
        // The indicators the condition names, else any of the dataset's.
        let named = scope.filter?.indicators ?? []
        let compiler = SQLExpression(dialect: dialect, layout: layout, dataset: scope.dataset, columns: named)
        let filter: String
        do {
            filter =
                try scope.filter.map { expression throws(SQLExpression.Unsupported) in
                    try compiler.compile(expression)
                } ?? "TRUE"
        } catch {
            throw Unsupported(message: error.what + " is not compiled to SQL yet")
        }
        return """
            WITH \(rows(named, scope: scope, dialect: dialect, layout: layout)),
            kept AS (
              SELECT r.iso3, r.year
              FROM rows r JOIN \(layout.table(layout.countries, in: dialect)) c ON c.iso3 = r.iso3
              WHERE \(filter)
            )
            SELECT COUNT(DISTINCT iso3) AS countries, COUNT(*) AS country_years FROM kept

            """
    }

    // MARK: - parts

    static func checkScope(_ scope: Scope) throws(Unsupported) {
        if scope.groupBy != nil { throw Unsupported(message: "`by` is not compiled to SQL yet") }
        if scope.aggregated { throw Unsupported(message: "period aggregates are not compiled to SQL yet") }
    }

    /// The candidate country-years, one row each, with the named indicators'
    /// values as columns v0, v1, …: the observations pivoted. Without named
    /// indicators, the country-years with a value of any.
    static func rows(_ named: [Int], scope: Scope, dialect: SQLDialect, layout: SQLLayout) -> String {
        let observations = layout.table(layout.observations, in: dialect)
        let countries = layout.table(layout.countries, in: dialect)
        let ids = named.map { scope.dataset.indicators[$0].id }
        var columns = ""
        for (k, id) in ids.enumerated() {
            columns += ",\n    MAX(CASE WHEN o.indicator = \(dialect.literal(id)) THEN o.value END) AS v\(k)"
        }
        let which = ids.isEmpty ? "" : "o.indicator IN (" + ids.map(dialect.literal).joined(separator: ", ") + ") AND "
        return """
            rows AS (
              SELECT o.iso3, o.year\(columns)
              FROM \(observations) o
              WHERE \(which)o.year BETWEEN \(scope.years.lowerBound) AND \(scope.years.upperBound)
                AND o.value IS NOT NULL AND o.iso3 IN (SELECT iso3 FROM \(countries))
              GROUP BY o.iso3, o.year
            )
            """
    }
}
