import CQBuiltins
import CQCore
import CQPostgres
import Foundation
import Testing

/// `use postgres "…"`: Engines/check_use_postgres.py starts a private
/// PostgreSQL server, loads the world data (with indicators offset by 1e8
/// and 1e12) as tables, and compares 98 statements through `use postgres`
/// with the same statements on the same data in memory, then the failures a
/// user meets. `.ci/run` installs postgresql and requires the check.
struct UsePostgresTests {
    @Test func statements_through_postgres_give_the_in_memory_results() throws {
        guard
            let (status, output) = try Python.check(
                ["Engines/check_use_postgres.py", "--cq", Binary.url.path],
                skipped: "UsePostgresTests: skipped")
        else { return }
        #expect(status == 0, "\(output)")
        #expect(output.contains("98 statements through use postgres"), "\(output)")
        #expect(output.contains("all agree"), "\(output)")
    }

    /// A password written in a connection string, in either of libpq's
    /// forms, is masked byte for byte (so carets stay put); nothing else is.
    @Test(arguments: [
        (
            #"use postgres "postgresql://ana:s3cret@db.example.org/stats""#,
            #"use postgres "postgresql://ana:******@db.example.org/stats""#
        ),
        (
            #"use postgres "postgres://ana@db/stats?sslmode=require&password=pa%40ss""#,
            #"use postgres "postgres://ana@db/stats?sslmode=require&password=*******""#
        ),
        (
            #"use postgres "host=db user=ana password=s3cret dbname=stats""#,
            #"use postgres "host=db user=ana password=****** dbname=stats""#
        ),
        (
            #"use postgres "host=db password = 'two words' dbname=stats""#,
            #"use postgres "host=db password = *********** dbname=stats""#
        ),
        (#"use postgres "postgresql://ana@db/stats""#, #"use postgres "postgresql://ana@db/stats""#),
        (#"correlate rnd, gdp where region = "EU""#, #"correlate rnd, gdp where region = "EU""#),
    ])
    func passwords_are_masked_in_source_text(written: String, shown: String) {
        #expect(PostgresLocation.masked(source: written) == shown)
        #expect(PostgresLocation.masked(source: written).utf8.count == written.utf8.count)
    }

    @Test func a_refused_connection_is_e704_at_the_string_without_the_password() throws {
        let run = try Binary.run(["-e", #"use postgres "postgresql://cq:hunter2@127.0.0.1:1/stats""#])
        #expect(run.status == 65)
        #expect(run.stderr.contains("-e:1:14: error[E704]: cannot connect to PostgreSQL"), "\(run.stderr)")
        #expect(run.stderr.contains("^~~~"), "\(run.stderr)")
        #expect(run.stderr.contains("nothing was loaded: `world` is still in use"), "\(run.stderr)")
        #expect(!run.stderr.contains("hunter2"), "\(run.stderr)")
    }

    @Test(arguments: [
        (#"use postgress "host=db""#, "E304", "did you mean `postgres`?"),
        (#"use postgres "host=db" (table = "obs")"#, "E703", "there is no option `table`"),
        (#"use postgres "host=db" (schema = "a", schema = "b")"#, "E703", "`schema` is given twice"),
        (#"use postgres "host=db" (schema = "")"#, "E703", "`schema` needs a name"),
    ])
    func what_is_wrong_before_connecting_is_said_before_connecting(
        statement: String, code: String, message: String
    ) throws {
        let run = try Binary.run(["-e", statement])
        #expect(run.status == 65)
        #expect(run.stderr.contains("error[\(code)]"), "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    /// A session built without a connector (a test, a library user) says so.
    @Test func a_session_without_databases_says_it_cannot_connect() {
        var session = Session(
            dataset: BuiltinDatasets.load("world")!, catalog: DatasetCatalog(names: [], load: { _ in nil }))
        let outcome = session.run(#"use postgres "host=db""#)
        #expect(outcome.diagnostics.map(\.code) == [.databaseError])
        #expect(outcome.diagnostics.first?.message == "this session cannot connect to databases")
    }
}
