/// A checked expression as a SQL scalar over one row of the compiled
/// query: `r` (the country-year, with one column per indicator read) joined
/// to `c` (its row of the countries table). Missing values are NULL, and
/// where cq gives "missing" — division by zero, the log or square root of a
/// number out of its domain — the SQL gives NULL too, whatever the engine
/// would otherwise do (infinity, NaN, an error). Comparisons, `and`, `or`,
/// `not`, `in` and `between` follow SQL's three-valued logic, which is cq's.
struct SQLExpression {
    let dialect: SQLDialect
    let layout: SQLLayout
    let dataset: Dataset
    /// The indicators the query reads, by dataset index: column `v<k>` of `r`.
    let columns: [Int]

    struct Unsupported: Error {
        var what: String
    }

    func compile(_ expression: TypedExpression) throws(Unsupported) -> String {
        switch expression {
        case .number(let value): return dialect.number(value)
        case .text(let text): return dialect.literal(text)
        case .indicator(let index):
            guard let column = columns.firstIndex(of: index) else {
                throw Unsupported(what: "an indicator the query does not read")
            }
            return "r.v\(column)"
        case .attribute(let index): return try attribute(dataset.attributes[index])
        case .group(let index): return member(of: dataset.groups[index].name)
        case .countryCode: return "r.iso3"
        case .countryName: return "c.\(dialect.identifier("name"))"
        case .year: return "r.year"
        case .negate(let operand): return "(-" + (try compile(operand)) + ")"
        case .not(let operand): return "(NOT " + (try compile(operand)) + ")"
        case .arithmetic(let op, let left, let right):
            let l = try compile(left)
            let r = try compile(right)
            switch op {
            case .add: return "(\(l) + \(r))"
            case .subtract: return "(\(l) - \(r))"
            case .multiply: return "(\(l) * \(r))"
            case .divide: return "(CASE WHEN \(r) = 0 THEN NULL ELSE \(l) / \(r) END)"
            case .power:
                // A negative base with a fractional power, or 0 to a negative
                // one, has no real value.
                return "(CASE WHEN \(l) < 0 AND \(r) <> FLOOR(\(r)) THEN NULL WHEN \(l) = 0 AND \(r) < 0 THEN NULL"
                    + " ELSE POWER(\(l), \(r)) END)"
            }
        case .compareNumbers(let op, let left, let right), .compareText(let op, let left, let right),
            .compareBooleans(let op, let left, let right):
            return "(" + (try compile(left)) + " " + Self.operatorText(op) + " " + (try compile(right)) + ")"
        case .logical(let op, let left, let right):
            return "(" + (try compile(left)) + (op == .and ? " AND " : " OR ") + (try compile(right)) + ")"
        case .numberIn(let value, let members, let negated), .textIn(let value, let members, let negated):
            var list: [String] = []
            for member in members { list.append(try compile(member)) }
            return "(" + (try compile(value)) + (negated ? " NOT IN (" : " IN (") + list.joined(separator: ", ") + "))"
        case .between(let value, let low, let high, let negated):
            return "(" + (try compile(value)) + (negated ? " NOT BETWEEN " : " BETWEEN ") + (try compile(low))
                + " AND " + (try compile(high)) + ")"
        case .function(let function, let operand):
            let x = try compile(operand)
            switch function {
            case .log: return "(CASE WHEN \(x) > 0 THEN LN(\(x)) END)"
            case .log10: return "(CASE WHEN \(x) > 0 THEN LOG10(\(x)) END)"
            case .sqrt: return "(CASE WHEN \(x) >= 0 THEN SQRT(\(x)) END)"
            case .abs: return "ABS(\(x))"
            }
        case .time(let function, _, _):
            throw Unsupported(what: "the time function `\(function.rawValue)`")
        case .aggregate(let aggregate, _, _):
            throw Unsupported(what: "the period aggregate `\(aggregate.rawValue)`")
        }
    }

    static func operatorText(_ op: ComparisonOperator) -> String {
        switch op {
        case .equal: return "="
        case .notEqual: return "<>"
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        }
    }

    /// A static attribute is a column of the countries table; `region` is
    /// derived by year from the memberships, as cq derives it: "EU" in a
    /// country's EU years, else "CIS" in its CIS years, else its World Bank
    /// region.
    func attribute(_ attribute: Attribute) throws(Unsupported) -> String {
        if !attribute.variesByYear { return "c." + dialect.identifier(attribute.name) }
        guard attribute.name == "region" else {
            throw Unsupported(what: "the attribute `\(attribute.name)`, which changes by year")
        }
        return "(CASE WHEN \(member(of: "eu")) THEN 'EU' WHEN \(member(of: "cis")) THEN 'CIS' ELSE c."
            + dialect.identifier("wb_region") + " END)"
    }

    /// Whether the row's country is a member of a group in the row's year.
    func member(of group: String) -> String {
        let m = layout.table(layout.memberships, in: dialect)
        return "EXISTS (SELECT 1 FROM \(m) m WHERE m.iso3 = r.iso3 AND LOWER(m.grp) = \(dialect.literal(group))"
            + " AND (m.from_year IS NULL OR m.from_year <= r.year) AND (m.to_year IS NULL OR r.year < m.to_year))"
    }
}
