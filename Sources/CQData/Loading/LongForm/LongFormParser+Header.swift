extension LongFormParser {
    // MARK: - header and columns

    /// Which field of a record holds what (0-based), and how many fields each
    /// record has (the header's count; a different count is an error).
    public struct Columns: Sendable, Equatable {
        public var entity: Int
        public var indicator: Int
        public var year: Int
        public var value: Int
        public var width: Int

        public init(entity: Int, indicator: Int, year: Int, value: Int, width: Int) {
            self.entity = entity
            self.indicator = indicator
            self.year = year
            self.value = value
            self.width = width
        }

        /// The columns named in a header, e.g. `iso3,indicator,year,value`. A
        /// missing name is an error at line 1, column 1, as `CSVTable.column` reports it.
        public init(
            header: [String], file: String,
            entity: String = "iso3", indicator: String = "indicator", year: String = "year", value: String = "value"
        ) throws(DataLoadError) {
            func find(_ name: String) throws(DataLoadError) -> Int {
                guard let index = header.firstIndex(of: name) else {
                    throw DataLoadError(
                        file: file, line: 1, column: 1, message: "missing column `\(name)` in the header")
                }
                return index
            }
            self.init(
                entity: try find(entity), indicator: try find(indicator), year: try find(year), value: try find(value),
                width: header.count)
        }
    }

    /// The header's field names and the offset where the body starts, after a
    /// UTF-8 byte order mark if there is one. Errors: an empty file, a quote
    /// error or invalid UTF-8 in the header, a repeated column name.
    public static func header(_ bytes: UnsafeRawBufferPointer, file: String) throws(DataLoadError) -> (
        fields: [String], bodyOffset: Int
    ) {
        guard let raw = bytes.baseAddress, bytes.count > 0 else {
            throw DataLoadError(file: file, line: 1, column: 1, message: "the file is empty; expected a header line")
        }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let index = TextBytes.contentStart(bytes)
        guard index < bytes.count else {
            throw DataLoadError(file: file, line: 1, column: 1, message: "the file is empty; expected a header line")
        }
        let locate = Locator(base: base, count: bytes.count)
        if let bad = TextBytes.firstInvalidUTF8(base + index, TextBytes.lineEnd(base, index, bytes.count) - index) {
            throw locate.error(file, at: index + bad, TextBytes.invalidUTF8Message(base[index + bad]))
        }
        var record = RFC4180Record()
        if let failure = record.split(base, from: index, end: bytes.count) {
            throw locate.error(file, at: failure.offset, failure.message)
        }
        let fields = record.fields.indices.map(record.string)
        for (position, name) in fields.enumerated() where fields[..<position].contains(name) {
            throw locate.error(file, at: record.fields[position].offset, "duplicate column `\(name)` in the header")
        }
        return (fields, record.next)
    }
}
