/// Diagnostics as JSON lines, the machine-readable form of what
/// `DiagnosticRenderer` draws.
public enum DiagnosticJSON {
    /// Diagnostics as JSON, one object per line, for editors and CI with
    /// `--format json` (on standard error): `code`, `severity`, `file`,
    /// `line`, `column`, `end_line`, `end_column` (the column after the
    /// last character), `message`, `help` (a list).
    public static func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { object($0).serialized() + "\n" }.joined()
    }

    /// One diagnostic as a JSON object; without `file` where the reader
    /// knows the source already (`cq serve` answers about the cell it sent).
    package static func object(_ diagnostic: Diagnostic, withFile: Bool = true) -> JSON {
        let start = diagnostic.source.location(of: diagnostic.range.start)
        let end = diagnostic.source.location(of: diagnostic.range.end)
        var fields: [(String, JSON)] = [
            ("code", .string(diagnostic.code.rawValue)), ("severity", .string(diagnostic.severity.rawValue)),
        ]
        if withFile { fields.append(("file", .string(diagnostic.source.name))) }
        fields += [
            ("line", .integer(start.line)), ("column", .integer(start.column)), ("end_line", .integer(end.line)),
            ("end_column", .integer(end.column)), ("message", .string(diagnostic.message)),
            ("help", .array(diagnostic.help.map { .string($0) })),
        ]
        return .object(fields)
    }
}
