import CQSyntax

/// Country names in the spellings publishers use, to ISO 3166-1 alpha-3
/// codes, through one table: `Data/names/country-names.csv`, one row per
/// spelling with the publishers that use it — the World Bank's WDI ("Korea,
/// Rep."), the IMF's WEO ("Korea", "Lao P.D.R."), the UN's M49 ("Bolivia
/// (Plurinational State of)"), the OECD ("China (People's Republic of)"),
/// Eurostat ("Kosovo*"), the Penn World Table ("D.R. of the Congo"),
/// Gapminder ("Hong Kong, China"), Our World in Data ("Micronesia
/// (country)"), ISO 3166-1 itself and everyday forms ("South Korea", "UK").
/// It covers every ISO 3166-1 code and the World Bank's XKX (Kosovo) and
/// CHI (Channel Islands). `CountryNames+Table.swift` holds a copy of the
/// CSV, written by `Data/names/make_country_names.py` (a test keeps the two
/// equal); the lookup is built the first time a name is matched, never at
/// start-up.
///
/// **Folding.** Names are compared in a folded form (`fold`): case is
/// ignored, accents are dropped ("Côte d'Ivoire" = "Cote d'Ivoire", "Türkiye"
/// = "Turkiye", "São Tomé and Príncipe"), apostrophes of every kind vanish
/// (’ ' ` ´), `&` is "and", digits, other punctuation and repeated spaces
/// are one space (so footnote marks go: "Kosovo*", "France 1/"), "St" and
/// "St." are "Saint", "Rep." "Republic", "Dem." "Democratic"
/// and "Fed." "Federal", dotted initials close up ("U.S.A." = "USA", "Lao
/// P.D.R." = "Lao PDR"), and a leading "The" is dropped.
///
/// **Matching**, first hit wins:
/// 1. an ISO alpha-3 code the table knows, written in capitals ("DEU"; not
///    "deu", so "Can" or "Per" in a list of names is never a code). Alpha-2
///    codes are not accepted: most US state abbreviations ("CA", "DE", "IN",
///    "GA") are also alpha-2 codes;
/// 2. the folded name;
/// 3. the name inverted at its last comma or final parenthesis, as
///    publishers invert names for sorting: "Korea, Republic of" = "Republic
///    of Korea", "Bahamas, The" = "The Bahamas", "Virgin Islands, U.S." =
///    "U.S. Virgin Islands", "Iran (Islamic Republic of)" = "Islamic
///    Republic of Iran";
/// 4. that name without its leading state titles — "Republic", "Kingdom",
///    "Islamic", "Arab", "Federal", "Socialist", "Principality", "Sultanate",
///    "Union", "Commonwealth", "Grand Duchy", with "of" and "the" — so
///    "Armenia, Rep. of" = "Armenia" and "Kingdom of Bahrain" = "Bahrain".
///    "Democratic", "People's" and "State" are never dropped: "Korea, Dem.
///    Rep." is not "Korea", "Germany, Dem. Rep." is not Germany, "State of
///    Georgia" is not the country;
/// 5. a name with another name of the same economy in parentheses:
///    "Myanmar (Burma)" is MMR, "Congo (DRC)" is COD (an ambiguous name
///    narrowed by the other), "Georgia (USA)" is nothing.
///
/// **Decisions.** "Korea" alone is South Korea (KOR), as in the IMF's and
/// the OECD's tables. "Congo" alone is `.ambiguous(["COD", "COG"])`: ISO,
/// the UN, the OECD, the Penn World Table, OWID and cq's `world` mean the
/// Republic of the Congo, but everyday usage means either, so it is never
/// guessed, not even by `Matcher` against `world`, which names COG so;
/// "Virgin Islands" is ambiguous between VGB and VIR. The bare names of one country
/// stay that country: "Guinea" is GIN (not GNB, GNQ or PNG), "Niger" NER,
/// "Dominica" DMA, "Sudan" SDN, "Samoa" WSM (not ASM), "Micronesia" FSM
/// (the IMF's name for it, though the UN also names a region so), "Georgia"
/// GEO (whether a column of names is of US states is for the caller to
/// decide, from the whole column), "St. Martin" MAF. Regions, aggregates
/// ("World", "Euro area", "High income"), states, cities and former
/// countries ("USSR", "Yugoslavia", "Netherlands Antilles") are
/// `.unknown`, with the closest known spellings as suggestions.
public enum CountryNames {
    /// What a name names.
    public enum Match: Hashable, Sendable {
        /// One economy: an ISO 3166-1 alpha-3 code (or XKX, CHI).
        case country(code: String)
        /// A name that is used for more than one economy, codes sorted.
        case ambiguous(codes: [String])
        /// No economy: the closest known spellings (by edit distance on the
        /// folded form, closest first), for a hint.
        case unknown(suggestions: [String])

