import Dispatch
import Glibc

/// Reads long-form observation tables — one observation per line, with an
/// entity (country code), an indicator, a year and a value column, in any
/// order and among other columns — at the scale of the full World Bank WDI
/// (15 million rows, 450–500 MB), multi-threaded; how fast is what
/// `swift run -c release cq-bench scale` prints, beside DuckDB, polars and
/// pandas on the same file.
///
/// How:
/// - The body is read in windows of `threads × chunkSize` bytes. Each window is
///   cut into `threads` chunks at line ends and the chunks are parsed in
///   parallel. Fields are found eight bytes at a time; a four-digit year and a
///   plain number are read in place. A record that contains a quote is re-read
///   by a careful RFC 4180 path (quoted commas, doubled quotes and line breaks
///   inside quotes all work). If a cut turns out to fall inside a quoted field
///   (a line break inside quotes), the whole parse is redone on one thread,
///   which cannot cut anything.
/// - Entity and indicator texts are interned per chunk by a hash of their bytes
///   (after a comparison with the previous row's, which usually matches), and
///   mapped to dataset-wide ids after each window.
/// - Numbers take an exact fast path (Clinger 1990): at most 19 significant
///   digits forming an integer m ≤ 2⁵³ and a decimal exponent e with |e| ≤ 22
///   give m × 10^e or m / 10^−e, one correctly rounded operation on exact
///   doubles, so the result is the correctly rounded value `Double(String)`
///   gives (and for 22 < e ≤ 37, m × 10^(e−22) when that is still an exact
///   integer ≤ 2⁵³, times 10²²); everything else goes through `Double(String)`
///   itself, and cells that are not plain numbers are `CellText.read`'s to
///   judge, with its messages (as are years, by `CellText.year`).
/// - Rows are not kept: after each window they are scattered straight into
///   indicator-major grids (blocks of 64 entities × the years seen, zero
///   meaning absent), so memory peaks at about one dense grid plus one window,
///   whatever the number of rows. Writing a cell twice is a duplicate
///   observation; its two lines are then found by re-reading the file.
///
/// Errors are `DataLoadError`s with the file, the 1-based line and the column
/// (in characters) of the bad cell, as `CSVReader` and `CSVTable` report them:
/// unterminated or misplaced quotes, short and long rows, invalid UTF-8 in a
/// field, an empty entity or indicator, a year outside 1000–2999, a cell that
/// is not a number, a value outside an indicator's bounds, a duplicate
/// observation. Within a record, the first bad field is reported; across the
/// file, the first bad record. The missing-value markers (an empty cell, `NA`,
/// `..`, `-`) are counted and stored as missing, never read as numbers.
///
/// Pure: the caller supplies the bytes (for a large file, a read-only `mmap`)
/// and may pass `release` to let go of the pages of each window once parsed.
public enum LongFormParser {
    // MARK: - public types

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

    /// An indicator's valid range; a value outside it is an error at its cell.
    public struct Bounds: Sendable, Equatable {
        public var minimum: Double?
        public var maximum: Double?

        public init(minimum: Double?, maximum: Double?) {
            self.minimum = minimum
            self.maximum = maximum
        }
    }

    public struct Options: Sendable {
        /// Threads to parse with; 1 parses on the calling thread.
        public var threads: Int
        /// Bytes per thread per window. Larger windows mean fewer
        /// synchronisations and more memory for the rows in flight.
        public var chunkSize: Int
        /// Bounds by indicator id, checked as each value is read.
        public var bounds: [String: Bounds]
        /// How errors name an empty entity cell: "expected a country code, found an empty cell".
        public var entityDescription: String
        /// How errors name an empty indicator cell.
        public var indicatorDescription: String

        public init(
            threads: Int = LongFormParser.processorCount, chunkSize: Int = 8 << 20, bounds: [String: Bounds] = [:],
            entityDescription: String = "a country code", indicatorDescription: String = "an indicator code"
        ) {
            self.threads = threads
            self.chunkSize = chunkSize
            self.bounds = bounds
            self.entityDescription = entityDescription
            self.indicatorDescription = indicatorDescription
        }
    }

    /// The number of online processors, the default thread count.
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Where something first occurs in the file: 1-based line and column.
    public struct Position: Sendable, Equatable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    /// What `parse` read: the distinct entities and indicators in order of
    /// first appearance (with where each first appears, for errors about
    /// them), the years, the counts, and the values in provisional grids that
    /// `dataset` turns into a `Dataset`. Values are read with `value(…)`.
    public struct Output: Sendable {
        public var file: String
        public internal(set) var entities: [String]
        public internal(set) var entityPositions: [Position]
        public internal(set) var indicators: [String]
        public internal(set) var indicatorPositions: [Position]
        /// The years of the records; `firstYear > lastYear` when there are none.
        public internal(set) var firstYear: Int
        public internal(set) var lastYear: Int
        /// Records read (observations and missing markers).
        public internal(set) var rows: Int
        /// Records whose value is a missing marker (empty, NA, .., -).
        public internal(set) var missingMarkers: Int
        /// Records with a number.
        public var observations: Int { rows - missingMarkers }
        /// For each entity, the years in which it has a number (not only
        /// markers); nil when it has none.
        public internal(set) var valueYears: [ClosedRange<Int>?]
        var grid: Grid

