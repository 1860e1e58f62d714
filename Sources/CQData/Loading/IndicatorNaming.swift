import CQSyntax

/// Names, units and kinds for indicators that arrive without cq metadata:
/// a WDI code, an OWID column title, a table's column name.
public enum IndicatorNaming {
    /// Names the language gives a meaning of its own; an indicator called that
    /// would hide it, so such an id gets the `x_` prefix too.
    static let reservedNames: Set<String> = BuiltinName.reserved

    /// An identifier usable in cq without backticks: lowercase letters, digits
    /// and `_`, starting with a letter. Every run of other characters becomes one
    /// `_` (`NY.GDP.PCAP.CD` → `ny_gdp_pcap_cd`, `GDP per capita (US$)` →
    /// `gdp_per_capita_us`); an id that would start with a digit or be empty, or
    /// that is one of the language's own names, gets the prefix `x_`.
    public static func identifier(_ text: String) -> String {
        var result = ""
        var pendingUnderscore = false
        for scalar in text.unicodeScalars {
            let lowered: Unicode.Scalar? =
                switch scalar.value {
                case 0x61...0x7A, 0x30...0x39: scalar
                case 0x41...0x5A: Unicode.Scalar(scalar.value + 0x20)
                default: nil
                }
            if let lowered {
                if pendingUnderscore && !result.isEmpty { result.append("_") }
                pendingUnderscore = false
                result.unicodeScalars.append(lowered)
            } else {
                pendingUnderscore = true
            }
        }
        if result.isEmpty || result.utf8.first! <= UInt8(ascii: "9") || reservedNames.contains(result) {
            result = "x_" + result
        }
        return result
    }

    /// Whether an id given in a cq-layout indicators.csv can be written in cq:
    /// as a plain name, or between backticks (which cannot hold a backtick or a
    /// line break).
    static func usableIdentifier(_ id: String) -> Bool {
        !id.isEmpty && !id.contains("`") && !id.contains("\n") && !id.contains("\r")
    }

    /// The unit in an indicator name's parenthesis, as the World Bank writes it:
    /// "GDP per capita (current US$)" → "current US$", "Exports of goods and
    /// services (% of GDP)" → "% of GDP". A trailing parenthesis that is not a
    /// unit ("(modeled ILO estimate)") is passed over, and "(BoP, current US$)"
    /// gives "current US$". "Population, total" is in people. Empty when the
    /// name states no unit.
    public static func unit(fromName name: String) -> String {
        for group in parenthesized(name).reversed() {
            // "BoP, current US$": a comma and a space separate qualifiers; the
            // comma of "per 1,000 people" does not.
            var parts = group.split(separator: ", ", omittingEmptySubsequences: false).map(String.init)
            while parts.count > 1, !looksLikeUnit(parts[0]) { parts.removeFirst() }
            let candidate = parts.joined(separator: ", ")
            if looksLikeUnit(candidate) { return candidate }
        }
        let lowered = name.lowercased()
        if lowered == "population" || lowered.hasPrefix("population, total") { return "people" }
        return ""
    }

    /// The contents of each top-level parenthesis, in order.
    static func parenthesized(_ text: String) -> [String] {
        var groups: [String] = []
        var depth = 0
        var current = ""
        for character in text {
            if character == "(" {
                if depth > 0 { current.append(character) }
                depth += 1
            } else if character == ")", depth > 0 {
                depth -= 1
                if depth == 0 {
                    groups.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
            } else if depth > 0 {
                current.append(character)
            }
        }
        return groups
    }

    static func looksLikeUnit(_ text: String) -> Bool {
        let lowered = text.lowercased()
        if lowered.contains("%") || lowered.contains("$") { return true }
        let words = [
            "per ", "current ", "constant ", "annual", "years", "tons", "tonnes", "kg", "km", "people", "persons",
            "number", "index", "ratio", "days", "hours", "liters", "litres", "kwh", "hectares", "sq.", "lcu",
            "us dollars", "births", "deaths", "score", "rate", "scale",
        ]
        return words.contains { lowered.contains($0) }
    }

    /// The kind guessed from a unit, with the names `Data/world/indicators.csv`
    /// uses: usd, usd_ppp, pct_of_gdp, rate, percent, per_100, per_1000,
    /// per_million, per_capita, years, index, score, count; "" when the unit
    /// says nothing.
    public static func kind(fromUnit unit: String) -> String {
        let text = unit.lowercased()
        if text.isEmpty { return "" }
        if text.contains("% of gdp") { return "pct_of_gdp" }
        if text.contains("annual %") || text.contains("annual growth") { return "rate" }
        if text.contains("%") { return "percent" }
        if text.contains("ppp") || text.contains("international $") { return "usd_ppp" }
        if text.contains("us$") || text.contains("us dollars") { return "usd" }
        if text.contains("per 100 ") || text.hasSuffix("per 100") { return "per_100" }
        if text.contains("per 1,000 ") || text.contains("per 1000 ") { return "per_1000" }
        if text.contains("per million") || text.contains("per 1 million") { return "per_million" }
        if text.contains("per capita") { return "per_capita" }
        if text == "years" || text.hasPrefix("years") { return "years" }
        if text.contains("index") { return "index" }
        if text.contains("score") { return "score" }
        if ["people", "persons", "number", "applications", "articles"].contains(text) || text.hasPrefix("number of") {
            return "count"
        }
        return ""
    }
}
