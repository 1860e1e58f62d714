import CQBuiltins
import CQCore
import Testing

/// The built-in datasets as loaded from Data/ and as embedded in the binary.
@Suite struct DatasetLoadingTests {
    // MARK: world

    @Test func world_has_the_documented_shape() throws {
        let world = try DataFixtures.world()
        #expect(world.name == "world")
        #expect(world.countries.count == 218)
        #expect(world.indicators.count == 15)
        #expect(world.firstYear == 2000)
        #expect(world.lastYear == 2024)
        let observed = world.indicators.reduce(0) { $0 + $1.values.count { !$0.isNaN } }
        #expect(observed == 51_667)
        for indicator in world.indicators { #expect(indicator.values.count == world.cellCount) }
        #expect(world.countries.map(\.code) == world.countries.map(\.code).sorted())
        #expect(world.indicators.map(\.id) == world.indicators.map(\.id).sorted())
        #expect(
            world.attributes.map(\.name)
                == ["continent", "income_group", "region", "un_region", "un_subregion", "wb_region"])
        #expect(world.groups.map(\.name) == ["brics", "cis", "eu", "euro", "g20", "g7", "oecd"])
        #expect(world.groups.map(\.label) == ["BRICS", "CIS", "EU", "EURO", "G20", "G7", "OECD"])
        #expect(world.attribute(named: "region")?.variesByYear == true)
        #expect(world.attribute(named: "wb_region")?.variesByYear == false)
        #expect(world.title.hasPrefix("218 economies, 2000–2024"))
        #expect(world.attribution.contains { $0.contains("World Development Indicators, CC BY 4.0") })
        #expect(world.attribution.contains { $0.contains("ODC PDDL") })
        #expect(world.attribution.contains { $0.contains("23.72") && $0.contains("35.47") })
        #expect(world.countries[world.countryIndex(code: "CIV")!].name == "Côte d’Ivoire")
    }

    @Test func indicator_metadata_comes_from_indicators_csv() throws {
        let world = try DataFixtures.world()
        let gdp = try #require(world.indicator(named: "gdp_per_capita"))
        #expect(gdp.unit == "current US$")
        #expect(gdp.kind == "usd")
        #expect(gdp.minimum == 0)
        #expect(gdp.maximum == nil)
        #expect(gdp.license == "CC BY 4.0")
        #expect(gdp.url == "https://data.worldbank.org/indicator/NY.GDP.PCAP.CD")
        let fdi = try #require(world.indicator(named: "fdi"))
        #expect(fdi.minimum == nil && fdi.maximum == nil)
        #expect(fdi.note == "can be negative (disinvestment)")
        let hightech = try #require(world.indicator(named: "hightech_exports"))
        #expect(hightech.minimum == 0 && hightech.maximum == 100)
    }

    @Test(arguments: [
        ("GBR", 2017, "EU"),
        ("GBR", 2019, "EU"),
        ("GBR", 2020, "Europe & Central Asia"),
        ("GBR", 2021, "Europe & Central Asia"),
        ("KAZ", 2017, "CIS"),
        ("RUS", 2000, "CIS"),
        ("GEO", 2008, "CIS"),
        ("GEO", 2009, "Europe & Central Asia"),
        ("HRV", 2012, "Europe & Central Asia"),
        ("HRV", 2013, "EU"),
        ("USA", 2017, "North America"),
        ("CHN", 2017, "East Asia & Pacific"),
        ("TUR", 2024, "Europe & Central Asia"),
    ])
    func regionIsEUThenCISThenWorldBankRegion(code: String, year: Int, region: String) throws {
        #expect(try DataFixtures.world().fixtureText("region", code, year) == region)
    }