        /// The value of one observation by index into `entities` and
        /// `indicators`: nil when there is no record, `.nan` for a missing marker.
        public func value(entity: Int, indicator: Int, year: Int) -> Double? {
            guard entities.indices.contains(entity), indicators.indices.contains(indicator),
                year >= grid.base, year < grid.base + grid.span
            else { return nil }
            let stored = grid.row(indicator: indicator, entity: entity)[year - grid.base]
            return stored == 0 ? nil : Grid.decode(stored)
        }
    }

    /// What to do with an entity the reference dataset does not have.
    public enum UnknownEntities: Sendable, Equatable {
        /// An error at its first occurrence: "unknown country code `XYZ`".
        case error
        /// Leave it out and list it (aggregates such as `EUU` or `WLD`).
        case skip
        /// Keep it as a country named by its code, without attributes.
        case keep
    }

    /// What `dataset` kept and left out.
    public struct Summary: Sendable, Equatable {
        /// Cells with a number, in the countries kept.
        public var observations: Int
        /// Missing markers in the countries kept.
        public var missingMarkers: Int
        /// Entities left out by `UnknownEntities.skip`, sorted.
        public var skippedEntities: [String]

        public init(observations: Int, missingMarkers: Int, skippedEntities: [String]) {
            self.observations = observations
            self.missingMarkers = missingMarkers
            self.skippedEntities = skippedEntities
        }
    }

    /// The missing-value markers, as written in files.
    public static let missingMarkerTexts = ["", "NA", "..", "-"]

    // MARK: - header

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
        var index = TextBytes.byteOrderMarkLength(UnsafeBufferPointer(start: base, count: bytes.count))
        let bom = index
        while index < bytes.count, base[index] == cr || base[index] == lf { index += 1 }
        guard index < bytes.count else {
            throw DataLoadError(file: file, line: 1, column: 1, message: "the file is empty; expected a header line")
        }
        let locate = Locator(base: base, count: bytes.count, bom: bom)
        if let bad = firstInvalidUTF8(base + index, lineEnd(base, index, bytes.count) - index) {
            throw locate.error(file, at: index + bad, "invalid UTF-8 (byte 0x\(CSVReader.hex(base[index + bad])))")
        }
        var record = SplitRecord()
        if let failure = record.split(base, from: index, end: bytes.count) {
            throw locate.error(file, at: failure.offset, failure.message)
        }
        let fields = record.fields.map { field in
            record.text.withUnsafeBufferPointer {
                String(
                    decoding: UnsafeBufferPointer(rebasing: $0[field.textStart..<field.textStart + field.length]),
                    as: UTF8.self)
            }
        }
        for (position, name) in fields.enumerated() where fields[..<position].contains(name) {
            throw locate.error(file, at: record.fields[position].offset, "duplicate column `\(name)` in the header")
        }
        return (fields, record.next)
    }

    // MARK: - parse

    /// Parses the body (from `bodyOffset`, just after the header line) of a
    /// long-form CSV. Chunks are parsed on `options.threads` threads; the
    /// result does not depend on the thread count or the chunk size. After
    /// each window, `release` (if given) is called with the byte range just
    /// parsed, in order, so a caller that mapped the file can drop its pages
    /// (`madvise(MADV_DONTNEED)` on a private file mapping: the bytes must stay
    /// readable, as they are re-read to locate a duplicate observation).
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, bodyOffset: Int, file: String, columns: Columns,
        options: Options = Options(), release: ((Range<Int>) -> Void)? = nil
    ) throws(DataLoadError) -> Output {
        let roles = [columns.entity, columns.indicator, columns.year, columns.value]
        precondition(
            Set(roles).count == 4 && roles.allSatisfy { $0 >= 0 && $0 < columns.width },
            "LongFormParser: the four columns must be distinct fields of the record")
        precondition(bodyOffset >= 0 && bodyOffset <= bytes.count, "LongFormParser: body offset outside the bytes")
        var threads = max(1, options.threads)
        while true {
            // nil: a chunk was cut inside a quoted field; only one thread cannot cut.
            if let output = try parsePass(
                bytes, bodyOffset: bodyOffset, file: file, columns: columns,
                options: options, threads: threads, release: release)
            {
                return output
            }
            threads = 1
        }
    }

    /// Parses a whole file held in an array: header, then body.
    public static func parse(
        _ bytes: [UInt8], file: String, columns: ([String]) throws(DataLoadError) -> Columns,
        options: Options = Options()
    ) throws(DataLoadError) -> Output {
        let result: Result<Output, DataLoadError> = bytes.withUnsafeBytes { raw in
            do throws(DataLoadError) {
                let (fields, bodyOffset) = try header(raw, file: file)
                let chosen = try columns(fields)
                return .success(try parse(raw, bodyOffset: bodyOffset, file: file, columns: chosen, options: options))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
