import CQBuiltins
import CQCore
import CQStorage
import Glibc
import Testing

@testable import CQData

/// A `DataFiles` over `Tests/CQCoreTests/Fixtures/data`: relative paths are
/// read from there (so errors name them as the tests write them), absolute
/// paths as they are.
enum FixtureFiles {
    static let root = DataFixtures.packageRoot + "/Tests/CQCoreTests/Fixtures/data"

    static func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : root + "/" + path
    }

    static let files = DataFiles(
        read: { path throws(DataLoadError) -> [UInt8] in
            guard let file = fopen(resolve(path), "rb") else {
                throw DataLoadError(file: path, line: 0, column: 0, message: "cannot open")
            }
            defer { fclose(file) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
                if count == 0 { break }
                bytes += chunk[0..<count]
            }
            return bytes
        },
        kind: { path in
            var status = stat()
            guard stat(resolve(path), &status) == 0 else { return nil }
            return (status.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
        },
        list: { path in Directory.names(resolve(path)) })

    /// The built-in world dataset, the reference loads use.
    static let world: Dataset = BuiltinDatasets.load("world")!

    static func load(_ path: String, as format: DatasetFormat? = nil, reference: Dataset? = world) throws(DataLoadError)
        -> (Dataset, LoadReport)
    {
        try DatasetLoader.load(path, as: format, files: files, reference: reference)
    }
}

/// Golden tests: each format loads from small fixtures written in the
/// sources' exact layouts (Tests/CQCoreTests/Fixtures/data/).
@Suite struct DatasetLoaderTests {
    // MARK: detection

    static let detections: [(String, DatasetFormat)] = [
        ("cq", .cq),
        ("cq/observations.csv", .cq),
        ("cq-bare", .cq),
        ("wdi-bulk", .wdi),
        ("wdi-bulk/WDICSV.csv", .wdi),
        ("wdi-bulk/WDISeries.csv", .wdi),
        ("wdi-api", .wdi),
        ("wdi-api/API_SP.POP.TOTL_DS2_en_csv_v2_5728786.csv", .wdi),
        ("wdi-databank/P_Data_Extract_From_World_Development_Indicators_Data.csv", .wdi),
        ("owid", .owid),
        ("owid/life-expectancy-vs-gdp-per-capita.csv", .owid),
        ("table-long/trade-and-tax.csv", .table),
        ("table-wide/euro-growth.csv", .table),
        ("nist/Norris.csv", .table),
        ("nist/NumAcc1.csv", .table),
    ]

    @Test(arguments: detections)
    func detects_the_format(path: String, format: DatasetFormat) throws {
        #expect(try DatasetLoader.detect(path, files: FixtureFiles.files) == format)
    }

    // MARK: golden loads

    struct Golden: Sendable, CustomStringConvertible {
        var path: String
        var format: DatasetFormat
        var name: String
        var countries: [String]
        var indicators: [String]
        var years: ClosedRange<Int>
        var observations: Int
        var missingMarkers: Int
        var aggregates: [String]
        var files: [String]
        /// (indicator, country, year, value; nil for missing)
        var values: [(String, String, Int, Double?)]
        var description: String { path }
    }

