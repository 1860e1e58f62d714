import CQCore

/// A REPL session written out as a Markdown lesson: each statement that ran,
/// in order, in a ```cq block. `.save` then fills in the ```output blocks the
/// way `cq doc --update` does (replaying the statements in a fresh session
/// on the same starting dataset), so `cq doc --check` accepts the handout
/// and can later tell whether its numbers still hold.
enum Handout {
    static func skeleton(_ statements: [String], startingOn dataset: String) -> String {
        var text =
            "# cq session\n\nStatements from an interactive cq session on the `\(dataset)` dataset, with their results.\n"
        text += "`cq doc --check` on this file says whether they still hold.\n"
        for statement in statements {
            text += "\n```cq\n\(statement)\n```\n"
        }
        return text
    }
}
