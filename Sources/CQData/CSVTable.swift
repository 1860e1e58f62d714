/// A parsed CSV file: the header and the records, with typed accessors that
/// report a bad cell at its own line and column.
public struct CSVTable: Sendable {
    /// Kept for its bytes and file name, to turn field offsets into positions.
    public let reader: CSVReader
    public let header: CSVRecord
    public let records: [CSVRecord]

    public var file: String { reader.file }

    /// The index of a named column, so loaders do not depend on column order.
    public func column(_ name: String) throws(DataLoadError) -> Int {
        guard let index = header.fields.firstIndex(of: name) else {
            throw DataLoadError(file: file, line: 1, column: 1, message: "missing column `\(name)` in the header")
        }
        return index
    }

    /// The text of a cell.
    public func text(_ record: Int, _ field: Int) -> String {
        records[record].fields[field]
    }

    /// An error pointing at a cell.
    public func error(_ record: Int, _ field: Int, _ message: String) -> DataLoadError {
        reader.error(at: records[record].offsets[field], message)
    }

    /// A cell that must hold a finite decimal number.
    public func number(_ record: Int, _ field: Int) throws(DataLoadError) -> Double {
        guard let value = try optionalNumber(record, field) else {
            throw error(record, field, "expected a number, found an empty cell")
        }
        return value
    }

    /// A cell that holds a finite decimal number or is empty (nil).
    public func optionalNumber(_ record: Int, _ field: Int) throws(DataLoadError) -> Double? {
        let text = text(record, field)
        if text.isEmpty { return nil }
        // `Double(String)` also accepts "nan", "inf", "infinity" and hex floats;
        // none is a plausible observation, so only plain decimal notation passes.
        let plain = text.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }
        guard plain, let value = Double(text) else {
            throw error(record, field, "expected a number, found `\(text)`")
        }
        guard value.isFinite else {
            throw error(record, field, "number out of range: `\(text)`")
        }
        return value
    }

    /// Years cq accepts. The bound keeps a typo such as 20017 from making the
    /// dense country × year grids absurdly large.
    public static let yearRange = 1000...2999

    /// A cell that holds a year, or is empty (nil).
    public func optionalYear(_ record: Int, _ field: Int) throws(DataLoadError) -> Int? {
        let text = text(record, field)
        if text.isEmpty { return nil }
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let year = Int(text), Self.yearRange.contains(year)
        else {
            throw error(
                record, field,
                "expected a year between \(Self.yearRange.lowerBound) and \(Self.yearRange.upperBound), found `\(text)`"
            )
        }
        return year
    }

    /// A cell that must hold a year.
    public func year(_ record: Int, _ field: Int) throws(DataLoadError) -> Int {
        guard let year = try optionalYear(record, field) else {
            throw error(record, field, "expected a year, found an empty cell")
        }
        return year
    }

    /// A cell that must not be empty.
    public func nonEmpty(_ record: Int, _ field: Int, _ what: String) throws(DataLoadError) -> String {
        let text = text(record, field)
        if text.isEmpty { throw error(record, field, "expected \(what), found an empty cell") }
        return text
    }
}
