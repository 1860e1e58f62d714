import Foundation
import Testing

/// `cq sql`: statements as SQL for PostgreSQL, DuckDB and Spark. The SQL is
/// run on real engines by Engines/check_sql.py — DuckDB in process, a
/// private PostgreSQL server and a local Spark started for the run — over the built-in world
/// data, and every figure is compared with cq's own: r to 1e-12 (offsets of
/// 1e8 and 1e12 included), candidates, kept, n, dropped rows, countries and
/// country-years exactly. `.ci/run` installs duckdb, pyspark, Java and
/// postgresql and requires the check; elsewhere a missing engine is said and
/// passed over.
struct SQLTests {
    @Test(arguments: ["duckdb", "postgres", "spark"])
    func the_sql_gives_cqs_figures_on_a_real_engine(engine: String) throws {
        guard
            let (status, output) = try Python.check(
                ["Engines/check_sql.py", "--cq", Binary.url.path, "--engine", engine],
                skipped: "SQLTests: skipped \(engine)")
        else { return }
        #expect(status == 0, "\(output)")
        #expect(output.contains("statements agree"), "\(output)")
    }

    @Test func each_dialect_quotes_names_its_own_way() throws {
        let statement = #"correlate rnd, gdp_per_capita where wb_region = "Europe & Central Asia" in 2019"#
        let spark = try Binary.run(["sql", "--dialect", "spark", "-e", statement])
        #expect(spark.status == 0, "\(spark.stderr)")
        #expect(spark.stdout.contains("FROM `observations` o") && spark.stdout.contains("c.`wb_region`"))
        let postgres = try Binary.run(["sql", "--dialect", "postgres", "-e", "correlate rnd + 1e8, gdp_per_capita"])
        #expect(postgres.stdout.contains(#"FROM "observations" o"#))
        #expect(postgres.stdout.contains("CAST(100000000.0 AS DOUBLE PRECISION)"), "\(postgres.stdout)")
    }

    /// What does not compile yet is an error at the statement, with a caret,
    /// and nothing is printed for it.
    @Test(arguments: [
        (
            "correlate rnd, gdp_per_capita using kendall by region",
            "`by` with `using kendall` is not compiled to SQL yet"
        ),
        ("correlate rnd, gdp_per_capita, population", "a correlation matrix is not compiled to SQL yet"),
        (
            "correlate mean(rnd), mean(gdp_per_capita) during 2000..2010",
            "period aggregates are not compiled to SQL yet"
        ),
        ("correlate growth(rnd), gdp_per_capita in 2019", "the time function `growth` is not compiled to SQL yet"),
        (
            "plot rnd against gdp_per_capita",
            "only `correlate`, `count countries`, `summarize`, `list`, `rank` and `regress` compile to SQL yet"
        ),
        ("rank rnd", "`rank` without `in YEAR` (cq chooses the year) is not compiled to SQL yet; give the year"),
        ("list rnd sort by gdp_per_capita", "`sort by` an indicator that is not listed is not compiled to SQL yet"),
    ])
    func what_does_not_compile_is_an_error_at_the_statement(statement: String, message: String) throws {
        let run = try Binary.run(["sql", "-e", statement])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("-e:1:1: error[E411]: \(message)"), "\(run.stderr)")
        #expect(run.stderr.contains("^~~"), "\(run.stderr)")
    }

    @Test func let_and_use_shape_the_checking_and_print_nothing() throws {
        let run = try Binary.run([
            "sql", "-e", "use world", "-e", "let wealth = gdp_per_capita", "-e", "correlate wealth, rnd",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.components(separatedBy: ";\n").count == 2, "\(run.stdout)")
        #expect(run.stdout.contains("o.indicator = 'gdp_per_capita'"))
    }
}
