/// Renders a presentation as aligned plain text, as Markdown, or as CSV.
package struct TextRenderer {
    package let format: OutputFormat
    /// The terminal's width in characters, which the table format lays its
    /// text out within (`TextLayout`); nil for no limit, as when the output
    /// is not a terminal. Markdown and CSV are data and ignore it.
    package let width: Int?

    package init(format: OutputFormat, width: Int? = nil) {
        self.format = format
        self.width = width
    }

    package func render(_ presentation: Presentation) -> String {
        var blocks: [String] = []
        for section in presentation.sections {
            switch (format, section) {
            case (.table, .heading(let text)):
                blocks.append(TextLayout.wrapLines(text, width: width))
            case (.markdown, .heading(let text)):
                blocks.append("**" + escapeMarkdown(text) + "**\n")
            case (.table, .preformatted(let text)):
                blocks.append(text)
            case (.markdown, .preformatted(let text)):
                blocks.append(
                    text.split(separator: "\n", omittingEmptySubsequences: false)
                        .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n") + "\n")
            case (.csv, .heading), (.csv, .note), (.csv, .preformatted), (.json, _):
                continue
            case (.table, .table(let table)):
                blocks.append(plain(table))
            case (.markdown, .table(let table)):
                blocks.append(markdown(table) + "\n")
            case (.csv, .table(let table)):
                blocks.append(csv(table))
            case (.table, .facts(let facts)):
                let labelWidth = facts.map { $0.label.count }.max() ?? 0
                // A long value continues under the values, not under the labels.
                let indent = String(repeating: " ", count: labelWidth + 4)
                blocks.append(
                    facts.flatMap { fact in
                        let label =
                            fact.label.isEmpty
                            ? String(repeating: " ", count: labelWidth + 1)
                            : fact.label + ":" + String(repeating: " ", count: labelWidth - fact.label.count)
                        let line = "  " + label + " " + fact.value
                        guard let width else { return [line] }
                        return TextLayout.wrap(line, width: width, indent: indent)
                    }.joined(separator: "\n"))
            case (.markdown, .facts(let facts)):
                blocks.append(
                    facts.map { fact in
                        fact.label.isEmpty
                            ? "  " + escapeMarkdown(fact.value)
                            : "- **\(escapeMarkdown(fact.label))**: " + escapeMarkdown(fact.value)
                    }.joined(separator: "\n") + "\n")
            case (.csv, .facts(let facts)):
                let table = Table(
                    columns: [.init(name: "field", alignment: .left), .init(name: "value", alignment: .left)],
                    textRows: facts.map { [$0.label, $0.value] })
                blocks.append(csv(table))
            case (.table, .note(let text)):
                blocks.append(TextLayout.wrapLines(text, width: width))
            case (.markdown, .note(let text)):
                blocks.append(escapeMarkdown(text) + "\n")
            }
        }
        var text = blocks.joined(separator: "\n")
        if format == .markdown {
            // Markdown paragraphs end with a blank line; keep exactly one at the end.
            while text.hasSuffix("\n\n") { text.removeLast() }
        }
        return text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    }

    /// The cells as text in this renderer's format: exact in CSV (empty when
    /// missing); otherwise by the number rule, each column of values in one
    /// format, a dash when missing.
    package func text(of table: Table) -> [[String]] {
        let exact = format == .csv
        let missing = exact ? "" : NumberFormat.missing
        var rows = table.rows.map { row in
            row.map { cell -> String in
                switch cell {
                case .text(let text): return text
                case .integer(let n): return String(n)
                case .missing: return missing
                case .value(nil), .coefficient(nil), .probability(nil), .statistic(nil): return missing
                // A `where` after several patterns guards only the last, so each kind tests `exact` itself.
                // On screen a value takes its column's format, set below.
                case .value(let x?): return exact ? NumberFormat.exact(x) : NumberFormat.value(x)
                case .coefficient(let x?): return exact ? NumberFormat.exact(x) : NumberFormat.coefficient(x)
                case .probability(let x?):
                    return exact && x >= NumberFormat.smallestPrintedP ? NumberFormat.exact(x) : NumberFormat.pValue(x)
                case .statistic(let x?): return exact ? NumberFormat.exact(x) : NumberFormat.statistic(x)
                }
            }
        }
        guard !exact else { return rows }
        for column in table.columns.indices {
            var positions: [Int] = []
            var values: [Double] = []
            for (index, row) in table.rows.enumerated() where column < row.count {
                if case .value(let x?) = row[column] {
                    positions.append(index)
                    values.append(x)
                }
            }
            guard !values.isEmpty else { continue }
            for (position, formatted) in zip(positions, NumberFormat.column(values)) {
                rows[position][column] = formatted
            }
        }
        return rows
    }

    private func plain(_ table: Table) -> String {
        TextLayout.table(
            table.columns.map { TextLayout.Column(name: $0.name, rightAligned: $0.alignment == .right) },
            text(of: table), width: width)
    }

    private func markdown(_ table: Table) -> String {
        var lines = [
            "| " + table.columns.map { escapeMarkdown($0.name).replacingPipes }.joined(separator: " | ") + " |"
        ]
        lines.append("|" + table.columns.map { $0.alignment == .right ? "---:" : "---" }.joined(separator: "|") + "|")
        for row in text(of: table) {
            lines.append("| " + row.map { escapeMarkdown($0).replacingPipes }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    private func csv(_ table: Table) -> String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
        let rows = text(of: table)
        var lines = [table.columns.map { field($0.name) }.joined(separator: ",")]
        lines += rows.map { $0.map(field).joined(separator: ",") }
        return lines.joined(separator: "\n") + "\n"
    }

    private func escapeMarkdown(_ text: String) -> String {
        // Significance stars would turn into emphasis; underscores inside
        // words (gdp_per_capita) are safe in CommonMark.
        var out = ""
        for character in text {
            if character == "*" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

extension String {
    fileprivate var replacingPipes: String {
        split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
