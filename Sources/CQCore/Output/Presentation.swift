/// A result laid out for reading, independent of the output format: what the
/// table, Markdown and CSV renderers share. JSON is written from the result
/// values directly (`JSONWriter`) because its keys are a public contract.
struct Presentation {
    enum Section {
        /// A line that says what the result is.
        case heading(String)
        case table(Table)
        /// Labelled facts, e.g. `describe`.
        case facts([(label: String, value: String)])
        /// The sample ledger, notes and legends.
        case note(String)
        /// Text laid out in columns (a plot): never escaped, and in
        /// Markdown an indented code block so it keeps its shape.
        case preformatted(String)
    }

    var sections: [Section] = []

    mutating func add(_ section: Section) {
        sections.append(section)
    }
}

struct Table {
    enum Alignment { case left, right }

    struct Column {
        var name: String
        var alignment: Alignment
    }

    var columns: [Column]
    /// Cells already formatted by the number rule; CSV gets exact values in
    /// `exactRows` when they differ.
    var rows: [[String]]
    var exactRows: [[String]]?
}
