/// Everything a statement can depend on and change: the dataset in use, the
/// `let` bindings and the `set` settings. A value: the checker threads a copy
/// through a script, and the session adopts it statement by statement only
/// as each one succeeds, so a failing statement changes nothing.
public struct SessionState: Sendable {
    public var dataset: Dataset
    public var bindings: [String: Binding]
    public var settings: Settings

    public init(dataset: Dataset, bindings: [String: Binding] = [:], settings: Settings = Settings()) {
        self.dataset = dataset
        self.bindings = bindings
        self.settings = settings
    }
}

/// `let name = expression`: kept as written and checked again wherever it is
/// used, so it follows `use` to another dataset when that dataset has the
/// same indicators.
public struct Binding: Sendable {
    public var name: String
    public var expression: Expression
    public var source: SourceFile
    public var type: ValueType

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
    public static let names = ["year", "method"]
}

/// The datasets `use NAME` can switch to. The executable passes the built-in
/// ones; the core itself never reads files.
public struct DatasetCatalog: Sendable {
    public var names: [String]
    private var loader: @Sendable (String) -> Dataset?

    public init(names: [String], load: @escaping @Sendable (String) -> Dataset?) {
        self.names = names
        self.loader = load
    }

    public func load(_ name: String) -> Dataset? {
        names.contains(name) ? loader(name) : nil
    }
}
