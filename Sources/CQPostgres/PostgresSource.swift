import CQCore
import Glibc
import Synchronization

/// `use postgres "…"`: the catalogue read at `use`, the observations of
/// each statement fetched from the tables of `SQLLayout` (README "Data in a
/// database").
public enum PostgresDatabase {
    /// What the command-line cq passes to its sessions.
    public static let connector = DatabaseConnector(
        engines: ["postgres"], connect: { _, location, options in attempt(location, options: options) },
        masked: PostgresLocation.masked(source:))

    static func attempt(_ location: String, options: [(name: String, value: String)]) -> Result<
        DatabaseConnection, DatabaseProblem
    > {
        do {
            return .success(try connect(location, options: options))
        } catch {
            return .failure(error)
        }
    }

    static func connect(_ location: String, options: [(name: String, value: String)]) throws(DatabaseProblem)
        -> DatabaseConnection
    {
        var layout = SQLLayout.standard
        for (name, value) in options {
            switch name {
            case "schema": layout.schema = value
            case "observations": layout.observations = value
            case "countries": layout.countries = value
            case "memberships": layout.memberships = value
            default: layout.indicators = value
            }
        }
        let connection = try PostgresConnection.connect(location)
        let source = PostgresSource(connection: connection, layout: layout)
        return DatabaseConnection(catalogue: try source.catalogue(), source: source)
    }
}

final class PostgresSource: DatabaseSource {
    let connection: PostgresConnection
    let layout: SQLLayout
    private let received = Atomic<Int>(0)
    var bytesReceived: Int { received.load(ordering: .relaxed) }

    init(connection: PostgresConnection, layout: SQLLayout) {
        self.connection = connection
        self.layout = layout
    }

    var location: String { connection.description }

    private func table(_ name: String) -> String { layout.table(name, in: .postgres) }

    // MARK: - the catalogue

    func catalogue() throws(DatabaseProblem) -> Dataset {
        let observations = table(layout.observations)
        let years = try run(
            """
            SELECT MIN(year), MAX(year) FROM \(observations)
            WHERE value IS NOT NULL AND iso3 IN (SELECT iso3 FROM \(table(layout.countries)))
            """, table: layout.observations
        ) { answer in
            (answer.text(0, 0).flatMap { Int($0) }, answer.text(0, 1).flatMap { Int($0) })
        }
        guard let first = years.0, let last = years.1 else {
            throw DatabaseProblem(
                "the table \(observations) has no values", help: ["cq needs rows (iso3, indicator, year, value)"])
        }
        let countries = try run("SELECT * FROM \(table(layout.countries))", table: layout.countries, read: csv)
        let memberships = try runIfPresent(
            "SELECT iso3, grp AS \"group\", from_year, to_year FROM \(table(layout.memberships))",
            table: layout.memberships, read: csv)
        var indicators = try runIfPresent(
            "SELECT * FROM \(table(layout.indicators))", table: layout.indicators, read: csv)
        if indicators == nil {
            indicators = try run(
                "SELECT DISTINCT indicator AS id FROM \(observations) ORDER BY 1", table: layout.observations,
                read: csv)
        }
        do {
            return try DatabaseCatalogue.dataset(
                DatabaseCatalogue.Tables(countries: countries, indicators: indicators ?? [], memberships: memberships),
                name: "postgres", title: connection.description, years: first...last,
                origin: { "table \(self.table($0 == "indicators" ? self.layout.indicators : $0))" })
        } catch {
            var message = error.message
            if error.line > 1 {
                message += " (row \(error.line - 1) of \(error.file))"
            } else {
                message += " (\(error.file))"
            }
            throw DatabaseProblem(message, help: [DatabaseProblem.tableLayout])
        }
    }

