/// The tables a statement's SQL reads: the cq folder layout as tables.
///
/// - `observations(iso3, indicator, year, value)`: one row per observation,
///   `value` NULL (or the row absent) where there is none;
/// - `countries(iso3, name, …)`: one row per country, its static attributes
///   as columns named as in cq (`wb_region`, `income_group`, …);
/// - `memberships(iso3, grp, from_year, to_year)`: a country is a member of
///   group `grp` in year y when from_year ≤ y < to_year (NULL: open), as in
///   a cq folder's memberships.csv.
///
/// The names are the user's to change (`cq sql --tables`, `use postgres …`).
public struct SQLLayout: Sendable, Equatable {
    public var observations = "observations"
    public var countries = "countries"
    public var memberships = "memberships"
    /// Optional: indicators(id, label, unit, …) as a cq folder's
    /// indicators.csv; without it, the ids the observations use.
    public var indicators = "indicators"
    /// A schema (or database) qualifying every table; nil: none.
    public var schema: String?

    public init() {}

    public static let standard = SQLLayout()

    public func table(_ name: String, in dialect: SQLDialect) -> String {
        (schema.map { dialect.identifier($0) + "." } ?? "") + dialect.identifier(name)
    }
}
