/// A scatter plot as plain text for a terminal: points as Unicode braille
/// dots (each character cell holds 2 × 4 dots, so a 64 × 16 cell area has
/// 128 × 64 positions), box-drawing axes, and labels as ordinary text.
///
///                 innovation against competitiveness
///
///     innovation (index)
///     60 ┤          ⠁A
///        │
///     …
///      0 ┤
///        └┬─────────┬─────────┬─
///         0        20        40
///           competitiveness (score 0–100)
///
///     Source: …
///
/// The output is deterministic (no colour, no terminal queries), has no
/// trailing spaces, and ends every line with "\n", so it can be compared
/// with a golden file and pasted anywhere.
public enum TerminalPlot {
    /// The plot area is at least 20 × 4 cells: 20 columns hold the note
    /// "no points to plot" on one row, and 4 rows two y ticks. The upper
    /// bound only keeps a mistaken size from allocating without limit.
    package static let columnRange = 20...500
    package static let rowRange = 4...200

    /// `width` × `height` is the plot area in character cells; tick labels,
    /// the axes and the titles are around it.
    public static func render(_ plot: ScatterPlot, width: Int = 64, height: Int = 16) -> String {
        let columns = min(max(width, columnRange.lowerBound), columnRange.upperBound)
        let rows = min(max(height, rowRange.lowerBound), rowRange.upperBound)
        // About one x tick per 10 cells leaves room for labels like "2.5bn";
        // one y tick per 3 rows keeps the left column from crowding.
        let (xScale, yScale) = plot.scales(xTickCount: max(2, columns / 10), yTickCount: max(2, rows / 3))
        var canvas = BrailleCanvas(columns: columns, rows: rows)

        if let fit = plot.fit {
            canvas.draw(fit, x: xScale, y: yScale)
        }
        for connection in plot.connections
        where [connection.from.x, connection.from.y, connection.to.x, connection.to.y].allSatisfy(\.isFinite) {
            canvas.drawStroke(
                from: canvas.dot(x: xScale.fraction(of: connection.from.x), y: yScale.fraction(of: connection.from.y)),
                to: canvas.dot(x: xScale.fraction(of: connection.to.x), y: yScale.fraction(of: connection.to.y)))
        }
        let points = plot.drawablePoints
        let dots = points.map { canvas.dot(x: xScale.fraction(of: $0.x), y: yScale.fraction(of: $0.y)) }
        for dot in dots {
            canvas.setPointDot(dot)
        }
        // Labels after every dot, so that no label hides a later point.
        for (point, dot) in zip(points, dots) {
            if let label = point.label.map(\.printable), !label.isEmpty {
                _ = canvas.placeLabel(label, beside: dot)
            }
        }
        if points.isEmpty {
            canvas.writeCentred("no points to plot", row: rows / 2)
        }

        return PlotText(canvas: canvas, plot: plot, xScale: xScale, yScale: yScale).lines
            .map { $0.trimmingTrailingSpaces + "\n" }
            .joined()
    }
}

/// The plot area: dots in braille cells, and text written over cells.
/// Point dots and line dots are kept apart because they differ in
/// precedence: a label may cover the fit line, never a point, and a point's
/// cell drops the line's dots.
private struct BrailleCanvas {
    package struct Dot {
        package var column: Int
        package var row: Int
    }

    package let columns: Int
    package let rows: Int
    private var pointDots: [UInt8]
    private var lineDots: [UInt8]
    private var text: [Character?]

