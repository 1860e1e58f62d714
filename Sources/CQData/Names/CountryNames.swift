/// Country names in the spellings publishers use, to ISO 3166-1 alpha-3
/// codes: the World Bank's WDI ("Korea, Rep.", "Egypt, Arab Rep."), the
/// IMF's WEO ("Korea", "Türkiye", "Lao P.D.R."), the UN's M49 ("Bolivia
/// (Plurinational State of)"), Gapminder ("Congo, Dem. Rep.", "Hong Kong,
/// China"), OWID and everyday forms ("South Korea", "Czech Republic").
///
/// Names are compared after folding: case, accents (`Côte d'Ivoire` =
/// `Cote d'Ivoire`), apostrophes and quotes, `&` = `and`, `St.` = `Saint`,
/// punctuation and spacing, a leading `The`. A name is looked up among the
/// dataset's own names first (`world`'s short forms: "Vietnam"), then in
/// `aliases`. Names that could be two countries ("Virgin Islands", "Guinea"
/// as part of a longer name) are not in the table: they stay unmatched and
/// are listed, never guessed. The bare "Korea" is the Republic of Korea, as
/// the IMF and the OECD write it.
public enum CountryNames {
    /// Matches names against one reference dataset; build it once per
    /// column, not per name.
    public struct Matcher: Sendable {
        private let exact: [String: String]
        private let folded: [String: String]

        public init(reference: Dataset?) {
            var exact: [String: String] = [:]
            var folded: [String: String] = [:]
            for country in reference?.countries ?? [] {
                exact[country.name] = country.code
                // A country column may hold the codes themselves (`AUT`).
                exact[country.code] = country.code
                folded[CountryNames.fold(country.name)] = country.code
            }
            self.exact = exact
            self.folded = folded
        }

        /// The code for `name`, or nil when it names no country (or more
        /// than one): the reference's names first, then the aliases.
        public func code(for name: String) -> String? {
            let key = CountryNames.fold(name)
            // A name two countries answer to is not guessed, even where the
            // reference uses it for one ("Congo" is COG in `world`).
            if CountryNames.ambiguous.contains(key) { return nil }
            if let code = exact[name] { return code }
            return folded[key] ?? CountryNames.aliases[key]
        }
    }

