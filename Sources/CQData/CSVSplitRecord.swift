/// One CSV record split by the RFC 4180 rules, quotes removed and doubled
/// quotes undoubled: the one implementation of CSV quoting that every reader
/// uses (`CSVRecordStream` for the small files of a cq folder; the long-form
/// parser for its header, its slow path and its duplicate search). The
/// field texts are kept in one buffer, so splitting allocates nothing once
/// the buffers have grown.
struct CSVSplitRecord {
    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"),
        lf = UInt8(ascii: "\n")

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
            if index < count, p[index] == Self.quote {
                index += 1
                while true {
                    guard index < count else {
                        return (start, "unterminated quoted field: the quote opened here is never closed")
                    }
                    let byte = p[index]
                    if byte == Self.quote {
                        if index + 1 < count, p[index + 1] == Self.quote {
                            text.append(Self.quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    if byte == Self.lf || (byte == Self.cr && (index + 1 >= count || p[index + 1] != Self.lf)) {
                        innerLines += 1
                    }
                    text.append(byte)
                    index += 1
                }
                if index < count, p[index] != Self.comma, p[index] != Self.cr, p[index] != Self.lf {
                    return (index, "expected a comma or the end of the line after a closing quote")
                }
            } else {
                while index < count {
                    let byte = p[index]
                    if byte == Self.comma || byte == Self.cr || byte == Self.lf { break }
                    if byte == Self.quote {
                        return (
                            index, "a quote inside an unquoted field; quote the whole field and double the quote"
                        )
                    }
                    text.append(byte)
                    index += 1
                }
            }
            fields.append(Field(offset: start, textStart: textStart, length: text.count - textStart))
            if index < count, p[index] == Self.comma {
                index += 1
                continue
            }
            self.end = index
            if index < count {
                if p[index] == Self.cr, index + 1 < count, p[index + 1] == Self.lf { index += 1 }
                index += 1
            }
            next = index
            return nil
        }
    }
}
