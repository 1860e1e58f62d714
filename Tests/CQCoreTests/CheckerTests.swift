import Testing

@testable import CQCore

/// Every type, unit, name and value error is found before anything runs, at
/// the right place, with a useful help line.
struct CheckerTests {
    private func diagnostics(_ text: String) -> [Diagnostic] {
        TestDatasets.session().prepare([SourceFile(name: "t", text: text)]).diagnostics
    }

    @Test(
        arguments: [
            (
                "correlate region, gdp", DiagnosticCode.expectedNumber, "region",
                "to compare groups, put the category in a `by` clause: correlate … by region"
            ),
            (
                "count countries where region = 5", .typeMismatch, "region = 5",
                "text values are written in double quotes, e.g. region = \"…\""
            ),
            (
                "count countries where region = \"Europe\"", .unknownValue, "\"Europe\"",
                "values of `region`: \"CIS\", \"EU\", \"Europe & Central Asia\""
            ),
            ("count countries where region = \"eu\"", .unknownValue, "\"eu\"", "did you mean \"EU\"?"),
            ("list gdp where country = \"Germany\"", .unknownValue, "\"Germany\"", "did you mean \"DEU\" (Germany)?"),
            ("list gdp + rnd", .unitMismatch, "gdp + rnd", "`gdp` is in current US$ per person and `rnd` in % of GDP"),
            ("list gdpp", .unknownName, "gdpp", "did you mean `gdp`?"),
            ("list euu", .unknownName, "euu", "did you mean `eu`?"),
            ("correlate gdp, rnd where gdp", .expectedCondition, "gdp", "compare it: where gdp > 0"),
            (
                "summarize gdp by gdp", .cannotGroup, "gdp",
                "group by an attribute such as `region` or `income_group`, or by a condition: by gdp > 10000"
            ),
            ("let rnd = 1", .nameTaken, "rnd", "choose another name, e.g. `my_rnd`"),
            ("use wrold", .unknownDataset, "wrold", "datasets: `tiny`; a file is named in quotes: use \"data.csv\""),
            ("set colour = 1", .unknownSetting, "colour", "settings: `year`, `method`"),
            ("correlate gdp, rnd using pearsn", .unknownMethod, "pearsn", "did you mean `pearson`?"),
            ("correlate gdp, rnd in 1990", .yearOutsideData, "in 1990", "choose a year within 2016–2017"),
            (
                "correlate gdp, rnd during 2017..2016", .emptyYearRange, "during 2017..2016",
                "write the earlier year first: during 2016..2017"
            ),
            ("correlate gdp, GDP", .duplicateColumn, "GDP", "it is already variable 1, at 1:11"),
            ("list log(gdp, 2)", .wrongArgumentCount, "log(gdp, 2)", nil),
            ("list lg(gdp)", .unknownFunction, "lg", "did you mean `lag` or `log`?"),
            (
                "list region > 2 and rnd", .typeMismatch, "region > 2",
                "text values are written in double quotes, e.g. region = \"…\""
            ),
            (
                "rank region", .expectedNumber, "region",
                "`rank` orders countries by a number; `where region = \"…\"` picks a group"
            ),
            ("list not gdp", .expectedCondition, "gdp", nil),
            ("set year = 2016.5", .invalidSettingValue, "2016.5", "for example: set year = 2017"),
        ] as [(String, DiagnosticCode, String, String?)])
    func finds(_ text: String, _ code: DiagnosticCode, _ span: String, _ help: String?) throws {
        let found = diagnostics(text)
        let first = try #require(found.first, "no diagnostic for \(text)")
        #expect(first.code == code)
        #expect(first.source.text(of: first.range) == span)
        if let help {
            #expect(first.help.contains(help), "help was \(first.help)")
        }
    }

    @Test func every_error_in_a_script_is_reported_in_source_order() {
        let found = diagnostics(
            """
            correlate gdp, inovation
            count countries where region = "Europe"
            list rnd + gdp
            """)
        #expect(found.map(\.code) == [.unknownName, .unknownValue, .unitMismatch])
        #expect(found.map { $0.location.line } == [1, 2, 3])
    }

