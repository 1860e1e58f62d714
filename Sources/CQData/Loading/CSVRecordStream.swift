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
    /// The splitter's buffers, reused from record to record.
    private var record = CSVSplitRecord()

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    init(_ reader: CSVReader) throws(DataLoadError) {
        self.reader = reader
        let bytes = reader.bytes
        if let bad = TextBytes.firstInvalidUTF8(bytes) {
            throw reader.error(at: bad, "invalid UTF-8 (byte 0x\(CSVReader.hex(bytes[bad])))")
        }
        index = TextBytes.byteOrderMarkLength(bytes)
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
        let start = index
        let problem = bytes.withUnsafeBufferPointer { buffer in
            record.split(buffer.baseAddress!, from: start, end: count)
        }
        if let problem { throw reader.error(at: problem.offset, problem.message) }
        index = record.next
        let fields = record.fields.map { field in
            String(decoding: record.text[field.textStart..<(field.textStart + field.length)], as: UTF8.self)
        }
        return CSVRecord(fields: fields, offsets: record.fields.map(\.offset), end: record.end)
    }
}
