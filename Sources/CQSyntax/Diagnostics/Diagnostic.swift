/// A problem found in a program, as data. Rendering it (with the source line
/// and a caret) is a separate pure function: `DiagnosticRenderer`.
package struct Diagnostic: Sendable, Equatable {
    package enum Severity: String, Sendable {
        case error
        case warning
    }

    package var code: DiagnosticCode
    package var severity: Severity
    /// Lowercase, user text in backticks, saying what was expected and found.
    package var message: String
    package var source: SourceFile
    package var range: SourceRange
    /// Suggestions, each rendered on its own `help:` line.
    package var help: [String]
    /// Where in the program the problem belongs when `range` lies in another
    /// file (a data file that `use` loads): diagnostics are listed in this
    /// order.
    package var anchor: Int?

    /// The position that orders diagnostics: the program's, not the data file's.
    package var order: Int { anchor ?? range.start }

    package init(
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

    package var location: SourceLocation { source.location(of: range.start) }

    package static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        a.code == b.code && a.severity == b.severity && a.message == b.message
            && a.source === b.source && a.range == b.range && a.help == b.help
    }
}

/// The error thrown by any stage that stops on its first problem, and the way
/// a whole batch of problems travels out of `Session`.
package struct DiagnosticList: Error, Sendable {
    package var diagnostics: [Diagnostic]

    package init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}
