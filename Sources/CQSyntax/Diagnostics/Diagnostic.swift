/// A problem found in a program, as data. Rendering it (with the source line
/// and a caret) is a separate pure function: `DiagnosticRenderer`.
public struct Diagnostic: Sendable, Equatable {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var code: DiagnosticCode
    public var severity: Severity
    /// Lowercase, user text in backticks, saying what was expected and found.
    public var message: String
    public var source: SourceFile
    public var range: SourceRange
    /// Suggestions, each rendered on its own `help:` line.
    public var help: [String]
    /// Where in the program the problem belongs when `range` lies in another
    /// file (a data file that `use` loads): diagnostics are listed in this
    /// order.
    public var anchor: Int?

    /// The position that orders diagnostics: the program's, not the data file's.
    public var order: Int { anchor ?? range.start }

    public init(
        _ code: DiagnosticCode, _ message: String,
        source: SourceFile, range: SourceRange,
        severity: Severity = .error, help: [String] = []
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.source = source
        self.range = range
        self.help = help
    }

    public var location: SourceLocation { source.location(of: range.start) }

    public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        a.code == b.code && a.severity == b.severity && a.message == b.message
            && a.source === b.source && a.range == b.range && a.help == b.help
    }
}

/// The error thrown by any stage that stops on its first problem, and the way
/// a whole batch of problems travels out of `Session`.
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}
