/// The names every dataset has, whatever its files hold: the country's ISO
/// code (also spelt `iso3`), its name, and the year. Data loaders keep
/// indicators from taking these names; the checker resolves them; completion
/// and suggestions offer them.
public enum BuiltinName: String, Sendable, CaseIterable {
    case country
    /// Another spelling of `country`, the column name of cq's own files.
    case iso3
    case name
    case year

    public enum Meaning: Sendable {
        case countryCode
        case countryName
        case year
    }

    public var meaning: Meaning {
        switch self {
        case .country, .iso3: return .countryCode
        case .name: return .countryName
        case .year: return .year
        }
    }

    /// The spellings offered in suggestions and completion: one per meaning.
    public static let offered: [BuiltinName] = [.country, .name, .year]

    /// Every spelling, for loaders that must not give an indicator one of them.
    public static let reserved: Set<String> = Set(allCases.map(\.rawValue))
}
