extension SQLCompiler {
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
}
