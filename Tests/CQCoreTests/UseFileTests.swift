import Testing

@testable import CQCore
@testable import CQData

/// `use "path"` from the language's side: the loaders are stood in for by a
/// catalog whose answers are fixed here, so these tests pin the checker's
/// behaviour and the diagnostics, not the file formats.
struct UseFileTests {
    static let other = Dataset(
        name: "mine", title: "", attribution: [], firstYear: 2016, lastYear: 2017,
        countries: [Country(code: "AUT", name: "Austria")], attributes: [], groups: [],
        indicators: [
            Indicator(
                id: "score", label: "a score", unit: "points", kind: "score", minimum: nil, maximum: nil,
                source: "", license: "", url: "", note: "", values: [1, 2])
        ])

    static func session() -> Session {
        let catalog = DatasetCatalog(
            names: ["tiny"], load: { $0 == "tiny" ? TestDatasets.tiny : nil },
            loadFile: { path, format, _ in
                switch path {
                case "good.csv":
                    let report = LoadReport(
                        format: format ?? .table, files: [path], observations: 2, missingMarkers: 1,
                        aggregatesSkipped: ["EUU", "WLD"])
                    return .success(LoadedDataset(dataset: other, report: report))
                default:
                    let error = DataLoadError(
                        file: "bad.csv", line: 3, column: 9, message: "expected a number, found `abc`")
                    return .failure(DataFileProblem(error: error, lineText: "DEU,rnd,abc,2017"))
                }
            })
        return Session(dataset: TestDatasets.tiny, catalog: catalog)
    }

    @Test func a_loaded_file_replaces_the_dataset_and_says_what_was_read() {
        var session = UseFileTests.session()
        let outcome = session.run("use \"good.csv\" as table\nsummarize score")
        #expect(outcome.diagnostics.isEmpty)
        guard case .datasetSwitch(let switched)? = outcome.results.first?.value else {
            Issue.record("no dataset switch")
            return
        }
        #expect(switched.report?.aggregatesSkipped == ["EUU", "WLD"])
        #expect(
            ResultRenderer(format: .table).render(outcome.results.first!) == """
                using `mine`: 1 country, 1 indicator, 2016–2017
                loaded as table: 2 observations, 1 cell marked missing, 2 aggregates skipped (EUU, WLD)

                """)
        #expect(session.state.dataset.name == "mine")
    }

    @Test func a_bad_file_is_a_diagnostic_at_its_own_line_and_nothing_changes() {
        var session = UseFileTests.session()
        let outcome = session.run("count countries\nuse \"data.csv\"\nsummarize score", name: "lesson.cq")
        #expect(outcome.results.isEmpty)
        #expect(session.state.dataset.name == "tiny")
        let rendered = DiagnosticRenderer().render(outcome.diagnostics)
        #expect(
            rendered.hasPrefix(
                """
                bad.csv:3:9: error[E701]: expected a number, found `abc`
                  3 | DEU,rnd,abc,2017
                    |         ^~~
                  help: while loading "data.csv" for `use` at lesson.cq:2:5
                  help: nothing was loaded: `tiny` is still in use
                """), "\(rendered)")
        // The later statement is still checked against the old dataset.
        #expect(outcome.diagnostics.map(\.code) == [.badDataFile, .unknownName])
    }

    @Test func an_unknown_format_is_named() {
        var session = UseFileTests.session()
        let outcome = session.run("use \"good.csv\" as exel")
        #expect(outcome.diagnostics.first?.code == .unknownFormat)
        #expect(outcome.diagnostics.first?.help.contains("formats: `cq`, `wdi`, `owid`, `table`") == true)
    }

    @Test func without_a_file_loader_use_of_a_path_says_so() {
        var session = TestDatasets.session()
        #expect(session.run("use \"x.csv\"").diagnostics.first?.message == "this session cannot read files")
    }

    @Test func describe_countries_and_regions() throws {
        var session = TestDatasets.session()
        let outcome = session.run("describe countries\ndescribe regions")
        #expect(outcome.diagnostics.isEmpty)
        guard case .description(let countries)? = outcome.results.first?.value,
            case .description(let regions)? = outcome.results.last?.value
        else {
            Issue.record("no descriptions")
            return
        }
        let continents = try #require(countries.facts.first { $0.key == .byContinent })
        #expect(Presenter.text(of: continents) == "Asia 1, Europe 3")
        let values = try #require(regions.facts.last)
        #expect(values.key == .countriesByValue)
        #expect(Presenter.text(of: values) == "\"CIS\" 1, \"EU\" 2, \"Europe & Central Asia\" 1")
    }
}
