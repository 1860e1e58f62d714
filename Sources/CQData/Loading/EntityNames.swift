/// A name column's entities: country codes when the names are countries,
/// the names themselves when they are not — decided for the column as a
/// whole, never name by name, so "Georgia" among US states stays a state.
///
/// A column is of countries when more than half of its distinct names match
/// a country (`TableLoader.codeForName`); its other names then stay as they
/// are and are listed in the load report, so nothing is matched silently.
struct EntityNames {
    /// The code of each distinct name.
    private(set) var codes: [String: String] = [:]
    /// Whether the names were taken for countries.
    private(set) var areCountries = false
    /// Names of a country column that match no country, sorted.
    private(set) var unmatched: [String] = []
    /// The closest country name to each unmatched one, when one is close.
    private(set) var suggestions: [String: String] = [:]

    init(_ names: some Sequence<String>, reference: Dataset?) {
        var distinct: [String] = []
        var seen: Set<String> = []
        for name in names where !name.isEmpty && seen.insert(name).inserted { distinct.append(name) }
        var matched: [String: String] = [:]
        let matcher = CountryNames.Matcher(reference: reference)
        for name in distinct {
            // A name may be its own code (`AUT` in a `country` column).
            if let code = matcher.code(for: name), reference?.countryIndex(code: code) != nil { matched[name] = code }
        }
        areCountries = reference != nil && !distinct.isEmpty && matched.count * 2 > distinct.count
        for name in distinct {
            codes[name] = areCountries ? matched[name] ?? name : name
        }
        if areCountries {
            unmatched = distinct.filter { matched[$0] == nil }.sorted()
            for name in unmatched.prefix(8) {
                suggestions[name] = CountryNames.suggestion(for: name, reference: reference)
            }
        }
    }

    func code(_ name: String) -> String { codes[name] ?? name }

    /// What the load report says about the column.
    func report(column: String) -> String? {
        let subject = column.isEmpty ? "the row names hold" : "`\(column)` holds"
        if !areCountries {
            return codes.isEmpty ? nil : "\(subject) no country names: the \(codes.count) entities are kept as they are"
        }
        guard !unmatched.isEmpty else { return nil }
        let shown = unmatched.prefix(8).map { name in
            "`\(name)`" + (suggestions[name].map { " (did you mean \($0)?)" } ?? "")
        }.joined(separator: ", ")
        let column = column.isEmpty ? "the row names" : "`\(column)`"
        let verb =
            unmatched.count == 1
            ? "name in \(column) matches no country and is kept as it is"
            : "names in \(column) match no country and are kept as they are"
        return "\(unmatched.count) \(verb): \(shown)\(unmatched.count > 8 ? ", …" : "")"
    }
}
