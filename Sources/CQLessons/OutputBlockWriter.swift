import CQCore

/// Writes an output block: the fence, an info string with provenance, the
/// output's lines. No line ending after the closing fence: the block replaces
/// a range that ends before one.
enum OutputBlockWriter {
    static func block(
        content: String, like fence: Fence, otherWords: [String],
        data: String, query: String, lineEnding: String
    ) -> String {
        let lines = OutputComparison.significantLines(content)
        // A content line starting with as long a run of the fence character
        // would close the block early: make the fence longer than any.
        let longest =
            lines.map { line in
                line.drop { $0 == " " }.prefix { $0 == fence.character }.count
            }.max() ?? 0
        let marker = String(repeating: String(fence.character), count: max(3, fence.length, longest + 1))
        let indent = String(repeating: " ", count: fence.indent)
        let info = (["output", "data=\(data)", "query=\(query)"] + otherWords).joined(separator: " ")
        var out = indent + marker + info
        for line in lines {
            out += lineEnding + (line.isEmpty ? "" : indent + line)
        }
        return out + lineEnding + indent + marker
    }
}
