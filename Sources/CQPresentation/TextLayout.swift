/// Plain text laid out in aligned columns: the table format's tables.
enum TextLayout {
    struct Column {
        var name: String
        var rightAligned: Bool
    }

    /// A table as aligned text: a header, a rule, the rows.
    static func table(_ columns: [Column], _ rows: [[String]]) -> String {
        let widths = columns.indices.map { index in
            rows.reduce(columns[index].name.count) { max($0, index < $1.count ? $1[index].count : 0) }
        }
        return aligned(Array(columns.indices), columns, rows, widths)
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
}
