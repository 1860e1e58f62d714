/// The rows of a WDI data table as split and read, a part of the file at a
/// time, on several threads: each record split by the RFC 4180 rules, its
/// codes, names and year cells read, aggregates and DataBank's blank rows
/// left out. What needs the rows before it (ids, repeated rows, the grids)
/// is `WDILoader.apply`'s, on the loading thread, part after part in file
/// order, so the errors are those of a reading from top to bottom.
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

    /// Why reading stopped, at the row it stopped at; `afterApply`: a bad
    /// cell, found after what `apply` checks of the same row (so its
    /// errors come first, as when read top to bottom).
    struct Failure {
        var row: Int
        var afterApply: Bool
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

    /// Reads the records that start in `from..<to` of `p[0..<total]`.
    static func read(
        _ p: UnsafePointer<UInt8>, total: Int, from: Int, to: Int, layout: Layout,
        countries: [String: WDILoader.CountryInfo]
    ) -> WDITableRows {
        var part = WDITableRows(finish: from)
        var record = RFC4180Record()
        var index = from
        func stop(_ offset: Int, _ message: String, afterApply: Bool = false) {
            part.failure = Failure(row: part.rows.count, afterApply: afterApply, offset: offset, message: message)
        }
        records: while true {
            while index < to, TextBytes.isLineEnd(p[index]) { index += 1 }
            guard index < to else { break }
            if let failure = record.split(p, from: index, end: total) {
                stop(failure.offset, failure.message)
                break
            }
            index = record.next
            let width = layout.width
            if record.fields.count != width {
                let found = record.fields.count
                stop(
                    found < width ? record.end : record.fields[width].offset,
                    "expected \(width) fields as in the header, found \(found)")
                break
            }
            for column in layout.nameless where !record.isEmpty(column) {
                stop(record.fields[column].offset, "a value in a column without a name in the header")
                break records
            }
            let code = record.string(layout.countryCode)
            if code.isEmpty {
                // DataBank exports end with blank rows and "Data from database: …",
                // "Last Updated: …" notes; anything else without a code is an error.
                if record.fields.indices.allSatisfy({ $0 == 0 || $0 == layout.countryName || record.isEmpty($0) }) {
                    continue
                }
                stop(record.fields[layout.countryCode].offset, "expected a country code, found an empty cell")
                break
            }
            // The metadata's empty Region marks an aggregate; the table is for codes it does not list.
            if countries[code].map({ $0.region.isEmpty }) ?? WorldBankAggregates.isAggregate(code) {
                part.aggregates.append(code)
                continue
            }
            let seriesCode = record.string(layout.indicatorCode)
            let seriesOffset = record.fields[layout.indicatorCode].offset
            if seriesCode.isEmpty {
                stop(seriesOffset, "expected an indicator code, found an empty cell")
                break
            }
            let first = part.values.count
            var markers = 0
            for (column, year) in layout.yearColumns {
                switch record.cell(column) {
                case .number(let value):
                    part.years.append(Int32(year))
                    part.values.append(value)
                case .missing:
                    markers += 1
                case .invalid(let message):
                    stop(record.fields[column].offset, message, afterApply: true)
                }
                if part.failure != nil { break }
            }
            part.rows.append(
                Row(
                    offset: record.fields[0].offset, code: code, seriesCode: seriesCode, seriesOffset: seriesOffset,
                    countryName: layout.countryName.map { record.string($0) },
                    indicatorName: layout.indicatorName.map { record.string($0) },
                    cells: first..<part.values.count, markers: markers))
            if part.failure != nil { break }
        }
        part.finish = index
        return part
    }
}