    package init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        pointDots = Array(repeating: 0, count: columns * rows)
        lineDots = pointDots
        text = Array(repeating: nil, count: columns * rows)
    }

    package var dotColumns: Int { columns * 2 }
    package var dotRows: Int { rows * 4 }

    /// The dot for fractions of the way along each axis (0…1, y upwards).
    package func dot(x: Double, y: Double) -> Dot {
        Dot(
            column: Int((x * Double(dotColumns - 1)).rounded()),
            row: Int(((1 - y) * Double(dotRows - 1)).rounded()))
    }

    package mutating func setPointDot(_ dot: Dot) {
        pointDots[cellIndex(dot)] |= Self.bit(dot)
    }

    /// The line across the whole plot area. Each dot column gets the dots
    /// the line passes through between its left and right edges, so a steep
    /// line stays connected instead of breaking into dashes.
    package mutating func draw(_ line: ScatterPlot.Line, x: AxisScale, y: AxisScale) {
        let lastRow = Double(dotRows - 1)
        func dotRow(atColumn column: Double) -> Double? {
            let fraction = min(max(column / Double(dotColumns - 1), 0), 1)
            let value = line.y(at: x.value(at: fraction))
            let span = y.upper - y.lower
            guard value.isFinite, span > 0 else { return nil }
            let row = (1 - (value - y.lower) / span) * lastRow
            return row.isFinite ? row : nil
        }
        for column in 0..<dotColumns {
            guard let left = dotRow(atColumn: Double(column) - 0.5),
                let right = dotRow(atColumn: Double(column) + 0.5)
            else { continue }
            let top = min(left, right).rounded()
            let bottom = max(left, right).rounded()
            guard bottom >= 0, top <= lastRow else { continue }
            for row in Int(max(top, 0))...Int(min(bottom, lastRow)) {
                let dot = Dot(column: column, row: row)
                lineDots[cellIndex(dot)] |= Self.bit(dot)
            }
        }
    }

    /// The dots on the straight stroke between two dots (Bresenham), drawn
    /// as line dots: a label may cover them, never a point.
    package mutating func drawStroke(from start: Dot, to end: Dot) {
        var column = start.column
        var row = start.row
        let dx = abs(end.column - start.column)
        let dy = -abs(end.row - start.row)
        let stepX = start.column < end.column ? 1 : -1
        let stepY = start.row < end.row ? 1 : -1
        var error = dx + dy
        while true {
            let dot = Dot(column: column, row: row)
            lineDots[cellIndex(dot)] |= Self.bit(dot)
            if column == end.column, row == end.row { break }
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                column += stepX
            }
            if doubled <= dx {
                error += dx
                row += stepY
            }
        }
    }

    /// Writes `label` right of the dot's cell, or else left of it. A place
    /// clear of all dots is preferred; failing that the label may cover the
    /// fit line but never a point or another label. Returns whether it was
    /// written.
    package mutating func placeLabel(_ label: String, beside dot: Dot) -> Bool {
        let characters = Array(label)
        let row = dot.row / 4
        let column = dot.column / 2
        let starts = [column + 1, column - characters.count]
        for coversLine in [false, true] {
            for start in starts where isFree(row: row, from: start, count: characters.count, coversLine: coversLine) {
                write(characters, row: row, from: start)
                return true
            }
        }
        return false
    }

    package mutating func writeCentred(_ note: String, row: Int) {
        let characters = Array(note.prefix(columns))
        write(characters, row: row, from: (columns - characters.count) / 2)
    }

    /// The text of one row of cells: text, else a braille character, else a
    /// space. A cell with a point shows only the point's dots: merged with
    /// the line's, a point on the line would vanish into it.
    package func line(row: Int) -> String {
        var result = ""
        for column in 0..<columns {
            let index = row * columns + column
            if let character = text[index] {
                result.append(character)
            } else if case let dots = pointDots[index] != 0 ? pointDots[index] : lineDots[index], dots != 0 {
                result.unicodeScalars.append(Unicode.Scalar(0x2800 + UInt32(dots))!)
            } else {
                result.append(" ")
            }
        }
        return result
    }

    private func isFree(row: Int, from start: Int, count: Int, coversLine: Bool) -> Bool {
        guard start >= 0, start + count <= columns else { return false }
        return (start..<start + count).allSatisfy { column in
            let index = row * columns + column
            return text[index] == nil && pointDots[index] == 0 && (coversLine || lineDots[index] == 0)
        }
    }

    private mutating func write(_ characters: [Character], row: Int, from start: Int) {
        for (offset, character) in characters.enumerated() where (0..<columns).contains(start + offset) {
            text[row * columns + start + offset] = character
        }
    }

    private func cellIndex(_ dot: Dot) -> Int {
        (dot.row / 4) * columns + dot.column / 2
    }

    /// Braille numbers its dots 1-2-3 down the left column, 4-5-6 down the
    /// right, then 7 and 8 on the bottom row; dot n is bit n − 1 of the
    /// offset from U+2800.
    private static func bit(_ dot: Dot) -> UInt8 {
        let left: [UInt8] = [0x01, 0x02, 0x04, 0x40]
        let right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
        return (dot.column % 2 == 0 ? left : right)[dot.row % 4]
    }
}