    /// From memberships.csv: GBR,EU,1973,2020; GEO,CIS,1993,2009; HRV,EURO,2023,;
    /// ARE,BRICS,2024,; IDN,BRICS,2025, (after the axis); COL,OECD,2020,.
    @Test(arguments: [
        ("eu", "GBR", 2019, true),
        ("eu", "GBR", 2020, false),
        ("eu", "FRA", 2000, true),
        ("cis", "GEO", 2008, true),
        ("cis", "GEO", 2009, false),
        ("euro", "HRV", 2022, false),
        ("euro", "HRV", 2023, true),
        ("brics", "ARE", 2023, false),
        ("brics", "ARE", 2024, true),
        ("brics", "IDN", 2024, false),
        ("oecd", "COL", 2019, false),
        ("oecd", "COL", 2020, true),
        ("g7", "USA", 2000, true),
        ("g7", "CHN", 2024, false),
        ("g20", "ARG", 2010, true),
    ])
    func groupMembershipFollowsFromAndToYears(group: String, code: String, year: Int, member: Bool) throws {
        #expect(try DataFixtures.world().fixtureMember(group, code, year) == member)
    }

    static let table1: [(code: String, competitiveness: Double, innovation: Double)] = [
        ("USA", 5.9, 61.4), ("JPN", 5.5, 54.72), ("CHN", 5.0, 52.54), ("RUS", 4.6, 38.76),
        ("IND", 4.6, 23.72), ("DEU", 5.7, 58.39), ("GBR", 5.5, 60.89), ("AUT", 5.2, 53.1),
        ("FRA", 5.2, 54.18), ("CHE", 5.9, 67.69),
    ]

    @Test(arguments: table1)
    func world_has_the_papers_scores_for_2017(row: (code: String, competitiveness: Double, innovation: Double)) throws {
        let world = try DataFixtures.world()
        #expect(world.fixtureValue("competitiveness", row.code, 2017) == row.competitiveness)
        #expect(world.fixtureValue("innovation", row.code, 2017) == row.innovation)
    }

    @Test func the_papers_scores_are_the_only_ones() throws {
        let world = try DataFixtures.world()
        for id in ["competitiveness", "innovation"] {
            let values = try #require(world.indicator(named: id)).values
            #expect(values.count { !$0.isNaN } == 10)
        }
    }

    // MARK: paper

    @Test func paper_is_table_1_as_printed() throws {
        let paper = try DataFixtures.paper()
        #expect(paper.name == "paper")
        #expect(paper.countries.map(\.code) == ["AUT", "CHE", "CHN", "DEU", "FRA", "GBR", "IND", "JPN", "RUS", "USA"])
        #expect(paper.years == 2017...2017)
        #expect(paper.indicators.map(\.id) == ["competitiveness", "fdi", "innovation", "rnd"])
        for row in Self.table1 {
            #expect(paper.fixtureValue("competitiveness", row.code, 2017) == row.competitiveness)
            #expect(paper.fixtureValue("innovation", row.code, 2017) == row.innovation)
        }
        #expect(paper.fixtureValue("fdi", "USA", 2017) == 295)
        #expect(paper.fixtureValue("rnd", "JPN", 2017) == 3.36)
        let missingRnd = paper.countries.indices.filter { paper.indicator(named: "rnd")!.values[$0].isNaN }
        let missingFdi = paper.countries.indices.filter { paper.indicator(named: "fdi")!.values[$0].isNaN }
        #expect(missingRnd.map { paper.countries[$0].code } == ["IND"])
        #expect(missingFdi.map { paper.countries[$0].code } == ["CHE"])
    }

    @Test func paper_keeps_its_metadata_and_caveat() throws {
        let paper = try DataFixtures.paper()
        let fdi = try #require(paper.indicator(named: "fdi"))
        #expect(fdi.label == "Foreign direct investment, trillion $")
        #expect(fdi.unit == "US$ billions")
        #expect(fdi.source == "the paper's Table 1")
        #expect(fdi.note.contains("year not stated"))
        #expect(try #require(paper.indicator(named: "rnd")).note.contains("year not stated"))
        #expect(try #require(paper.indicator(named: "competitiveness")).label == "Firm competitiveness (out of 6)")
        let caveat = paper.title + paper.attribution.joined()
        #expect(caveat.contains("India") && caveat.contains("23.72") && caveat.contains("35.47"))
        #expect(paper.fixtureText("identification", "IND", 2017) == "probable")
        #expect(paper.fixtureText("identification", "USA", 2017) == "high")
        #expect(paper.attribute(named: "identification")?.values == ["high", "probable"])
    }

