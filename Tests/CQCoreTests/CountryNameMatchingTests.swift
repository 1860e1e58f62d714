import Testing

@testable import CQCore
@testable import CQData

/// `CountryNames.match` on its own, without a dataset: the table against its
/// CSV, every publisher's list against the table, the folding rules, and
/// names that are not countries.
struct CountryNameMatchingTests {
    /// Rows of a fixture CSV with a header, after its `#` comment lines.
    static func fixture(_ path: String) throws -> [[String]] {
        let lines = String(decoding: try DataFixtures.read(path), as: UTF8.self).split(separator: "\n")
        let text = lines.filter { !$0.hasPrefix("#") }.joined(separator: "\n") + "\n"
        let table = try CSVReader(Array(text.utf8), file: path).read()
        return table.records.indices.map { record in
            table.header.fields.indices.map { table.text(record, $0) }
        }
    }

    /// How many of `names` name their expected code, and the names that do not.
    static func coverage(_ names: [(name: String, code: String)]) -> (matched: Int, misses: [String]) {
        var misses: [String] = []
        for (name, code) in names where CountryNames.match(name) != .country(code: code) {
            misses.append("\(name) → \(CountryNames.match(name)), expected \(code)")
        }
        return (names.count - misses.count, misses)
    }

    // MARK: - the table

