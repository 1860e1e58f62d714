import Testing

@testable import CQCore

/// The whole pipeline on the tiny dataset, whose numbers are in
/// Support/TestDatasets.swift. Expected statistics come from SciPy 1.17
/// (`scipy.stats.pearsonr`) on the same numbers.
struct SessionTests {
    private func run(_ text: String, session: inout Session) -> [ResultValue] {
        let outcome = session.run(text)
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics.map(\.message))")
        return outcome.results.map(\.value)
    }

    private func correlation(_ text: String) throws -> (CorrelationEstimate, SampleLedger) {
        var session = TestDatasets.session()
        guard case .correlation(let result)? = run(text, session: &session).first else {
            throw Failure("no correlation")
        }
        let group = try #require(result.groups.first)
        return (try #require(group.cells.first).estimate, group.ledger)
    }

    struct Failure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    @Test func cross_section_correlation() throws {
        let (estimate, ledger) = try correlation("correlate gdp, rnd in 2016")
        #expect(estimate.n == 4)
        #expect(abs(estimate.r! - 0.923922362588641) < 1e-12)
        #expect(ledger.countries == ["AUT", "DEU", "GBR", "KAZ"])
        #expect(ledger.missing.isEmpty)
        #expect(ledger.maximumYearsPerCountry == 1)
    }

    @Test func pooled_years_drop_the_missing_value_and_say_which() throws {
        let (estimate, ledger) = try correlation("correlate gdp, rnd")
        #expect(estimate.n == 7)
        #expect(abs(estimate.r! - 0.9549448278199253) < 1e-12)
        #expect(ledger.candidates == 8)
        #expect(ledger.missing == [SampleLedger.Missing(variable: "rnd", rows: 1, countries: ["GBR"])])
        #expect(ledger.maximumYearsPerCountry == 2)
    }

    @Test func region_is_per_country_and_year() throws {
        var session = TestDatasets.session()
        guard case .count(let count)? = run("count countries where region = \"EU\"", session: &session).first else {
            Issue.record("no count")
            return
        }
        #expect(count.groups.first?.countries == 3)
        guard case .count(let in2017)? = run("count countries where region = \"EU\" in 2017", session: &session).first
        else {
            Issue.record("no count")
            return
        }
        #expect(in2017.groups.first?.countries == 2)
    }

    @Test func filter_on_a_missing_value_keeps_nothing_for_that_row() throws {
        let (estimate, ledger) = try correlation("correlate gdp, rnd where rnd > 1")
        #expect(estimate.n == 5)
        #expect(ledger.kept == 5)
        #expect(ledger.candidates == 8)
    }

    @Test func a_failing_statement_leaves_the_session_as_it_was() {
        var session = TestDatasets.session()
        _ = run("let twice = gdp * 2\nset year = 2016", session: &session)
        let failed = session.run("let broken = nope\nset year = 2017")
        #expect(!failed.diagnostics.isEmpty)
        #expect(failed.results.isEmpty)
        #expect(session.state.settings.years == 2016...2016)
        #expect(session.state.bindings["broken"] == nil)
        #expect(session.run("list twice").diagnostics.isEmpty)
    }

    /// Ctrl-C in the REPL: the evaluator polls the flag and stops; statements
    /// that finished keep their effects, the interrupted one has none.
    @Test(arguments: [
        "correlate gdp, rnd", "summarize gdp, rnd by region", "list gdp, rnd sort by gdp", "rank gdp",
        "regress gdp on rnd", "count countries by region",
    ])
    func an_interrupted_statement_stops_and_changes_nothing(_ statement: String) {
        var session = TestDatasets.session()
        let outcome = session.run(
            SourceFile(name: "t", text: "let twice = gdp * 2\nset year = 2016..2017\n\(statement)\nset year = 2017"),
            isCancelled: { true })
        #expect(outcome.cancelled, "\(statement)")
        #expect(outcome.results.count == 2, "\(statement)")
        #expect(session.state.bindings["twice"] != nil)
        #expect(session.state.settings.years == 2016...2017)
        #expect(!session.run("list twice").cancelled)
    }

    @Test func set_year_applies_until_changed() throws {
        var session = TestDatasets.session()
        _ = run("set year = 2017", session: &session)
        guard case .correlation(let result)? = run("correlate gdp, rnd", session: &session).first else {
            Issue.record("no correlation")
            return
        }
        #expect(result.groups.first?.ledger.years == [2017])
        #expect(result.groups.first?.cells.first?.estimate.n == 3)
    }

    @Test func correlation_by_group() {
        var session = TestDatasets.session()
        guard case .correlation(let result)? = run("correlate gdp, rnd by region", session: &session).first else {
            Issue.record("no correlation")
            return
        }
        // GBR's 2017 row is its own group, with no R&D value: n = 0.
        #expect(result.groups.map(\.name) == ["CIS", "EU", "Europe & Central Asia"])
        #expect(result.groups.map { $0.cells.first!.estimate.n } == [2, 5, 0])
    }

    @Test func rank_without_a_year_uses_the_latest_year_with_data() {
        var session = TestDatasets.session()
        guard case .ranking(let ranking)? = run("rank rnd top 2", session: &session).first else {
            Issue.record("no ranking")
            return
        }
        #expect(ranking.year == 2017)
        #expect(ranking.chosenYear?.countriesInBestYear == 4)
        #expect(ranking.rows.map(\.country) == ["AUT", "DEU"])
        #expect(ranking.totalRows == 3)
    }

    @Test func list_sorts_limits_and_adds_the_year_when_rows_span_years() {
        var session = TestDatasets.session()
        guard case .table(let table)? = run("list country, rnd sort by rnd desc limit 3", session: &session).first
        else {
            Issue.record("no table")
            return
        }
        #expect(table.columns == ["country", "year", "rnd"])
        #expect(table.rows.map { $0[0] } == [.text("AUT"), .text("AUT"), .text("DEU")])
        #expect(table.totalRows == 7)  // GBR 2017 has no rnd
    }

    @Test func undefined_statistics_say_so() throws {
        let (estimate, _) = try correlation("correlate gdp, rnd where country = \"AUT\" in 2016")
        #expect(estimate.n == 1)
        #expect(estimate.r == nil)
        #expect(estimate.p == nil)
        #expect(!estimate.undefined.isEmpty)
    }

    private func count(_ text: String) -> Int? {
        var session = TestDatasets.session()
        guard case .count(let result)? = run(text, session: &session).first else { return nil }
        return result.groups.first?.countries
    }

    @Test(arguments: [
        // A missing value stays missing through arithmetic, even ^ 0.
        ("count countries where rnd ^ 0 = 1 in 2017", 3),
        // `not in` with a missing member is unknown unless the value is found.
        ("count countries where 5 not in (rnd, 3) in 2017", 3),  // GBR is unknown
        ("count countries where 3.2 in (rnd, 9) in 2017", 1),
        // `year = …` and text ordering work as conditions.
        ("count countries where year = 2016", 4),
        ("count countries where name < \"H\"", 2),
    ])
    func conditions_with_missing_values(_ text: String, _ expected: Int) {
        #expect(count(text) == expected, "\(text)")
    }

    @Test func grouping_by_a_condition_names_yes_and_no_and_counts_the_rest() {
        var session = TestDatasets.session()
        guard case .summary(let result)? = run("summarize gdp by rnd > 2", session: &session).first else {
            Issue.record("no summary")
            return
        }
        #expect(result.groups.map(\.name) == ["yes", "no"])
        #expect(result.ledger.withoutGroup == 1)  // GBR 2017: rnd missing
    }

    @Test func top_never_cuts_between_ties() {
        var session = TestDatasets.session()
        _ = run("let flat = rnd * 0 + 1", session: &session)
        guard case .ranking(let ranking)? = run("rank flat in 2016 top 2", session: &session).first else {
            Issue.record("no ranking")
            return
        }
        #expect(ranking.rows.count == 4)
        #expect(ranking.tiesAtCut == 2)
    }

    @Test func a_binding_never_stands_in_for_a_dataset_name_after_use() {
        let other = Dataset(
            name: "other", title: "", attribution: [], firstYear: 2016, lastYear: 2016,
            countries: [Country(code: "AUT", name: "Austria")], attributes: [], groups: [],
            indicators: [
                Indicator(
                    id: "twice", label: "", unit: "", kind: "", minimum: nil, maximum: nil,
                    source: "", license: "", url: "", note: "", values: [7])
            ])
        let catalog = DatasetCatalog(names: ["tiny", "other"], load: { $0 == "other" ? other : TestDatasets.tiny })
        var session = Session(dataset: TestDatasets.tiny, catalog: catalog)
        let outcome = session.run("let twice = gdp * 2\nuse other")
        guard case .datasetSwitch(let switched)? = outcome.results.last?.value else {
            Issue.record("no dataset switch")
            return
        }
        #expect(switched.notes == [.bindingSetAside(name: "twice")])
        #expect(ResultRenderer(format: .table).render(outcome.results.last!).contains("your `let twice` is set aside"))
        #expect(session.state.bindings["twice"] == nil)
    }

    @Test func a_failed_let_is_reported_once() {
        var session = TestDatasets.session()
        let outcome = session.run("let g = gdpp * 2\ncorrelate g, rnd\nlist g")
        #expect(outcome.diagnostics.map(\.code) == [.unknownName])
    }
}
