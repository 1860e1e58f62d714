import Glibc

/// The rows of a WDI data table as split and read, a part of the file at a
/// time, on several threads: each record split by the RFC 4180 rules, its
/// codes, names and year cells read, aggregates and DataBank's blank rows
/// left out. What needs the rows before it (ids, repeated rows, room in the
/// grids) is `WDILoader.Applying.place`'s, on the loading thread, part after
/// part in file order, so the errors are those of a reading from top to
/// bottom; the numbers are then written on every thread (`Applying.write`).
///
/// A part starts at a line start its caller guessed; it is right when the
/// part before it ended there (a line break inside a quoted field moves
/// the true boundary), and its caller reads it again otherwise.
struct WDITableRows {
    /// Which column is which.
    struct Layout {
        var countryName: Int?
        var countryCode: Int
        var indicatorName: Int?
        var indicatorCode: Int
        /// Columns without a name, which must stay empty.
        var nameless: [Int]
        var yearColumns: [(column: Int, year: Int)]
        var width: Int
    }

    struct Row {
        /// Where the record starts.
        var offset: Int
        var code: String
        var seriesCode: String
        var seriesOffset: Int
        var countryName: String?
        var indicatorName: String?
        /// Its numbers: `years[cells]`, `values[cells]`.
        var cells: Range<Int>
        var markers: Int
    }

    /// Why reading stopped, at the row it stopped at; `afterPlacing`: a bad
    /// cell, found after what `place` checks of the same row (so its
    /// errors come first, as when read top to bottom).
    struct Failure {
        var row: Int
        var afterPlacing: Bool
        var offset: Int
        var message: String
    }

    var rows: [Row] = []
    var years: [Int32] = []
    var values: [Double] = []
    /// Aggregate codes left out, in order.
    var aggregates: [String] = []
    var failure: Failure?
    /// Where the record after the part's last starts.
    var finish: Int

    /// Reads the records that start in `from..<to` of `p[0..<total]`. A
    /// record is first read in place (`InPlace`: fields found eight bytes
    /// at a time, a quoted field's text between its quotes, nothing
    /// copied); one that holds a doubled quote, or anything the RFC 4180
    /// rules refuse, is read again by `RFC4180Record`, which says why.
    static func read(
        _ p: UnsafePointer<UInt8>, total: Int, from: Int, to: Int, layout: Layout,
        countries: [String: WDILoader.CountryInfo]
    ) -> WDITableRows {
        var part = WDITableRows(finish: from)
        var record = RFC4180Record()
        let fields = InPlace(p: p, width: layout.width)
        defer { fields.deallocate() }
        var index = from
        while true {
            while index < to, TextBytes.isLineEnd(p[index]) { index += 1 }
            guard index < to else { break }
            if let next = fields.split(from: index, total: total) {
                index = next
                if !part.add(fields, layout: layout, countries: countries) { break }
                continue
            }
            if let failure = record.split(p, from: index, end: total) {
                part.stop(failure.offset, failure.message)
                break
            }
            index = record.next
            let width = layout.width
            if record.fields.count != width {
                let found = record.fields.count
                part.stop(
                    found < width ? record.end : record.fields[width].offset,
                    "expected \(width) fields as in the header, found \(found)")
                break
            }
            if !part.add(Careful(record: record), layout: layout, countries: countries) { break }
        }
        part.finish = index
        return part
    }

    mutating func stop(_ offset: Int, _ message: String, afterPlacing: Bool = false) {
        failure = Failure(row: rows.count, afterPlacing: afterPlacing, offset: offset, message: message)
    }