    static let goldens: [Golden] = [
        Golden(
            path: "cq", format: .cq, name: "cq",
            countries: ["DEU", "FRA", "GBR", "NOR", "USA"], indicators: ["gdp_per_capita", "rnd", "trust"],
            years: 2019...2021, observations: 16, missingMarkers: 3, aggregates: [],
            files: ["cq/countries.csv", "cq/memberships.csv", "cq/indicators.csv", "cq/observations.csv"],
            values: [
                ("gdp_per_capita", "DEU", 2019, 47656.199739747), ("rnd", "FRA", 2020, nil),
                ("rnd", "USA", 2020, nil), ("trust", "NOR", 2021, 72), ("trust", "NOR", 2019, nil),
                ("gdp_per_capita", "NOR", 2019, nil),
            ]),
        Golden(
            path: "cq-bare", format: .cq, name: "cq-bare",
            countries: ["AUT", "GBR", "POL", "USA"], indicators: ["gini"],
            years: 1994...2021, observations: 8, missingMarkers: 0, aggregates: [],
            files: ["cq-bare/indicators.csv", "cq-bare/observations.csv"],
            values: [("gini", "GBR", 2021, 32.4), ("gini", "POL", 1994, 32.2), ("gini", "USA", 1994, nil)]),
        Golden(
            path: "wdi-bulk", format: .wdi, name: "wdi-bulk",
            countries: ["DEU", "FRA", "GBR", "KOR"],
            indicators: ["gb_xpd_rsdv_gd_zs", "ny_gdp_pcap_cd", "sp_pop_totl"],
            years: 2017...2020, observations: 47, missingMarkers: 25, aggregates: ["EMU", "WLD"],
            files: ["wdi-bulk/WDICountry.csv", "wdi-bulk/WDISeries.csv", "wdi-bulk/WDICSV.csv"],
            values: [
                ("ny_gdp_pcap_cd", "DEU", 2018, 48916.1686612154), ("sp_pop_totl", "KOR", 2020, 51_836_239),
                ("gb_xpd_rsdv_gd_zs", "FRA", 2020, nil), ("gb_xpd_rsdv_gd_zs", "GBR", 2017, 2.32602),
            ]),
        Golden(
            path: "wdi-bulk/WDICSV.csv", format: .wdi, name: "WDICSV",
            countries: ["DEU", "FRA", "GBR", "KOR"],
            indicators: ["gb_xpd_rsdv_gd_zs", "ny_gdp_pcap_cd", "sp_pop_totl"],
            years: 2017...2020, observations: 47, missingMarkers: 25, aggregates: ["EMU", "WLD"],
            files: ["wdi-bulk/WDICountry.csv", "wdi-bulk/WDISeries.csv", "wdi-bulk/WDICSV.csv"],
            values: [("ny_gdp_pcap_cd", "GBR", 2020, 40815.1255364787)]),
        Golden(
            path: "wdi-api", format: .wdi, name: "wdi-api",
            countries: ["ABW", "DEU", "XKX"], indicators: ["ny_gdp_pcap_cd", "sp_pop_totl"],
            years: 1960...2023, observations: 310, missingMarkers: 74,
            aggregates: ["AFE", "EMU", "INX", "WLD"],
            files: [
                "wdi-api/Metadata_Country_API_NY.GDP.PCAP.CD_DS2_en_csv_v2_5728890.csv",
                "wdi-api/Metadata_Country_API_SP.POP.TOTL_DS2_en_csv_v2_5728786.csv",
                "wdi-api/Metadata_Indicator_API_NY.GDP.PCAP.CD_DS2_en_csv_v2_5728890.csv",
                "wdi-api/Metadata_Indicator_API_SP.POP.TOTL_DS2_en_csv_v2_5728786.csv",
                "wdi-api/API_NY.GDP.PCAP.CD_DS2_en_csv_v2_5728890.csv",
                "wdi-api/API_SP.POP.TOTL_DS2_en_csv_v2_5728786.csv",
            ],
            values: [
                ("ny_gdp_pcap_cd", "DEU", 2019, 47656.199739747), ("ny_gdp_pcap_cd", "ABW", 1960, nil),
                ("sp_pop_totl", "DEU", 1960, 72_814_900),
            ]),
        Golden(
            path: "wdi-databank/P_Data_Extract_From_World_Development_Indicators_Data.csv", format: .wdi,
            name: "P_Data_Extract_From_World_Development_Indicators_Data",
            countries: ["DEU", "JPN"], indicators: ["gb_xpd_rsdv_gd_zs", "ny_gdp_pcap_cd"],
            years: 2018...2020, observations: 9, missingMarkers: 3, aggregates: ["EMU"],
            files: ["wdi-databank/P_Data_Extract_From_World_Development_Indicators_Data.csv"],
            values: [("ny_gdp_pcap_cd", "DEU", 2020, 47394.8734504469), ("gb_xpd_rsdv_gd_zs", "JPN", 2020, nil)]),
        Golden(
            path: "owid/life-expectancy-vs-gdp-per-capita.csv", format: .owid,
            name: "life-expectancy-vs-gdp-per-capita",
            countries: ["DEU", "FRA", "JPN", "XKX"],
            indicators: [
                "gdp_per_capita_ppp_constant_2017_international",
                "period_life_expectancy_at_birth_sex_total_age_0",
            ],
            years: 2017...2020, observations: 13 + 10, missingMarkers: 3,
            aggregates: ["Africa", "OWID_EU27", "OWID_USS", "OWID_WRL"],
            files: ["owid/life-expectancy-vs-gdp-per-capita.csv"],
            values: [
                ("period_life_expectancy_at_birth_sex_total_age_0", "JPN", 2020, 85.0),
                ("gdp_per_capita_ppp_constant_2017_international", "XKX", 2020, 10440.4),
                ("period_life_expectancy_at_birth_sex_total_age_0", "XKX", 2020, nil),
            ]),
        Golden(
            path: "table-long/trade-and-tax.csv", format: .table, name: "trade-and-tax",
            countries: ["DEU", "FRA", "Narnia"], indicators: ["tax_revenue", "trade_openness_of_gdp"],
            years: 2018...2020, observations: 8, missingMarkers: 3, aggregates: [],
            files: ["table-long/trade-and-tax.csv"],
            values: [
                ("trade_openness_of_gdp", "DEU", 2020, 81.0), ("trade_openness_of_gdp", "FRA", 2020, nil),
                ("tax_revenue", "DEU", 2019, nil), ("tax_revenue", "Narnia", 2019, 5.5),
            ]),
        Golden(
            path: "table-wide/euro-growth.csv", format: .table, name: "euro-growth",
            countries: ["DEU", "GRC", "IRL"], indicators: ["gdp_growth", "inflation_annual"],
            years: 2019...2020, observations: 11, missingMarkers: 1, aggregates: ["EMU"],
            files: ["table-wide/euro-growth.csv"],
            values: [("gdp_growth", "GRC", 2020, -9.0), ("inflation_annual", "IRL", 2019, nil)]),
        Golden(
            path: "table-wide/series.csv", format: .table, name: "series",
            countries: ["ALL"], indicators: ["y"], years: 2001...2004, observations: 3, missingMarkers: 1,
            aggregates: [], files: ["table-wide/series.csv"],
            values: [("y", "ALL", 2001, 1.5), ("y", "ALL", 2003, nil), ("y", "ALL", 2004, 4.0)]),
        Golden(
            path: "nist/Norris.csv", format: .table, name: "Norris",
            countries: (1...36).map { "R" + ($0 < 10 ? "0" : "") + String($0) }, indicators: ["x", "y"],
            years: 0...0, observations: 72, missingMarkers: 0, aggregates: [], files: ["nist/Norris.csv"],
            values: [("y", "R01", 0, 0.1), ("x", "R01", 0, 0.2), ("y", "R36", 0, 0.2), ("x", "R36", 0, 0.5)]),
        Golden(
            path: "nist/NumAcc1.csv", format: .table, name: "NumAcc1",
            countries: ["R1", "R2", "R3"], indicators: ["y"], years: 0...0, observations: 3, missingMarkers: 0,
            aggregates: [], files: ["nist/NumAcc1.csv"],
            values: [("y", "R1", 0, 10_000_001), ("y", "R2", 0, 10_000_003), ("y", "R3", 0, 10_000_002)]),
        Golden(
            path: "nist/Wampler3.csv", format: .table, name: "Wampler3",
            countries: (1...21).map { "R" + ($0 < 10 ? "0" : "") + String($0) }, indicators: ["x", "y"],
            years: 0...0, observations: 42, missingMarkers: 0, aggregates: [], files: ["nist/Wampler3.csv"],
            values: [("y", "R01", 0, 760), ("x", "R01", 0, 0), ("y", "R02", 0, -2042)]),
        Golden(
            path: "nist/Pontius.csv", format: .table, name: "Pontius",
            countries: (1...40).map { "R" + ($0 < 10 ? "0" : "") + String($0) }, indicators: ["x", "y"],
            years: 0...0, observations: 80, missingMarkers: 0, aggregates: [], files: ["nist/Pontius.csv"],
            values: [("y", "R01", 0, 0.11019), ("x", "R01", 0, 150000)]),
    ]

