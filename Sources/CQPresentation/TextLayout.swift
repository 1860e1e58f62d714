/// Plain text laid out within a width: the table format on a terminal, where
/// a line longer than the screen is folded by the terminal at an arbitrary
/// character and a table's rows fall apart. Without a width (piped output,
/// files, golden files) every line stays whole.
///
/// - A line of text (a heading, a note) breaks at spaces, its continuation
///   lines indented two spaces more than it.
/// - A table that fits is left as it is. A wider one is split into panels
///   of columns that fit, each repeating the columns that name the rows (as
///   R prints a wide data frame); when even one column beside those does
///   not fit, each row becomes a record of `column  value` lines (psql's
///   expanded display).
package enum TextLayout {
    /// The narrowest width laid out for; below it lines are simply long.
    static let minimumWidth = 20

    /// `line` broken at spaces into lines of at most `width` characters; each
    /// continuation starts with `indent` (by default the line's own
    /// indentation and two spaces). A word longer than a line is cut.
    static func wrap(_ line: String, width: Int, indent: String? = nil) -> [String] {
        let width = max(width, minimumWidth)
        guard line.count > width else { return [line] }
        let continuation = indent ?? String(line.prefix { $0 == " " }) + "  "
        let characters = Array(line)
        // A line's own indentation is never a place to break.
        let leading = characters.prefix { $0 == " " }.count
        var lines: [String] = []
        var start = 0
        var prefix = ""
        while start < characters.count {
            let room = max(1, width - prefix.count)
            if characters.count - start <= room {
                lines.append(prefix + String(characters[start...]))
                break
            }
            let lowest = start + (lines.isEmpty ? leading : 0) + 1
            let cut = breakPoint(characters, in: lowest...(start + room), start: start, room: room) ?? start + room
            var end = cut
            while end > start, characters[end - 1] == " " { end -= 1 }
            lines.append(prefix + String(characters[start..<end]))
            start = cut
            while start < characters.count, characters[start] == " " { start += 1 }
            prefix = continuation
        }
        return lines
    }

    /// The space to break at, among `candidates` (a break at a space leaves
    /// the characters before it). Best after `,` `;` `:` near the end of the
    /// line; else, in its second half, one that does not split `R² = 0.949`,
    /// `p < 1e-300` or `x − x̄`, else one before such a sign (as printed
    /// formulas break); else the last space.
    private static func breakPoint(_ characters: [Character], in candidates: ClosedRange<Int>, start: Int, room: Int)
        -> Int?
    {
        guard candidates.lowerBound <= candidates.upperBound else { return nil }
        let spaces = candidates.filter { $0 < characters.count && characters[$0] == " " }
        let binding: Set<Character> = ["=", "<", ">", "≤", "≥", "−", "+", "·", "×", "/"]
        let punctuation = spaces.last { $0 - start >= room * 3 / 4 && [",", ";", ":"].contains(characters[$0 - 1]) }
        let free = spaces.last { index in
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            return index - start >= room / 2 && !binding.contains(characters[index - 1]) && !binding.contains(next)
        }
        let beforeSign = spaces.last { index in
            index + 1 < characters.count && index - start >= room / 2 && binding.contains(characters[index + 1])
                && !binding.contains(characters[index - 1])
        }
        return punctuation ?? free ?? beforeSign ?? spaces.last
    }

    /// Every line of `text` wrapped (see `wrap`).
    package static func wrapLines(_ text: String, width: Int?) -> String {
        guard let width else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { wrap(String($0), width: width) }
            .joined(separator: "\n")
    }

    struct Column {
        var name: String
        var rightAligned: Bool
    }

    /// A table as aligned text: a header, a rule, the rows; within `width`
    /// as the type's summary says.
    static func table(_ columns: [Column], _ rows: [[String]], width: Int?) -> String {
        let widths = columns.indices.map { index in
            rows.reduce(columns[index].name.count) { max($0, index < $1.count ? $1[index].count : 0) }
        }
        let all = Array(columns.indices)
        guard let limit = width, span(all, widths) > limit else { return aligned(all, columns, rows, widths) }
        let width = max(limit, minimumWidth)
        let keys = rowNames(columns, rows)
        let others = columns.indices.filter { !keys.contains($0) }
        let keySpan = keys.isEmpty ? 0 : span(keys, widths) + 2
        guard !others.isEmpty, others.allSatisfy({ keySpan + widths[$0] <= width }) else {
            return records(columns, rows, width: width)
        }
        var panels: [[Int]] = []
        var panel: [Int] = []
        for column in others {
            if !panel.isEmpty, span(keys + panel + [column], widths) > width {
                panels.append(panel)
                panel = []
            }
            panel.append(column)
        }
        panels.append(panel)
        return panels.map { aligned(keys + $0, columns, rows, widths) }.joined(separator: "\n\n")
    }

    /// The width of these columns side by side, two spaces apart.
    private static func span(_ indices: [Int], _ widths: [Int]) -> Int {
        indices.reduce(0) { $0 + widths[$1] } + 2 * max(0, indices.count - 1)
    }

    /// The columns repeated in every panel: the leading left-aligned (text)
    /// columns, as few of them as tell every row apart (`term`; `region`
    /// and `variable` of a summary by region), else all of them; never
    /// every column.
    private static func rowNames(_ columns: [Column], _ rows: [[String]]) -> [Int] {
        let leading = columns.prefix { !$0.rightAligned }.count
        let candidates = min(leading, columns.count - 1)
        guard candidates > 0 else { return [] }
        for count in 1...candidates {
            let names = rows.map { $0.prefix(count).joined(separator: "\u{0}") }
            if Set(names).count == names.count { return Array(0..<count) }
        }
        return Array(0..<candidates)
    }

    private static func aligned(_ indices: [Int], _ columns: [Column], _ rows: [[String]], _ widths: [Int]) -> String {
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for index in indices {
                let cell = index < cells.count ? cells[index] : ""
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                parts.append(columns[index].rightAligned ? padding + cell : cell + padding)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var lines = [line(columns.map(\.name))]
        lines.append(indices.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  "))
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }

    /// Each row as `column  value` lines, the values wrapped beside the
    /// names, a blank line between rows.
    private static func records(_ columns: [Column], _ rows: [[String]], width: Int) -> String {
        let nameWidth = columns.map(\.name.count).max() ?? 0
        let indent = String(repeating: " ", count: nameWidth + 2)
        return rows.map { row in
            columns.indices.flatMap { index -> [String] in
                let name = columns[index].name
                let value = index < row.count ? row[index] : ""
                var line = name + String(repeating: " ", count: nameWidth + 2 - name.count) + value
                while line.hasSuffix(" ") { line.removeLast() }
                return wrap(line, width: max(width, nameWidth + 2 + minimumWidth / 2), indent: indent)
            }.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}