    /// The comparison form of a name.
    public static func fold(_ name: String) -> String {
        var letters: [Character] = []
        for scalar in name.lowercased().unicodeScalars {
            if let plain = accentFree[scalar] {
                letters.append(contentsOf: plain)
            } else if scalar == "&" {
                letters.append(contentsOf: " and ")
            } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                letters.append(Character(scalar))
            } else {
                letters.append(" ")
            }
        }
        var words = String(letters).split(separator: " ").map(String.init)
        if words.first == "the" { words.removeFirst() }
        words = words.map { $0 == "st" ? "saint" : $0 }
        return words.joined(separator: " ")
    }

    private static let accentFree: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        let groups: [(String, String)] = [
            ("àáâãäåā", "a"), ("çćč", "c"), ("èéêëēę", "e"), ("ìíîïī", "i"), ("ñń", "n"), ("òóôõöøō", "o"),
            ("ùúûüū", "u"), ("ýÿ", "y"), ("şšś", "s"), ("ţť", "t"), ("žźż", "z"), ("ł", "l"), ("ğ", "g"),
            ("ř", "r"), ("ď", "d"), ("æ", "ae"), ("œ", "oe"), ("ß", "ss"),
        ]
        for (accented, plain) in groups {
            for scalar in accented.unicodeScalars { table[scalar] = plain }
        }
        // Apostrophes of every kind vanish: "Cote d'Ivoire" = "Cote dIvoire".
        for scalar in "'’‘`´".unicodeScalars { table[scalar] = "" }
        return table
    }()

    /// The reference country whose name is closest to `name` (at most a
    /// quarter of its letters different, and at least two), for "did you
    /// mean" in the load report; nil when none is close.
    public static func suggestion(for name: String, reference: Dataset?) -> String? {
        let key = fold(name)
        guard let reference, !key.isEmpty, !ambiguous.contains(key) else { return nil }
        var best: (distance: Int, name: String)?
        for country in reference.countries {
            let distance = editDistance(key, fold(country.name))
            if distance < (best?.distance ?? Int.max) { best = (distance, country.name) }
        }
        guard let best, best.distance <= max(2, key.count / 4) else { return nil }
        return best.name
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Names that two countries answer to: the Republic of the Congo and the
    /// Democratic Republic; the British and the U.S. Virgin Islands.
    public static let ambiguous: Set<String> = ["congo", "virgin islands"]

    /// Folded spelling → code. Sources: World Bank WDI country names (CC BY
    /// 4.0), IMF WEO country names, UN M49 names, Gapminder (CC BY 4.0) and
    /// OWID (CC BY 4.0) entity names, and common English short forms; codes
    /// are ISO 3166-1 alpha-3, Kosovo XKX and the Channel Islands CHI as the
    /// World Bank codes them. Written by hand from those lists.
    public static let aliases: [String: String] = {
        let table: [(String, [String])] = [
            ("AFG", ["Afghanistan, Islamic Republic of", "Islamic Republic of Afghanistan"]),
            ("ARE", ["UAE"]),
            ("ATG", ["Antigua and Barbuda"]),
            ("BHS", ["Bahamas, The", "The Bahamas"]),
            ("BIH", ["Bosnia and Herzegovina", "Bosnia-Herzegovina"]),
            ("BOL", ["Bolivia (Plurinational State of)", "Plurinational State of Bolivia"]),
            ("BRN", ["Brunei Darussalam"]),
            ("CAF", ["Central African Rep."]),
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
            ("CPV", ["Cabo Verde"]),
            ("CUW", ["Curacao"]),
            ("CZE", ["Czech Republic"]),
            ("EGY", ["Egypt, Arab Rep.", "Arab Republic of Egypt"]),
            ("FSM", ["Micronesia, Fed. Sts.", "Micronesia (Federated States of)", "Federated States of Micronesia"]),
            ("GBR", ["UK", "Great Britain", "Britain", "United Kingdom of Great Britain and Northern Ireland"]),
            ("GMB", ["Gambia, The", "The Gambia"]),
            ("HKG", ["Hong Kong SAR, China", "Hong Kong, China", "Hong Kong SAR", "China, Hong Kong SAR"]),
            ("IRN", ["Iran, Islamic Rep.", "Iran (Islamic Republic of)", "Islamic Republic of Iran"]),
            ("KGZ", ["Kyrgyz Republic"]),
            ("KNA", ["St. Kitts and Nevis", "Saint Kitts and Nevis"]),
            // The IMF's WEO and the OECD write "Korea" for the Republic of
            // Korea; North Korea is always qualified, so the bare name is not
            // ambiguous in practice.
            (
                "KOR",
                ["Korea", "Korea, Rep.", "Republic of Korea", "Korea, Republic of", "Korea (Republic of)", "S. Korea"]
            ),
            ("LAO", ["Lao PDR", "Lao P.D.R.", "Lao People's Democratic Republic"]),
            ("LCA", ["Saint Lucia"]),
            ("MAC", ["Macao SAR, China", "Macau", "Macao SAR", "China, Macao SAR"]),
            ("MAF", ["St. Martin (French part)", "Saint Martin (French part)"]),
            ("MDA", ["Republic of Moldova", "Moldova, Republic of"]),
            ("MKD", ["Macedonia, FYR", "North Macedonia, Republic of", "Macedonia"]),
            ("MMR", ["Burma"]),
            (
                "PRK",
                ["Korea, Dem. People's Rep.", "Korea, Dem. Rep.", "Democratic People's Republic of Korea", "DPRK"]
            ),
            ("PSE", ["West Bank and Gaza", "State of Palestine", "Palestinian Territories"]),
            ("REU", ["Reunion"]),
            ("RUS", ["Russian Federation"]),
            ("SVK", ["Slovak Republic"]),
            ("STP", ["Sao Tome and Principe"]),
            ("SWZ", ["Swaziland", "Kingdom of Eswatini"]),
            ("SYR", ["Syrian Arab Republic"]),
            ("SXM", ["Sint Maarten (Dutch part)"]),
            ("TCA", ["Turks and Caicos Islands"]),
            ("TLS", ["East Timor"]),
            ("TTO", ["Trinidad and Tobago"]),
            ("TUR", ["Turkey", "Turkiye"]),
            ("TWN", ["Taiwan, China", "Taiwan Province of China", "Chinese Taipei"]),
            ("TZA", ["United Republic of Tanzania", "Tanzania, United Republic of"]),
            ("USA", ["United States of America", "USA", "US", "U.S."]),
            ("VCT", ["St. Vincent and the Grenadines", "Saint Vincent and the Grenadines"]),
            ("VEN", ["Venezuela, RB", "Venezuela (Bolivarian Republic of)", "Bolivarian Republic of Venezuela"]),
            ("VGB", ["Virgin Islands (British)", "British Virgin Islands"]),
            ("VIR", ["Virgin Islands (U.S.)", "United States Virgin Islands"]),
            ("VNM", ["Viet Nam"]),
            ("YEM", ["Yemen, Rep.", "Republic of Yemen"]),
        ]
        var aliases: [String: String] = [:]
        for (code, names) in table {
            for name in names { aliases[fold(name)] = code }
        }
        return aliases
    }()
}
