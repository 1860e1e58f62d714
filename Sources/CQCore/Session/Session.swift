/// One interpreter: the dataset in use, bindings and settings, and the
/// pipeline source → tokens → syntax → checked statements → results.
///
/// The script runner, the REPL and the document runner are thin shells
/// around it. It does no I/O: results come back as values, through a
/// callback as each statement finishes so long scripts stream.
public struct Session: Sendable {
    public private(set) var state: SessionState
    public let catalog: DatasetCatalog

    public init(dataset: Dataset, catalog: DatasetCatalog) {
        self.state = SessionState(dataset: dataset)
        self.catalog = catalog
    }

    /// A program ready to run: every statement of every source checked, in
    /// order, against the state the statements before it leave.
    public struct Prepared: Sendable {
        public var statements: [CheckedStatement]
        /// Lexical, syntax and checking errors of all sources, each source's
        /// in source order. Nothing may run unless this is empty.
        public var diagnostics: [Diagnostic]
        /// True when the last source stops in the middle of a statement.
        public var isIncomplete: Bool
    }

    /// True when the text stops in the middle of a statement. The REPL asks
    /// this before preparing, so that a continuation line costs a parse, not
    /// a check (which would load the data file of a pending `use`).
    public static func isIncomplete(_ source: SourceFile) -> Bool {
        Parser.parse(source).isIncomplete
    }

    /// Parses and checks without running or changing anything.
    public func prepare(_ sources: [SourceFile]) -> Prepared {
        var state = self.state
        var statements: [CheckedStatement] = []
        var diagnostics: [Diagnostic] = []
        var incomplete = false
        for source in sources {
            let parsed = Parser.parse(source)
            incomplete = parsed.isIncomplete
            let checked = Checker.check(parsed.statements, in: source, state: state, catalog: catalog)
            // Syntax errors and type errors of the same source interleave by position.
            diagnostics += (parsed.diagnostics + checked.diagnostics).sorted { $0.order < $1.order }
            statements += checked.statements
            state = checked.stateAfter
        }
        return Prepared(statements: statements, diagnostics: diagnostics, isIncomplete: incomplete)
    }

    /// Runs prepared statements in order, handing each result to `deliver`
    /// as soon as it exists. The session adopts each statement's effects
    /// (`use`, `let`, `set`) once it has run, so an interruption leaves the
    /// state of the last statement that finished.
    public mutating func execute(
        _ prepared: Prepared,
        isCancelled: @escaping @Sendable () -> Bool = { false },
        deliver: (StatementResult) -> Void
    ) throws(Evaluator.Cancelled) {
        precondition(prepared.diagnostics.isEmpty, "execute() needs a program without errors")
        let evaluator = Evaluator(isCancelled: isCancelled)
        for statement in prepared.statements {
            let result: StatementResult
            do {
                result = try evaluator.run(statement)
            } catch {
                throw Evaluator.Cancelled()
            }
            state = statement.stateAfter
            deliver(result)
        }
    }

    /// Parses, checks and runs one source, collecting the results: the
    /// convenient form for tests and for a REPL line.
    public mutating func run(_ source: SourceFile, isCancelled: @escaping @Sendable () -> Bool = { false })
        -> RunOutcome
    {
        let prepared = prepare([source])
        guard prepared.diagnostics.isEmpty else {
            return RunOutcome(results: [], diagnostics: prepared.diagnostics, cancelled: false)
        }
        var results: [StatementResult] = []
        do {
            try execute(prepared, isCancelled: isCancelled) { results.append($0) }
        } catch {
            return RunOutcome(results: results, diagnostics: [], cancelled: true)
        }
        return RunOutcome(results: results, diagnostics: [], cancelled: false)
    }

    public mutating func run(_ text: String, name: String = "<input>") -> RunOutcome {
        run(SourceFile(name: name, text: text))
    }
}

public struct RunOutcome: Sendable {
    public var results: [StatementResult]
    public var diagnostics: [Diagnostic]
    public var cancelled: Bool
}