        /// The code when the name names exactly one economy.
        public var code: String? {
            if case .country(let code) = self { return code }
            return nil
        }
    }

    /// What `name` names (see the type's rules). `suggestions` caps the
    /// spellings an `.unknown` result suggests; 0 skips the search, for
    /// callers that only count matches.
    public static func match(_ name: String, suggestions limit: Int = 3) -> Match {
        let table = Table.shared
        if let code = table.alpha3Code(name) { return .country(code: code) }
        let folded = fold(name)
        if let entry = table.entries[folded] { return entry.match }
        let parts = split(name)
        let inverted = parts.map { fold($0.tail + " " + $0.head) }
        if let inverted, let entry = table.entries[inverted] { return entry.match }
        if let stripped = withoutTitles(inverted ?? folded), let entry = table.entries[stripped] {
            return entry.match
        }
        if let parts, parts.parenthesised, let code = sameEconomy(String(parts.head), String(parts.tail)) {
            return .country(code: code)
        }
        return .unknown(suggestions: limit > 0 ? table.suggestions(for: folded, limit: limit) : [])
    }

    /// The economy both names name, when one is a country and the other the
    /// same country or an ambiguous name that includes it: "Myanmar (Burma)"
    /// is MMR, "Congo (DRC)" COD, "Georgia (USA)" nothing.
    private static func sameEconomy(_ one: String, _ other: String) -> String? {
        switch (match(one, suggestions: 0), match(other, suggestions: 0)) {
        case (.country(let code), .country(let same)) where code == same: return code
        case (.country(let code), .ambiguous(let codes)) where codes.contains(code): return code
        case (.ambiguous(let codes), .country(let code)) where codes.contains(code): return code
        default: return nil
        }
    }

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

