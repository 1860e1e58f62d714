/// Everything a statement can depend on and change: the dataset in use, the
/// `let` bindings and the `set` settings. A value: the checker threads a copy
/// through a script, and the session adopts it statement by statement only
/// as each one succeeds, so a failing statement changes nothing.
public struct SessionState: Sendable {
    public var dataset: Dataset
    /// The bindings in force, by name.
    public var bindings: [String: Binding]
    /// Every `let` in the order it ran, shadowed ones included: `use`
    /// replays them against the new dataset.
    public var definitions: [Binding]
    public var settings: Settings
    /// Where the dataset's observations are, when they stay in a database:
    /// `dataset` is then its catalogue, and each statement fetches what it reads.
    public var database: (any DatabaseSource)?

    public init(dataset: Dataset, settings: Settings = Settings()) {
        self.dataset = dataset
        self.bindings = [:]
        self.definitions = []
        self.settings = settings
    }
}

/// `let name = expression`: kept as written, and resolved against the
/// dataset in use. A reference to it costs nothing: the checker reuses the
/// resolved form (it never re-checks the definition, which could be
/// exponential for `let b = a + a`). `use` resolves every definition again,
/// in order, so bindings follow the data when the new dataset has what they
/// need and say why not when it lacks it.
public struct Binding: Sendable {
    public var name: String
    public var expression: Expression
    public var source: SourceFile
    public var type: ValueType
    /// The definition resolved against the dataset in use; nil when that
    /// dataset lacks something it needs (`unavailable` says what).
    public var resolved: TypedExpression?
    public var unavailable: String?

    public var text: String { source.text(of: expression.range) }
}

public struct Settings: Sendable, Equatable {
    /// The years used by statements without `in` or `during`; nil means every
    /// year that has data.
    public var years: ClosedRange<Int>?
    /// The correlation method used without `using`.
    public var method: CorrelationMethod

    public init(years: ClosedRange<Int>? = nil, method: CorrelationMethod = .pearson) {
        self.years = years
        self.method = method
    }

    /// The names `set` accepts, for messages and completion.
    public static let names = Setting.allCases.map(\.rawValue)
}

/// The datasets `use` can switch to. The executable passes the built-in ones
/// and a way to load files; the core itself never reads files.
public struct DatasetCatalog: Sendable {
    public var names: [String]
    private var loader: @Sendable (String) -> Dataset?
    private var fileLoader: (@Sendable (String, DatasetFormat?, LoadOptions) -> Result<LoadedDataset, DataFileProblem>)?
    /// How `use postgres "…"` connects; nil when this front end connects to no database.
    public var databases: DatabaseConnector?

    public init(
        names: [String], load: @escaping @Sendable (String) -> Dataset?,
        loadFile: (@Sendable (String, DatasetFormat?, LoadOptions) -> Result<LoadedDataset, DataFileProblem>)? = nil,
        databases: DatabaseConnector? = nil
    ) {
        self.names = names
        self.loader = load
        self.fileLoader = loadFile
        self.databases = databases
    }

    public func load(_ name: String) -> Dataset? {
        names.contains(name) ? loader(name) : nil
    }

    /// Loads a user's file or folder; nil when this front end reads no files.
    public func loadFile(
        _ path: String, as format: DatasetFormat?, options: LoadOptions = .none
    ) -> Result<LoadedDataset, DataFileProblem>? {
        fileLoader?(path, format, options)
    }
}

public struct LoadedDataset: Sendable {
    public var dataset: Dataset
    public var report: LoadReport

    public init(dataset: Dataset, report: LoadReport) {
        self.dataset = dataset
        self.report = report
    }
}

/// Why a file could not be loaded, with the offending line's text when
/// there is one, so the diagnostic can quote it under a caret.
public struct DataFileProblem: Error, Sendable {
    public var error: DataLoadError
    public var lineText: String?

    public init(error: DataLoadError, lineText: String?) {
        self.error = error
        self.lineText = lineText
    }
}

/// What `set` can change. `set years = …` is accepted as `year`.
public enum Setting: String, Sendable, CaseIterable {
    /// The years of statements without `in` or `during`.
    case year
    /// The correlation method of statements without `using`.
    case method

    public init?(named text: String) {
        let lowered = text.lowercased()
        self.init(rawValue: lowered == "years" ? "year" : lowered)
    }
}
