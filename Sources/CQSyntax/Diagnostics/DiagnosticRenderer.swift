/// Draws a diagnostic the way compilers do:
///
///     lesson.cq:3:28: error[E301]: unknown name `inovation`
///       3 | correlate competitiveness, inovation where region = "EU"
///         |                            ^~~~~~~~~
///       help: did you mean `innovation`?
///
/// Pure: returns text; the caller decides where it goes and whether the
/// terminal gets colour.
public struct DiagnosticRenderer: Sendable {
    public var useColor: Bool

    public init(useColor: Bool = false) {
        self.useColor = useColor
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let source = diagnostic.source
        let start = source.location(of: diagnostic.range.start)
        let severityColor = diagnostic.severity == .error ? ANSI.red : ANSI.yellow
        var out = paint("\(source.name):\(start):", ANSI.bold)
        out += " " + paint("\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]:", severityColor + ANSI.bold)
        out += " " + paint(diagnostic.message, ANSI.bold) + "\n"

        let lineText = source.lineText(start.line)
        let gutter = String(start.line)
        let pad = String(repeating: " ", count: gutter.count)
        out += "  " + paint(gutter + " |", ANSI.blue) + " " + lineText + "\n"

        // The caret line repeats the line's tabs so the caret lands under the
        // text in any tab width; every other character becomes one space.
        let lineCharacters = Array(lineText)
        let caretStart = start.column - 1
        let end = source.location(of: diagnostic.range.end)
        let caretEnd = end.line == start.line ? end.column - 1 : lineCharacters.count
        let width = max(1, caretEnd - caretStart)
        var indent = ""
        for index in 0..<min(caretStart, lineCharacters.count) {
            indent += lineCharacters[index] == "\t" ? "\t" : " "
        }
        if caretStart > lineCharacters.count {
            indent += String(repeating: " ", count: caretStart - lineCharacters.count)
        }
        let marks = "^" + String(repeating: "~", count: width - 1)
        out += "  " + paint(pad + " |", ANSI.blue) + " " + indent + paint(marks, severityColor + ANSI.bold) + "\n"

        for line in diagnostic.help {
            out += "  " + paint("help:", ANSI.cyan + ANSI.bold) + " " + line + "\n"
        }
        return out
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    private func paint(_ text: String, _ code: String) -> String {
        useColor ? code + text + ANSI.reset : text
    }
}

/// Terminal escape sequences, used only when the caller asked for colour.
enum ANSI {
    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"
    static let red = "\u{1B}[31m"
    static let yellow = "\u{1B}[33m"
    static let blue = "\u{1B}[34m"
    static let cyan = "\u{1B}[36m"
}
