import CQCore

/// The answer lines of `cq serve`, one JSON object each (Editors/PROTOCOL.md).
enum ServeResponse {
    /// One statement's result in every form a client may show: plain text
    /// (the table `cq` prints), Markdown, the JSON result, and SVG for a plot.
    struct Output {
        var plain: String
        var markdown: String
        var json: String
        var svg: String?

        init(_ result: StatementResult) {
            plain = ResultRenderer(format: .table).render(result)
            markdown = ResultRenderer(format: .markdown).render(result)
            json = ResultRenderer(format: .json).render(result).trimmingNewlines
            if case .plot(let plot) = result.value { svg = SVGPlot.render(plot.scatterPlot) }
        }
    }

    static func object(id: JSON?, _ fields: [(String, JSON)]) -> String {
        JSON.object([("id", id ?? .null)] + fields).serialized()
    }

    static func failure(id: JSON?, _ message: String) -> String {
        object(id: id, [("status", .string("error")), ("message", .string(message))])
    }

    static func results(id: JSON?, status: String, _ outputs: [Output], problems: [String]) -> String {
        // The JSON result goes in as JSON, not as a string of it.
        var text = "{\"id\":" + (id ?? .null).serialized() + ",\"status\":"
        JSON.quote(status, into: &text)
        text += ",\"outputs\":["
        for (index, output) in outputs.enumerated() {
            if index > 0 { text += "," }
            text += "{\"text/plain\":"
            JSON.quote(output.plain, into: &text)
            text += ",\"text/markdown\":"
            JSON.quote(output.markdown, into: &text)
            text += ",\"application/json\":" + (output.json.isEmpty ? "null" : output.json)
            if let svg = output.svg {
                text += ",\"image/svg+xml\":"
                JSON.quote(svg, into: &text)
            }
            text += "}"
        }
        text += "],\"problems\":" + JSON.array(problems.map { .string($0) }).serialized() + "}"
        return text
    }

    static func diagnostics(id: JSON?, _ diagnostics: [Diagnostic]) -> String {
        let items = diagnostics.map { DiagnosticJSON.object($0, withFile: false) }
        return object(
            id: id,
            [
                ("status", .string("error")), ("diagnostics", .array(items)),
                // As the terminal shows them: cell:line:column, the line, a caret, the help.
                ("text", .string(DiagnosticRenderer(useColor: false).render(diagnostics))),
            ])
    }

    static func completion(id: JSON?, _ completions: Completions) -> String {
        object(
            id: id,
            [
                ("status", .string("ok")), ("matches", .array(completions.candidates.map { .string($0) })),
                ("cursor_start", .integer(completions.replacing.lowerBound)),
                ("cursor_end", .integer(completions.replacing.upperBound)),
            ])
    }

    static func inspection(id: JSON?, _ text: String?) -> String {
        object(
            id: id,
            [("status", .string("ok")), ("found", .bool(text != nil)), ("text", text.map { .string($0) } ?? .null)])
    }
}

extension String {
    fileprivate var trimmingNewlines: String {
        var text = Substring(self)
        while text.last == "\n" { text.removeLast() }
        return String(text)
    }
}