    @Test func later_statements_are_checked_against_earlier_let_and_use() {
        #expect(diagnostics("let ratio = gdp / rnd\nlist ratio").isEmpty)
        #expect(diagnostics("list ratio\nlet ratio = gdp / rnd").first?.code == .unknownName)
    }

    @Test(arguments: [
        // The tiny dataset's `gdp` is GDP per capita: money per person.
        ("gdp * 2", "current US$ per person"),
        ("gdp / gdp", "dimensionless"),
        ("gdp * rnd", "(% of GDP) × (current US$) / person"),
        ("gdp / rnd", "(current US$) / (% of GDP) × person"),
        ("rnd ^ 2", "(% of GDP)²"),
        ("year - 2000", "year"),
        ("log(gdp)", "log(current US$ per person)"),
    ])
    func units(_ text: String, _ unit: String) throws {
        let source = SourceFile(name: "t", text: text)
        let expression = try #require(Parser.parse(SourceFile(name: "t", text: "list " + text)).statements.first)
        guard case .list(let columns) = expression.command else { return }
        _ = source
        let type = Checker.type(
            of: columns[0], in: SourceFile(name: "t", text: "list " + text),
            state: SessionState(dataset: TestDatasets.tiny))
        guard case .number(let found?) = type else {
            Issue.record("\(text) is \(String(describing: type))")
            return
        }
        #expect(found.description == unit)
    }
}

/// Units read from indicator metadata: money per capita is money per person.
struct IndicatorUnitTests {
    private func indicator(_ id: String, _ label: String, _ unit: String) -> Indicator {
        Indicator(
            id: id, label: label, unit: unit, kind: "", minimum: nil, maximum: nil, source: "", license: "",
            url: "", note: "", values: [])
    }

    @Test(arguments: [
        ("gdp_per_capita", "GDP per capita", "current US$", "current US$ per person"),
        ("fdi", "Foreign direct investment, net inflows (BoP)", "current US$", "current US$"),
        ("population", "Population, total", "people", "person"),
        ("rnd", "Research and development expenditure", "% of GDP", "% of GDP"),
        ("researchers", "Researchers in R&D", "per million people", "per million people"),
        ("x", "", "", "dimensionless"),
    ])
    func unit(_ id: String, _ label: String, _ unit: String, _ expected: String) {
        #expect(Unit.of(indicator(id, label, unit)).description == expected)
    }

    @Test func gdp_per_capita_times_population_is_money_and_a_share_of_it_is_a_pure_number() throws {
        var session = Session(dataset: BuiltinWorld.dataset, catalog: DatasetCatalog(names: [], load: { _ in nil }))
        let outcome = session.run(
            "let gdp = gdp_per_capita * population\nlet fdi_share = fdi / gdp * 100\nlist fdi + rnd")
        guard case .binding(let gdp)? = session.run("let gdp2 = gdp_per_capita * population").results.first?.value
        else {
            Issue.record("no binding")
            return
        }
        #expect("\(gdp.type)" == "a number in current US$")
        #expect(outcome.diagnostics.map(\.code) == [.unitMismatch])
        #expect(outcome.diagnostics.first?.message == "cannot add % of GDP to current US$")
    }
}

/// Time functions keep or change units as the issue's table says.
struct TimeFunctionUnitTests {
    private func type(_ expression: String) -> String? {
        var session = TestDatasets.session()
        guard case .binding(let binding)? = session.run("let probe = \(expression)").results.first?.value else {
            return nil
        }
        return "\(binding.type)"
    }

    @Test(arguments: ["lag(gdp)", "lag(gdp, 1)", "lead(gdp)", "diff(gdp)", "at(gdp, 2016)"])
    func lag_lead_diff_and_at_keep_the_unit(_ expression: String) {
        #expect(type(expression) != nil)
        #expect(type(expression) == type("gdp"))
    }

    @Test(arguments: [
        ("growth(gdp)", "a number in %"),
        ("index(gdp, 2016)", "a number in index, 2016 = 100"),
        ("growth(gdp) + growth(rnd)", "a number in %"),
    ])
    func growth_is_percent_and_index_names_its_base_year(_ expression: String, _ expected: String) {
        #expect(type(expression) == expected)
    }
}
