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

    // MARK: - dataset

    /// Builds the dense, indicator-major `Dataset` from a parse, with the
    /// same rules as `DatasetBuilder` (the loader of the other formats), so a
    /// long-form file gives the same dataset whichever path reads it.
    ///
    /// - Countries are the entities kept, sorted by code: an entity for which
    ///   `skipEntity` is true (an aggregate, e.g. `WorldBankAggregates.isAggregate`)
    ///   is left out and listed; one the `reference` lacks is handled by
    ///   `unknownEntities`.
    /// - The year axis runs from the first to the last year in which a kept
    ///   country has a number (rows with only markers do not widen it).
    /// - Indicators: `metadata[text]` (by the text in the file) gives an
    ///   indicator's id, label, unit, bounds… (its values are ignored; its id
    ///   may differ from the text: two texts with one id are an error);
    ///   otherwise the id and label are the text. Sorted by id.
    /// - With a `reference` (usually the built-in `world`) that knows at least
    ///   one of the countries: names, the reference's static attributes, and
    ///   its group memberships, which after its last year stay as in that year
    ///   and before its first year are none; `region` (EU, else CIS, else the
    ///   World Bank region) is derived from those, and unknown before the
    ///   reference's first year for a country that was then in the EU or CIS.
    ///   A note saying so is added to the attribution. Without one, countries
    ///   are named by their codes and have no attributes or groups.
    ///
    /// Consumes the parse. Pass it as `consume output` (or straight from
    /// `parse`) so that no copy is left: each indicator's provisional grid is
    /// then freed as soon as its final one is built (on this thread, whose
    /// allocator reuses the memory), and memory stays near one grid; while a
    /// copy lives, the provisional grids do too.
    public static func dataset(
        _ output: consuming Output, name: String, title: String, attribution: [String] = [],
        reference: Dataset? = nil, unknownEntities: UnknownEntities = .error,
        skipEntity: (String) -> Bool = { _ in false }, metadata: [String: Indicator] = [:]
    ) throws(DataLoadError) -> (dataset: Dataset, summary: Summary) {
        let file = output.file
        guard output.rows > 0 else {
            throw DataLoadError(file: file, line: 0, column: 0, message: "no observations: the file has no data rows")
        }
        let entityTexts = output.entities
        let indicatorTexts = output.indicators
        let entityPositions = output.entityPositions
        let indicatorPositions = output.indicatorPositions
        let valueYears = output.valueYears
        // Take the grids out of the output: unique now unless the caller kept a copy.
        var grid = output.grid
        output.grid = Grid()
        let freeAsWeGo = isKnownUniquelyReferenced(&grid)

        // Countries: the entities kept, sorted by code, each with its reference index.
        var kept: [(entity: Int, code: String, reference: Int?)] = []
        var skipped: [String] = []
        for (entity, code) in entityTexts.enumerated() {
            if skipEntity(code) {
                skipped.append(code)
                continue
            }
            let index = reference?.countryIndex(code: code)
            if reference != nil, index == nil {
                switch unknownEntities {
                case .error:
                    let position = entityPositions[entity]
                    throw DataLoadError(
                        file: file, line: position.line, column: position.column,
                        message: "unknown country code `\(code)`")
                case .skip:
                    skipped.append(code)
                    continue
                case .keep: break
                }
            }
            kept.append((entity, code, index))
        }
        kept.sort { $0.code < $1.code }
        skipped.sort()

        // The year axis: the years in which a kept country has a number.
        var firstYear = Int.max
        var lastYear = Int.min
        for item in kept {
            guard let years = valueYears[item.entity] else { continue }
            firstYear = min(firstYear, years.lowerBound)
            lastYear = max(lastYear, years.upperBound)
        }
        guard firstYear <= lastYear else {
            let message =
                output.missingMarkers == output.rows
                ? "no observations: every value in the file is a missing-value marker (\(CellText.markerList))"
                : "no observations: every number in the file is of an entity left out ("
                    + skipped.prefix(5).joined(separator: ", ") + (skipped.count > 5 ? ", …)" : ")")
            throw DataLoadError(file: file, line: 0, column: 0, message: message)
        }
        let yearCount = lastYear - firstYear + 1
        let cellCount = kept.count * yearCount

        // Indicators: metadata by the file's text; one id for two texts is an error.
        var items: [Indicator] = indicatorTexts.map { text in
            var item =
                metadata[text]
                ?? Indicator(
                    id: text, label: text, unit: "", kind: "", minimum: nil, maximum: nil,
                    source: "", license: "", url: "", note: "", values: [])
            item.values = []
            return item
        }
        var firstWithID: [String: Int] = [:]
        for (position, item) in items.enumerated() {
            if let earlier = firstWithID[item.id] {
                let where_ = indicatorPositions[position]
                throw DataLoadError(
                    file: file, line: where_.line, column: where_.column,
                    message:
                        "indicators `\(items[earlier].label)` and `\(indicatorTexts[position])` would both be named `\(item.id)`; rename one"
                )
            }
            firstWithID[item.id] = position
        }

        // Values: each indicator's final grid from its blocks. On this thread,
        // on purpose: the blocks freed as it goes (allocated on this thread)
        // are reused for the next final grids, so memory stays near one grid
        // and the new grids cost no page faults. About 50 ms for 15M cells.
        let order = items.indices.sorted { items[$0].id < items[$1].id }
        let view = grid.view
        let slots = kept.map(\.entity)
        let yearShift = firstYear - grid.base
        var indicators: [Indicator] = []
        indicators.reserveCapacity(order.count)
        var observations = 0
        var markers = 0
        for indicator in order {
            var present = 0
            var missing = 0
            let values = [Double](unsafeUninitializedCapacity: cellCount) { buffer, initialized in
                var cell = 0
                for slot in slots {
                    let row = view.row(indicator: indicator, entity: slot) + yearShift
                    for year in 0..<yearCount {
                        let stored = row[year]
                        if stored == 0 {
                            buffer[cell] = .nan
                        } else if stored == Grid.marker {
                            buffer[cell] = .nan
                            missing += 1
                        } else {
                            buffer[cell] = Double(bitPattern: stored &- 1)
                            present += 1
                        }
                        cell += 1
                    }
                }
                initialized = cellCount
            }
            if freeAsWeGo { grid.free(indicator: indicator) }
            observations += present
            markers += missing
            var item = items[indicator]
            item.values = values
            indicators.append(item)
            items[indicator] = Indicator(
                id: "", label: "", unit: "", kind: "", minimum: nil, maximum: nil, source: "", license: "", url: "",
                note: "", values: [])
        }

        var dataset = Dataset(
            name: name, title: title, attribution: attribution, firstYear: firstYear, lastYear: lastYear,
            countries: kept.map { item in
                Country(code: item.code, name: item.reference.map { reference!.countries[$0].name } ?? item.code)
            },
            attributes: [], groups: [], indicators: indicators)
        if let reference, kept.contains(where: { $0.reference != nil }) {
            applyReference(reference, matches: kept.map(\.reference), to: &dataset)
        }
        return (dataset, Summary(observations: observations, missingMarkers: markers, skippedEntities: skipped))
    }

    /// The reference's attributes and groups for the countries that match it,
    /// as `DatasetBuilder.build` gives them (see `dataset`).
    static func applyReference(_ source: Dataset, matches: [Int?], to dataset: inout Dataset) {
        dataset.groups = ReferenceJoin.stretchedGroups(from: source, matches: matches, years: dataset.years)
        var attributes: [Attribute] = []
        var wbRegion: [String?]?
        for attribute in source.attributes where !attribute.variesByYear {
            let texts = ReferenceJoin.referenceTexts(of: attribute, in: source, matches: matches)
            if attribute.name == "wb_region" { wbRegion = texts }
            attributes.append(
                CQLayoutLoader.makeAttribute(name: attribute.name, label: attribute.label, texts: texts, perCell: false)
            )
        }
        let eu = dataset.group(named: "eu")?.members
        let cis = dataset.group(named: "cis")?.members
        if !attributes.contains(where: { $0.name == ReferenceJoin.regionName }),
            wbRegion != nil || eu != nil || cis != nil
        {
            attributes.append(
                ReferenceJoin.region(
                    eu: eu, cis: cis, wbRegion: wbRegion, countries: dataset.countries.count, years: dataset.years,
                    knownFrom: ReferenceJoin.regionKnownFrom(source: source, matches: matches)))
        }
        dataset.attributes = attributes.sorted { $0.name < $1.name }
        dataset.attribution += DatasetBuilder.referenceNote(
            source, firstYear: dataset.firstYear, lastYear: dataset.lastYear)
    }

    // MARK: - numbers

    /// The value of a plain decimal number as cq reads data cells
    /// (`CellText.plainNumber`): optional sign, digits with an optional point,
    /// optional exponent; nil for anything else (including the missing markers,
    /// `inf`, `nan`, hex, spaces) and for a number too large for a Double. Bit
    /// for bit what `Double(String)` gives.
    public static func decimal(_ text: UnsafeRawBufferPointer) -> Double? {
        guard let raw = text.baseAddress, text.count > 0 else { return nil }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        return fastDecimal(base, text.count) ?? slowDecimal(base, text.count).value
    }

    /// The exact fast path alone: nil when it does not apply (too many digits,
    /// an exponent out of its range, or not a plain decimal). Public for tests.
    public static func fastDecimal(_ text: UnsafeRawBufferPointer) -> Double? {
        guard let raw = text.baseAddress, text.count > 0 else { return nil }
        return fastDecimal(raw.assumingMemoryBound(to: UInt8.self), text.count)
    }

    /// 10⁰ … 10²², every one exactly representable in a Double.
    static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]
    static let integerPowers: [UInt64] = (0...19).map { power in (0..<power).reduce(1) { result, _ in result * 10 } }

    @inline(__always)
    static func fastDecimal(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        guard let (value, end) = scanDecimal(p, from: 0, limit: count), end == count else { return nil }
        return value
    }

    /// The fast path on the plain decimal starting at `from`: its value and
    /// where it ends (the first byte that cannot continue it, or `limit`), or
    /// nil when there is none or the fast path does not apply. The parser
    /// uses it in place, the end then having to be a field's end.
    @inline(__always)
    static func scanDecimal(_ p: UnsafePointer<UInt8>, from: Int, limit count: Int) -> (Double, Int)? {
        var i = from
        var negative = false
        if i < count, p[i] == minus || p[i] == plus {
            negative = p[i] == minus
            i += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var digits = 0
        while i < count {
            let digit = p[i] &- zero
            if digit >= 10 { break }
            digits += 1
            if mantissa != 0 || digit != 0 {
                if significant == 19 { return nil }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                significant += 1
            }
            i += 1
        }
        if i < count, p[i] == dot {
            i += 1
            while i < count {
                let digit = p[i] &- zero
                if digit >= 10 { break }
                digits += 1
                if mantissa != 0 || digit != 0 {
                    if significant == 19 { return nil }
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    significant += 1
                }
                exponent -= 1
                i += 1
            }
        }
        if digits == 0 { return nil }
        if i < count, p[i] | 0x20 == lowerE {
            i += 1
            var exponentNegative = false
            if i < count, p[i] == minus || p[i] == plus {
                exponentNegative = p[i] == minus
                i += 1
            }
            var written = 0
            var exponentDigits = 0
            while i < count {
                let digit = p[i] &- zero
                if digit >= 10 { break }
                if written < 100_000 { written = written * 10 + Int(digit) }
                exponentDigits += 1
                i += 1
            }
            if exponentDigits == 0 { return nil }
            exponent += exponentNegative ? -written : written
        }
        let value: Double
        if mantissa == 0 {
            value = 0
        } else if mantissa > 1 << 53 {
            return nil
        } else if exponent >= 0 {
            if exponent <= 22 {
                value = Double(mantissa) * exactPowers[exponent]
            } else if exponent <= 22 + 15 {
                // m × 10^(e−22) may still be an exact integer below 2⁵³.
                let (scaled, overflow) = mantissa.multipliedReportingOverflow(by: integerPowers[exponent - 22])
                if overflow || scaled > 1 << 53 { return nil }
                value = Double(scaled) * 1e22
            } else {
                return nil
            }
        } else if exponent >= -22 {
            value = Double(mantissa) / exactPowers[-exponent]
        } else {
            return nil
        }
        return (negative ? -value : value, i)
    }

    /// `CellText.plainNumber`'s rule (only plain decimal characters, then
    /// `Double(String)`), finite. `outOfRange` when it parses but is infinite.
    static func slowDecimal(_ p: UnsafePointer<UInt8>, _ count: Int) -> (value: Double?, outOfRange: Bool) {
        let text = String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
        guard let value = CellText.plainNumber(text) else { return (nil, false) }
        guard value.isFinite else { return (nil, true) }
        return (value, false)
    }

    // MARK: - bytes

    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    static let minus = UInt8(ascii: "-"), plus = UInt8(ascii: "+"), dot = UInt8(ascii: "."), zero = UInt8(ascii: "0")
    static let lowerE = UInt8(ascii: "e"), upperE = UInt8(ascii: "E")

    /// 1 for the bytes that end an unquoted field or start the slow path: , " CR LF.
    static let special: [UInt8] = (0..<256).map { byte in
        byte == 0x2C || byte == 0x22 || byte == 0x0D || byte == 0x0A ? 1 : 0
    }

    /// The end of an unquoted field: the offset of the first `,` `"` CR or LF
    /// from `from`, or `total`. Eight bytes at a time: a byte equal to b makes
    /// `(x ^ b…) - 1…` borrow into its high bit; the lowest such bit is exact.
    @inline(__always)
    static func fieldEnd(_ p: UnsafePointer<UInt8>, from: Int, total: Int, special: UnsafePointer<UInt8>) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var j = from
        while j &+ 8 <= total {
            let word = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
            let a = word ^ (ones &* 0x2C)
            let b = word ^ (ones &* 0x22)
            let c = word ^ (ones &* 0x0D)
            let d = word ^ (ones &* 0x0A)
            let found = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c | (d &- ones) & ~d) & highs
            if found != 0 { return j &+ (UInt64(littleEndian: found).trailingZeroBitCount >> 3) }
            j &+= 8
        }
        while j < total, special[Int(p[j])] == 0 { j &+= 1 }
        return j
    }

    /// Whether two byte ranges of the same length are equal (short keys: no call to memcmp).
    @inline(__always)
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        while i &+ 8 <= count {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self)
                != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
            {
                return false
            }
            i &+= 8
        }
        while i < count {
            if a[i] != b[i] { return false }
            i &+= 1
        }
        return true
    }

    /// The offset of the first byte that is not well-formed UTF-8, or nil.
    static func firstInvalidUTF8(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var any: UInt8 = 0
        for index in 0..<count { any |= p[index] }
        if any < 0x80 { return nil }
        return CSVReader.firstInvalidUTF8(Array(UnsafeBufferPointer(start: p, count: count)))
    }

    /// The end of the line starting at `from` (the offset of its CR or LF, or `end`).
    static func lineEnd(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
        var index = from
        while index < end, p[index] != lf, p[index] != cr { index += 1 }
        return index
    }

    /// The line terminators in a range: LF, CRLF (once) or a lone CR, as
    /// `CSVReader.location` counts them.
    static func terminators(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, total: Int) -> Int {
        var count = 0
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = p[index]
            if byte == lf || (byte == cr && (index + 1 >= total || p[index + 1] != lf)) { count += 1 }
            index += 1
        }
        return count
    }

    /// Turns byte offsets into columns: characters from the start of the line.
    struct Locator {
        let base: UnsafePointer<UInt8>
        let count: Int
        let bom: Int

        func column(of offset: Int) -> Int {
            var start = offset
            while start > 0, base[start - 1] != lf, base[start - 1] != cr { start -= 1 }
            start = max(start, min(bom, offset))
            return String(decoding: UnsafeBufferPointer(start: base + start, count: offset - start), as: UTF8.self)
                .count + 1
        }

        /// An error at an offset whose line is not known: counts from the start.
        func error(_ file: String, at offset: Int, _ message: String) -> DataLoadError {
            let line = 1 + LongFormParser.terminators(base, 0..<offset, total: count)
            return DataLoadError(file: file, line: line, column: column(of: offset), message: message)
        }
    }

    /// One record split by the RFC 4180 rules (shared with `CSVRecordStream`).
    typealias SplitRecord = CSVSplitRecord

    // MARK: - the pass

    /// A pointer handed to worker threads, each of which touches only its own elements.
    struct SharedPointer<Pointee>: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<Pointee>
    }

    /// Runs `work(0..<count)` on `count` threads (inline for one).
    static func perform(_ count: Int, _ work: @Sendable (Int) -> Void) {
        if count <= 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: work)
        }
    }

    /// The start of the line after the one containing `offset` (or `end`).
    static func nextLineStart(_ p: UnsafePointer<UInt8>, _ offset: Int, _ end: Int) -> Int {
        var index = lineEnd(p, offset, end)
        if index < end {
            if p[index] == cr, index + 1 < end, p[index + 1] == lf { index += 1 }
            index += 1
        }
        return index
    }

    private static func parsePass(
        _ bytes: UnsafeRawBufferPointer, bodyOffset: Int, file: String, columns: Columns,
        options: Options, threads: Int, release: ((Range<Int>) -> Void)?
    ) throws(DataLoadError) -> Output? {
        let empty = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        defer { empty.deallocate() }
        let base =
            bytes.baseAddress.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) } ?? UnsafePointer(empty)
        let total = bytes.count
        let bom = TextBytes.byteOrderMarkLength(UnsafeBufferPointer(start: base, count: total))
        let locator = Locator(base: base, count: total, bom: bom)
        let chunkSize = max(1 << 12, options.chunkSize)
        let chunks = (0..<threads).map { _ in
            Chunk(base: base, total: total, columns: columns, options: options, chunkCapacity: chunkSize)
        }
        var entityIDs: [String: Int32] = [:]
        var entities: [String] = []
        var entityPositions: [Position] = []
        var indicatorIDs: [String: Int32] = [:]
        var indicators: [String] = []
        var indicatorPositions: [Position] = []
        let grid = Grid()
        var firstYear = Int.max
        var lastYear = Int.min
        var rows = 0
        var markers = 0
        var valueYears: [ClosedRange<Int>?] = []

        var windowStart = bodyOffset
        var windowLine = 1 + terminators(base, 0..<bodyOffset, total: total)
        var chunkLines = [Int](repeating: 0, count: threads)
        while windowStart < total {
            // Cut the window into chunks at line starts.
            var windowEnd = min(total, windowStart + threads * chunkSize)
            if windowEnd < total { windowEnd = nextLineStart(base, windowEnd, total) }
            var start = windowStart
            for (k, chunk) in chunks.enumerated() {
                var end = k == threads - 1 ? windowEnd : windowStart + (windowEnd - windowStart) * (k + 1) / threads
                if end < windowEnd { end = max(start, nextLineStart(base, end, total)) }
                chunk.start = start
                chunk.end = min(end, windowEnd)
                start = chunk.end
            }
            perform(threads) { k in chunks[k].run() }

            // Check the cuts and the errors in file order; number the lines.
            var line = windowLine
            for (k, chunk) in chunks.enumerated() {
                if k > 0, chunk.start != chunks[k - 1].finish {
                    return nil  // the previous chunk's last record ran on: a line break in quotes
                }
                if let failure = chunk.failure {
                    throw DataLoadError(
                        file: file, line: line + failure.line, column: locator.column(of: failure.offset),
                        message: failure.message)
                }
                chunkLines[k] = line
                line += chunk.lines
            }
            windowLine = line
            let windowFinish = chunks[threads - 1].finish

            // Give the new texts dataset-wide ids, in order of first appearance.
            for (k, chunk) in chunks.enumerated() {
                for key in chunk.newEntities {
                    let text = chunk.entities.string(Int(key.local))
                    if let known = entityIDs[text] {
                        chunk.entityGlobal[Int(key.local)] = known
                    } else {
                        let id = Int32(entities.count)
                        entityIDs[text] = id
                        entities.append(text)
                        entityPositions.append(
                            Position(line: chunkLines[k] + key.line, column: locator.column(of: key.offset)))
                        chunk.entityGlobal[Int(key.local)] = id
                    }
                }
                for key in chunk.newIndicators {
                    let text = chunk.indicators.string(Int(key.local))
                    if let known = indicatorIDs[text] {
                        chunk.indicatorGlobal[Int(key.local)] = known
                    } else {
                        let id = Int32(indicators.count)
                        indicatorIDs[text] = id
                        indicators.append(text)
                        indicatorPositions.append(
                            Position(line: chunkLines[k] + key.line, column: locator.column(of: key.offset)))
                        chunk.indicatorGlobal[Int(key.local)] = id
                    }
                }
                if chunk.rowCount > 0 {
                    firstYear = min(firstYear, chunk.minYear)
                    lastYear = max(lastYear, chunk.maxYear)
                }
                rows += chunk.rowCount
                markers += chunk.markers
            }
            if firstYear <= lastYear {
                grid.cover(firstYear: firstYear, lastYear: lastYear)
                grid.ensure(indicators: indicators.count, entities: entities.count)
                grid.prefault(indicators: indicators.count, entities: entities.count, threads: threads)
            }

            // Scatter the rows into the grids; each thread owns the (entity,
            // indicator) pairs whose id sum falls to it, so no cell is shared.
            let duplicates = UnsafeMutablePointer<(chunk: Int, row: Int)>.allocate(capacity: threads)
            duplicates.initialize(repeating: (Int.max, Int.max), count: threads)
            defer { duplicates.deallocate() }
            let sharedDuplicates = SharedPointer(pointer: duplicates)
            // Each worker's years with a value per entity (workers share entities).
            let entityCount = entities.count
            let yearBounds = UnsafeMutablePointer<(low: Int16, high: Int16)>.allocate(
                capacity: max(1, threads * entityCount))
            yearBounds.initialize(repeating: (.max, .min), count: max(1, threads * entityCount))
            defer { yearBounds.deallocate() }
            let sharedBounds = SharedPointer(pointer: yearBounds)
            let view = grid.view
            perform(threads) { worker in
                let bounds = sharedBounds.pointer + worker * entityCount
                rowLoop: for (k, chunk) in chunks.enumerated() {
                    // Locals, not the chunk's properties, in the loop (see `Chunk.run`).
                    let rowCount = chunk.rowCount
                    let rowEntity = chunk.rowEntity
                    let rowIndicator = chunk.rowIndicator
                    let rowYear = chunk.rowYear
                    let rowCell = chunk.rowCell
                    chunk.entityGlobal.withUnsafeBufferPointer { entityGlobal in
                        chunk.indicatorGlobal.withUnsafeBufferPointer { indicatorGlobal in
                            for row in 0..<rowCount {
                                let entity = Int(entityGlobal[Int(rowEntity[row])])
                                let indicator = Int(indicatorGlobal[Int(rowIndicator[row])])
                                if threads > 1, (entity &+ indicator) % threads != worker { continue }
                                let cell =
                                    view.row(indicator: indicator, entity: entity) + (Int(rowYear[row]) - view.base)
                                if cell.pointee != 0 {
                                    sharedDuplicates.pointer[worker] = (k, row)
                                    return
                                }
                                let stored = rowCell[row]
                                cell.pointee = stored
                                if stored != Grid.marker {
                                    let year = rowYear[row]
                                    if year < bounds[entity].low { bounds[entity].low = year }
                                    if year > bounds[entity].high { bounds[entity].high = year }
                                }
                            }
                        }
                    }
                    if sharedDuplicates.pointer[worker].chunk != Int.max { break rowLoop }
                }
            }
            if let first = (0..<threads).map({ duplicates[$0] }).min(by: { ($0.chunk, $0.row) < ($1.chunk, $1.row) }),
                first.chunk != Int.max
            {
                let chunk = chunks[first.chunk]
                let entity = Int(chunk.entityGlobal[Int(chunk.rowEntity[first.row])])
                let indicator = Int(chunk.indicatorGlobal[Int(chunk.rowIndicator[first.row])])
                let year = Int(chunk.rowYear[first.row])
                throw duplicateError(
                    base, total: total, bodyOffset: bodyOffset, file: file, columns: columns, locator: locator,
                    entity: entities[entity], indicator: indicators[indicator], year: year)
            }
            while valueYears.count < entityCount { valueYears.append(nil) }
            for worker in 0..<threads {
                for entity in 0..<entityCount {
                    let (low, high) = yearBounds[worker * entityCount + entity]
                    guard low <= high else { continue }
                    let years = valueYears[entity].map { min($0.lowerBound, Int(low))...max($0.upperBound, Int(high)) }
                    valueYears[entity] = years ?? Int(low)...Int(high)
                }
            }
            release?(windowStart..<windowFinish)
            windowStart = windowFinish
        }
        return Output(
            file: file, entities: entities, entityPositions: entityPositions, indicators: indicators,
            indicatorPositions: indicatorPositions, firstYear: firstYear <= lastYear ? firstYear : 0,
            lastYear: firstYear <= lastYear ? lastYear : -1, rows: rows, missingMarkers: markers,
            valueYears: valueYears, grid: grid)
    }

    /// Re-reads the body for the first two records of an observation that
    /// occurs twice: the error is at the second, naming the line of the first.
    private static func duplicateError(
        _ base: UnsafePointer<UInt8>, total: Int, bodyOffset: Int, file: String, columns: Columns, locator: Locator,
        entity: String, indicator: String, year: Int
    ) -> DataLoadError {
        let entityBytes = Array(entity.utf8)
        let indicatorBytes = Array(indicator.utf8)
        var record = SplitRecord()
        var index = bodyOffset
        var line = 1 + terminators(base, 0..<bodyOffset, total: total)
        var firstLine: Int?
        while index < total {
            let byte = base[index]
            if byte == lf || byte == cr {
                line += 1
                index += byte == cr && index + 1 < total && base[index + 1] == lf ? 2 : 1
                continue
            }
            if record.split(base, from: index, end: total) != nil { break }
            let matches = record.text.withUnsafeBufferPointer { text -> Bool in
                guard record.fields.count == columns.width else { return false }
                func field(_ column: Int) -> UnsafeBufferPointer<UInt8> {
                    let field = record.fields[column]
                    return UnsafeBufferPointer(rebasing: text[field.textStart..<field.textStart + field.length])
                }
                guard field(columns.entity).elementsEqual(entityBytes),
                    field(columns.indicator).elementsEqual(indicatorBytes)
                else { return false }
                let yearText = field(columns.year)
                return yearText.allSatisfy { $0 >= zero && $0 <= zero + 9 }
                    && Int(String(decoding: yearText, as: UTF8.self)) == year
            }
            if matches {
                if let firstLine {
                    let offset = record.fields[0].offset
                    return DataLoadError(
                        file: file, line: line, column: locator.column(of: offset),
                        message:
                            "duplicate observation: \(entity) \(indicator) \(year) is already given on line \(firstLine)"
                    )
                }
                firstLine = line
            }
            line += record.innerLines + (record.next > record.end ? 1 : 0)
            index = record.next
        }
        // Not reached for a real duplicate; say what is known rather than trap.
        return DataLoadError(
            file: file, line: 0, column: 0, message: "duplicate observation: \(entity) \(indicator) \(year)")
    }

    // MARK: - interning

    /// Distinct byte strings, found by hash, numbered in order of insertion.
    struct InternTable {
        var slots = [Int32](repeating: -1, count: 64)
        var hashes: [UInt64] = []
        var starts: [Int] = []
        var lengths: [Int] = []
        var arena: [UInt8] = []

        var count: Int { starts.count }

        @inline(__always)
        static func hash(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for index in 0..<count { hash = (hash ^ UInt64(p[index])) &* 0x100_0000_01B3 }
            return hash ^ (hash >> 29)
        }

        @inline(__always)
        func equals(_ id: Int32, _ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
            let id = Int(id)
            guard lengths[id] == count else { return false }
            return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + starts[id], p, count) == 0 }
        }

        func find(_ p: UnsafePointer<UInt8>, _ count: Int, _ hash: UInt64) -> Int32? {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let id = slots[slot]
                if id < 0 { return nil }
                if hashes[Int(id)] == hash, equals(id, p, count) { return id }
                slot = (slot + 1) & mask
            }
        }

        mutating func insert(_ p: UnsafePointer<UInt8>, _ count: Int, _ hash: UInt64) -> Int32 {
            let id = Int32(starts.count)
            starts.append(arena.count)
            lengths.append(count)
            hashes.append(hash)
            arena.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
            arena.append(0)  // so `arena` is never empty and every start is in range
            if starts.count * 2 > slots.count {
                slots = [Int32](repeating: -1, count: slots.count * 2)
                for existing in 0..<starts.count { place(Int32(existing)) }
            } else {
                place(id)
            }
            return id
        }

        private mutating func place(_ id: Int32) {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hashes[Int(id)]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = id
        }

        func string(_ id: Int) -> String {
            arena.withUnsafeBufferPointer {
                String(
                    decoding: UnsafeBufferPointer(rebasing: $0[starts[id]..<starts[id] + lengths[id]]), as: UTF8.self)
            }
        }
    }

    // MARK: - grids

    /// The values as they are read: for each indicator, blocks of 64 entity
    /// slots × the years covered so far, zero-filled by `calloc` (so slots
    /// never written cost no memory). A cell holds 0 when absent, `marker` for
    /// a missing marker, and otherwise the value's bit pattern plus one (no
    /// finite double has the all-ones pattern, so neither collides).
    final class Grid: @unchecked Sendable {
        static let slotsPerBlock = 64
        static let marker = UInt64.max

        var base = 0
        var span = 0
        private(set) var indicatorCount = 0
        private(set) var blockCount = 0
        /// `blocks[indicator * blockStride + block]`.
        private var blocks: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>?
        private var blockStride = 0

        init() {
            // A table from the start, so `view` is valid (and unused) before any row.
            blocks = .allocate(capacity: 1)
            blocks!.initialize(to: nil)
        }

        deinit {
            for indicator in 0..<indicatorCount { free(indicator: indicator) }
            blocks?.deallocate()
        }

        @inline(__always)
        static func decode(_ stored: UInt64) -> Double {
            stored == marker ? .nan : Double(bitPattern: stored &- 1)
        }

        /// The row of an (indicator, entity) pair: `span` cells, year `base` first.
        @inline(__always)
        func row(indicator: Int, entity: Int) -> UnsafeMutablePointer<UInt64> {
            view.row(indicator: indicator, entity: entity)
        }

        /// The geometry as plain values, for loops (a class's properties cost
        /// an exclusivity check per access). Valid until the grid changes.
        struct View: @unchecked Sendable {
            let blocks: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>
            let blockStride: Int
            let span: Int
            let base: Int

            @inline(__always)
            func row(indicator: Int, entity: Int) -> UnsafeMutablePointer<UInt64> {
                let block = blocks[indicator &* blockStride &+ entity / Grid.slotsPerBlock].unsafelyUnwrapped
                return block + (entity % Grid.slotsPerBlock) &* span
            }
        }

        var view: View {
            View(blocks: blocks!, blockStride: blockStride, span: span, base: base)
        }

        private func allocateBlock() -> UnsafeMutablePointer<UInt64> {
            guard let raw = calloc(Self.slotsPerBlock * span, 8) else {
                fatalError("LongFormParser: out of memory for the value grids")
            }
            return raw.assumingMemoryBound(to: UInt64.self)
        }

        /// Makes room for these many indicators and entities.
        func ensure(indicators: Int, entities: Int) {
            let neededBlocks = (entities + Self.slotsPerBlock - 1) / Self.slotsPerBlock
            if neededBlocks > blockStride || indicators > indicatorCount {
                // Grow the table (its stride, or its indicator capacity) by copying pointers.
                let stride = max(blockStride, neededBlocks, 1) * (neededBlocks > blockStride ? 2 : 1)
                let newStride = neededBlocks > blockStride ? stride : blockStride
                let capacity = max(indicators, 1) * newStride
                let table = UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>.allocate(capacity: capacity)
                table.initialize(repeating: nil, count: capacity)
                if let blocks {
                    for indicator in 0..<indicatorCount {
                        for block in 0..<blockCount {
                            table[indicator * newStride + block] = blocks[indicator * blockStride + block]
                        }
                    }
                    blocks.deallocate()
                }
                blocks = table
                blockStride = newStride
            }
            for indicator in 0..<indicators {
                let from = indicator < indicatorCount ? blockCount : 0
                for block in from..<max(neededBlocks, blockCount) {
                    blocks![indicator * blockStride + block] = allocateBlock()
                }
            }
            blockCount = max(neededBlocks, blockCount)
            indicatorCount = max(indicators, indicatorCount)
        }

        /// Rows already written once by `prefault`.
        private var faultedIndicators = 0
        private var faultedEntities = 0

        /// Writes the (zero) rows of the pairs that are new since the last call,
        /// on `threads` threads. The scatter's first access to a cell is a read
        /// (the duplicate check): on a page never written, that maps the shared
        /// zero page, and the write after it copies the page and flushes every
        /// thread's TLB. Writing first makes it one fault, without the flush.
        func prefault(indicators: Int, entities: Int, threads: Int) {
            let oldIndicators = faultedIndicators
            let oldEntities = faultedEntities
            guard indicators > oldIndicators || entities > oldEntities else { return }
            let view = self.view
            let slots = Self.slotsPerBlock
            LongFormParser.perform(threads) { worker in
                var indicator = worker
                while indicator < indicators {
                    var entity = indicator < oldIndicators ? oldEntities : 0
                    while entity < entities {
                        let end = min(entities, (entity / slots + 1) * slots)
                        memset(view.row(indicator: indicator, entity: entity), 0, (end - entity) * view.span * 8)
                        entity = end
                    }
                    indicator += threads
                }
            }
            faultedIndicators = indicators
            faultedEntities = entities
        }

        /// Makes the year axis cover these years, moving the cells if it grows.
        func cover(firstYear: Int, lastYear: Int) {
            if span == 0 {
                base = firstYear
                span = lastYear - firstYear + 1
                return
            }
            guard firstYear < base || lastYear >= base + span else { return }
            // Grow with room to spare, so years arriving one by one cost few moves.
            let slack = max(4, span / 2)
            let newBase = firstYear < base ? max(CSVTable.yearRange.lowerBound, firstYear - slack) : base
            let oldLast = base + span - 1
            let newLast = lastYear > oldLast ? min(CSVTable.yearRange.upperBound, lastYear + slack) : oldLast
            let newSpan = newLast - newBase + 1
            let shift = base - newBase
            for index in 0..<(indicatorCount * blockStride) {
                guard let old = blocks![index] else { continue }
                guard let raw = calloc(Self.slotsPerBlock * newSpan, 8) else {
                    fatalError("LongFormParser: out of memory for the value grids")
                }
                let new = raw.assumingMemoryBound(to: UInt64.self)
                for slot in 0..<Self.slotsPerBlock {
                    (new + slot * newSpan + shift).update(from: old + slot * span, count: span)
                }
                Glibc.free(old)
                blocks![index] = new
            }
            base = newBase
            span = newSpan
            // The copies wrote the old years' cells (and `prefault` must not
            // clear them); a new year's cells may cost the slower fault.
        }

        /// Frees one indicator's blocks (after its final grid is built).
        func free(indicator: Int) {
            guard let blocks else { return }
            for block in 0..<blockCount {
                Glibc.free(blocks[indicator * blockStride + block])
                blocks[indicator * blockStride + block] = nil
            }
        }
    }

    // MARK: - a chunk

    /// A role per field of the record.
    enum Role: UInt8 {
        case entity, indicator, year, value, other
    }

    /// Parses one chunk of a window into rows. One per thread; its intern
    /// tables live across windows, its rows for one window.
    final class Chunk: @unchecked Sendable {
        let base: UnsafePointer<UInt8>
        let total: Int
        let roles: [Role]
        let roleTable: UnsafeMutablePointer<Role>
        let specialTable: UnsafeMutablePointer<UInt8>
        let width: Int
        let options: Options

        // Interning, across windows.
        var entities = InternTable()
        var indicators = InternTable()
        /// Local id → dataset-wide id (−1 until the window's merge).
        var entityGlobal: [Int32] = []
        var indicatorGlobal: [Int32] = []
        var indicatorLow: [Double] = []
        var indicatorHigh: [Double] = []
        var lastEntity: Int32 = -1
        var lastIndicator: Int32 = -1

        // One window.
        var start = 0
        var end = 0
        /// Where parsing stopped: `end`, or later if the last record ran on.
        var finish = 0
        /// Line ends consumed, so the next chunk's first line is known.
        var lines = 0
        var rowCount = 0
        var rowCapacity = 0
        var rowEntity: UnsafeMutablePointer<Int32>
        var rowIndicator: UnsafeMutablePointer<Int32>
        var rowYear: UnsafeMutablePointer<Int16>
        var rowCell: UnsafeMutablePointer<UInt64>
        var minYear = Int.max
        var maxYear = Int.min
        var markers = 0
        struct NewKey {
            var local: Int32
            var offset: Int
            /// Lines before it within the chunk.
            var line: Int
        }
        var newEntities: [NewKey] = []
        var newIndicators: [NewKey] = []
        /// The first error: its offset, the lines before it within the chunk, the message.
        var failure: (offset: Int, line: Int, message: String)?
        var record = SplitRecord()

        init(base: UnsafePointer<UInt8>, total: Int, columns: Columns, options: Options, chunkCapacity: Int) {
            self.base = base
            self.total = total
            self.width = columns.width
            self.options = options
            var roles = [Role](repeating: .other, count: columns.width)
            roles[columns.entity] = .entity
            roles[columns.indicator] = .indicator
            roles[columns.year] = .year
            roles[columns.value] = .value
            self.roles = roles
            roleTable = .allocate(capacity: roles.count)
            roleTable.initialize(from: roles, count: roles.count)
            specialTable = .allocate(capacity: 256)
            specialTable.initialize(from: LongFormParser.special, count: 256)
            // A record is at least 9 bytes (a,b,2000,\n); the pages never
            // touched are never backed by memory.
            rowCapacity = chunkCapacity / 8 + 16
            rowEntity = .allocate(capacity: rowCapacity)
            rowIndicator = .allocate(capacity: rowCapacity)
            rowYear = .allocate(capacity: rowCapacity)
            rowCell = .allocate(capacity: rowCapacity)
        }

        deinit {
            roleTable.deallocate()
            specialTable.deallocate()
            rowEntity.deallocate()
            rowIndicator.deallocate()
            rowYear.deallocate()
            rowCell.deallocate()
        }

        private func growRows() {
            let capacity = rowCapacity * 2
            func grow<T>(_ old: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
                let new = UnsafeMutablePointer<T>.allocate(capacity: capacity)
                new.moveInitialize(from: old, count: rowCount)
                old.deallocate()
                return new
            }
            rowEntity = grow(rowEntity)
            rowIndicator = grow(rowIndicator)
            rowYear = grow(rowYear)
            rowCell = grow(rowCell)
            rowCapacity = capacity
        }

        private func fail(_ offset: Int, line: Int, _ message: String) {
            if failure == nil { failure = (offset, line, message) }
        }

        /// Parses the records that start in `start..<end`.
        func run() {
            failure = nil
            newEntities.removeAll(keepingCapacity: true)
            newIndicators.removeAll(keepingCapacity: true)
            // The hot loop keeps its state in locals: a class's stored
            // properties would cost an exclusivity check, and its arrays a
            // retain and release, on every access.
            rowCount = 0
            lines = 0
            markers = 0
            minYear = Int.max
            maxYear = Int.min
            var rowCount = 0
            var lines = 0
            var markers = 0
            var minYear = Int.max
            var maxYear = Int.min
            var rowCapacity = self.rowCapacity
            var rowEntity = self.rowEntity
            var rowIndicator = self.rowIndicator
            var rowYear = self.rowYear
            var rowCell = self.rowCell
            // The previous record's entity and indicator, compared byte for byte
            // before any hashing; they point into this window's bytes.
            var lastEntityStart = base
            var lastEntityLength = -1
            var lastEntityID: Int32 = 0
            var lastIndicatorStart = base
            var lastIndicatorLength = -1
            var lastIndicatorID: Int32 = 0
            let hasBounds = !options.bounds.isEmpty
            let p = base
            let total = self.total
            let end = self.end
            let width = self.width
            let special = UnsafePointer(self.specialTable)
            let roles = UnsafePointer(self.roleTable)
            var i = start
            do {
                do {
                    records: while i < end {
                        let first = p[i]
                        if first == lf || first == cr {
                            lines += 1
                            i += first == cr && i + 1 < total && p[i + 1] == lf ? 2 : 1
                            continue
                        }
                        let recordStart = i
                        var entity: Int32 = 0
                        var indicator: Int32 = 0
                        var year = 0
                        var cell: UInt64 = 0
                        var field = 0
                        var slow = false
                        fields: while true {
                            let fieldStart = i
                            let role = roles[field]
                            // Years and values are read in place; a field that is
                            // anything but a plain fast-path number or a four-digit
                            // year falls through to the general path.
                            if role == .year, fieldStart &+ 4 < total {
                                let d0 = p[fieldStart] &- zero
                                let d1 = p[fieldStart + 1] &- zero
                                let d2 = p[fieldStart + 2] &- zero
                                let d3 = p[fieldStart + 3] &- zero
                                let after = p[fieldStart + 4]
                                if d0 < 10, d1 < 10, d2 < 10, d3 < 10, after == comma || after == lf || after == cr {
                                    let value = Int(d0) * 1000 + Int(d1) * 100 + Int(d2) * 10 + Int(d3)
                                    if value >= 1000, value <= 2999 {
                                        year = value
                                        i = fieldStart + 4
                                        if p[i] == comma, field != width - 1 {
                                            i += 1
                                            field += 1
                                            continue
                                        }
                                        if p[i] != comma, field == width - 1 { break fields }
                                    }
                                }
                                i = fieldStart
                            } else if role == .value, let (value, end) = scanDecimal(p, from: fieldStart, limit: total),
                                end == total || (special[Int(p[end])] != 0 && p[end] != quote)
                            {
                                cell = value.bitPattern &+ 1
                                i = end
                                if i < total, p[i] == comma, field != width - 1 {
                                    i += 1
                                    field += 1
                                    continue
                                }
                                if i == total || p[i] != comma, field == width - 1 { break fields }
                                i = fieldStart
                            }
                            let j = fieldEnd(p, from: i, total: total, special: special)
                            if j < total, p[j] == quote {
                                slow = true
                                break fields
                            }
                            let q = p + fieldStart
                            let length = j - fieldStart
                            switch role {
                            case .entity:
                                if length == lastEntityLength, same(q, lastEntityStart, length) {
                                    entity = lastEntityID
                                } else {
                                    guard
                                        let id = internEntity(
                                            q, length, offset: fieldStart, fileOffsets: true, line: lines)
                                    else { break records }
                                    entity = id
                                    lastEntityStart = q
                                    lastEntityLength = length
                                    lastEntityID = id
                                }
                            case .indicator:
                                if length == lastIndicatorLength, same(q, lastIndicatorStart, length) {
                                    indicator = lastIndicatorID
                                } else {
                                    guard
                                        let id = internIndicator(
                                            q, length, offset: fieldStart, fileOffsets: true, line: lines)
                                    else { break records }
                                    indicator = id
                                    lastIndicatorStart = q
                                    lastIndicatorLength = length
                                    lastIndicatorID = id
                                }
                            case .year:
                                var value = 0
                                var index = 0
                                while index < length {
                                    let digit = q[index] &- zero
                                    if digit >= 10 || index == 6 { break }
                                    value = value * 10 + Int(digit)
                                    index += 1
                                }
                                if index == length, value >= 1000, value <= 2999 {
                                    year = value
                                } else {
                                    // Leading zeros, or an error: the careful reader decides.
                                    guard let value = readYear(q, length, offset: fieldStart, line: lines) else {
                                        break records
                                    }
                                    year = value
                                }
                            case .value:
                                // The indicator may come later in the record: read now, check bounds below.
                                if length <= 2, isMissingMarker(q, length) {
                                    markers += 1
                                    cell = Grid.marker
                                } else if let value = fastDecimal(q, length) {
                                    cell = value.bitPattern &+ 1
                                } else {
                                    guard let value = readValue(q, length, offset: fieldStart, line: lines) else {
                                        break records
                                    }
                                    cell = value
                                }
                            case .other:
                                if let bad = firstInvalidUTF8(q, length) {
                                    invalidUTF8(at: fieldStart + bad, line: lines)
                                    break records
                                }
                            }
                            i = j
                            if i < total, p[i] == comma {
                                if field == width - 1 {
                                    slow = true  // too many fields: counted and reported by the slow path
                                    break fields
                                }
                                i += 1
                                field += 1
                                continue
                            }
                            if field != width - 1 {
                                fail(i, line: lines, "expected \(width) fields as in the header, found \(field + 1)")
                                break records
                            }
                            break fields
                        }
                        if slow {
                            self.rowCount = rowCount
                            self.lines = lines
                            self.markers = markers
                            self.minYear = minYear
                            self.maxYear = maxYear
                            let next = slowRecord(recordStart)
                            rowCount = self.rowCount
                            lines = self.lines
                            markers = self.markers
                            minYear = self.minYear
                            maxYear = self.maxYear
                            rowCapacity = self.rowCapacity
                            rowEntity = self.rowEntity
                            rowIndicator = self.rowIndicator
                            rowYear = self.rowYear
                            rowCell = self.rowCell
                            guard let next else { break records }
                            i = next
                            continue
                        }
                        if hasBounds {
                            guard checkBounds(cell, indicator: indicator, record: recordStart, line: lines) else {
                                break records
                            }
                        }
                        if i < total {
                            i += p[i] == cr && i + 1 < total && p[i + 1] == lf ? 2 : 1
                            lines += 1
                        }
                        if rowCount == rowCapacity {
                            self.rowCount = rowCount
                            growRows()
                            rowCapacity = self.rowCapacity
                            rowEntity = self.rowEntity
                            rowIndicator = self.rowIndicator
                            rowYear = self.rowYear
                            rowCell = self.rowCell
                        }
                        rowEntity[rowCount] = entity
                        rowIndicator[rowCount] = indicator
                        rowYear[rowCount] = Int16(truncatingIfNeeded: year)
                        rowCell[rowCount] = cell
                        rowCount += 1
                        if year < minYear { minYear = year }
                        if year > maxYear { maxYear = year }
                    }
                }
            }
            self.rowCount = rowCount
            self.lines = lines
            self.markers = markers
            self.minYear = minYear
            self.maxYear = maxYear
            finish = i
        }

        @inline(__always)
        func isMissingMarker(_ q: UnsafePointer<UInt8>, _ length: Int) -> Bool {
            length == 0 || (length == 1 && q[0] == minus)
                || (length == 2
                    && ((q[0] == dot && q[1] == dot) || (q[0] == UInt8(ascii: "N") && q[1] == UInt8(ascii: "A"))))
        }

        @inline(__always)
        private func append(entity: Int32, indicator: Int32, year: Int, cell: UInt64) {
            if rowCount == rowCapacity { growRows() }
            rowEntity[rowCount] = entity
            rowIndicator[rowCount] = indicator
            rowYear[rowCount] = Int16(truncatingIfNeeded: year)
            rowCell[rowCount] = cell
            rowCount += 1
            if year < minYear { minYear = year }
            if year > maxYear { maxYear = year }
        }

        /// A record with a quote (or too many fields), read by the RFC 4180
        /// rules. The next record's start, or nil after recording an error.
        private func slowRecord(_ recordStart: Int) -> Int? {
            let p = base
            if let failure = record.split(p, from: recordStart, end: total) {
                fail(
                    failure.offset, line: lines + terminators(p, recordStart..<failure.offset, total: total),
                    failure.message)
                return nil
            }
            // Invalid UTF-8 is reported where it is in the file, before any field check.
            if let bad = firstInvalidUTF8(p + recordStart, record.end - recordStart) {
                invalidUTF8(
                    at: recordStart + bad, line: lines + terminators(p, recordStart..<(recordStart + bad), total: total)
                )
                return nil
            }
            let found = record.fields.count
            if found != width {
                let offset = found < width ? record.end : record.fields[width].offset
                fail(
                    offset, line: lines + terminators(p, recordStart..<offset, total: total),
                    "expected \(width) fields as in the header, found \(found)")
                return nil
            }
            var entity: Int32 = 0
            var indicator: Int32 = 0
            var year = 0
            var cell: UInt64 = 0
            let ok = record.text.withUnsafeBufferPointer { text -> Bool in
                let text = text.baseAddress ?? UnsafePointer(p)
                for (index, field) in record.fields.enumerated() {
                    let q = text + field.textStart
                    // Errors point at the field's start (its opening quote), on its line.
                    let lineBefore = lines + terminators(p, recordStart..<field.offset, total: total)
                    switch roles[index] {
                    case .entity:
                        guard
                            let id = internEntity(
                                q, field.length, offset: field.offset, fileOffsets: false, line: lineBefore)
                        else { return false }
                        entity = id
                    case .indicator:
                        guard
                            let id = internIndicator(
                                q, field.length, offset: field.offset, fileOffsets: false, line: lineBefore)
                        else { return false }
                        indicator = id
                    case .year:
                        guard let value = readYear(q, field.length, offset: field.offset, line: lineBefore) else {
                            return false
                        }
                        year = value
                    case .value:
                        guard let value = readValue(q, field.length, offset: field.offset, line: lineBefore) else {
                            return false
                        }
                        cell = value
                    case .other:
                        break
                    }
                }
                return true
            }
            guard ok else { return nil }
            let valueField = record.fields[roles.firstIndex(of: .value)!]
            let valueLine = lines + terminators(p, recordStart..<valueField.offset, total: total)
            guard
                checkBounds(
                    cell, indicator: indicator, record: recordStart, offset: valueField.offset, line: valueLine,
                    text: record.text.withUnsafeBufferPointer {
                        String(
                            decoding: UnsafeBufferPointer(
                                rebasing: $0[valueField.textStart..<valueField.textStart + valueField.length]),
                            as: UTF8.self)
                    })
            else { return nil }
            lines += record.innerLines + (record.next > record.end ? 1 : 0)
            append(entity: entity, indicator: indicator, year: year, cell: cell)
            return record.next
        }

        private func invalidUTF8(at offset: Int, line: Int) {
            fail(offset, line: line, "invalid UTF-8 (byte 0x\(CSVReader.hex(base[offset])))")
        }

        // MARK: fields

        /// The id of the cell `q` in `table`, and whether it is new there; nil
        /// (after reporting) for an empty cell or invalid UTF-8. `fileOffsets`:
        /// the bytes are the file's own (not unquoted), so an invalid UTF-8 byte
        /// can be located; the slow path checked the record already.
        @inline(__always)
        private func intern(
            _ table: inout InternTable, _ what: String, _ q: UnsafePointer<UInt8>, _ length: Int, offset: Int,
            fileOffsets: Bool, line: Int
        ) -> (id: Int32, isNew: Bool)? {
            if length == 0 {
                fail(offset, line: line, "expected \(what), found an empty cell")
                return nil
            }
            let hash = InternTable.hash(q, length)
            if let id = table.find(q, length, hash) { return (id, false) }
            if fileOffsets, let bad = firstInvalidUTF8(q, length) {
                invalidUTF8(at: offset + bad, line: line)
                return nil
            }
            return (table.insert(q, length, hash), true)
        }

        private func internEntity(
            _ q: UnsafePointer<UInt8>, _ length: Int, offset: Int, fileOffsets: Bool, line: Int? = nil
        ) -> Int32? {
            let line = line ?? lines
            guard
                let (id, isNew) = intern(
                    &entities, options.entityDescription, q, length, offset: offset,
                    fileOffsets: fileOffsets, line: line)
            else { return nil }
            if isNew {
                entityGlobal.append(-1)
                newEntities.append(NewKey(local: id, offset: offset, line: line))
            }
            lastEntity = id
            return id
        }

        private func internIndicator(
            _ q: UnsafePointer<UInt8>, _ length: Int, offset: Int, fileOffsets: Bool, line: Int? = nil
        ) -> Int32? {
            let line = line ?? lines
            guard
                let (id, isNew) = intern(
                    &indicators, options.indicatorDescription, q, length, offset: offset,
                    fileOffsets: fileOffsets, line: line)
            else { return nil }
            if isNew {
                indicatorGlobal.append(-1)
                let bounds = options.bounds.isEmpty ? nil : options.bounds[indicators.string(Int(id))]
                indicatorLow.append(bounds?.minimum ?? -.infinity)
                indicatorHigh.append(bounds?.maximum ?? .infinity)
                newIndicators.append(NewKey(local: id, offset: offset, line: line))
            }
            lastIndicator = id
            return id
        }

        /// A year the fast paths did not take (quoted, with leading zeros, or
        /// wrong): `CellText.year` decides.
        private func readYear(_ q: UnsafePointer<UInt8>, _ length: Int, offset: Int, line: Int? = nil) -> Int? {
            let line = line ?? lines
            if let bad = firstInvalidUTF8(q, length) {
                invalidUTF8(at: offset + bad, line: line)
                return nil
            }
            switch CellText.year(String(decoding: UnsafeBufferPointer(start: q, count: length), as: UTF8.self)) {
            case .success(let year): return year
            case .failure(let failure): fail(offset, line: line, failure.message)
            }
            return nil
        }

        /// The stored form of a value cell: the marker, or bit pattern + 1.
        @inline(__always)
        private func readValue(_ q: UnsafePointer<UInt8>, _ length: Int, offset: Int, line: Int? = nil) -> UInt64? {
            if length <= 2 {
                if length == 0 || (length == 1 && q[0] == minus)
                    || (length == 2
                        && ((q[0] == dot && q[1] == dot) || (q[0] == UInt8(ascii: "N") && q[1] == UInt8(ascii: "A"))))
                {
                    markers += 1
                    return Grid.marker
                }
            }
            if let value = fastDecimal(q, length) { return value.bitPattern &+ 1 }
            let line = line ?? lines
            if let bad = firstInvalidUTF8(q, length) {
                invalidUTF8(at: offset + bad, line: line)
                return nil
            }
            // Everything else is `CellText`'s to read, with its messages.
            switch CellText.read(String(decoding: UnsafeBufferPointer(start: q, count: length), as: UTF8.self)) {
            case .number(let value): return value.bitPattern &+ 1
            case .missing:
                markers += 1
                return Grid.marker
            case .invalid(let message): fail(offset, line: line, message)
            }
            return nil
        }

        /// Checks a value against its indicator's bounds (once both are read).
        @inline(__always)
        private func checkBounds(
            _ cell: UInt64, indicator: Int32, record: Int, offset: Int? = nil, line: Int? = nil, text: String? = nil
        ) -> Bool {
            if cell == Grid.marker { return true }
            let value = Double(bitPattern: cell &- 1)
            let low = indicatorLow[Int(indicator)]
            let high = indicatorHigh[Int(indicator)]
            if value >= low, value <= high { return true }
            // Find the value field of this (unquoted) record for the message.
            var fieldOffset = record
            var fieldEnd = record
            var field = 0
            var index = record
            while true {
                let fieldStart = index
                while index < total, special[Int(base[index])] == 0 { index += 1 }
                if roles[field] == .value {
                    fieldOffset = fieldStart
                    fieldEnd = index
                    break
                }
                if index >= total || base[index] != comma { break }
                index += 1
                field += 1
            }
            let shown =
                text
                ?? String(
                    decoding: UnsafeBufferPointer(start: base + fieldOffset, count: fieldEnd - fieldOffset),
                    as: UTF8.self)
            let id = indicators.string(Int(indicator))
            let message =
                value < low
                ? "value \(shown) is below the minimum \(format(low)) of `\(id)`"
                : "value \(shown) is above the maximum \(format(high)) of `\(id)`"
            fail(offset ?? fieldOffset, line: line ?? lines, message)
            return false
        }

        /// A bound as people write it: 100, not 100.0.
        private func format(_ value: Double) -> String {
            var text = String(value)
            if text.hasSuffix(".0") { text.removeLast(2) }
            return text
        }
    }
}
