extension SQLCompiler {
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
}
