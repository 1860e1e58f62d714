/// Everything a statement can depend on and change: the dataset in use, the
/// `let` bindings and the `set` settings. A value: the checker threads a copy
/// through a script, and the session adopts it statement by statement only
/// as each one succeeds, so a failing statement changes nothing.
package struct SessionState: Sendable {
    package var dataset: Dataset
    /// The bindings in force, by name.
    package var bindings: [String: Binding]
    /// Every `let` in the order it ran, shadowed ones included: `use`
    /// replays them against the new dataset.
    package var definitions: [Binding]
    package var settings: Settings

    package init(dataset: Dataset, settings: Settings = Settings()) {
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
package struct Binding: Sendable {
    package var name: String
    package var expression: Expression
    package var source: SourceFile
    package var type: ValueType
    /// The definition resolved against the dataset in use; nil when that
    /// dataset lacks something it needs (`unavailable` says what).
    package var resolved: TypedExpression?
    package var unavailable: String?

    package var text: String { source.text(of: expression.range) }
}

package struct Settings: Sendable, Equatable {
    /// The years used by statements without `in` or `during`; nil means every
    /// year that has data.
    package var years: ClosedRange<Int>?
    /// The correlation method used without `using`.
    package var method: CorrelationMethod

    package init(years: ClosedRange<Int>? = nil, method: CorrelationMethod = .pearson) {
        self.years = years
        self.method = method
    }

    /// The names `set` accepts, for messages and completion.
    package static let names = Setting.allCases.map(\.rawValue)
}

/// The datasets `use` can switch to. The executable passes the built-in ones
/// and a way to load files; the core itself never reads files.
package struct DatasetCatalog: Sendable {
    package var names: [String]
    private var loader: @Sendable (String) -> Dataset?
    private var fileLoader: (@Sendable (String, DatasetFormat?) -> Result<LoadedDataset, DataFileProblem>)?

    package init(
        names: [String], load: @escaping @Sendable (String) -> Dataset?,
        loadFile: (@Sendable (String, DatasetFormat?) -> Result<LoadedDataset, DataFileProblem>)? = nil
    ) {
        self.names = names
        self.loader = load
        self.fileLoader = loadFile
    }

    package func load(_ name: String) -> Dataset? {
        names.contains(name) ? loader(name) : nil
    }

    /// Loads a user's file or folder; nil when this front end reads no files.
    package func loadFile(_ path: String, as format: DatasetFormat?) -> Result<LoadedDataset, DataFileProblem>? {
        fileLoader?(path, format)
    }
}

package struct LoadedDataset: Sendable {
    package var dataset: Dataset
    package var report: LoadReport

    package init(dataset: Dataset, report: LoadReport) {
        self.dataset = dataset
        self.report = report
    }
}

/// Why a file could not be loaded, with the offending line's text when
/// there is one, so the diagnostic can quote it under a caret.
package struct DataFileProblem: Error, Sendable {
    package var error: DataLoadError
    package var lineText: String?

    package init(error: DataLoadError, lineText: String?) {
        self.error = error
        self.lineText = lineText
    }
}

/// What `set` can change. `set years = …` is accepted as `year`.
package enum Setting: String, Sendable, CaseIterable {
    /// The years of statements without `in` or `during`.
    case year
    /// The correlation method of statements without `using`.
    case method

    package init?(named text: String) {
        let lowered = text.lowercased()
        self.init(rawValue: lowered == "years" ? "year" : lowered)
    }
}
