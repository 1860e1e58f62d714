/// How a delimited text table is written — its separator, its decimal mark,
/// lines above its header — found from its first lines, so that the files
/// R, Excel and statistics offices write load without options:
///
/// - **Separator**: `,` `;` tab or `|`, whichever splits the sampled lines
///   into the same number (at least 2) of fields most consistently; quotes
///   respected. `write.csv2` and European Excel write `;`, `write.table(sep =
///   "\t")` tabs.
/// - **Decimal comma**: with a separator other than `,`, numbers written
///   `1,5` or `1.234,5` (and none written `1.5`) have a decimal comma; `.`
///   is then a thousands separator.
/// - **Preamble**: lines above the header with fewer fields than the table
///   (a title, "Data Source", "Last Updated") are skipped.
/// - **Row names**: a header one field shorter than the rows (R's
///   `write.table` with row names) gets an empty first field, like
///   `write.csv` writes, so the first column is the rows' names.
///
/// `standardized` rewrites such a table as cq's standard CSV (commas,
/// decimal points, header first); a table that already is one is read as it
/// is. Lines keep their order, so a position in the rewritten text is the
/// same line of the file `preambleLines` lines down.
struct TableDialect: Equatable, Sendable {
    var separator = UInt8(ascii: ",")
    var decimalComma = false
    var preambleLines = 0
    var headerMissesRowNames = false

    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    var isStandard: Bool {
        separator == UInt8(ascii: ",") && !decimalComma && preambleLines == 0 && !headerMissesRowNames
    }

    /// The separator as a user writes it: `,` `;` `tab` `|`.
    var separatorName: String {
        separator == UInt8(ascii: "\t") ? "tab" : String(UnicodeScalar(separator))
    }

    /// The dialect of `bytes`, judged on its first 200 lines; `separator`
    /// forces the separator (`use … as table (separator = ";")`).
    static func detect(_ bytes: [UInt8], separator forced: UInt8? = nil) -> TableDialect {
        let lines = sampleLines(bytes, limit: 200)
        guard !lines.isEmpty else { return TableDialect() }
        var best = TableDialect()
        var bestScore = (-1, -1)
        for candidate in forced.map({ [$0] }) ?? candidates {
            let counts = lines.map { fields($0, separator: candidate).count }
            // The commonest count of two or more fields, in the lines below
            // the first (a header may be one short, a preamble shorter).
            var frequency: [Int: Int] = [:]
            for count in counts.dropFirst() where count >= 2 { frequency[count, default: 0] += 1 }
            if counts.count == 1, counts[0] >= 2 { frequency[counts[0]] = 1 }
            guard let (modal, _) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            // Judged on every line, the first included: a header that splits
            // like its rows is evidence too (`a;b` over `1,5;2,5`).
            let score = (counts.filter { $0 == modal }.count, modal)
            // Ties go to the earlier candidate, `,` first — unless most of the
            // commas sit between digits: then they are decimal commas.
            let winsTie = score == bestScore && best.separator == UInt8(ascii: ",") && commasLookDecimal(lines)
            guard score > bestScore || winsTie else { continue }
            bestScore = score
            var dialect = TableDialect(separator: candidate)
            // The header: the first line of the table's width followed by
            // another (a single line is its own header).
            let first =
                counts.indices.first { index in
                    counts[index] == modal && (index + 1 == counts.count || counts[index + 1] == modal)
                } ?? 0
            // Lines above it are a preamble only when clearly narrower (a
            // title, "Last Updated: …"); a header a field or two short of its
            // rows is a header with a mistake below it.
            let preamble = counts[..<first].allSatisfy { $0 <= max(1, modal - 2) }
            dialect.preambleLines = preamble ? first : 0
            // R's rule (`read.table`): a header one field short names every
            // column but the first, which holds the rows' names — when every
            // row below it is the table's width and there are two or more
            // (one long row is a mistake, reported as such).
            if first > 0, counts[first - 1] == modal - 1,
                counts[..<(first - 1)].allSatisfy({ $0 <= max(1, modal - 2) }), modal >= 3, counts.count - first >= 2,
                counts[first...].allSatisfy({ $0 == modal })
            {
                dialect.preambleLines = first - 1
                dialect.headerMissesRowNames = true
            }
            best = dialect
        }
        if best.separator != UInt8(ascii: ",") {
            best.decimalComma = usesDecimalComma(lines.dropFirst(best.preambleLines + 1), separator: best.separator)
        }
        return best
    }

