/// `CSVReader`'s records one at a time, for files too large to hold parsed:
/// the full WDI bulk download is a 250 MB wide table whose 27 million cells,
/// kept as strings, would take several times the file's size.
///
/// Same rules and same errors, at the same positions, as `CSVReader.read()`
/// (a test checks the two agree on every fixture): RFC 4180 quoting, CRLF, LF
/// or CR line ends, a leading BOM, wholly empty lines skipped, the whole file
/// checked for UTF-8 first, a repeated column name or a record whose field
/// count differs from the header's an error.
struct CSVRecordStream {
    let reader: CSVReader
    /// The header, read by `init`.
    private(set) var header: CSVRecord
    private var index: Int
    private var quoted: [UInt8] = []

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    init(_ reader: CSVReader) throws(DataLoadError) {
        self.reader = reader
        let bytes = reader.bytes
        if let bad = CSVReader.firstInvalidUTF8(bytes) {
            throw reader.error(at: bad, "invalid UTF-8 (byte 0x\(CSVReader.hex(bytes[bad])))")
        }
        index = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        header = CSVRecord(fields: [], offsets: [], end: 0)
        guard let first = try nextRecord() else {
            throw DataLoadError(
                file: reader.file, line: 1, column: 1, message: "the file is empty; expected a header line")
        }
        for (position, name) in first.fields.enumerated() where first.fields[..<position].contains(name) {
            throw reader.error(at: first.offsets[position], "duplicate column `\(name)` in the header")
        }
        header = first
    }

    /// A header-only table, for looking columns up by name.
    var headerTable: CSVTable { CSVTable(reader: reader, header: header, records: []) }

    /// The next record, checked against the header's width; nil at the end.
    mutating func next() throws(DataLoadError) -> CSVRecord? {
        guard let record = try nextRecord() else { return nil }
        let width = header.fields.count
        if record.fields.count != width {
            let found = record.fields.count
            let offset = found < width ? record.end : record.offsets[width]
            throw reader.error(at: offset, "expected \(width) fields as in the header, found \(found)")
        }
        return record
    }

    private mutating func nextRecord() throws(DataLoadError) -> CSVRecord? {
        let bytes = reader.bytes
        let count = bytes.count
        while index < count, bytes[index] == Self.cr || bytes[index] == Self.lf { index += 1 }
        if index >= count { return nil }
        var fields: [String] = []
        var offsets: [Int] = []
        fields.reserveCapacity(header.fields.count)
        offsets.reserveCapacity(header.fields.count)
        while true {
            let start = index
            if index < count, bytes[index] == Self.quote {
                index += 1
                quoted.removeAll(keepingCapacity: true)
                while true {
                    guard index < count else {
                        throw reader.error(
                            at: start, "unterminated quoted field: the quote opened here is never closed")
                    }
                    let byte = bytes[index]
                    if byte == Self.quote {
                        if index + 1 < count, bytes[index + 1] == Self.quote {
                            quoted.append(Self.quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    quoted.append(byte)
                    index += 1
                }
                if index < count, bytes[index] != Self.comma, bytes[index] != Self.cr, bytes[index] != Self.lf {
                    throw reader.error(at: index, "expected a comma or the end of the line after a closing quote")
                }
                fields.append(String(decoding: quoted, as: UTF8.self))
            } else {
                while index < count {
                    let byte = bytes[index]
                    if byte == Self.comma || byte == Self.cr || byte == Self.lf { break }
                    if byte == Self.quote {
                        throw reader.error(
                            at: index, "a quote inside an unquoted field; quote the whole field and double the quote")
                    }
                    index += 1
                }
                fields.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            offsets.append(start)
            let end = index
            guard index < count else { return CSVRecord(fields: fields, offsets: offsets, end: end) }
            switch bytes[index] {
            case Self.comma:
                index += 1
            case Self.cr:
                index += 1
                if index < count, bytes[index] == Self.lf { index += 1 }
                return CSVRecord(fields: fields, offsets: offsets, end: end)
            default:
                index += 1
                return CSVRecord(fields: fields, offsets: offsets, end: end)
            }
        }
    }
}