    @Test(arguments: goldens)
    func loads_the_fixture(golden: Golden) throws {
        let (dataset, report) = try FixtureFiles.load(golden.path)
        #expect(dataset.name == golden.name)
        #expect(dataset.countries.map(\.code) == golden.countries)
        #expect(dataset.indicators.map(\.id) == golden.indicators)
        #expect(dataset.years == golden.years)
        #expect(report.format == golden.format)
        #expect(report.observations == golden.observations)
        #expect(report.missingMarkers == golden.missingMarkers)
        #expect(report.aggregatesSkipped == golden.aggregates)
        #expect(report.files == golden.files)
        let counted = dataset.indicators.reduce(0) { $0 + $1.values.count { !$0.isNaN } }
        #expect(counted == golden.observations)
        for indicator in dataset.indicators { #expect(indicator.values.count == dataset.cellCount) }
        for (indicator, code, year, expected) in golden.values {
            let value = try #require(dataset.fixtureValue(indicator, code, year), "\(indicator) \(code) \(year)")
            if let expected {
                #expect(value == expected, "\(indicator) \(code) \(year)")
            } else {
                #expect(value.isNaN, "\(indicator) \(code) \(year)")
                #expect(value.bitPattern == Double.nan.bitPattern, "missing is the one canonical NaN")
            }
        }
        // What was loaded survives the binary codec, as the cache will need.
        #expect(try DatasetCodec.decode(DatasetCodec.encode(dataset)) == dataset)
    }

    /// `as table` skips detection: an OWID file read as a plain table has a
    /// code column, where an empty code ("Africa") is an error, not an aggregate.
    @Test func explicit_format_skips_detection() throws {
        let error = #expect(throws: DataLoadError.self) {
            try FixtureFiles.load("owid/life-expectancy-vs-gdp-per-capita.csv", as: .table)
        }
        #expect(
            error
                == DataLoadError(
                    file: "owid/life-expectancy-vs-gdp-per-capita.csv", line: 2, column: 8,
                    message: "expected a country code, found an empty cell"))
        let (_, report) = try FixtureFiles.load("nist/Norris.csv", as: .table)
        #expect(report.format == .table)
    }

    // MARK: metadata

    @Test func wdi_bulk_metadata_comes_from_the_series_and_country_files() throws {
        let (dataset, _) = try FixtureFiles.load("wdi-bulk")
        let gdp = try #require(dataset.indicator(named: "ny_gdp_pcap_cd"))
        #expect(gdp.label == "GDP per capita (current US$)")
        #expect(gdp.unit == "current US$")
        #expect(gdp.kind == "usd")
        #expect(gdp.license == "CC BY-4.0")
        #expect(gdp.url == "https://data.worldbank.org/indicator/NY.GDP.PCAP.CD")
        #expect(
            gdp.source.hasPrefix(
                "World Bank, World Development Indicators; original source: World Bank national accounts data"))
        #expect(gdp.note == "WDI series NY.GDP.PCAP.CD")
        let rnd = try #require(dataset.indicator(named: "gb_xpd_rsdv_gd_zs"))
        #expect(rnd.unit == "% of GDP" && rnd.kind == "pct_of_gdp")
        let population = try #require(dataset.indicator(named: "sp_pop_totl"))
        #expect(population.unit == "people" && population.kind == "count")
        #expect(dataset.countries.map(\.name) == ["Germany", "France", "United Kingdom", "Korea, Rep."])
        #expect(dataset.fixtureText("wb_region", "KOR", 2018) == "East Asia & Pacific")
        #expect(dataset.fixtureText("income_group", "DEU", 2018) == "High income")
        // From the reference: continent, and the derived, time-varying region and groups.
        #expect(dataset.fixtureText("continent", "KOR", 2018) == "Asia")
        #expect(dataset.fixtureText("region", "DEU", 2018) == "EU")
        #expect(dataset.fixtureText("region", "GBR", 2019) == "EU")
        #expect(dataset.fixtureText("region", "GBR", 2020) == "Europe & Central Asia")
        #expect(dataset.fixtureMember("oecd", "KOR", 2018) == true)
        #expect(dataset.attribution.first == "World Bank, World Development Indicators, CC BY-4.0.")
        #expect(dataset.title == "wdi-bulk (World Bank WDI): 3 indicators, 4 countries, 2017–2020")
    }

    @Test func wdi_api_metadata_comes_from_the_metadata_files() throws {
        let (dataset, _) = try FixtureFiles.load("wdi-api")
        let gdp = try #require(dataset.indicator(named: "ny_gdp_pcap_cd"))
        #expect(gdp.unit == "current US$")
        #expect(gdp.license == "")
        #expect(gdp.source.contains("original source: World Bank national accounts data"))
        #expect(dataset.fixtureText("wb_region", "XKX", 2020) == "Europe & Central Asia")
        #expect(dataset.fixtureText("income_group", "XKX", 2020) == "Upper middle income")
        #expect(dataset.countries.map(\.name) == ["Aruba", "Germany", "Kosovo"])
        // Years before the reference's first (2000): DEU was in the EU in 2000, so its region is unknown;
        // a country in neither the EU nor the CIS keeps its World Bank region.
        #expect(dataset.fixtureText("region", "DEU", 1990) == nil)
        #expect(dataset.fixtureText("region", "ABW", 1990) == "Latin America & Caribbean")
        #expect(dataset.fixtureMember("eu", "DEU", 1990) == false)
        #expect(dataset.fixtureMember("eu", "DEU", 2023) == true)
        #expect(dataset.attribution.contains { $0.contains("Before 2000 no country counts as a member") })
    }

    @Test func owid_text_columns_become_attributes() throws {
        let (dataset, _) = try FixtureFiles.load("owid")
        #expect(dataset.countries.map(\.name) == ["Germany", "France", "Japan", "Kosovo"])
        let continent = try #require(dataset.attribute(named: "continent"))
        #expect(continent.label == "Continent")
        #expect(!continent.variesByYear)
        #expect(dataset.fixtureText("continent", "JPN", 2017) == "Asia")
        let gdp = try #require(dataset.indicator(named: "gdp_per_capita_ppp_constant_2017_international"))
        #expect(gdp.label == "GDP per capita, PPP (constant 2017 international $)")
        #expect(gdp.unit == "constant 2017 international $")
        #expect(gdp.kind == "usd_ppp")
        #expect(gdp.source == "Our World in Data, life-expectancy-vs-gdp-per-capita.csv")
    }

    @Test func tables_map_names_to_codes_and_read_units_and_text_columns() throws {
        let (long, _) = try FixtureFiles.load("table-long/trade-and-tax.csv")
        let trade = try #require(long.indicator(named: "trade_openness_of_gdp"))
        #expect(trade.label == "Trade openness (% of GDP)")
        #expect(trade.unit == "% of GDP" && trade.kind == "pct_of_gdp")
        #expect(long.countries.map(\.name) == ["Germany", "France", "Narnia"])
        #expect(long.fixtureText("region", "DEU", 2019) == "EU")
        #expect(long.fixtureText("region", "Narnia", 2019) == nil)

        let (wide, _) = try FixtureFiles.load("table-wide/euro-growth.csv")
        #expect(wide.fixtureText("group", "GRC", 2019) == "periphery")
        #expect(wide.attribute(named: "group")?.variesByYear == false)
        let inflation = try #require(wide.indicator(named: "inflation_annual"))
        #expect(inflation.unit == "annual %" && inflation.kind == "rate")
    }

    @Test func nist_rows_are_distinct_cells_of_one_undated_year() throws {
        let (norris, _) = try FixtureFiles.load("nist/Norris.csv")
        #expect(norris.firstYear == DatasetLoader.undatedYear && norris.lastYear == DatasetLoader.undatedYear)
        #expect(norris.countries.first?.name == "row 1")
        #expect(norris.attributes.isEmpty && norris.groups.isEmpty)
        #expect(norris.title == "Norris (table): 2 indicators, 36 rows, undated")
        let (longley, _) = try FixtureFiles.load("nist/Longley.csv")
        #expect(longley.indicators.map(\.id) == ["x1", "x2", "x3", "x4", "x5", "x6", "y"])
        #expect(longley.fixtureValue("x6", "R16", 0) == 1962)
    }

    @Test func cq_folder_metadata_and_memberships() throws {
        let (dataset, _) = try FixtureFiles.load("cq")
        #expect(dataset.attributes.map(\.name) == ["continent", "income_group", "language", "region", "wb_region"])
        #expect(dataset.fixtureText("language", "NOR", 2020) == "Norwegian")
        #expect(dataset.fixtureText("region", "GBR", 2019) == "EU")
        #expect(dataset.fixtureText("region", "GBR", 2020) == "Europe & Central Asia")
        #expect(dataset.fixtureText("region", "USA", 2020) == "North America")
        #expect(dataset.groups.map(\.name) == ["eu", "g7"])
        #expect(dataset.fixtureMember("g7", "USA", 2021) == true)
        #expect(dataset.fixtureMember("g7", "NOR", 2021) == false)
        let trust = try #require(dataset.indicator(named: "trust"))
        #expect(trust.minimum == 0 && trust.maximum == 100 && trust.note == "asked in 2019 and 2021 only")
        #expect(
            dataset.attribution == [
                "World Bank, World Development Indicators, CC BY 4.0.", "Survey of the author, own work.",
            ])
    }

    @Test func cq_folder_without_countries_takes_them_from_the_reference() throws {
        let (dataset, _) = try FixtureFiles.load("cq-bare")
        #expect(dataset.countries.map(\.name) == ["Austria", "United Kingdom", "Poland", "United States"])
        #expect(dataset.fixtureText("continent", "POL", 1994) == "Europe")
        #expect(dataset.fixtureText("region", "POL", 1994) == "Europe & Central Asia")
        #expect(dataset.fixtureText("region", "POL", 2019) == "EU")
        #expect(dataset.fixtureText("region", "AUT", 1994) == nil)
        #expect(dataset.fixtureText("region", "AUT", 2019) == "EU")
        #expect(dataset.fixtureText("region", "GBR", 2021) == "Europe & Central Asia")
        #expect(dataset.fixtureMember("eu", "AUT", 1994) == false)
    }

    @Test func loading_without_a_reference_keeps_codes_as_they_are() throws {
        let (dataset, _) = try FixtureFiles.load("wdi-bulk", reference: nil)
        #expect(dataset.countries.map(\.code) == ["DEU", "FRA", "GBR", "KOR"])
        #expect(dataset.groups.isEmpty)
        #expect(dataset.attributes.map(\.name) == ["income_group", "region", "wb_region"])
        #expect(dataset.fixtureText("region", "DEU", 2018) == "Europe & Central Asia")
    }

    // MARK: the real data

    /// The world dataset's folder read as a user's cq folder gives what the
    /// built-in loader gives: the two paths agree on every value and attribute.
    @Test func data_world_loads_as_acq_folder_exactly_as_built_in() throws {
        let (dataset, report) = try FixtureFiles.load(DataFixtures.packageRoot + "/Data/world")
        var builtin = try DataFixtures.world()
        builtin.name = dataset.name
        builtin.title = dataset.title
        builtin.attribution = dataset.attribution
        #expect(dataset == builtin)
        #expect(report.observations == 51_667)
    }

    @Test func world_extended_loads_with_the_built_in_world_as_reference() throws {
        let path = DataFixtures.packageRoot + "/Data/world-extended"
        #expect(try DatasetLoader.detect(path, files: FixtureFiles.files) == .cq)
        let (dataset, report) = try FixtureFiles.load(path)
        #expect(dataset.name == "world-extended")
        #expect(dataset.indicators.count == 34)
        #expect(dataset.years == 1950...2025)
        #expect(dataset.countries.count == 218)
        #expect(report.observations == 252_515)
        #expect(report.files == [path + "/indicators.csv", path + "/observations.csv"])
        #expect(dataset.fixtureText("region", "DEU", 2010) == "EU")
        #expect(dataset.fixtureText("region", "DEU", 1990) == nil)
        #expect(dataset.fixtureText("region", "USA", 1960) == "North America")
        #expect(dataset.fixtureText("region", "GBR", 2025) == "Europe & Central Asia")
        #expect(dataset.fixtureText("continent", "JPN", 1950) == "Asia")
        #expect(
            dataset.attribution.prefix(3) == [
                "World Bank, World Development Indicators, CC BY 4.0.",
                "Derived from World Bank WDI (BX.KLT.DINV.CD.WD, NY.GDP.MKTP.CD), CC BY 4.0.",
                "Feenstra, Inklaar & Timmer (2015), Penn World Table 9.1, Groningen Growth and Development Centre, CC BY 4.0.",
            ])
        #expect(
            dataset.attribution.last?.hasPrefix(
                "Country names, attributes and group memberships not given by the files") == true)
    }

    /// The built-in `extended` is what `use "Data/world-extended"` loads, but
    /// for its name and title.
    @Test func builtin_extended_is_world_extended_renamed() throws {
        let (dataset, _) = try FixtureFiles.load(DataFixtures.packageRoot + "/Data/world-extended")
        var builtin = try #require(BuiltinDatasets.load("extended"))
        #expect(builtin.name == "extended")
        builtin.name = dataset.name
        builtin.title = dataset.title
        #expect(builtin == dataset)
    }

    // MARK: naming

    static let identifiers: [(String, String)] = [
        ("NY.GDP.PCAP.CD", "ny_gdp_pcap_cd"),
        ("GDP per capita (current US$)", "gdp_per_capita_current_us"),
        ("y", "y"),
        ("2019 value", "x_2019_value"),
        ("", "x_"),
        ("year", "x_year"),
        ("Année", "ann_e"),
        ("__a__b__", "a_b"),
    ]

    @Test(arguments: identifiers)
    func identifiers_are_lowercase_words_starting_with_a_letter(text: String, id: String) {
        #expect(IndicatorNaming.identifier(text) == id)
    }

    static let units: [(String, String, String)] = [
        ("GDP per capita (current US$)", "current US$", "usd"),
        ("Exports of goods and services (% of GDP)", "% of GDP", "pct_of_gdp"),
        ("Foreign direct investment, net inflows (BoP, current US$)", "current US$", "usd"),
        ("Unemployment, total (% of total labor force) (modeled ILO estimate)", "% of total labor force", "percent"),
        ("GDP growth (annual %)", "annual %", "rate"),
        ("GDP per capita, PPP (current international $)", "current international $", "usd_ppp"),
        ("Mobile cellular subscriptions (per 100 people)", "per 100 people", "per_100"),
        ("Secure Internet servers (per 1 million people)", "per 1 million people", "per_million"),
        ("Birth rate, crude (per 1,000 people)", "per 1,000 people", "per_1000"),
        ("CO2 emissions (metric tons per capita)", "metric tons per capita", "per_capita"),
        ("Life expectancy at birth, total (years)", "years", "years"),
        ("Population, total", "people", "count"),
        ("Gini index", "", ""),
        ("Patent applications, residents", "", ""),
    ]

    @Test(arguments: units)
    func units_come_from_the_names_parenthesis(name: String, unit: String, kind: String) {
        #expect(IndicatorNaming.unit(fromName: name) == unit)
        #expect(IndicatorNaming.kind(fromUnit: unit) == kind)
    }

    static let cells: [(String, CellText.Reading)] = [
        ("", .missing), ("NA", .missing), ("..", .missing), ("-", .missing),
        ("1.5", .number(1.5)), ("-2", .number(-2)), (".5", .number(0.5)), ("760.", .number(760)),
        ("1e3", .number(1000)),
        (
            "NaN",
            .invalid(
                "expected a number, found `NaN`; NaN is not a missing-value marker: write NA or leave the cell empty")
        ),
        ("n/a", .invalid("expected a number or a missing-value marker (empty, NA, .., -), found `n/a`")),
        ("1,5", .invalid("expected a number or a missing-value marker (empty, NA, .., -), found `1,5`")),
        ("inf", .invalid("expected a number or a missing-value marker (empty, NA, .., -), found `inf`")),
        (" 1", .invalid("expected a number or a missing-value marker (empty, NA, .., -), found ` 1`")),
        ("1e999", .invalid("number out of range: `1e999`")),
        ("--", .invalid("expected a number or a missing-value marker (empty, NA, .., -), found `--`")),
    ]

    @Test(arguments: cells)
    func cells_are_numbers_markers_or_errors(text: String, reading: CellText.Reading) {
        #expect(CellText.read(text) == reading)
    }
}