    @Test func paper_takes_attributes_and_groups_from_world_in_2017() throws {
        let paper = try DataFixtures.paper()
        let world = try DataFixtures.world()
        #expect(paper.attributes.map(\.name).filter { $0 != "identification" } == world.attributes.map(\.name))
        #expect(paper.groups.map(\.name) == world.groups.map(\.name))
        for country in paper.countries {
            for attribute in world.attributes {
                #expect(
                    paper.fixtureText(attribute.name, country.code, 2017)
                        == world.fixtureText(attribute.name, country.code, 2017))
            }
            for group in world.groups {
                #expect(
                    paper.fixtureMember(group.name, country.code, 2017)
                        == world.fixtureMember(group.name, country.code, 2017))
            }
        }
        #expect(paper.fixtureText("region", "GBR", 2017) == "EU")
        #expect(paper.fixtureText("region", "RUS", 2017) == "CIS")
        // Only values that occur among the ten are listed.
        #expect(paper.attribute(named: "continent")?.values == ["Asia", "Europe", "North America"])
    }

    // MARK: embedded

    @Test(arguments: BuiltinDatasets.names)
    func embedded_bytes_decode_to_what_the_csv_files_give(name: String) throws {
        let fromCSV = try DataFixtures.builtin(name)
        let embedded = try #require(try BuiltinDatasets.decode(name))
        #expect(embedded == fromCSV)
        #expect(BuiltinDatasets.load(name) == fromCSV)
        #expect(BuiltinDatasets.fingerprint(name) == fromCSV.fingerprint)
    }

    /// What `cq-pack --check` checks: the committed .cqdb files are exactly
    /// what Data/ gives, and the binary embeds those very bytes.
    @Test(arguments: BuiltinDatasets.names)
    func committed_files_are_up_to_date(name: String) throws {
        let fromCSV = try DataFixtures.builtin(name)
        let committed = try DataFixtures.read("Sources/CEmbeddedData/\(name).cqdb")
        #expect(committed == DatasetCodec.encode(fromCSV), "run `swift run cq-pack`")
        let embedded = try #require(BuiltinDatasets.bytes(name))
        #expect(Array(embedded) == committed, "the build embeds stale bytes")
    }

    @Test func builtin_names_are_the_three_datasets() {
        #expect(BuiltinDatasets.names == ["world", "paper", "extended"])
        for name in BuiltinDatasets.names { #expect(BuiltinDatasets.load(name)?.name == name) }
    }

    /// `extended` is Data/world-extended in full: every observation, indicator
    /// and year, with the world dataset's countries.
    @Test func extended_holds_all_of_world_extended() throws {
        let extended = try #require(BuiltinDatasets.load("extended"))
        let observations = extended.indicators.reduce(0) { total, indicator in
            total + indicator.values.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }
        }
        #expect(observations == 252_515)
        #expect(extended.indicators.count == 34)
        #expect(extended.years == 1950...2025)
        #expect(extended.countries.map(\.code) == (try DataFixtures.world()).countries.map(\.code))
        #expect(extended.title == "218 economies, 1950–2025: World Bank WDI and Penn World Table 9.1 indicators")
        #expect(extended.fixtureText("region", "KAZ", 2010) == "CIS")
        #expect(extended.fixtureMember("eu", "DEU", 2010) == true)
        #expect(extended.indicator(named: "industry_pct_gdp") != nil)
    }

    @Test func unknown_builtin_is_nil() throws {
        #expect(BuiltinDatasets.load("nope") == nil)
        #expect(BuiltinDatasets.bytes("World") == nil)
    }

    // MARK: loader errors

    static let countries = """
        iso3,name,continent,wb_region,un_region,un_subregion,income_group
        ABW,Aruba,North America,Latin America & Caribbean,Americas,Latin America and the Caribbean,High income
        CIV,Côte d’Ivoire,Africa,Sub-Saharan Africa,Africa,Sub-Saharan Africa,Lower middle income
        GBR,United Kingdom,Europe,Europe & Central Asia,Europe,Northern Europe,High income

        """
    static let memberships = "iso3,group,from_year,to_year\nGBR,EU,1973,2020\nCIV,CIS,,2001\n"
    static let indicators = #"""
        id,label,unit,kind,min,max,source,source_code,license,url,note
        broadband,Fixed broadband subscriptions,per 100 people,per_100,0,,WDI,IT.NET.BBND.P2,CC BY 4.0,https://x,
        share,"Share, of ""things""",%,percent,0,100,WDI,,CC BY 4.0,,"a note, quoted"

        """#

    static func loadTiny(
        countries: String = countries, memberships: String = memberships,
        indicators: String = indicators, observations: String
    ) throws -> Dataset {
        try CQLayoutLoader.loadWorld(
            countries: Array(countries.utf8), memberships: Array(memberships.utf8),
            indicators: Array(indicators.utf8), observations: Array(observations.utf8),
            name: "tiny", title: "Tiny", attribution: ["test"])
    }

    @Test func tiny_world_loads() throws {
        let tiny = try Self.loadTiny(
            observations: "iso3,indicator,year,value\nGBR,share,2021,5\nABW,broadband,2019,1.5\nCIV,share,2000,-0\n")
        #expect(tiny.years == 2000...2021)
        #expect(tiny.fixtureValue("share", "GBR", 2021) == 5)
        #expect(tiny.fixtureValue("broadband", "ABW", 2019) == 1.5)
        #expect(tiny.fixtureValue("broadband", "GBR", 2019)?.isNaN == true)
        #expect(tiny.indicator(named: "share")?.label == "Share, of \"things\"")
        #expect(tiny.indicator(named: "share")?.note == "a note, quoted")
        #expect(tiny.fixtureText("region", "GBR", 2019) == "EU")
        #expect(tiny.fixtureText("region", "GBR", 2020) == "Europe & Central Asia")
        #expect(tiny.fixtureText("region", "CIV", 2000) == "CIS")
        #expect(tiny.fixtureText("region", "CIV", 2001) == "Sub-Saharan Africa")
        #expect(tiny.groups.map(\.name) == ["cis", "eu"])
    }

    /// (observations.csv text, line, column, message)
    static let observationErrors: [(String, Int, Int, String)] = [
        ("GBR,share,2020,abc", 2, 16, "expected a number, found `abc`"),
        ("GBR,share,2020,", 2, 16, "expected a number, found an empty cell"),
        ("GBR,share,2020,nan", 2, 16, "expected a number, found `nan`"),
        ("GBR,share,2020,inf", 2, 16, "expected a number, found `inf`"),
        ("GBR,share,2020,0x10", 2, 16, "expected a number, found `0x10`"),
        ("GBR,share,2020,1e999", 2, 16, "number out of range: `1e999`"),
        ("GBR,share,2020,101", 2, 16, "value 101 is above the maximum 100 of `share`"),
        ("GBR,broadband,2020,-1", 2, 20, "value -1 is below the minimum 0 of `broadband`"),
        ("XXX,share,2020,1", 2, 1, "unknown country code `XXX`"),
        ("GBR,shares,2020,1", 2, 5, "unknown indicator `shares`"),
        ("GBR,share,20x0,1", 2, 11, "expected a year between 1000 and 2999, found `20x0`"),
        (
            "GBR,share,2020,1\nABW,share,2020,1\nGBR,share,2020,2", 4, 1,
            "duplicate observation: GBR share 2020 is already given on line 2"
        ),
        ("GBR,share,2020", 2, 15, "expected 4 fields as in the header, found 3"),
        ("GBR,share,2020,1,2", 2, 18, "expected 4 fields as in the header, found 5"),
        ("GBR,\"share,2020,1\n", 2, 5, "unterminated quoted field: the quote opened here is never closed"),
    ]

    @Test(arguments: observationErrors)
    func observation_errors_are_positioned(row: (String, Int, Int, String)) throws {
        let (text, line, column, message) = row
        let error = #expect(throws: DataLoadError.self) {
            try Self.loadTiny(observations: "iso3,indicator,year,value\n" + text)
        }
        #expect(error == DataLoadError(file: "observations.csv", line: line, column: column, message: message))
    }

    @Test func other_files_report_their_own_names() throws {
        let observations = "iso3,indicator,year,value\nGBR,share,2020,1\n"
        let unknownMember = #expect(throws: DataLoadError.self) {
            try Self.loadTiny(memberships: "iso3,group,from_year,to_year\nFRA,EU,1958,\n", observations: observations)
        }
        #expect(
            unknownMember
                == DataLoadError(file: "memberships.csv", line: 2, column: 1, message: "unknown country code `FRA`"))
        let backwards = #expect(throws: DataLoadError.self) {
            try Self.loadTiny(
                memberships: "iso3,group,from_year,to_year\nGBR,EU,2020,2020\n", observations: observations)
        }
        #expect(backwards?.message == "to_year 2020 is not after from_year 2020")
        let duplicateCountry = #expect(throws: DataLoadError.self) {
            try Self.loadTiny(countries: Self.countries + "ABW,Aruba again,a,b,c,d,e\n", observations: observations)
        }
        #expect(
            duplicateCountry
                == DataLoadError(
                    file: "countries.csv", line: 5, column: 1, message: "duplicate country code `ABW` (first on line 2)"
                ))
        let missingColumn = #expect(throws: DataLoadError.self) {
            try Self.loadTiny(observations: "iso3,indicator,year\nGBR,share,2020\n")
        }
        #expect(missingColumn?.message == "missing column `value` in the header")
        #expect(missingColumn?.file == "observations.csv")
        let empty = #expect(throws: DataLoadError.self) { try Self.loadTiny(observations: "") }
        #expect(empty?.message == "the file is empty; expected a header line")
        let noRows = #expect(throws: DataLoadError.self) {
            try Self.loadTiny(observations: "iso3,indicator,year,value\n")
        }
        #expect(noRows?.message == "no observations")
    }

    /// Damaged files give errors, never traps: random bytes overwritten in a
    /// small but complete set of files.
    @Test func damaged_files_never_crash_the_loader() {
        let observations = "iso3,indicator,year,value\nGBR,share,2021,5\nABW,broadband,2019,1.5\nCIV,share,2000,7\n"
        let files = [Self.countries, Self.memberships, Self.indicators, observations].map { Array($0.utf8) }
        let alphabet = Array(",\"\n\r0129.-eAGBRCIVx".utf8) + [0xFF, 0xC3]
        var generator = DataFuzzRandom(seed: 7)
        for _ in 0..<1500 {
            var damaged = files
            let file = Int(generator.next() % 4)
            for _ in 0...(generator.next() % 3) {
                let index = Int(generator.next() % UInt64(damaged[file].count))
                damaged[file][index] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            do {
                let dataset = try CQLayoutLoader.loadWorld(
                    countries: damaged[0], memberships: damaged[1], indicators: damaged[2], observations: damaged[3],
                    name: "d", title: "", attribution: [])
                #expect(dataset.indicators.allSatisfy { $0.values.count == dataset.cellCount })
            } catch let error as DataLoadError {
                #expect(error.line >= 0 && error.column >= 0)
            } catch {
                Issue.record("unexpected error type: \(error)")
            }
        }
    }

    @Test func builtin_sources_prefix_the_directory() throws {
        let error = #expect(throws: DataLoadError.self) {
            try BuiltinDataSources.build { path in
                path == "world/observations.csv"
                    ? Array("iso3,indicator,year,value\nGBR,rnd,2017,x\n".utf8)
                    : try DataFixtures.read("Data/" + path)
            }
        }
        #expect(
            error
                == DataLoadError(
                    file: "world/observations.csv", line: 2, column: 14, message: "expected a number, found `x`"))
    }
}
