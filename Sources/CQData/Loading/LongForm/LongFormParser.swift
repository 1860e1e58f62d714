import Dispatch
import Glibc

/// Reads long-form observation tables — one observation per line, with an
/// entity (country code), an indicator, a year and a value column, in any
/// order and among other columns — at the scale of the full World Bank WDI
/// (15 million rows, 450–500 MB) in about half a second on two cores
/// (`swift run -c release cq-bench scale` measures it against DuckDB, polars
/// and pandas).
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
///   meaning absent; a row zeroed on every thread when its entity and
///   indicator first appear), so memory peaks at about one dense grid plus
///   one window, whatever the number of rows. Each row's cell is asked for
///   (prefetched) sixteen rows before it is written, so rows that jump about
///   the grids do not wait on memory one by one. Writing a cell twice is a
///   duplicate observation; its two lines are then found by re-reading the file.
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
/// It returns the parse only; `DatasetAssembler.longForm` makes the dataset.
///
/// The files of this folder, one job each: this one (options, entry points),
/// `+Header` (the header and which column is which), `+Pass` (windows,
/// chunks, threads, merging the chunks' keys), `+Scatter` (writing a window's
/// rows into the grids), `LongFormChunk`
/// (the SWAR scan of one chunk) and `+Fields` (its careful per-field paths),
/// `+Scanning` (byte classes, the eight-byte field search, positions),
/// `+Numbers` (the exact fast decimal path), `InternTable`, `LongFormGrid`
/// (the provisional value grids), `LongFormOutput` (what a parse returns),
/// `+Duplicate` (re-reading for a duplicate's two lines).
public enum LongFormParser {
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

    /// The missing-value markers, as written in files.
    public static let missingMarkerTexts = ["", "NA", "..", "-"]
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
