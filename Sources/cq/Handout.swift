import CQCore

/// A REPL session written out as a Markdown lesson: each statement that ran
/// in a ```cq block, its results in the ```output block after it, in the
/// Markdown format `cq doc` records, so `cq doc --check` can tell later
/// whether the numbers still hold.
enum Handout {
    struct Entry {
        var statement: String
        var results: [StatementResult]
    }

    static func markdown(_ entries: [Entry]) -> String {
        let renderer = ResultRenderer(format: .markdown)
        var text = "# cq session\n"
        for entry in entries {
            text += "\n```cq\n\(entry.statement)\n```\n"
            let output = entry.results.map(renderer.render).joined(separator: "\n")
            text += "\n```output\n\(output)```\n"
        }
        return text
    }
}
