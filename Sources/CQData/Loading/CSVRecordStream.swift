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
    /// The record being split, its buffers reused from record to record.
    private var record = RFC4180Record()

    init(_ reader: CSVReader) throws(DataLoadError) {
        self.reader = reader
        let bytes = reader.bytes
        if let bad = TextBytes.firstInvalidUTF8(bytes) {
            throw reader.error(at: bad, TextBytes.invalidUTF8Message(bytes[bad]))
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

    /// Where the next record is looked for: after the header, the body.
    var position: Int { index }

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

    /// The next record as split, without making a string of every field (a
    /// wide file's value cells are read from the bytes); checked against the
    /// header's width. Valid until the next call. nil at the end.
    mutating func nextSplit() throws(DataLoadError) -> RFC4180Record? {
        guard try advance() else { return nil }
        let width = header.fields.count
        if record.fields.count != width {
            let found = record.fields.count
            let offset = found < width ? record.end : record.fields[width].offset
            throw reader.error(at: offset, "expected \(width) fields as in the header, found \(found)")
        }
        return record
    }

    /// Splits the next record into `record`, after any empty lines; false at the end.
    private mutating func advance() throws(DataLoadError) -> Bool {
        let bytes = reader.bytes
        let count = bytes.count
        while index < count, TextBytes.isLineEnd(bytes[index]) { index += 1 }
        if index >= count { return false }
        let failure = bytes.withUnsafeBufferPointer { buffer in
            record.split(buffer.baseAddress!, from: index, end: count)
        }
        if let failure { throw reader.error(at: failure.offset, failure.message) }
        index = record.next
        return true
    }

    /// The next record by the RFC 4180 rules, after any empty lines; nil at the end.
    private mutating func nextRecord() throws(DataLoadError) -> CSVRecord? {
        guard try advance() else { return nil }
        return CSVRecord(
            fields: record.fields.indices.map(record.string), offsets: record.fields.map(\.offset), end: record.end)
    }
}
