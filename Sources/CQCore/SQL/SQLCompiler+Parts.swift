/// What every statement's SQL is made of: the named indicators, the
/// compiled values, condition and key, and the candidate rows.
extension SQLCompiler {
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
