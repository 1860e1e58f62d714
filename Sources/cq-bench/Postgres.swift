import CQBuiltins
import CQCore
import CQPostgres
import Glibc

/// `cq-bench postgres --location "…" [--runs N] [--statement S]`: a
/// statement through `use postgres` beside its SQL (`cq sql --dialect
/// postgres`) run by hand on the same connection's server, with the bytes
/// each brings back. Benchmarks/postgres_bench.py loads WDI-sized data into a
/// private server and runs this.
enum PostgresBenchmark {
    /// A filtered correlation of the catalogue's first two indicators (a
    /// generated file's ids are drawn at random).
    static func defaultStatement(_ dataset: Dataset) -> String {
        let ids = dataset.indicators.prefix(2).map { "`\($0.id)`" }
        return #"correlate \#(ids.joined(separator: ", ")) where region = "EU" during 2000..2020"#
    }

    static func main(_ arguments: [String]) -> Never {
        var location = ""
        var runs = 5
        var chosenStatement: String?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--location": location = rest.popFirst() ?? ""
            case "--runs": runs = rest.popFirst().flatMap { Int($0) } ?? runs
            case "--statement": chosenStatement = rest.popFirst()
            default:
                print("usage: cq-bench postgres --location CONNINFO [--runs N] [--statement S]")
                exit(2)
            }
        }
        let catalog = DatasetCatalog(names: [], load: { _ in nil }, databases: PostgresDatabase.connector)
        var session = Session(dataset: BuiltinDatasets.load("world")!, catalog: catalog)
        let use = #"use postgres "\#(location)""#
        var connects: [Double] = []
        for _ in 0..<runs {
            var fresh = session
            let (outcome, elapsed) = ScaleBenchmark.timed { fresh.run(use, name: "bench") }
            guard outcome.diagnostics.isEmpty else { fail(outcome.diagnostics.map(\.message).joined()) }
            connects.append(elapsed)
        }
        _ = session.run(use, name: "bench")
        guard let source = session.state.database else { fail("no database after `use`") }
        print("PostgreSQL: \(source.location)")
        print(
            "  \(session.state.dataset.indicators.count) indicators, \(session.state.dataset.countries.count) countries"
        )
        print("  use postgres (connect, read the catalogue): \(summary(connects))")
        let statement = chosenStatement ?? defaultStatement(session.state.dataset)

        // The statement through cq: fetch the indicators it names, run it in cq.
        var times: [Double] = []
        var bytes = 0
        var answer = ""
        for _ in 0..<runs {
            let before = source.bytesReceived
            let (outcome, elapsed) = ScaleBenchmark.timed { session.run(statement, name: "bench") }
            guard outcome.diagnostics.isEmpty, let result = outcome.results.first else {
                fail(outcome.diagnostics.map(\.message).joined())
            }
            times.append(elapsed)
            bytes = source.bytesReceived - before
            if case .correlation(let correlation) = result.value, let cell = correlation.groups.first?.cells.first {
                answer = "r = \(cell.estimate.r.map { "\($0)" } ?? "none"), n = \(cell.estimate.n)"
            }
        }
        print("\n\(statement)")
        print(
            "  through cq (fetch the named indicators, compute in cq): \(summary(times)), \(bytes) bytes back; \(answer)"
        )

        // The same statement's SQL, run by hand.
        let prepared = session.prepare([SourceFile(name: "bench", text: statement)])
        guard let checked = prepared.statements.first,
            let sql = try? SQLCompiler.compile(checked, dialect: .postgres)
        else { fail("the statement does not compile to SQL") }
        let client: PostgresClient
        do { client = try PostgresClient(location) } catch { fail(error.message) }
        var handTimes: [Double] = []
        var handBytes = 0
        var handAnswer = ""
        for _ in 0..<runs {
            let started = now()
            do throws(DatabaseProblem) {
                let (rows, received) = try client.rows(sql)
                let elapsed = now() - started
                handTimes.append(elapsed)
                handBytes = received
                let columns = SQLCompiler.correlationColumns
                if let row = rows.first, row.count == columns.count,
                    let n = row[4], let sxx = number(row[7]), let syy = number(row[8]), let sxy = number(row[9])
                {
                    let r: Double = sxy / Glibc.sqrt(sxx * syy)
                    handAnswer = "r = \(r), n = \(n)"
                }
            } catch {
                fail(error.message)
            }
        }
        print(
            "  its SQL by hand (cq sql --dialect postgres, one row of sums): \(summary(handTimes)), \(handBytes) bytes back; \(handAnswer)"
        )
        exit(0)
    }

    static func summary(_ milliseconds: [Double]) -> String {
        let sorted = milliseconds.sorted()
        return "min \(format(sorted[0] * 1000)) ms, median \(format(sorted[sorted.count / 2] * 1000)) ms"
    }

    static func number(_ text: String?) -> Double? {
        guard let text else { return nil }
        return Double(text)
    }

    static func fail(_ message: String) -> Never {
        print("cq-bench postgres: \(message)")
        exit(1)
    }
}