/// The world's own observations.csv is a four-column long-form table, the
/// shape that loads through the fast parallel parser: every value it loads
/// must be the built-in world's.
struct FastLongFormLoadingTests {
    @Test func the_worlds_observations_load_through_the_fast_path_with_every_value_intact() throws {
        let world = BuiltinWorld.dataset
        let path = DataFixtures.packageRoot + "/Data/world/observations.csv"
        let (loaded, report) = try DatasetLoader.load(path, as: .table, files: FixtureFiles.files, reference: world)
        #expect(report.observations == 51_667)
        #expect(loaded.indicators.count == world.indicators.count)
        for indicator in world.indicators {
            let other = try #require(loaded.indicator(named: indicator.id), "\(indicator.id)")
            for country in world.countries.indices {
                guard let index = loaded.countryIndex(code: world.countries[country].code) else { continue }
                for year in world.years {
                    let expected = indicator.values[world.cell(country: country, year: year)]
                    let found =
                        loaded.years.contains(year) ? other.values[loaded.cell(country: index, year: year)] : .nan
                    #expect(
                        expected.bitPattern == found.bitPattern || (expected.isNaN && found.isNaN),
                        "\(indicator.id) \(world.countries[country].code) \(year)")
                }
            }
        }
    }
}

/// A WDI table (a row per country and indicator, a column per year) is
/// written straight into the grids (`DatasetBuilder+Series`); the same
/// numbers as a long file give the same values, years and countries, for
/// patchy indicators (held sparse) and full ones alike.
struct WDITableTests {
    @Test func a_wdi_table_holds_what_its_long_form_holds() throws {
        let world = FixtureFiles.world
        let aggregates = ["EUU", "WLD"]
        let codes = Array(world.countries.map(\.code).prefix(40)) + aggregates
        let years = Array(1995...2006)
        var generator = SeededGenerator(seed: 11)
        var wide =
            "Country Name,Country Code,Indicator Name,Indicator Code,"
            + years.map { "\($0) [YR\($0)]" }.joined(separator: ",") + "\n"
        var long = "iso3,indicator,year,value\n"
        var wideMarkers = 0
        for indicator in 0..<70 {
            let code = "AB.CD.\(indicator)"
            // A tenth of the indicators nearly full, the rest patchy.
            let density = indicator % 10 == 0 ? 0.95 : 0.15
            for country in codes {
                var cells: [String] = []
                for year in years {
                    let roll = Double(generator.next() % 1000) / 1000
                    guard roll < density + 0.03 else {
                        cells.append("")
                        wideMarkers += aggregates.contains(country) ? 0 : 1
                        continue
                    }
                    if roll >= density {
                        cells.append("..")
                        wideMarkers += aggregates.contains(country) ? 0 : 1
                        long += "\(country),\(code),\(year),..\n"
                        continue
                    }
                    let value = String(Double(Int(generator.next() % 2_000_001) - 1_000_000) / 1000)
                    cells.append(value)
                    long += "\(country),\(code),\(year),\(value)\n"
                }
                // Some rows quote every field, as older WDIData.csv files do.
                let quoted = (indicator + wide.utf8.count) % 4 == 0
                let fields = ["\(country), the name", country, "Indicator \(indicator)", code] + cells
                wide +=
                    quoted
                    ? fields.map { "\"\($0)\"" }.joined(separator: ",") + "\n"
                    : "\"\(fields[0])\"," + fields.dropFirst().joined(separator: ",") + "\n"
            }
        }
        func load(_ text: String, as format: DatasetFormat) throws -> (Dataset, LoadReport) {
            let bytes = Array(text.utf8)
            let files = DataFiles(read: { _ in bytes }, kind: { _ in .file }, list: { _ in nil })
            return try DatasetLoader.load("data.csv", as: format, files: files, reference: world)
        }
        let (table, tableReport) = try load(wide, as: .wdi)
        let (reference, referenceReport) = try load(long, as: .table)
        #expect(tableReport.observations == referenceReport.observations)
        // An empty cell of a WDI table is a missing value; a long file just has no row.
        #expect(tableReport.missingMarkers == wideMarkers)
        #expect(tableReport.aggregatesSkipped.sorted() == aggregates)
        #expect(table.countries.map(\.code) == reference.countries.map(\.code))
        #expect(table.years == reference.years)
        #expect(table.indicators.map(\.id) == reference.indicators.map(\.id))
        var sparse = 0
        for (mine, theirs) in zip(table.indicators, reference.indicators) {
            #expect(mine.values.count == theirs.values.count)
            #expect(
                zip(mine.values, theirs.values).allSatisfy { $0.bitPattern == $1.bitPattern || $0.isNaN && $1.isNaN },
                "\(mine.id)")
            if case .sparse = mine.storage { sparse += 1 }
        }
        #expect(sparse == 63, "the patchy indicators are held sparse")
    }
}

