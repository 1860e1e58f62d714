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
    /// Typed cells: the renderer formats the numbers for its format (the
    /// number rule on screen and in Markdown, exact in CSV).
    package var rows: [[TableCell]]

    package init(columns: [Column], rows: [[TableCell]]) {
        self.columns = columns
        self.rows = rows
    }

    /// A table of text that is already what it should say (names, units,
    /// sentences).
    package init(columns: [Column], textRows: [[String]]) {
        self.init(columns: columns, rows: textRows.map { $0.map(TableCell.text) })
    }
}

/// One cell of a table, typed by what kind of number it holds, so that each
/// renderer decides how to write it and a missing value is a value, not a
/// dash to be recognised later.
package enum TableCell: Equatable {
    case text(String)
    /// A measured value; the values of one column share one format
    /// (`NumberFormat.column`), so they read alike.
    case value(Double?)
    /// A correlation or a share between −1 and 1: three decimals.
    case coefficient(Double?)
    /// A p-value: `NumberFormat.pValue`.
    case probability(Double?)
    /// A test statistic (t, F, z).
    case statistic(Double?)
    /// A whole-number count or year written as digits.
    case integer(Int)
    case missing
}
