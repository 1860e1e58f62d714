/// How the text of one data cell is read, the same in every format: a number,
/// a missing-value marker, or an error saying what was expected.
///
/// The markers are the ones the sources people download actually use: an
/// empty cell (WDI, OWID, most spreadsheets), `NA` (R), `..` (World Bank
/// DataBank) and `-` (printed tables). They mean "no observation" and are
/// counted, never read as zero or as text. `NaN` is refused rather than
/// taken as a marker: in a data file it is usually the trace of a failed
/// computation, and a silent hole would hide it.
public enum CellText {
    /// The missing-value markers, as they must appear (no surrounding spaces).
    public static let missingMarkers: Set<String> = ["", "NA", "..", "-"]

    /// How the markers are listed in messages.
    public static let markerList = "empty, NA, .., -"

    @inline(__always)
    public static func isMissingMarker(_ text: String) -> Bool {
        text.isEmpty || text == "NA" || text == ".." || text == "-"
    }

    /// What a cell holds.
    public enum Reading: Equatable, Sendable {
        case number(Double)
        case missing
        /// Not a number: the message says what was found.
        case invalid(String)
    }

    /// Reads a cell that should hold a number or a missing-value marker.
    public static func read(_ text: String) -> Reading {
        if isMissingMarker(text) { return .missing }
        if let value = plainNumber(text) {
            guard value.isFinite else { return .invalid("number out of range: `\(text)`") }
            return .number(value)
        }
        let lowered = text.lowercased()
        if lowered == "nan" {
            return .invalid(
                "expected a number, found `\(text)`; NaN is not a missing-value marker: write NA or leave the cell empty"
            )
        }
        return .invalid("expected a number or a missing-value marker (\(markerList)), found `\(text)`")
    }

    /// A number in plain decimal notation (`12`, `-0.5`, `.5`, `760.`, `1e-3`).
    /// `Double(String)` alone would also take `nan`, `inf` and hex floats, which
    /// no data file means as a value. Returns infinity for a decimal that
    /// overflows, so the caller can say "out of range".
    public static func plainNumber(_ text: String) -> Double? {
        var sawDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "e"), UInt8(ascii: "E"): break
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        // The exact fast path the long-form reader takes (bit for bit
        // `Double(String)`'s value); the rest goes to `Double(String)`.
        // strtod was a fifth of loading a 21 MB OWID table.
        var text = text
        if let fast = text.withUTF8({ LongFormParser.fastDecimal($0.baseAddress!, $0.count) }) { return fast }
        return Double(text)
    }

    /// Whether a text looks like words rather than a mistyped number: it has a letter.
    /// A column whose every value does is read as a text attribute, not as numbers.
    public static func hasLetter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    /// Years cq accepts (as `CSVTable.yearRange`).
    public static let yearRange = CSVTable.yearRange

    /// A whole-number year, or nil with the message to report.
    public static func year(_ text: String) -> Result<Int, YearError> {
        if text.isEmpty { return .failure(YearError(message: "expected a year, found an empty cell")) }
        guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            text.utf8.count <= 6, let year = Int(text), yearRange.contains(year)
        else {
            return .failure(
                YearError(
                    message:
                        "expected a whole-number year between \(yearRange.lowerBound) and \(yearRange.upperBound), found `\(text)`"
                ))
        }
        return .success(year)
    }

    public struct YearError: Error, Sendable, Equatable {
        public var message: String
    }
}

extension CSVTable {
    /// A cell holding a number (nil for a missing-value marker), counting markers.
    func cellValue(_ record: Int, _ field: Int, markers: inout Int) throws(DataLoadError) -> Double? {
        switch CellText.read(text(record, field)) {
        case .number(let value): return value
        case .missing:
            markers += 1
            return nil
        case .invalid(let message): throw error(record, field, message)
        }
    }

    /// A cell holding a year.
    func cellYear(_ record: Int, _ field: Int) throws(DataLoadError) -> Int {
        switch CellText.year(text(record, field)) {
        case .success(let year): return year
        case .failure(let failure): throw error(record, field, failure.message)
        }
    }

    /// An error pointing at a header cell.
    func headerError(_ field: Int, _ message: String) -> DataLoadError {
        reader.error(at: header.offsets[field], message)
    }

    /// An error pointing at the start of the header line.
    func headerError(_ message: String) -> DataLoadError {
        reader.error(at: header.offsets.first ?? 0, message)
    }

    /// The header's column names as a readable list: `a`, `b`, `c`.
    var columnList: String {
        header.fields.filter { !$0.isEmpty }.map { "`\($0)`" }.joined(separator: ", ")
    }

    /// The 1-based line a record starts on.
    func line(ofRecord record: Int) -> Int {
        reader.location(ofByteOffset: records[record].offsets[0]).line
    }
}