/// A WDI table is read a window at a time, in parts on several threads,
/// each part guessed to start at a line start; what is loaded, and the
/// first error, are those of one thread reading from the top, however the
/// file is cut (parts of a few bytes, cuts inside quoted line breaks).
struct WDITablePartsTests {
    static func table(rows: Int, lineBreaks: Bool = true) -> String {
        var generator = SeededGenerator(seed: 5)
        let codes = Array(FixtureFiles.world.countries.map(\.code).prefix(12)) + ["WLD"]
        var text = "Country Name,Country Code,Indicator Name,Indicator Code,2001,2002,2003,\n"
        for row in 0..<rows {
            let code = codes[row % codes.count]
            // Names with commas, doubled quotes and line breaks in quotes.
            let name = row % 3 == 0 ? "\"\(code), the\(lineBreaks ? "\n" : " ")name \"\"x\"\"\"" : code
            let cells = (0..<3).map { _ -> String in
                let roll = generator.next() % 10
                return roll < 4 ? "" : roll == 4 ? ".." : String(Double(generator.next() % 100_000) / 100)
            }
            text +=
                "\(name),\(code),\"Ind, \(row / codes.count)\",I.\(row / codes.count),"
                + cells.joined(separator: ",") + ",\n"
        }
        return text
    }

