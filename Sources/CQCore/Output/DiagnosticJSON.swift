/// Diagnostics as JSON lines, the machine-readable form of what
/// `DiagnosticRenderer` draws.
public enum DiagnosticJSON {
    /// Diagnostics as JSON, one object per line, for editors and CI with
    /// `--format json` (on standard error): `code`, `severity`, `file`,
    /// `line`, `column`, `end_line`, `end_column` (the column after the
    /// last character), `message`, `help` (a list).
    public static func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { diagnostic in
            let start = diagnostic.source.location(of: diagnostic.range.start)
            let end = diagnostic.source.location(of: diagnostic.range.end)
            return JSON.object([
                ("code", .string(diagnostic.code.rawValue)), ("severity", .string(diagnostic.severity.rawValue)),
                ("file", .string(diagnostic.source.name)), ("line", .integer(start.line)),
                ("column", .integer(start.column)), ("end_line", .integer(end.line)),
                ("end_column", .integer(end.column)), ("message", .string(diagnostic.message)),
                ("help", .array(diagnostic.help.map { .string($0) })),
            ]).serialized() + "\n"
        }.joined()
    }
}
