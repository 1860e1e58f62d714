private let comma = UInt8(ascii: ",")
private let quote = UInt8(ascii: "\"")
private let cr = TextBytes.cr
private let lf = TextBytes.lf

/// One CSV record split by the RFC 4180 rules: fields separated by commas,
/// a field in quotes may hold commas, line breaks and doubled quotes (`""`
/// for one `"`); quotes are removed and doubled quotes undoubled. The only
/// implementation of the quoting rules: `CSVRecordStream` (and so
/// `CSVReader`) reads every record with it, and `LongFormParser` its header,
/// its quoted records and the records it re-reads for a duplicate.
///
/// Works on a pointer so the long-form parser can use it on a mapped file;
/// the fields' bytes go to `text`, reused from record to record.
struct RFC4180Record {
    struct Field {
        /// Where the field starts in the file (its opening quote, if quoted).
        var offset: Int
        var textStart: Int
        var length: Int
    }
    var fields: [Field] = []
    var text: [UInt8] = []
    /// The offset just past the last field, before the line end.
    var end = 0
    /// The start of the next record (after the line end).
    var next = 0
    /// Line ends inside quoted fields.
    var innerLines = 0

    /// Splits the record at `from`; the failure names the offset and the problem.
    mutating func split(_ p: UnsafePointer<UInt8>, from: Int, end count: Int) -> (offset: Int, message: String)? {
        fields.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        innerLines = 0
        var index = from
        while true {
            let start = index
            let textStart = text.count
            if index < count, p[index] == quote {
                index += 1
                while true {
                    guard index < count else {
                        return (start, "unterminated quoted field: the quote opened here is never closed")
                    }
                    let byte = p[index]
                    if byte == quote {
                        if index + 1 < count, p[index + 1] == quote {
                            text.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    if TextBytes.endsLine(p, index, total: count) { innerLines += 1 }
                    text.append(byte)
                    index += 1
                }
                if index < count, p[index] != comma, p[index] != cr, p[index] != lf {
                    return (index, "expected a comma or the end of the line after a closing quote")
                }
            } else {
                while index < count {
                    let byte = p[index]
                    if byte == comma || byte == cr || byte == lf { break }
                    if byte == quote {
                        return (index, "a quote inside an unquoted field; quote the whole field and double the quote")
                    }
                    index += 1
                }
                // One copy per field, not an append per byte.
                text.append(contentsOf: UnsafeBufferPointer(start: p + start, count: index - start))
            }
            fields.append(Field(offset: start, textStart: textStart, length: text.count - textStart))
            if index < count, p[index] == comma {
                index += 1
                continue
            }
            self.end = index
            next = TextBytes.afterLineEnd(p, index, count)
            return nil
        }
    }

    /// Whether field `index` is empty.
    func isEmpty(_ index: Int) -> Bool { fields[index].length == 0 }

    /// Field `index` as a number cell: the exact fast decimal path on its
    /// bytes for a plain number, `CellText.read` (markers, errors, the rest)
    /// otherwise, so the reading is the same as `CellText.read(string(index))`.
    func cell(_ index: Int) -> CellText.Reading {
        let field = fields[index]
        return text.withUnsafeBufferPointer { Self.cell($0.baseAddress! + field.textStart, field.length) }
    }

    /// A cell's `length` bytes of text at `text` as a number cell.
    @inline(__always)
    static func cell(_ text: UnsafePointer<UInt8>, _ length: Int) -> CellText.Reading {
        // An empty cell is the commonest missing marker (most of WDI's cells).
        if length == 0 { return .missing }
        if let fast = LongFormParser.fastDecimal(text, length) { return .number(fast) }
        return CellText.read(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
    }

    /// The text of field `index`, unquoted.
    func string(_ index: Int) -> String {
        let field = fields[index]
        return text.withUnsafeBufferPointer {
            String(
                decoding: UnsafeBufferPointer(rebasing: $0[field.textStart..<field.textStart + field.length]),
                as: UTF8.self)
        }
    }
}
