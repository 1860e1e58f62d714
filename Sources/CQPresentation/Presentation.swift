/// A result laid out for reading, independent of the output format: what the
/// table, Markdown and CSV renderers share. JSON is written from the result
/// values directly (`JSONWriter`) because its keys are a public contract.
package struct Presentation {
    package enum Section {
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

    package var sections: [Section] = []

    package init() {}

    package mutating func add(_ section: Section) {
        sections.append(section)
    }
}

package struct Table {
    package enum Alignment { case left, right }

    package struct Column {
        package var name: String
        package var alignment: Alignment

        package init(name: String, alignment: Alignment) {
            self.name = name
            self.alignment = alignment
        }
    }

    package var columns: [Column]
    /// Cells already formatted by the number rule; CSV gets exact values in
    /// `exactRows` when they differ.
    package var rows: [[String]]
    package var exactRows: [[String]]?

    package init(columns: [Column], rows: [[String]], exactRows: [[String]]?) {
        self.columns = columns
        self.rows = rows
        self.exactRows = exactRows
    }
}
