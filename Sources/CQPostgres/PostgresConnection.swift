import CQCore
import Glibc

/// One connection to a PostgreSQL server. Unchecked Sendable because a
/// session is driven from one thread at a time (its statements are checked
/// and fetched in order); libpq's connection may not be shared between
/// threads running at once, and nothing here does.
final class PostgresConnection: @unchecked Sendable {
    private let library: LibPQ
    private let handle: LibPQ.Connection
    /// Who and where, from the server's own answers: for messages.
    let description: String

    private init(library: LibPQ, handle: LibPQ.Connection, description: String) {
        self.library = library
        self.handle = handle
        self.description = description
    }

    deinit {
        library.finish(handle)
    }

    /// Connects with `location` as libpq reads a connection string (a URI
    /// or `key=value` pairs; empty: libpq's defaults and PG* variables).
    static func connect(_ location: String) throws(DatabaseProblem) -> PostgresConnection {
        let library: LibPQ
        switch LibPQ.shared {
        case .success(let opened): library = opened
        case .failure(let missing):
            throw DatabaseProblem(
                "cq cannot find libpq, the PostgreSQL client library (it looked for \(missing.tried.joined(separator: " and ")))",
                help: ["install it: apt-get install libpq5 (Debian, Ubuntu) or dnf install libpq (Fedora)"])
        }
        // Later settings win, and the user's string comes last.
        let keywords = ["connect_timeout", "application_name", "dbname"]
        let values = ["10", "cq", location]
        let handle = withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in
                library.connectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let handle else {
            throw DatabaseProblem("cq could not start a PostgreSQL connection (out of memory)")
        }
        guard library.status(handle) == LibPQ.connectionOK else {
            let message = cString(library.errorMessage(handle)) ?? "the connection failed"
            library.finish(handle)
            throw DatabaseProblem(
                "cannot connect to PostgreSQL: " + PostgresLocation.hiding(oneLine(message), passwordsOf: location),
                help: [
                    "check that the server runs and the host, port, database and user are right: \(PostgresLocation.hiding(location, passwordsOf: location))",
                    "cq reads libpq's settings: a URI postgresql://user@host:port/db, key=value pairs, PGHOST, PGUSER, PGPASSWORD, ~/.pgpass",
                ])
        }
        let database = cString(library.db(handle)) ?? "?"
        let user = cString(library.user(handle)) ?? "?"
        let host = cString(library.host(handle)) ?? "?"
        let port = cString(library.port(handle)) ?? "?"
        let place = host.hasPrefix("/") ? "the socket in \(host)" : "\(host):\(port)"
        return PostgresConnection(
            library: library, handle: handle, description: "PostgreSQL database `\(database)` on \(place) as \(user)")
    }

    /// A query's answer, read while it is held: the rows as C strings.
    struct Answer {
        fileprivate let library: LibPQ
        fileprivate let result: LibPQ.Result
        let rows: Int
        let columns: Int

        func name(ofColumn column: Int) -> String { cString(library.fname(result, Int32(column))) ?? "" }
        func isNull(_ row: Int, _ column: Int) -> Bool { library.getisnull(result, Int32(row), Int32(column)) != 0 }
        /// The field's text; nil for NULL.
        func text(_ row: Int, _ column: Int) -> String? {
            isNull(row, column) ? nil : cString(library.getvalue(result, Int32(row), Int32(column)))
        }
        /// The field's bytes without a copy, valid while the answer is.
        func pointer(_ row: Int, _ column: Int) -> UnsafePointer<CChar>? {
            isNull(row, column) ? nil : library.getvalue(result, Int32(row), Int32(column))
        }
        func length(_ row: Int, _ column: Int) -> Int { Int(library.getlength(result, Int32(row), Int32(column))) }
    }

    /// What the server said when a query failed.
    struct Failure: Error {
        var sqlState: String
        var message: String
        var detail: String?
        var hint: String?
    }

    /// Runs one query with text parameters ($1, $2, …) and reads its answer.
    func query<T>(_ sql: String, _ parameters: [String] = [], read: (Answer) -> T) throws(Failure) -> T {
        let result = withCStrings(parameters) { values in
            library.execParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        defer { library.clear(result) }
        let status = result.map { library.resultStatus($0) } ?? -1
        guard status == LibPQ.tuplesOK || status == LibPQ.commandOK, let result else {
            let field = { (code: Int32) in cString(self.library.resultErrorField(result, code)) }
            let connectionMessage = cString(self.library.errorMessage(handle)).map(oneLine)
            throw Failure(
                sqlState: field(LibPQ.fieldSQLState) ?? "",
                message: field(LibPQ.fieldMessage) ?? connectionMessage ?? "the query failed",
                detail: field(LibPQ.fieldDetail), hint: field(LibPQ.fieldHint))
        }
        return read(
            Answer(
                library: library, result: result, rows: Int(library.ntuples(result)),
                columns: Int(library.nfields(result))))
    }
}

func cString(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
}

/// libpq's messages end with a line break and may span lines; a diagnostic
/// is one line.
func oneLine(_ message: String) -> String {
    message.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }.joined(
        separator: "; ")
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

/// Calls `body` with the strings as a C array of C strings.
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    var copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { for copy in copies { free(copy) } }
    copies.append(nil)
    return copies.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
    }
}
