/// A strict RFC 4180 CSV reader over raw bytes.
///
/// Accepts quoted fields (with `""` for a quote inside), CRLF, LF or lone CR
/// line ends, and a leading UTF-8 byte order mark. Anything else that is not
/// well-formed — an unterminated quote, text after a closing quote, a quote
/// inside an unquoted field, invalid UTF-8, a record whose field count differs
/// from the header's — is a `DataLoadError` with the line and column, never a
/// guess and never a trap: data files come from people and spreadsheets, and a
/// silently misread cell would become a wrong statistic.
///
/// Wholly empty lines are skipped: editors leave them at the end of files, and
/// none of cq's layouts has a one-column file where an empty line could be a value.
public struct CSVReader: Sendable {
    /// The name shown in errors, e.g. "observations.csv".
    public let file: String
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// Reads the header and every record, checking that each record has as many
    /// fields as the header. The parsing itself is `CSVRecordStream`'s, so the
    /// whole-file and the record-at-a-time readers cannot drift apart.
    public func read() throws(DataLoadError) -> CSVTable {
        var stream = try CSVRecordStream(self)
        var records: [CSVRecord] = []
        while let record = try stream.next() {
            records.append(record)
        }
        return CSVTable(reader: self, header: stream.header, records: records)
    }

    /// 1-based line and column of a byte offset. Computed on demand, only for
    /// errors, so reading a large file pays nothing for positions it never reports.
    public func location(ofByteOffset offset: Int) -> (line: Int, column: Int) {
        let end = max(0, min(offset, bytes.count))
        var line = 1
        var lineStart = TextBytes.byteOrderMarkLength(bytes)
        bytes.withUnsafeBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return }
            for index in lineStart..<max(lineStart, end) where TextBytes.endsLine(p, index, total: buffer.count) {
                line += 1
                lineStart = index + 1
            }
        }
        lineStart = min(lineStart, end)
        // The prefix may end inside a multi-byte character only for an invalid
        // UTF-8 offset, which points at a character start; repairing decoding
        // keeps any other offset from trapping.
        let column = String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1
        return (line, column)
    }

    /// An error at a byte offset of this file.
    public func error(at offset: Int, _ message: String) -> DataLoadError {
        let (line, column) = location(ofByteOffset: offset)
        return DataLoadError(file: file, line: line, column: column, message: message)
    }
}
