/// The statements whose SQL returns rows, not sums: `list`, `rank`, and
/// `regress`, whose least squares (effects, robust and clustered errors
/// included) cq computes itself from the rows, with its own QR.
extension SQLCompiler {
    /// `list A, B … [sort by K [desc]] [limit N]`: `iso3`, `year`, the
    /// columns `c0`, `c1`, …, and `total` (the rows before the limit), in
    /// cq's order: by country and year, or by the key (missing keys last,
    /// ties by country and year).
    static func list(
        _ columns: [Variable], sort: (key: Variable, descending: Bool)?, limit: Int?, scope: Scope,
        dialect: SQLDialect, layout: SQLLayout
    ) throws(Unsupported) -> String {
        try checkScope(scope)
        let expressions = columns.map(\.expression)
        let named = namedIndicators(expressions, scope: scope)
        var order = "iso3, year"
        var sortColumn = ""
        let compiler = SQLExpression(dialect: dialect, layout: layout, dataset: scope.dataset, columns: named)
        if let sort {
            // The key's indicators must be columns already: a row is a
            // candidate for what the statement lists, not for its key.
            guard sort.key.expression.indicators.allSatisfy(named.contains) else {
                throw Unsupported(message: "`sort by` an indicator that is not listed is not compiled to SQL yet")
            }
            guard case .number = sort.key.type else {
                throw Unsupported(message: "`sort by` text is not compiled to SQL yet (collations differ)")
            }
            do {
                sortColumn = ", \(try compiler.compile(sort.key.expression)) AS k"
            } catch {
                throw Unsupported(message: error.what + " is not compiled to SQL yet")
            }
            order = "CASE WHEN k IS NULL THEN 1 ELSE 0 END, k\(sort.descending ? " DESC" : ""), iso3, year"
        }
        let parts = try compileParts(expressions, scope: scope, compiler: compiler, dialect: dialect)
        let countries = layout.table(layout.countries, in: dialect)
        let values = parts.values.enumerated().map { "\($1) AS c\($0)" }.joined(separator: ", ")
        let names = columns.indices.map { "c\($0)" }.joined(separator: ", ")
        return """
            WITH \(rows(named, scope: scope, dialect: dialect, layout: layout)),
            kept AS (
              SELECT r.iso3, r.year, \(values)\(sortColumn)
              FROM rows r JOIN \(countries) c ON c.iso3 = r.iso3
              WHERE \(parts.filter)
            )
            SELECT iso3, year, \(names), COUNT(*) OVER () AS total
            FROM kept
            ORDER BY \(order)\(limit.map { "\nLIMIT \($0)" } ?? "")

            """
    }

    /// `rank X [top N]` in a year or years given: `rank` (ties share the
    /// better rank, as RANK() gives), `iso3`, `name`, `year`, `value`,
    /// `total`; with `top`, every row tied with the last is kept.
    static func ranking(_ variable: Variable, top: Int?, scope: Scope, dialect: SQLDialect, layout: SQLLayout)
        throws(Unsupported) -> String
    {
        try checkScope(scope)
        if scope.years.count > 1, scope.yearsChosen == .all {
            throw Unsupported(
                message: "`rank` without `in YEAR` (cq chooses the year) is not compiled to SQL yet; give the year")
        }
        let named = namedIndicators([variable.expression], scope: scope)
        let compiler = SQLExpression(dialect: dialect, layout: layout, dataset: scope.dataset, columns: named)
        let parts = try compileParts([variable.expression], scope: scope, compiler: compiler, dialect: dialect)
        let countries = layout.table(layout.countries, in: dialect)
        return """
            WITH \(rows(named, scope: scope, dialect: dialect, layout: layout)),
            kept AS (
              SELECT r.iso3, c.name, r.year, \(parts.values[0]) AS v
              FROM rows r JOIN \(countries) c ON c.iso3 = r.iso3
              WHERE \(parts.filter)
            ),
            ranked AS (
              SELECT iso3, name, year, v, RANK() OVER (ORDER BY v DESC) AS position, COUNT(*) OVER () AS total
              FROM kept WHERE v IS NOT NULL
            )
            SELECT position AS \(dialect.identifier("rank")), iso3, name, year, v AS value, total
            FROM ranked\(top.map { " WHERE position <= \($0)" } ?? "")
            ORDER BY position, iso3, year

            """
    }

    /// `regress Y on X1, X2 …`: the rows least squares uses — `iso3`, `year`,
    /// `y`, `x0`, `x1`, … where every one has a value — after one row of
    /// the ledger (`candidates`, `kept`, and `dropped_y`, `dropped_x0`, …,
    /// each kept row lacking that variable), whose `iso3` is NULL.
    static func regressionRows(
        _ response: Variable, _ terms: [Variable], model: RegressionModel, scope: Scope, dialect: SQLDialect,
        layout: SQLLayout
    ) throws(Unsupported) -> String {
        try checkScope(scope)
        if case .cluster(let variable) = model.errors, variable.expression != .countryCode,
            variable.expression != .year
        {
            throw Unsupported(message: "`cluster by` other than country or year is not compiled to SQL yet")
        }
        let expressions = [response.expression] + terms.map(\.expression)
        let named = namedIndicators(expressions, scope: scope)
        let compiler = SQLExpression(dialect: dialect, layout: layout, dataset: scope.dataset, columns: named)
        let parts = try compileParts(expressions, scope: scope, compiler: compiler, dialect: dialect)
        let countries = layout.table(layout.countries, in: dialect)
        let names = ["y"] + terms.indices.map { "x\($0)" }
        let values = zip(parts.values, names).map { "\($0) AS \($1)" }.joined(separator: ", ")
        let complete = names.map { "\($0) IS NOT NULL" }.joined(separator: " AND ")
        let dropped = names.map { "SUM(CASE WHEN \($0) IS NULL THEN 1 ELSE 0 END) AS dropped_\($0)" }
        let nulls = names.map { "NULL AS \($0)" }.joined(separator: ", ")
        return """
            WITH \(rows(named, scope: scope, dialect: dialect, layout: layout)),
            kept AS (
              SELECT r.iso3, r.year, \(values)
              FROM rows r JOIN \(countries) c ON c.iso3 = r.iso3
              WHERE \(parts.filter)
            )
            SELECT NULL AS iso3, NULL AS year, \(nulls),
              (SELECT COUNT(*) FROM rows) AS candidates, COUNT(*) AS kept, \(dropped.joined(separator: ", "))
            FROM kept
            UNION ALL
            SELECT iso3, year, \(names.joined(separator: ", ")), \(names.map { _ in "NULL" }.joined(separator: ", ")), NULL, NULL
            FROM kept WHERE \(complete)
            ORDER BY iso3 NULLS FIRST, year

            """
    }
}
