/// The SQL engines cq's statements compile for. They agree on the SQL the
/// compiler writes (CTEs, CASE, COUNT, SUM, AVG, LN, LOG10, SQRT, POWER,
/// EXISTS) but not on quoting names or on the spelling of some functions.
public enum SQLDialect: String, Sendable, CaseIterable {
    case postgres
    case duckdb
    case spark

    /// A table or column name, quoted as the engine wants it.
    func identifier(_ name: String) -> String {
        switch self {
        case .postgres, .duckdb: return "\"" + name.replacing("\"", with: "\"\"") + "\""
        case .spark: return "`" + name.replacing("`", with: "``") + "`"
        }
    }

    /// A string literal: single quotes doubled (Spark also reads backslash
    /// escapes in literals, so a backslash is doubled there).
    func literal(_ text: String) -> String {
        var escaped = text.replacing("'", with: "''")
        if self == .spark { escaped = escaped.replacing("\\", with: "\\\\") }
        return "'" + escaped + "'"
    }

    /// A number literal that reads back as the same double in every engine:
    /// the shortest round-trip form, in exponent notation, as DOUBLE.
    func number(_ value: Double) -> String {
        let text = value.description
        let type = self == .postgres ? "DOUBLE PRECISION" : "DOUBLE"
        return "CAST(" + text + " AS " + type + ")"
    }
}
