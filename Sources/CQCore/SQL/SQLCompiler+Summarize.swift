/// `summarize X, Y … [by KEY]`: one row per variable (and group) of
/// `grp`, `variable` (its position, from 0), `n`, `mean`, `sd` (n − 1, from
/// centred sums in two passes), `min`, `p25`, `median`, `p75`, `max`: cq's
/// quantiles are R's type 7, which is SQL's PERCENTILE_CONT. A variable
/// without values in a group has no row there (cq shows n = 0).
extension SQLCompiler {
    static func summary(_ variables: [Variable], scope: Scope, dialect: SQLDialect, layout: SQLLayout)
        throws(Unsupported) -> String
    {
        try checkScope(scope)
        let expressions = variables.map(\.expression)
        let named = namedIndicators(expressions, scope: scope)
        let compiler = SQLExpression(dialect: dialect, layout: layout, dataset: scope.dataset, columns: named)
        let parts = try compileParts(expressions, scope: scope, compiler: compiler, dialect: dialect)
        let countries = layout.table(layout.countries, in: dialect)
        let key = parts.key ?? "'all'"
        let values = parts.values.enumerated().map { "\($1) AS x\($0)" }.joined(separator: ", ")
        var sql = """
            WITH \(rows(named, scope: scope, dialect: dialect, layout: layout)),
            kept AS (
              SELECT \(key) AS g, \(values)
              FROM rows r JOIN \(countries) c ON c.iso3 = r.iso3
              WHERE \(parts.filter)
            )
            """
        var selects: [String] = []
        for index in variables.indices {
            sql += """
                ,
                v\(index) AS (SELECT g, x\(index) AS x FROM kept WHERE g IS NOT NULL AND x\(index) IS NOT NULL),
                m\(index) AS (SELECT g, AVG(x) AS mean FROM v\(index) GROUP BY g)
                """
            selects.append(
                """
                SELECT v.g AS grp, \(index) AS variable, COUNT(*) AS n, MAX(m.mean) AS mean,
                  CASE WHEN COUNT(*) > 1 THEN SQRT(SUM((v.x - m.mean) * (v.x - m.mean)) / (COUNT(*) - 1)) END AS sd,
                  MIN(v.x) AS min,
                  PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY v.x) AS p25,
                  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY v.x) AS median,
                  PERCENTILE_CONT(0.75) WITHIN GROUP (ORDER BY v.x) AS p75,
                  MAX(v.x) AS max
                FROM v\(index) v JOIN m\(index) m ON m.g = v.g GROUP BY v.g
                """)
        }
        return sql + "\n" + selects.joined(separator: "\nUNION ALL\n") + "\nORDER BY grp, variable\n"
    }
}