        /// The code for `name`, or nil when it names no country or more
        /// than one: the reference's own names and codes first, then `match`.
        public func code(for name: String) -> String? {
            let key = CountryNames.fold(name)
            // A name two countries answer to is not guessed, even where the
            // reference uses it for one ("Congo" is COG in `world`).
            if case .ambiguous = Table.shared.entries[key] { return nil }
            if let code = exact[name] { return code }
            return folded[key] ?? CountryNames.match(name, suggestions: 0).code
        }
    }

    /// The reference country whose name is closest to `name` (at most a
    /// quarter of its letters different, and at least two), for "did you
    /// mean" in the load report; nil when none is close.
    public static func suggestion(for name: String, reference: Dataset?) -> String? {
        let key = fold(name)
        guard let reference, !key.isEmpty else { return nil }
        if case .ambiguous = Table.shared.entries[key] { return nil }
        // The distance of the language's own "did you mean" (CQSyntax).
        let cutoff = max(2, key.count / 4)
        let typed = Array(key)
        var best: (distance: Int, name: String)?
        for country in reference.countries {
            let distance = Suggestions.editDistance(typed, Array(fold(country.name)), cutoff: cutoff)
            if distance < (best?.distance ?? Int.max) { best = (distance, country.name) }
        }
        guard let best, best.distance <= cutoff else { return nil }
        return best.name
    }

    /// The comparison form of a name: lower-case words of plain letters,
    /// separated by single spaces (the type's "Folding").
    public static func fold(_ name: String) -> String {
        var text = ""
        text.unicodeScalars.reserveCapacity(name.utf8.count)
        for scalar in name.unicodeScalars {
            if scalar.isASCII {
                switch scalar {
                case "A"..."Z": text.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
                case "a"..."z": text.unicodeScalars.append(scalar)
                case "'", "`": break
                case "&": text += " and "
                default: text += " "
                }
            } else if !apostrophes.contains(scalar) {
                switch scalar.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark:
                    break  // a decomposed accent: "e\u{301}" is "e"
                default:
                    if scalar.properties.isAlphabetic {
                        text += plainLatin(scalar) ?? String(scalar).lowercased()
                    } else {
                        text += " "
                    }
                }
            }
        }
        var words = text.split(separator: " ").map { abbreviations[String($0)] ?? String($0) }
        words = closingInitials(words)
        if words.first == "the" { words.removeFirst() }
        return words.joined(separator: " ")
    }

    /// ’ ‘ ´ ʼ ′: apostrophes as typeset; "Côte d’Ivoire" = "Cote d'Ivoire".
    private static let apostrophes: Set<Unicode.Scalar> = ["\u{2019}", "\u{2018}", "\u{B4}", "\u{2BC}", "\u{2032}"]

    /// Abbreviations publishers use inside names.
    private static let abbreviations: [String: String] = [
        "st": "saint", "rep": "republic", "dem": "democratic", "fed": "federal",
    ]

    /// A Latin letter with a mark, as its plain letter(s), from its Unicode
    /// name ("LATIN SMALL LETTER E WITH ACUTE" is "e"): canonical
    /// decomposition for the accented letters, and the same folding for the
    /// letters Unicode does not decompose (ø, ł, đ, ß, æ, œ, ı).
    private static func plainLatin(_ scalar: Unicode.Scalar) -> String? {
        guard let name = scalar.properties.name else { return nil }
        var words = name.split(separator: " ")
        guard words.count >= 4, words[0] == "LATIN", words[1] == "SMALL" || words[1] == "CAPITAL",
            words[2] == "LETTER" || words[2] == "LIGATURE"
        else { return nil }
        words.removeFirst(3)
        if words[0] == "DOTLESS" { words.removeFirst() }
        if words[0] == "SHARP", words.count == 2, words[1] == "S" { return "ss" }
        let letter = words[0]
        guard letter.count == 1 || letter == "AE" || letter == "OE" || letter == "IJ" else { return nil }
        return letter.lowercased()
    }

    /// "u s a" → "usa": initials written with dots fold to the acronym.
    private static func closingInitials(_ words: [String]) -> [String] {
        var result: [String] = []
        var run = ""
        for word in words {
            if word.count == 1 {
                run += word
                continue
            }
            if !run.isEmpty { result.append(run) }
            run = ""
            result.append(word)
        }
        if !run.isEmpty { result.append(run) }
        return result
    }

    /// A name cut at its last comma ("Korea" and "Republic of"), or else
    /// before its final parenthesis ("Iran" and "Islamic Republic of"), the
    /// way publishers invert names for sorting; nil when it has neither.
    static func split(_ name: String) -> (head: Substring, tail: Substring, parenthesised: Bool)? {
        let trimmed = name.drop { $0 == " " }
        if let comma = trimmed.lastIndex(of: ",") {
            let head = trimmed[..<comma]
            let tail = trimmed[trimmed.index(after: comma)...]
            guard head.contains(where: { $0 != " " }), tail.contains(where: { $0 != " " }) else { return nil }
            return (head, tail, false)
        }
        let end = trimmed.lastIndex { $0 != " " }
        guard let end, trimmed[end] == ")", let open = trimmed[..<end].lastIndex(of: "("),
            trimmed[..<open].contains(where: { $0 != " " })
        else { return nil }
        return (trimmed[..<open], trimmed[trimmed.index(after: open)..<end], true)
    }

    /// Words that make a country's formal name from its short one; never
    /// "democratic", "people's" or "state", which tell countries apart
    /// ("Korea, Dem. Rep.", "State of Georgia").
    private static let titles: Set<Substring> = [
        "republic", "kingdom", "islamic", "arab", "federal", "federative", "principality", "sultanate", "union",
        "commonwealth", "grand", "duchy", "independent", "socialist", "of", "the",
    ]

    /// A folded name without its leading state titles ("republic of
    /// armenia" → "armenia"), or nil when it has none or is nothing else.
    static func withoutTitles(_ folded: String) -> String? {
        let words = folded.split(separator: " ")
        let count = words.prefix { titles.contains($0) }.count
        guard count < words.count, words.prefix(count).contains(where: { $0 != "of" && $0 != "the" }) else {
            return nil
        }
        return words[count...].joined(separator: " ")
    }
}