    static func load(_ text: String, threads: Int, chunkSize: Int) -> Result<Dataset, DataLoadError> {
        let bytes = Array(text.utf8)
        let files = DataFiles(read: { _ in bytes }, kind: { _ in .file }, list: { _ in nil })
        var reader = FileReader(files)
        var builder = DatasetBuilder()
        do throws(DataLoadError) {
            try WDILoader.load(
                "data.csv", reader: &reader, into: &builder,
                reading: .init(threads: threads, chunkSize: chunkSize, parallelFrom: 0))
            let (dataset, _) = try builder.build(
                name: "t", title: { _ in "t" }, attribution: [], reference: FixtureFiles.world, noDataFile: "data.csv")
            return .success(dataset)
        } catch {
            return .failure(error)
        }
    }

    static let cuts = [(2, 1), (2, 97), (3, 250), (2, 4096)]

    @Test func any_cut_loads_the_same_dataset() throws {
        let text = Self.table(rows: 300)
        let whole = try Self.load(text, threads: 1, chunkSize: 1 << 30).get()
        #expect(whole.indicators.count == 24 && whole.countries.count == 12)
        for (threads, chunkSize) in Self.cuts {
            let parts = try Self.load(text, threads: threads, chunkSize: chunkSize).get()
            #expect(parts == whole, "\(threads) threads, parts of \(chunkSize) bytes")
        }
    }