    /// Adds a record's row, or leaves it out (an aggregate, a blank
    /// DataBank row); false when reading stops at it.
    mutating func add<Record: Fields>(_ record: Record, layout: Layout, countries: [String: WDILoader.CountryInfo])
        -> Bool
    {
        for column in layout.nameless where record.length(column) != 0 {
            stop(record.offset(column), "a value in a column without a name in the header")
            return false
        }
        let code = record.string(layout.countryCode)
        if code.isEmpty {
            // DataBank exports end with blank rows and "Data from database: …",
            // "Last Updated: …" notes; anything else without a code is an error.
            if (0..<layout.width).allSatisfy({ $0 == 0 || $0 == layout.countryName || record.length($0) == 0 }) {
                return true
            }
            stop(record.offset(layout.countryCode), "expected a country code, found an empty cell")
            return false
        }
        // The metadata's empty Region marks an aggregate; the table is for codes it does not list.
        if countries[code].map({ $0.region.isEmpty }) ?? WorldBankAggregates.isAggregate(code) {
            aggregates.append(code)
            return true
        }
        let seriesCode = record.string(layout.indicatorCode)
        let seriesOffset = record.offset(layout.indicatorCode)
        if seriesCode.isEmpty {
            stop(seriesOffset, "expected an indicator code, found an empty cell")
            return false
        }
        let first = values.count
        var markers = 0
        for (column, year) in layout.yearColumns {
            switch record.cell(column) {
            case .number(let value):
                years.append(Int32(year))
                values.append(value)
            case .missing:
                markers += 1
            case .invalid(let message):
                stop(record.offset(column), message, afterPlacing: true)
            }
            if failure != nil { break }
        }
        rows.append(
            Row(
                offset: record.offset(0), code: code, seriesCode: seriesCode, seriesOffset: seriesOffset,
                countryName: layout.countryName.map { record.string($0) },
                indicatorName: layout.indicatorName.map { record.string($0) },
                cells: first..<values.count, markers: markers))
        return failure == nil
    }
}

/// A record's fields, however it was split.
protocol Fields {
    /// Where field `index` starts in the file (its opening quote, if quoted).
    func offset(_ index: Int) -> Int
    /// The length of its text, quotes removed.
    func length(_ index: Int) -> Int
    func string(_ index: Int) -> String
    /// The field as a number cell, read as `RFC4180Record.cell` reads it.
    func cell(_ index: Int) -> CellText.Reading
}

/// A record split by `RFC4180Record`.
struct Careful: Fields {
    let record: RFC4180Record

    func offset(_ index: Int) -> Int { record.fields[index].offset }
    func length(_ index: Int) -> Int { record.fields[index].length }
    func string(_ index: Int) -> String { record.string(index) }
    func cell(_ index: Int) -> CellText.Reading { record.cell(index) }
}

/// A record read in place: each field's start and its text's start and
/// length in the file.
struct InPlace: Fields {
    let p: UnsafePointer<UInt8>
    let width: Int
    private let starts: UnsafeMutablePointer<Int>
    private let texts: UnsafeMutablePointer<Int>
    private let lengths: UnsafeMutablePointer<Int>
    private let special: UnsafeMutablePointer<UInt8>

    init(p: UnsafePointer<UInt8>, width: Int) {
        self.p = p
        self.width = width
        starts = .allocate(capacity: width)
        texts = .allocate(capacity: width)
        lengths = .allocate(capacity: width)
        special = .allocate(capacity: 256)
        special.initialize(from: LongFormParser.special, count: 256)
    }

    func deallocate() {
        starts.deallocate()
        texts.deallocate()
        lengths.deallocate()
        special.deallocate()
    }

    func offset(_ index: Int) -> Int { starts[index] }
    func length(_ index: Int) -> Int { lengths[index] }
    func string(_ index: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + texts[index], count: lengths[index]), as: UTF8.self)
    }
    func cell(_ index: Int) -> CellText.Reading { RFC4180Record.cell(p + texts[index], lengths[index]) }

    /// Finds the record's `width` fields from `from`; returns where the next
    /// record starts, or nil for a record the careful reader must read: a
    /// doubled or stray quote, an unterminated one, another field count.
    func split(from: Int, total: Int) -> Int? {
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        var i = from
        for field in 0..<width {
            starts[field] = i
            if i < total, p[i] == quote {
                guard let found = memchr(p + i + 1, Int32(quote), total - i - 1) else { return nil }
                let close = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - p
                if close + 1 < total, p[close + 1] == quote { return nil }  // a doubled quote
                texts[field] = i + 1
                lengths[field] = close - i - 1
                i = close + 1
            } else {
                let end = LongFormParser.fieldEnd(p, from: i, total: total, special: special)
                if end < total, p[end] == quote { return nil }
                texts[field] = i
                lengths[field] = end - i
                i = end
            }
            if field < width - 1 {
                guard i < total, p[i] == comma else { return nil }
                i += 1
            } else if i < total, !TextBytes.isLineEnd(p[i]) {
                return nil  // another field, or text after a closing quote
            }
        }
        return TextBytes.afterLineEnd(p, i, total)
    }
}
