import Testing

@testable import CQCore

/// Tab completion knows the position and the data (the tiny dataset's
/// names and values are in Support/TestDatasets.swift). `|` marks the cursor.
struct CompletionTests {
    /// After `use`, the engines a session can connect to are offered with its datasets.
    @Test func use_completes_datasets_and_database_engines() {
        let connector = DatabaseConnector(
            engines: ["postgres"], connect: { _, _, _ in .failure(DatabaseProblem("not in a test")) },
            masked: { $0 })
        let session = Session(
            dataset: TestDatasets.session().state.dataset,
            catalog: DatasetCatalog(names: ["tiny"], load: { _ in nil }, databases: connector))
        #expect(session.completions(for: "use ", at: 4).candidates == ["postgres", "tiny"])
    }

    private func complete(_ marked: String) -> Completions {
        let cursor = marked.utf8.firstIndex(of: UInt8(ascii: "|")).map {
            marked.utf8.distance(from: marked.utf8.startIndex, to: $0)
        }!
        let text = marked.replacingCursor
        return TestDatasets.session().completions(for: text, at: cursor)
    }

    @Test(arguments: [
        ("cor|", ["correlate", "count", "countries"].filter { $0.hasPrefix("cor") }),
        (
            "|",
            [
                "correlate", "count", "countries", "describe", "explain", "indicators", "let", "list", "plot", "rank",
                "regress", "set", "summarize", "use",
            ]
        ),
        ("explain |", ["correlate", "regress"]),
        ("explain correlate g|", ["gdp", "growth("]),
        ("explain correlate gdp, rnd u|", ["use", "using"]),
        ("plot gdp |", ["against", "over"]),
        ("plot gdp over |", ["year"]),
        ("plot gdp over year l|", ["label", "let", "list"]),
        ("plot gdp against r|", ["rnd"]),
        ("plot gdp against rnd l|", ["label", "let", "list"]),
        ("plot gdp against rnd label |", ["country", "name"]),
        ("plot gdp against rnd with |", ["fit"]),
        ("correlate g|", ["gdp", "growth("]),
        ("correlate gdp, la|", ["lag(", "last("]),
        ("correlate gdp, cag|", ["cagr("]),
        ("correlate gdp, r|", ["rnd"]),
        ("count c|", ["countries"]),
        ("count countries where re|", ["region"]),
        ("count countries where region = \"E|", ["\"EU\"", "\"Europe & Central Asia\""]),
        ("count countries where region = \"EU|", ["\"EU\""]),
        ("count countries where region = \"eu|", ["\"EU\"", "\"Europe & Central Asia\""]),
        ("CORR|", ["correlate"]),
        ("count countries where region in (\"CIS\", |", ["\"CIS\"", "\"EU\"", "\"Europe & Central Asia\""]),
        ("list gdp where country = \"K|", ["\"KAZ\""]),
        ("rank rnd in |", ["2016", "2017"]),
        ("correlate gdp, rnd during 2016..|", ["2016", "2017"]),
        ("correlate gdp, rnd using s|", ["spearman"]),
        ("correlate gdp, rnd by |", ["continent", "country", "eu", "region", "year"]),
        ("correlate gdp, rnd w|", ["where"]),
        ("list gdp s|", ["set", "sort", "summarize"]),
        ("correlate gdp, rnd where eu a|", ["and"]),
        ("use |", ["tiny"]),
        ("set |", ["method", "year"]),
        ("set method = k|", ["kendall"]),
        ("describe c|", ["continent", "country", "countries"]),
        ("regress gdp on rnd w|", ["where", "with", "without"]),
        ("regress gdp |", ["on"]),
        ("regress gdp on rnd i|", ["in", "indicators"]),
        ("countries |", ["during", "in", "to", "where"]),
        ("summarize gdp; correlate gdp, r|", ["rnd"]),
    ])
    func candidates(_ marked: String, _ expected: [String]) {
        #expect(complete(marked).candidates == expected.sorted(), "\(marked)")
    }

    @Test func the_replaced_range_is_the_word_being_typed() {
        let completion = complete("count countries where region = \"Eu|")
        #expect(completion.replacing == 31..<34)
        #expect(complete("correlate gdp, |").replacing == 15..<15)
    }

    @Test func bindings_are_offered_where_values_go() {
        var session = TestDatasets.session()
        _ = session.run("let twice = gdp * 2")
        #expect(session.completions(for: "correlate tw", at: 12).candidates == ["twice"])
    }
}

extension String {
    fileprivate var replacingCursor: String { split(separator: "|", omittingEmptySubsequences: false).joined() }
}