    /// An answer as CSV text with a header, NULL as an empty field.
    private func csv(_ answer: PostgresConnection.Answer) -> [UInt8] {
        var bytes: [UInt8] = []
        func line(_ fields: [String]) {
            for (position, field) in fields.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                DatabaseCatalogue.appendField(field, to: &bytes)
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        line((0..<answer.columns).map { answer.name(ofColumn: $0) })
        for row in 0..<answer.rows { line((0..<answer.columns).map { answer.text(row, $0) ?? "" }) }
        return bytes
    }

    // MARK: - observations

    func observations(of indicators: [String], in years: ClosedRange<Int>?) throws(DatabaseProblem)
        -> DatabaseObservations
    {
        let placeholders = indicators.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        let during = years.map { " AND o.year BETWEEN \($0.lowerBound) AND \($0.upperBound)" } ?? ""
        let sql = """
            SELECT o.iso3, o.indicator, o.year, o.value FROM \(table(layout.observations)) o
            WHERE o.indicator IN (\(placeholders))\(during) AND o.value IS NOT NULL
              AND o.iso3 IN (SELECT iso3 FROM \(table(layout.countries)))
            """
        var slots: [String: Int32] = [:]
        for (slot, id) in indicators.enumerated() { slots[id] = Int32(slot) }
        return try rows(sql, indicators) { answer, row in
            answer.text(row, 1).flatMap { slots[$0] }
        }
    }

    func countryYearsWithData(in years: ClosedRange<Int>?) throws(DatabaseProblem) -> DatabaseObservations {
        let during = years.map { " AND o.year BETWEEN \($0.lowerBound) AND \($0.upperBound)" } ?? ""
        let sql = """
            SELECT DISTINCT o.iso3, '' AS indicator, o.year, 1 AS value FROM \(table(layout.observations)) o
            WHERE o.value IS NOT NULL\(during) AND o.iso3 IN (SELECT iso3 FROM \(table(layout.countries)))
            """
        return try rows(sql, []) { _, _ in 0 }
    }

    /// Reads rows (iso3, indicator, year, value); `slot` maps a row's
    /// indicator to the position asked for.
    private func rows(
        _ sql: String, _ parameters: [String], slot: (PostgresConnection.Answer, Int) -> Int32?
    ) throws(DatabaseProblem) -> DatabaseObservations {
        let read = try run(sql, parameters, table: layout.observations) {
            answer -> Result<DatabaseObservations, DatabaseProblem> in
            var rows = DatabaseObservations()
            for row in 0..<answer.rows {
                guard let country = answer.text(row, 0), let index = slot(answer, row),
                    let year = answer.text(row, 2).flatMap({ Int32($0) }), let field = answer.pointer(row, 3)
                else { continue }
                var end: UnsafeMutablePointer<CChar>?
                let value = strtod(field, &end)
                guard let end, end.pointee == 0, end != UnsafeMutablePointer(mutating: field) else {
                    return .failure(
                        DatabaseProblem("a value of \(country) in \(year) is not a number: \(String(cString: field))"))
                }
                if value.isNaN { continue }  // PostgreSQL's 'NaN': no observation, as cq's missing
                guard value.isFinite else {
                    return .failure(
                        DatabaseProblem(
                            "\(country) has an infinite value in \(year)", help: ["cq reads finite numbers only"]))
                }
                rows.append(country: country, indicator: index, year: year, value: value)
                for column in 0..<4 { rows.bytesReceived += answer.length(row, column) }
            }
            return .success(rows)
        }
        let rows = try read.get()
        received.add(rows.bytesReceived, ordering: .relaxed)
        return rows
    }

    // MARK: - running queries

    private func run<T>(
        _ sql: String, _ parameters: [String] = [], table name: String,
        read: (PostgresConnection.Answer) -> T
    ) throws(DatabaseProblem) -> T {
        do {
            return try connection.query(sql, parameters, read: read)
        } catch {
            throw problem(error, table: name)
        }
    }

    /// The query's answer; nil when its table does not exist.
    private func runIfPresent<T>(
        _ sql: String, table name: String, read: (PostgresConnection.Answer) -> T
    ) throws(DatabaseProblem) -> T? {
        do {
            return try connection.query(sql, read: read)
        } catch  where error.sqlState == "42P01" {
            return nil
        } catch {
            throw problem(error, table: name)
        }
    }

    /// The server's error in cq's words, with what to do.
    private func problem(_ failure: PostgresConnection.Failure, table name: String) -> DatabaseProblem {
        let qualified = table(name)
        var help: [String] = []
        switch failure.sqlState {
        case "42P01":
            help.append("\(connection.description) lacks a table cq reads")
            help.append("name the tables with options: use postgres \"…\" (schema = \"…\", observations = \"…\")")
        case "42703":
            help.append(DatabaseProblem.tableLayout)
        case "42501":
            help.append("ask for SELECT on \(qualified): GRANT SELECT ON \(qualified) TO <your user>")
        case let state where state.hasPrefix("08") || state.isEmpty:
            help.append("the connection to the server was lost; `use postgres \"…\"` again to reconnect")
        default: break
        }
        if let hint = failure.hint { help.insert("the server says: " + hint, at: 0) }
        var message = "PostgreSQL: " + failure.message
        if let detail = failure.detail { message += " (\(detail))" }
        return DatabaseProblem(message, help: help)
    }
}