    @Test func the_swift_table_is_the_csv_file_verbatim() throws {
        let file = String(decoding: try DataFixtures.read("Data/names/country-names.csv"), as: UTF8.self)
        #expect(
            CountryNames.csv + "\n" == file,
            "run python3 Data/names/make_country_names.py after editing Data/names/country-names.csv")
    }

    @Test func every_spelling_in_the_table_names_its_own_code_and_no_two_codes_share_a_folded_spelling() {
        let table = CountryNames.Table.shared
        #expect(table.problems == [])
        #expect(table.rows.count > 500)
        for row in table.rows {
            let expected: CountryNames.Match =
                row.codes.count == 1 ? .country(code: row.codes[0]) : .ambiguous(codes: row.codes.sorted())
            #expect(CountryNames.match(row.name) == expected, "\(row.name)")
        }
    }

    @Test func the_table_covers_the_249_iso_codes_and_the_world_banks_xkx_and_chi() {
        let codes = CountryNames.Table.shared.codes
        #expect(codes.count == 251)
        #expect(codes.contains("XKX") && codes.contains("CHI") && codes.contains("REU") && codes.contains("ATA"))
    }

    @Test func every_economy_of_world_has_a_world_bank_spelling_and_world_s_own() throws {
        let world = try Self.fixture("Data/world/countries.csv")
        #expect(world.count == 218)
        let rows = CountryNames.Table.shared.rows
        for country in world {
            let spellings = rows.filter { $0.codes == [country[0]] }
            #expect(spellings.contains { $0.sources.contains("wdi") }, "\(country[0]) has no WDI spelling")
            // world's "Congo" is ambiguous on its own; `Matcher` reads it from the dataset.
            #expect(
                country[1] == "Congo" || spellings.contains { $0.name == country[1] && $0.sources.contains("cq") },
                "\(country[0]): `\(country[1])` is not in the table as world's name")
        }
    }

    // MARK: - publishers' lists

    @Test func all_218_world_bank_wdi_names_map_to_their_code() throws {
        let wdi = try Self.fixture("Tests/CQCoreTests/Fixtures/names/wdi.csv").map { (name: $0[0], code: $0[1]) }
        #expect(wdi.count == 218)
        #expect(Self.coverage(wdi).misses == [])
    }

    @Test func world_s_218_names_map_to_their_code_but_congo_which_is_ambiguous() throws {
        let countries = try Self.fixture("Data/world/countries.csv").map { (name: $0[1], code: $0[0]) }
        let result = Self.coverage(countries)
        #expect(result.matched == 217)
        #expect(result.misses == ["Congo → ambiguous(codes: [\"COD\", \"COG\"]), expected COG"])
        // Not even against `world`, which names COG "Congo".
        let matcher = CountryNames.Matcher(reference: try DataFixtures.world())
        #expect(countries.filter { matcher.code(for: $0.name) != $0.code }.map(\.name) == ["Congo"])
    }

    @Test func all_196_imf_weo_names_map_to_their_code() throws {
        let weo = try Self.fixture("Tests/CQCoreTests/Fixtures/names/imf-weo.csv").map { (name: $0[0], code: $0[1]) }
        #expect(weo.count == 196)
        let result = Self.coverage(weo)
        #expect(result.misses == [])
    }

    @Test func all_142_gapminder_names_map_to_their_code() throws {
        let names = try Self.fixture("Tests/CQCoreTests/Fixtures/names/gapminder.csv").map {
            (name: $0[0], code: $0[1])
        }
        #expect(names.count == 142)
        let result = Self.coverage(names)
        #expect(result.misses == [])
    }

    @Test func the_coverage_of_each_publisher_s_list_is_reported() throws {
        let lists: [(String, [(name: String, code: String)])] = [
            ("WDI", try Self.fixture("Tests/CQCoreTests/Fixtures/names/wdi.csv").map { ($0[0], $0[1]) }),
            ("world", try Self.fixture("Data/world/countries.csv").map { ($0[1], $0[0]) }),
            ("WEO", try Self.fixture("Tests/CQCoreTests/Fixtures/names/imf-weo.csv").map { ($0[0], $0[1]) }),
            ("Gapminder", try Self.fixture("Tests/CQCoreTests/Fixtures/names/gapminder.csv").map { ($0[0], $0[1]) }),
        ]
        let line = lists.map { "\($0.0) \(Self.coverage($0.1).matched)/\($0.1.count)" }.joined(separator: ", ")
        // world's one miss is "Congo", ambiguous on purpose.
        print("country names matched: \(line)")
        #expect(line == "WDI 218/218, world 217/218, WEO 196/196, Gapminder 142/142")
    }

    // MARK: - folding and the rules

    @Test(arguments: [
        ("Côte d'Ivoire", "Cote d'Ivoire"), ("Côte d’Ivoire", "COTE D`IVOIRE"), ("Türkiye", "Turkiye"),
        ("São Tomé and Príncipe", "Sao Tome & Principe"), ("Cura\u{E7}ao", "Curac\u{327}ao"),
        ("Åland Islands", "Aland  Islands"), ("St. Lucia", "Saint Lucia"), ("St Kitts", "saint kitts"),
        ("The Gambia", "Gambia"), ("Guinea-Bissau", "Guinea Bissau"), ("U.S.A.", "USA"),
        ("Lao P.D.R.", "Lao PDR"), ("Central African Rep.", "Central African Republic"), ("Kosovo*", "Kosovo"),
    ])
    func spellings_that_differ_only_in_folded_details_fold_alike(_ one: String, _ other: String) {
        #expect(CountryNames.fold(one) == CountryNames.fold(other))
    }

    @Test(arguments: [
        // The World Bank's comma inversions and other publishers' forms.
        ("Korea, Rep.", "KOR"), ("Egypt, Arab Rep.", "EGY"), ("Iran, Islamic Rep.", "IRN"),
        ("Venezuela, RB", "VEN"), ("Yemen, Rep.", "YEM"), ("Micronesia, Fed. Sts.", "FSM"),
        ("Congo, Dem. Rep.", "COD"), ("Congo, Rep.", "COG"), ("Bahamas, The", "BHS"), ("Gambia, The", "GMB"),
        ("Korea", "KOR"), ("South Korea", "KOR"), ("Republic of Korea", "KOR"), ("North Korea", "PRK"),
        ("DPRK", "PRK"), ("Korea, Dem. People's Rep.", "PRK"), ("Czech Republic", "CZE"), ("Czechia", "CZE"),
        ("Türkiye", "TUR"), ("Turkey", "TUR"), ("Kyrgyz Republic", "KGZ"), ("Lao P.D.R.", "LAO"),
        ("Viet Nam", "VNM"), ("Eswatini", "SWZ"), ("Swaziland", "SWZ"), ("Cabo Verde", "CPV"),
        ("Cape Verde", "CPV"), ("Burma", "MMR"), ("Macedonia, FYR", "MKD"), ("Hong Kong SAR, China", "HKG"),
        ("Macau", "MAC"), ("Taiwan Province of China", "TWN"), ("West Bank and Gaza", "PSE"),
        ("Palestine", "PSE"), ("Kosovo", "XKX"), ("East Timor", "TLS"), ("Ivory Coast", "CIV"),
        ("Republic of the Congo", "COG"), ("Democratic Republic of the Congo", "COD"), ("DR Congo", "COD"),
        ("Congo, Dem. Rep. of the", "COD"), ("Bolivia (Plurinational State of)", "BOL"),
        ("Iran (Islamic Republic of)", "IRN"), ("United Republic of Tanzania", "TZA"), ("Micronesia", "FSM"),
        ("Micronesia (Federated States of)", "FSM"), ("United States of America", "USA"), ("UK", "GBR"),
        ("Great Britain", "GBR"), ("China (People's Republic of)", "CHN"), ("Chinese Taipei", "TWN"),
        ("D.R. of the Congo", "COD"), ("Kosovo (under United Nations Security Council Resolution 1244/99)", "XKX"),
        // Inverted at the comma or the final parenthesis.
        ("Korea, Republic of", "KOR"), ("Korea, South", "KOR"), ("Virgin Islands, U.S.", "VIR"),
        ("Congo (the Democratic Republic of the)", "COD"), ("Philippines (the)", "PHL"),
        ("Tanzania, United Rep. of", "TZA"), ("China, Republic of", "TWN"),
        // Without the state titles.
        ("Armenia, Rep. of", "ARM"), ("Bahrain, Kingdom of", "BHR"), ("Iran, Islamic Rep. of", "IRN"),
        ("Somalia, Fed. Rep.", "SOM"), ("Kingdom of Bahrain", "BHR"), ("Republic of Georgia", "GEO"),
        // A name with another of the same economy in parentheses.
        ("Myanmar (Burma)", "MMR"), ("Cabo Verde (Cape Verde)", "CPV"), ("Congo (DRC)", "COD"),
        ("Congo (Brazzaville)", "COG"), ("Vietnam, Socialist Republic of", "VNM"),
        // Codes, in capitals.
        ("DEU", "DEU"), ("XKX", "XKX"), ("CHI", "CHI"), ("  germany ", "DEU"),
    ])
    func a_publishers_spelling_names_its_country(_ name: String, _ code: String) {
        #expect(CountryNames.match(name) == .country(code: code))
    }

    /// The spellings of the hand-written list this table replaced (commit
    /// ad3c666) still name their country.
    @Test func every_spelling_of_the_former_alias_list_still_names_its_country() {
        let former: [(String, [String])] = [
            ("AFG", ["Afghanistan, Islamic Republic of", "Islamic Republic of Afghanistan"]), ("ARE", ["UAE"]),
            ("ATG", ["Antigua and Barbuda"]), ("BHS", ["Bahamas, The", "The Bahamas"]),
            ("BIH", ["Bosnia and Herzegovina", "Bosnia-Herzegovina"]),
            ("BOL", ["Bolivia (Plurinational State of)", "Plurinational State of Bolivia"]),
            ("BRN", ["Brunei Darussalam"]), ("CAF", ["Central African Rep."]),
            ("CIV", ["Cote d'Ivoire", "Ivory Coast"]),
            (
                "COD",
                [
                    "Congo, Dem. Rep.", "Congo, Dem. Rep. of the", "Democratic Republic of the Congo",
                    "Congo, Democratic Republic of the", "Congo (Kinshasa)", "Dem. Rep. Congo", "DRC",
                ]
            ),
            (
                "COG",
                [
                    "Congo, Rep.", "Republic of Congo", "Republic of the Congo", "Congo (Brazzaville)",
                    "Congo, Republic of",
                ]
            ),
            ("CPV", ["Cabo Verde"]), ("CUW", ["Curacao"]), ("CZE", ["Czech Republic"]),
            ("EGY", ["Egypt, Arab Rep.", "Arab Republic of Egypt"]),
            ("FSM", ["Micronesia, Fed. Sts.", "Micronesia (Federated States of)", "Federated States of Micronesia"]),
            ("GBR", ["UK", "Great Britain", "Britain", "United Kingdom of Great Britain and Northern Ireland"]),
            ("GMB", ["Gambia, The", "The Gambia"]),
            ("HKG", ["Hong Kong SAR, China", "Hong Kong, China", "Hong Kong SAR", "China, Hong Kong SAR"]),
            ("IRN", ["Iran, Islamic Rep.", "Iran (Islamic Republic of)", "Islamic Republic of Iran"]),
            ("KGZ", ["Kyrgyz Republic"]), ("KNA", ["St. Kitts and Nevis", "Saint Kitts and Nevis"]),
            ("KOR", ["Korea, Rep.", "Republic of Korea", "Korea, Republic of", "Korea (Republic of)", "S. Korea"]),
            ("LAO", ["Lao PDR", "Lao P.D.R.", "Lao People's Democratic Republic"]), ("LCA", ["Saint Lucia"]),
            ("MAC", ["Macao SAR, China", "Macau", "Macao SAR", "China, Macao SAR"]),
            ("MAF", ["St. Martin (French part)", "Saint Martin (French part)"]),
            ("MDA", ["Republic of Moldova", "Moldova, Republic of"]),
            ("MKD", ["Macedonia, FYR", "North Macedonia, Republic of", "Macedonia"]), ("MMR", ["Burma"]),
            (
                "PRK",
                ["Korea, Dem. People's Rep.", "Korea, Dem. Rep.", "Democratic People's Republic of Korea", "DPRK"]
            ),
            ("PSE", ["West Bank and Gaza", "State of Palestine", "Palestinian Territories"]), ("REU", ["Reunion"]),
            ("RUS", ["Russian Federation"]), ("SVK", ["Slovak Republic"]), ("STP", ["Sao Tome and Principe"]),
            ("SWZ", ["Swaziland", "Kingdom of Eswatini"]), ("SYR", ["Syrian Arab Republic"]),
            ("SXM", ["Sint Maarten (Dutch part)"]), ("TCA", ["Turks and Caicos Islands"]), ("TLS", ["East Timor"]),
            ("TTO", ["Trinidad and Tobago"]), ("TUR", ["Turkey", "Turkiye"]),
            ("TWN", ["Taiwan, China", "Taiwan Province of China", "Chinese Taipei"]),
            ("TZA", ["United Republic of Tanzania", "Tanzania, United Republic of"]),
            ("USA", ["United States of America", "USA", "US", "U.S."]),
            ("VCT", ["St. Vincent and the Grenadines", "Saint Vincent and the Grenadines"]),
            ("VEN", ["Venezuela, RB", "Venezuela (Bolivarian Republic of)", "Bolivarian Republic of Venezuela"]),
            ("VGB", ["Virgin Islands (British)", "British Virgin Islands"]),
            ("VIR", ["Virgin Islands (U.S.)", "United States Virgin Islands"]), ("VNM", ["Viet Nam"]),
            ("YEM", ["Yemen, Rep.", "Republic of Yemen"]),
        ]
        for (code, names) in former {
            for name in names { #expect(CountryNames.match(name) == .country(code: code), "\(name)") }
        }
    }

    /// One country's bare name never goes to a neighbour with a longer name.
    @Test(arguments: [
        ("Guinea", "GIN"), ("Niger", "NER"), ("Dominica", "DMA"), ("Sudan", "SDN"), ("Samoa", "WSM"),
        ("Georgia", "GEO"), ("Hong Kong", "HKG"), ("Ireland", "IRL"), ("Macedonia", "MKD"), ("St. Martin", "MAF"),
        ("Equatorial Guinea", "GNQ"), ("Papua New Guinea", "PNG"), ("Nigeria", "NGA"), ("Dominican Republic", "DOM"),
        ("South Sudan", "SSD"), ("American Samoa", "ASM"),
    ])
    func a_bare_name_is_its_own_country(_ name: String, _ code: String) {
        #expect(CountryNames.match(name) == .country(code: code))
    }

    @Test(arguments: [
        ("Congo", ["COD", "COG"]), ("the Congo", ["COD", "COG"]), ("Virgin Islands", ["VGB", "VIR"]),
    ])
    func a_name_of_two_economies_is_ambiguous(_ name: String, _ codes: [String]) {
        #expect(CountryNames.match(name) == .ambiguous(codes: codes))
    }

    // MARK: - decoys

    static let usStates = [
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
        "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
        "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
        "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
        "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee",
        "Texas", "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
    ]

    @Test func forty_nine_us_states_are_unknown_and_georgia_is_the_country() {
        #expect(Self.usStates.count == 49)
        for state in Self.usStates {
            guard case .unknown = CountryNames.match(state) else {
                Issue.record("\(state) → \(CountryNames.match(state))")
                continue
            }
        }
        #expect(CountryNames.match("Georgia") == .country(code: "GEO"))
        #expect(CountryNames.match("State of Georgia").code == nil)
        #expect(CountryNames.match("Georgia, State of").code == nil)
    }

    @Test(arguments: [
        // German Länder, in German and English.
        "Baden-Württemberg", "Bayern", "Bavaria", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen", "Hesse",
        "Mecklenburg-Vorpommern", "Niedersachsen", "Lower Saxony", "Nordrhein-Westfalen", "North Rhine-Westphalia",
        "Rheinland-Pfalz", "Saarland", "Sachsen", "Saxony", "Sachsen-Anhalt", "Schleswig-Holstein", "Thüringen",
        "Thuringia",
        // Cities, regions of countries, and state abbreviations that are alpha-2 codes.
        "Paris", "Washington", "Washington, D.C.", "London", "New York City", "Mexico City", "Kuwait City",
        "Kinshasa", "Brazzaville", "England", "Scotland", "Northern Ireland", "Georgia (USA)",
        "Georgia (US state)", "Paris (France)",
        "CA", "DE", "IN", "GA", "can", "per", "Deu",
        // Aggregates of the World Bank, the IMF, OWID and the UN.
        "World", "Euro area", "European Union", "High income", "Low & middle income", "Upper middle income",
        "Sub-Saharan Africa", "Sub-Saharan Africa (excluding high income)", "OECD members", "Arab World",
        "East Asia & Pacific", "Latin America & Caribbean", "Middle East & North Africa", "South Asia",
        "South Asia (IDA & IBRD)", "North America", "Europe & Central Asia", "Fragile and conflict affected situations",
        "Heavily indebted poor countries (HIPC)", "Least developed countries: UN classification", "Small states",
        "IDA total", "Advanced Economies", "Emerging and Developing Asia", "Major advanced economies (G7)",
        "ASEAN-5", "Africa", "Asia", "Europe", "Oceania", "Americas", "High-income countries",
        "European Union (27)", "Melanesia", "Polynesia", "Western Asia", "Caribbean", "Channel",
        // Former countries and their codes.
        "USSR", "Soviet Union", "Yugoslavia", "Czechoslovakia", "Serbia and Montenegro", "Netherlands Antilles",
        "East Germany", "Germany, Dem. Rep.", "Korea, Dem. Rep. of Nowhere", "Sudan (former)", "ANT", "YUG", "SCG",
        // World Bank aggregate codes.
        "WLD", "EUU", "EMU", "OED", "HIC", "SSF", "LMY", "ARB",
        // Nothing.
        "", "  ", "123", "-",
    ])
    func a_name_that_is_no_country_is_unknown(_ name: String) {
        guard case .unknown = CountryNames.match(name) else {
            Issue.record("\(name) → \(CountryNames.match(name))")
            return
        }
    }

    @Test func no_world_bank_aggregate_code_is_taken_for_a_country() {
        for code in WorldBankAggregates.codes {
            #expect(CountryNames.match(code).code == nil, "\(code)")
        }
    }

    // MARK: - suggestions

    @Test(arguments: [
        ("Untied States", "United States"), ("Germny", "Germany"), ("Phillipines", "Philippines"),
        ("Kazakstan", "Kazakhstan"), ("Virgin", "Virgin Islands"),
    ])
    func an_unknown_name_suggests_the_closest_spellings(_ typed: String, _ first: String) {
        guard case .unknown(let suggestions) = CountryNames.match(typed) else {
            Issue.record("\(typed) → \(CountryNames.match(typed))")
            return
        }
        #expect(suggestions.first == first)
        #expect(suggestions.count <= 3)
    }

    @Test func suggestions_name_each_economy_once_and_can_be_skipped() {
        #expect(CountryNames.match("Xyzzy Plugh") == .unknown(suggestions: []))
        #expect(CountryNames.match("Untied States", suggestions: 0) == .unknown(suggestions: []))
        guard case .unknown(let suggestions) = CountryNames.match("Nigr", suggestions: 5) else {
            Issue.record("Nigr matched")
            return
        }
        let codes = suggestions.map { CountryNames.match($0) }
        #expect(Set(codes).count == codes.count)
    }

    // MARK: - against a dataset

    @Test func a_matcher_reads_the_dataset_s_names_and_codes_then_the_table() throws {
        let matcher = CountryNames.Matcher(reference: try DataFixtures.world())
        #expect(matcher.code(for: "South Korea") == "KOR")
        #expect(matcher.code(for: "AUT") == "AUT")
        #expect(matcher.code(for: "Korea") == "KOR")
        #expect(matcher.code(for: "Myanmar (Burma)") == "MMR")
        #expect(matcher.code(for: "Congo") == nil)
        #expect(matcher.code(for: "Virgin Islands") == nil)
        #expect(matcher.code(for: "Texas") == nil)
        // The table's code; `TableLoader` keeps the name when the dataset lacks it.
        #expect(matcher.code(for: "Réunion") == "REU")
    }
}
