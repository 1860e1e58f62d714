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
/// and Kendall without) and `count countries` (with or without `by`; one row
/// per group, ordered by the group's name). Anything else is `Unsupported`,
/// named.
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
        default:
            throw Unsupported(
                message: "only `correlate` (Pearson, two variables) and `count countries` compile to SQL yet")
        }
    }

    // MARK: - statements

    static func correlation(
        _ x: Variable, _ y: Variable, method: CorrelationMethod, scope: Scope, dialect: SQLDialect,
        layout: SQLLayout
    ) throws(Unsupported) -> String {
        try checkScope(scope)
        let named = namedIndicators([x.expression, y.expression], scope: scope)
        let compiler = SQLExpression(dialect: dialect, layout: layout, dataset: scope.dataset, columns: named)
        let parts = try compileParts([x.expression, y.expression], scope: scope, compiler: compiler, dialect: dialect)
        let (xSQL, ySQL) = (parts.values[0], parts.values[1])
        let rows = rows(named, scope: scope, dialect: dialect, layout: layout)
        let countries = layout.table(layout.countries, in: dialect)
        if let key = parts.key {
            return groupedCorrelation(
                x: xSQL, y: ySQL, filter: parts.filter, key: key, rows: rows, countries: countries)
        }
        let ledger = """
              (SELECT COUNT(*) FROM rows) AS candidates,
              (SELECT COUNT(*) FROM kept) AS kept,
              (SELECT COUNT(*) FROM kept WHERE x IS NULL) AS dropped_x,
              (SELECT COUNT(*) FROM kept WHERE y IS NULL) AS dropped_y,
            """
        let common = """
            WITH \(rows),
            kept AS (
              SELECT \(xSQL) AS x, \(ySQL) AS y
              FROM rows r JOIN \(countries) c ON c.iso3 = r.iso3
              WHERE \(parts.filter)
            ),
            used AS (SELECT x, y FROM kept WHERE x IS NOT NULL AND y IS NOT NULL),

            """
        switch method {
        case .pearson: break
        case .spearman:
            // Pearson's r of the average ranks (ties share the mean of their ranks).
            let half = dialect.number(0.5)
            return common + """
                ranked AS (
                  SELECT RANK() OVER (ORDER BY x) + (COUNT(*) OVER (PARTITION BY x) - 1) * \(half) AS x,
                    RANK() OVER (ORDER BY y) + (COUNT(*) OVER (PARTITION BY y) - 1) * \(half) AS y
                  FROM used
                ),

                """ + centredSums(of: "ranked", ledger: ledger)
        case .kendall:
            // Every pair once: concordant, discordant, tied in x, tied in y;
            // tau-b = (C - D) / sqrt((n0 - tx)(n0 - ty)), n0 = n(n - 1)/2.
            return common + """
                numbered AS (SELECT ROW_NUMBER() OVER (ORDER BY x, y) AS i, x, y FROM used),
                pairs AS (
                  SELECT SIGN(a.x - b.x) * SIGN(a.y - b.y) AS s,
                    CASE WHEN a.x = b.x THEN 1 ELSE 0 END AS tx, CASE WHEN a.y = b.y THEN 1 ELSE 0 END AS ty
                  FROM numbered a JOIN numbered b ON a.i < b.i
                )
                SELECT
                \(ledger)
                  (SELECT COUNT(*) FROM used) AS n,
                  SUM(CASE WHEN s > 0 THEN 1 ELSE 0 END) AS concordant,
                  SUM(CASE WHEN s < 0 THEN 1 ELSE 0 END) AS discordant,
                  SUM(tx) AS tied_x,
                  SUM(ty) AS tied_y
                FROM pairs

                """
        }
        return common + centredSums(of: "used", ledger: ledger)
    }

    /// Two passes over the pairs in `source`: the means, then the sums of
    /// products of deviations from them, with the ledger's columns first.
    static func centredSums(of source: String, ledger: String) -> String {
        """
        means AS (SELECT AVG(x) AS mean_x, AVG(y) AS mean_y FROM \(source))
        SELECT
        \(ledger)
          COUNT(*) AS n,
          MAX(m.mean_x) AS mean_x,
          MAX(m.mean_y) AS mean_y,
          SUM((u.x - m.mean_x) * (u.x - m.mean_x)) AS sxx,
          SUM((u.y - m.mean_y) * (u.y - m.mean_y)) AS syy,
          SUM((u.x - m.mean_x) * (u.y - m.mean_y)) AS sxy
        FROM \(source) u CROSS JOIN means m

        """
    }

    /// `correlate … by KEY`: one row per group that has kept rows, with its
    /// own ledger and sums, as cq groups: a row whose key is missing belongs
    /// to no group.
    static func groupedCorrelation(
        x: String, y: String, filter: String, key: String, rows: String, countries: String
    ) -> String {
        """
        WITH \(rows),
        keyed AS (
          SELECT \(key) AS g, CASE WHEN \(filter) THEN 1 ELSE 0 END AS keep, \(x) AS x, \(y) AS y
          FROM rows r JOIN \(countries) c ON c.iso3 = r.iso3
        ),
        grouped AS (
          SELECT g, COUNT(*) AS candidates, SUM(keep) AS kept,
            SUM(CASE WHEN keep = 1 AND x IS NULL THEN 1 ELSE 0 END) AS dropped_x,
            SUM(CASE WHEN keep = 1 AND y IS NULL THEN 1 ELSE 0 END) AS dropped_y
          FROM keyed WHERE g IS NOT NULL GROUP BY g
        ),
        used AS (SELECT g, x, y FROM keyed WHERE g IS NOT NULL AND keep = 1 AND x IS NOT NULL AND y IS NOT NULL),
        means AS (SELECT g, AVG(x) AS mean_x, AVG(y) AS mean_y FROM used GROUP BY g),
        sums AS (
          SELECT u.g, COUNT(*) AS n,
            SUM((u.x - m.mean_x) * (u.x - m.mean_x)) AS sxx,
            SUM((u.y - m.mean_y) * (u.y - m.mean_y)) AS syy,
            SUM((u.x - m.mean_x) * (u.y - m.mean_y)) AS sxy
          FROM used u JOIN means m ON m.g = u.g GROUP BY u.g
        )
        SELECT k.g AS grp, k.candidates, k.kept, k.dropped_x, k.dropped_y, COALESCE(s.n, 0) AS n,
          m.mean_x, m.mean_y, s.sxx, s.syy, s.sxy
        FROM grouped k LEFT JOIN sums s ON s.g = k.g LEFT JOIN means m ON m.g = k.g
        WHERE k.kept > 0
        ORDER BY k.g

        """
    }

    static func count(scope: Scope, dialect: SQLDialect, layout: SQLLayout) throws(Unsupported) -> String {
        try checkScope(scope)
        // The indicators the condition and the key name, else any of the dataset's.
        let named = namedIndicators([], scope: scope)
        let compiler = SQLExpression(dialect: dialect, layout: layout, dataset: scope.dataset, columns: named)
        let parts = try compileParts([], scope: scope, compiler: compiler, dialect: dialect)
        let countries = layout.table(layout.countries, in: dialect)
        if let key = parts.key {
            return """
                WITH \(rows(named, scope: scope, dialect: dialect, layout: layout)),
                kept AS (
                  SELECT r.iso3, \(key) AS g
                  FROM rows r JOIN \(countries) c ON c.iso3 = r.iso3
                  WHERE \(parts.filter)
                )
                SELECT g AS grp, COUNT(DISTINCT iso3) AS countries, COUNT(*) AS country_years
                FROM kept WHERE g IS NOT NULL GROUP BY g ORDER BY g

                """
        }
        return """
            WITH \(rows(named, scope: scope, dialect: dialect, layout: layout)),
            kept AS (
              SELECT r.iso3, r.year
              FROM rows r JOIN \(countries) c ON c.iso3 = r.iso3
              WHERE \(parts.filter)
            )
            SELECT COUNT(DISTINCT iso3) AS countries, COUNT(*) AS country_years FROM kept

            """
    }

    /// The indicators a statement reads: its values', then its condition's
    /// and its key's, each once, in that order.
    static func namedIndicators(_ values: [TypedExpression], scope: Scope) -> [Int] {
        var named: [Int] = []
        for expression in values + [scope.filter, scope.groupBy?.expression].compactMap({ $0 }) {
            for index in expression.indicators where !named.contains(index) { named.append(index) }
        }
        return named
    }

    /// The values, the condition (TRUE without one) and the `by` key as SQL.
    static func compileParts(
        _ values: [TypedExpression], scope: Scope, compiler: SQLExpression, dialect: SQLDialect
    ) throws(Unsupported) -> (values: [String], filter: String, key: String?) {
        do {
            var compiled: [String] = []
            for value in values { compiled.append(try compiler.compile(value)) }
            var filter = "TRUE"
            if let condition = scope.filter { filter = try compiler.compile(condition) }
            var key: String?
            if let variable = scope.groupBy { key = try groupKey(variable, compiler: compiler, dialect: dialect) }
            return (compiled, filter, key)
        } catch {
            throw Unsupported(message: error.what + " is not compiled to SQL yet")
        }
    }

    /// A `by` key as text, named as cq names groups: the text itself, a year
    /// written out, `yes` or `no` for a condition.
    static func groupKey(
        _ variable: Variable, compiler: SQLExpression, dialect: SQLDialect
    ) throws(SQLExpression.Unsupported) -> String {
        let expression = try compiler.compile(variable.expression)
        switch variable.type {
        case .text: return expression
        case .year:
            let text = dialect == .postgres ? "TEXT" : dialect == .spark ? "STRING" : "VARCHAR"
            return "CAST(\(expression) AS \(text))"
        case .boolean: return "(CASE WHEN \(expression) THEN 'yes' WHEN NOT \(expression) THEN 'no' END)"
        case .number: throw SQLExpression.Unsupported(what: "`by` a number")
        }
    }

    // MARK: - parts

    static func checkScope(_ scope: Scope) throws(Unsupported) {
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