    /// The table as standard CSV: the header first, fields joined by `,`
    /// (quoted when they hold a comma or a quote), numbers with a decimal
    /// point, line ends `\n`.
    func standardized(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 16)
        var index = TextBytes.byteOrderMarkLength(bytes)
        var line = 0
        while index < bytes.count {
            let (record, next) = Self.record(bytes, from: index, separator: separator)
            index = next
            defer { line += 1 }
            if line < preambleLines { continue }
            var fields = record
            if line == preambleLines && headerMissesRowNames { fields.insert(Field(text: [], quoted: false), at: 0) }
            for (position, field) in fields.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                var text = field.text
                if decimalComma && !field.quoted, let number = Self.decimalCommaNumber(text) { text = number }
                CSVField.append(text, quoted: field.quoted, to: &output)
            }
            output.append(UInt8(ascii: "\n"))
        }
        return output
    }

    /// What was found, for the load report: "separator `;`, decimal comma,
    /// 3 preamble lines skipped".
    var descriptionParts: [String] {
        var parts: [String] = []
        if separator != UInt8(ascii: ",") { parts.append("separator `\(separatorName)`") }
        if decimalComma { parts.append("decimal comma") }
        if preambleLines > 0 {
            parts.append("\(preambleLines) line\(preambleLines == 1 ? "" : "s") above the header skipped")
        }
        return parts
    }

    // MARK: - Records

    struct Field: Equatable {
        var text: [UInt8]
        var quoted: Bool
    }

    /// The record starting at `from` (quotes may span lines) and where the
    /// next one starts.
    static func record(_ bytes: [UInt8], from start: Int, separator: UInt8) -> ([Field], Int) {
        var fields: [Field] = []
        var text: [UInt8] = []
        var quoted = false
        var inQuotes = false
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        text.append(byte)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    text.append(byte)
                }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") && text.isEmpty && !quoted {
                inQuotes = true
                quoted = true
            } else if byte == separator {
                fields.append(Field(text: text, quoted: quoted))
                text = []
                quoted = false
            } else if TextBytes.isLineEnd(byte) {
                let after = byte == TextBytes.cr && index + 1 < bytes.count && bytes[index + 1] == TextBytes.lf
                fields.append(Field(text: text, quoted: quoted))
                return (fields, index + (after ? 2 : 1))
            } else {
                text.append(byte)
            }
            index += 1
        }
        fields.append(Field(text: text, quoted: quoted))
        return (fields, index)
    }

    static func fields(_ line: [UInt8], separator: UInt8) -> [Field] {
        record(line, from: 0, separator: separator).0
    }

    /// Up to `limit` records from the top (after a byte order mark).
    static func sampleLines(_ bytes: [UInt8], limit: Int) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var index = TextBytes.byteOrderMarkLength(bytes)
        var inQuotes = false
        var start = index
        while index < bytes.count, lines.count < limit {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes && TextBytes.isLineEnd(byte) {
                let line = Array(bytes[start..<index])
                if !line.isEmpty { lines.append(line) }
                if byte == TextBytes.cr, index + 1 < bytes.count, bytes[index + 1] == TextBytes.lf { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count, lines.count < limit { lines.append(Array(bytes[start..<min(index, bytes.count)])) }
        return lines
    }

    // MARK: - Numbers

    /// Whether most commas outside quotes sit between two digits (`1,5`).
    static func commasLookDecimal(_ lines: [[UInt8]]) -> Bool {
        var between = 0
        var all = 0
        for line in lines {
            var inQuotes = false
            for (index, byte) in line.enumerated() {
                if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
                guard !inQuotes, byte == UInt8(ascii: ",") else { continue }
                all += 1
                if index > 0, index + 1 < line.count, isDigit(line[index - 1]), isDigit(line[index + 1]) {
                    between += 1
                }
            }
        }
        return all > 0 && between * 2 > all
    }

    /// Whether the data lines write decimals with a comma: some field is
    /// `1,5` or `1.234,5`, and more such fields than `1.5` ones.
    static func usesDecimalComma(_ lines: ArraySlice<[UInt8]>, separator: UInt8) -> Bool {
        var commas = 0
        var points = 0
        for line in lines {
            for field in fields(line, separator: separator) {
                let text = field.text
                if decimalCommaNumber(text) != nil, text.contains(UInt8(ascii: ",")) { commas += 1 }
                if isPointDecimal(text) { points += 1 }
            }
        }
        return commas > 0 && commas > points
    }

    /// `1,5` → `1.5`, `-1.234,5` → `-1234.5`, `12` → `12`; nil when the text
    /// is not a number in decimal-comma notation.
    static func decimalCommaNumber(_ text: [UInt8]) -> [UInt8]? {
        var index = 0
        var result: [UInt8] = []
        if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            result.append(text[index])
            index += 1
        }
        var digits = 0
        var groupDigits = 0
        var sawGroup = false
        while index < text.count {
            let byte = text[index]
            if isDigit(byte) {
                result.append(byte)
                digits += 1
                groupDigits += 1
            } else if byte == UInt8(ascii: ".") {
                // A thousands separator: after 1–3 digits (or a group of 3), then 3 digits.
                guard digits > 0, sawGroup ? groupDigits == 3 : groupDigits <= 3 else { return nil }
                sawGroup = true
                groupDigits = 0
            } else {
                break
            }
            index += 1
        }
        guard digits > 0, !sawGroup || groupDigits == 3 else { return nil }
        if index < text.count, text[index] == UInt8(ascii: ",") {
            index += 1
            var fraction = 0
            result.append(UInt8(ascii: "."))
            while index < text.count, isDigit(text[index]) {
                result.append(text[index])
                index += 1
                fraction += 1
            }
            guard fraction > 0 else { return nil }
        }
        // An exponent, as Excel writes it: `1,5E-03`.
        if index < text.count, text[index] == UInt8(ascii: "E") || text[index] == UInt8(ascii: "e") {
            result.append(text[index])
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                result.append(text[index])
                index += 1
            }
            var exponent = 0
            while index < text.count, isDigit(text[index]) {
                result.append(text[index])
                index += 1
                exponent += 1
            }
            guard exponent > 0 else { return nil }
        }
        return index == text.count ? result : nil
    }

    static func isPointDecimal(_ text: [UInt8]) -> Bool {
        var index = 0
        if index < text.count, text[index] == UInt8(ascii: "-") { index += 1 }
        var before = 0
        while index < text.count, isDigit(text[index]) {
            index += 1
            before += 1
        }
        guard before > 0, index < text.count, text[index] == UInt8(ascii: ".") else { return false }
        index += 1
        var after = 0
        while index < text.count, isDigit(text[index]) {
            index += 1
            after += 1
        }
        // `1.234` could be a thousands group; only other point decimals count.
        return after > 0 && index == text.count && after != 3
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
