/// A dataset whose observations stay in a database (`use postgres "…"`).
///
/// The session holds the dataset's catalogue — countries, attributes,
/// groups, indicators and the year axis, read once at `use` — so names are
/// checked, completed and described as for any dataset. Each statement then
/// asks the database for the observations of the indicators it names, and
/// only those (the selection, the pivot to country-years and the filtering
/// of empty values happen in the engine), and cq runs the statement on them:
/// the numbers and the ledger are those of the same data in memory.
///
/// The client library lives in its own target; the core sees only this.
public protocol DatabaseSource: Sendable {
    /// Where the data is, for messages and `use`'s result: never a password.
    var location: String { get }
    /// The non-missing observations of these indicators (by id), in
    /// `years` when given.
    func observations(of indicators: [String], in years: ClosedRange<Int>?) throws(DatabaseProblem)
        -> DatabaseObservations
    /// Every country-year with a value of any indicator, for statements that
    /// count countries without naming one (`count countries`).
    func countryYearsWithData(in years: ClosedRange<Int>?) throws(DatabaseProblem) -> DatabaseObservations
    /// The bytes of fields received since connecting (for `cq-bench postgres`).
    var bytesReceived: Int { get }
}

/// Rows from the database, column by column: `indicator` indexes the ids
/// asked for (0 for country-years with data).
public struct DatabaseObservations: Sendable {
    public var countries: [String] = []
    public var indicators: [Int32] = []
    public var years: [Int32] = []
    public var values: [Double] = []
    /// The bytes the engine sent back, for `cq-bench` and the README.
    public var bytesReceived = 0

    public init() {}

    public mutating func append(country: String, indicator: Int32, year: Int32, value: Double) {
        countries.append(country)
        indicators.append(indicator)
        years.append(year)
        values.append(value)
    }

    public var count: Int { values.count }
}

/// A database that cannot be reached or read, in words a user can act on.
public struct DatabaseProblem: Error, Sendable {
    public var message: String
    public var help: [String]

    public init(_ message: String, help: [String] = []) {
        self.message = message
        self.help = help
    }

    /// The tables cq reads, for help lines.
    public static let tableLayout =
        "cq reads the tables observations(iso3, indicator, year, value), countries(iso3, name, …) and memberships(iso3, grp, from_year, to_year); see README \"Data in a database\""
}

/// What `use ENGINE "location"` gives: the catalogue as a dataset (every
/// indicator's values missing) and the source of the observations.
public struct DatabaseConnection: Sendable {
    public var catalogue: Dataset
    public var source: any DatabaseSource

    public init(catalogue: Dataset, source: any DatabaseSource) {
        self.catalogue = catalogue
        self.source = source
    }
}

/// The engines `use` can connect to, and how the front end connects.
public struct DatabaseConnector: Sendable {
    public typealias Connect =
        @Sendable (String, String, [(name: String, value: String)]) -> Result<
            DatabaseConnection, DatabaseProblem
        >
    public var engines: [String]
    /// The engine's name, the location as written, the options as written.
    public var connect: Connect
    /// Source text with any password in its strings masked (byte for byte,
    /// so ranges still hold): what a diagnostic of `use` quotes.
    public var masked: @Sendable (String) -> String

    public init(engines: [String], connect: @escaping Connect, masked: @escaping @Sendable (String) -> String) {
        self.engines = engines
        self.connect = connect
        self.masked = masked
    }
}
