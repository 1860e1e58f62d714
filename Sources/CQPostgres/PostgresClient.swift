import CQCore

/// A plain connection for running SQL as written — for `cq-bench postgres`,
/// which times a statement's SQL by hand beside the same statement through
/// cq, and counts the bytes each brings back.
public final class PostgresClient {
    private let connection: PostgresConnection

    public init(_ location: String) throws(DatabaseProblem) {
        connection = try PostgresConnection.connect(location)
    }

    /// The rows (NULL as nil) and the bytes of their fields.
    public func rows(_ sql: String) throws(DatabaseProblem) -> (rows: [[String?]], bytes: Int) {
        do {
            return try connection.query(sql) { answer in
                var rows: [[String?]] = []
                var bytes = 0
                for row in 0..<answer.rows {
                    rows.append((0..<answer.columns).map { answer.text(row, $0) })
                    for column in 0..<answer.columns { bytes += answer.length(row, column) }
                }
                return (rows, bytes)
            }
        } catch {
            throw DatabaseProblem("PostgreSQL: " + error.message)
        }
    }
}