    /// Each damage at a row of the table, and the error it must give first.
    static let damages: [(String, @Sendable (inout [String]) -> Void)] = [
        ("a bad cell in the last row", { lines in lines[lines.count - 1] = "ZZZ,ZZZ,x,X.1,1,2,abc," }),
        (
            "a repeated row, then a bad cell",
            { lines in
                lines[250] = lines[40]
                lines[280] = "ZZZ,ZZZ,x,X.1,1,2,abc,"
            }
        ),
        ("a short row", { lines in lines[150] = "DEU,DEU,x,X.2,1," }),
        ("an unterminated quote", { lines in lines[200] = "\"DEU,DEU,x,X.3,1,2,3," }),
        ("a bad cell in a repeated row", { lines in lines[260] = lines[20].replacing(",,", with: ",abc,") }),
    ]

    @Test func any_cut_gives_the_first_error() throws {
        // One line per row: no line breaks in names here, so rows can be replaced.
        let lines = Self.table(rows: 300, lineBreaks: false).split(separator: "\n").map(String.init)
        for (name, damage) in Self.damages {
            var damaged = lines
            damage(&damaged)
            let text = damaged.joined(separator: "\n") + "\n"
            guard case .failure(let expected) = Self.load(text, threads: 1, chunkSize: 1 << 30) else {
                Issue.record("\(name): no error")
                continue
            }
            for (threads, chunkSize) in Self.cuts {
                guard case .failure(let error) = Self.load(text, threads: threads, chunkSize: chunkSize) else {
                    Issue.record("\(name): no error with \(threads) threads, parts of \(chunkSize) bytes")
                    continue
                }
                #expect(error == expected, "\(name), \(threads) threads, parts of \(chunkSize) bytes")
            }
        }
    }
}

/// xorshift64*, so the test's table is the same on every run.
struct SeededGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}