/// The lines around the canvas: title, y title, tick labels and axes,
/// x title, source. The left margin is as wide as the widest y tick label.
private struct PlotText {
    package let canvas: BrailleCanvas
    package let plot: ScatterPlot
    package let xScale: AxisScale
    package let yScale: AxisScale

    /// Where the plot area starts: the y tick labels, a space, the axis.
    private var plotStart: Int { yLabelWidth + 2 }
    private var totalWidth: Int { plotStart + canvas.columns }
    private var yLabelWidth: Int { yScale.labels.map(\.count).max() ?? 0 }

    package var lines: [String] {
        var lines: [String] = []
        lines += centred(plot.title.printable, within: 0..<totalWidth)
        lines.append("")
        lines += wrapped(plot.yTitle.printable, width: totalWidth)
        lines += plotRows
        lines.append(xAxis)
        lines.append(xTickLabels)
        lines += centred(plot.xTitle.printable, within: plotStart..<totalWidth)
        lines.append("")
        lines += wrapped(plot.source.printable, width: totalWidth)
        return lines
    }

    /// Each y tick labels the row of cells its value falls in; when two
    /// ticks share a row (a very short plot) the first keeps it.
    private var plotRows: [String] {
        var rowLabels = [String?](repeating: nil, count: canvas.rows)
        for (tick, label) in zip(yScale.ticks, yScale.labels) {
            let row = canvas.dot(x: 0, y: yScale.fraction(of: tick)).row / 4
            if rowLabels[row] == nil { rowLabels[row] = label }
        }
        return (0..<canvas.rows).map { row in
            let label = rowLabels[row] ?? ""
            let padding = String(repeating: " ", count: yLabelWidth - label.count)
            return padding + label + " " + (rowLabels[row] == nil ? "│" : "┤") + canvas.line(row: row)
        }
    }

    private var xTickColumns: [Int] {
        xScale.ticks.map { canvas.dot(x: xScale.fraction(of: $0), y: 0).column / 2 }
    }

    private var xAxis: String {
        var axis = Array(repeating: "─" as Character, count: canvas.columns)
        for column in xTickColumns { axis[column] = "┬" }
        return String(repeating: " ", count: plotStart - 1) + "└" + String(axis)
    }

    /// Each label centred under its tick; one that would touch the label
    /// before it is left out rather than run into it.
    private var xTickLabels: String {
        var line: [Character] = []
        for (column, label) in zip(xTickColumns, xScale.labels) {
            let start = max(0, plotStart + column - (label.count - 1) / 2)
            guard line.isEmpty || start > line.count else { continue }
            line += Array(repeating: " ", count: start - line.count) + Array(label)
        }
        return String(line)
    }

    private func centred(_ text: String, within span: Range<Int>) -> [String] {
        guard text.count <= span.count else { return wrapped(text, width: totalWidth) }
        return [String(repeating: " ", count: span.lowerBound + (span.count - text.count) / 2) + text]
    }

    /// Breaks at spaces so that no line is wider than the plot; a word
    /// longer than a line is cut.
    private func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            if !current.isEmpty, current.count + 1 + word.count <= width {
                current += " " + word
                continue
            }
            if !current.isEmpty { lines.append(current) }
            while word.count > width {
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            current = String(word)
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}

private extension String {
    /// Control characters become spaces: a newline inside a label would
    /// break the grid, and an escape sequence must not reach the terminal.
    var printable: String {
        String(
            map { character in
                character.unicodeScalars.contains { $0.properties.generalCategory == .control } ? " " : character
            })
    }

    var trimmingTrailingSpaces: String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
