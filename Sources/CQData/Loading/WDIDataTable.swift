/// A WDI data table (`WDICSV.csv`, an API download, a DataBank export):
/// its header's columns, and its rows, each one country's series of an
/// indicator over the year columns.
extension WDILoader {
    /// What one data file's rows tell the next's.
    struct LoadState {
        /// Indicator id → WDI code, so two codes with one id are caught.
        var codes: [String: String] = [:]
        /// Where each (country, indicator) row was, by indicator then
        /// country, so a repeated row is caught. Arrays, not a dictionary
        /// keyed by the pair: hashing 400,000 keys into a table that kept
        /// growing took 0.05 s of the 0.25 s placing a 185 MB table's rows took.
        var rows = RowOrigins()
    }

    /// Where the row of each (entity, indicator) was read, by indicator then entity.
    struct RowOrigins {
        struct Origin {
            /// -1: no row yet.
            var source: Int32 = -1
            var offset = 0
        }

        private var byIndicator: [[Origin]] = []

        subscript(entity: Int32, indicator: Int32) -> (source: Int, offset: Int)? {
            get {
                let (entity, indicator) = (Int(entity), Int(indicator))
                guard indicator < byIndicator.count, entity < byIndicator[indicator].count else { return nil }
                let origin = byIndicator[indicator][entity]
                return origin.source < 0 ? nil : (Int(origin.source), origin.offset)
            }
            set {
                let (entity, indicator) = (Int(entity), Int(indicator))
                while byIndicator.count <= indicator { byIndicator.append([]) }
                if byIndicator[indicator].count <= entity {
                    byIndicator[indicator] += repeatElement(Origin(), count: entity + 1 - byIndicator[indicator].count)
                }
                byIndicator[indicator][entity] =
                    newValue.map { Origin(source: Int32($0.source), offset: $0.offset) } ?? Origin()
            }
        }
    }

    /// A year column's header: "1960", or DataBank's "1960 [YR1960]".
    static func yearOfColumn(_ name: String) -> Int? {
        var text = Substring(name)
        if let space = text.firstIndex(of: " "), text[space...].hasPrefix(" [YR"), text.hasSuffix("]") {
            text = text[..<space]
        }
        if case .success(let year) = CellText.year(String(text)) { return year }
        return nil
    }

    /// How a data table's body is read: in windows of a part of
    /// `chunkSize` bytes per thread, on `threads` threads (nil: one per
    /// processor) when it is `parallelFrom` bytes or more, else on one.
    struct Reading: Sendable {
        var threads: Int?
        var chunkSize = 8 << 20
        var parallelFrom = 16 << 20
    }

    static func loadData(
        _ records: inout CSVRecordStream, countries: [String: CountryInfo], series: [String: SeriesInfo],
        state: inout LoadState, into builder: inout DatasetBuilder, reading: Reading
    ) throws(DataLoadError) {
        let table = records.headerTable
        let reader = records.reader
        let columns = HeaderColumns(table)
        let what = "a World Bank WDI data file"
        let countryName = columns.find(["Country Name"])
        let countryCode = try columns.require(["Country Code"], in: what)
        let indicatorName = columns.find(["Indicator Name", "Series Name"])
        let indicatorCode = try columns.require(["Indicator Code", "Series Code"], in: what)
        let keys = Set([countryName, countryCode, indicatorName, indicatorCode].compactMap { $0 })
        var yearColumns: [(column: Int, year: Int)] = []
        var nameless: [Int] = []
        for (column, field) in table.header.fields.enumerated() where !keys.contains(column) {
            if field.isEmpty {
                nameless.append(column)
            } else if let year = yearOfColumn(field) {
                if let earlier = yearColumns.first(where: { $0.year == year }) {
                    throw table.headerError(
                        column,
                        "two columns for \(year): `\(table.header.fields[earlier.column])` and `\(field)`; keep one")
                }
                yearColumns.append((column, year))
            } else {
                throw table.headerError(
                    column, "expected a year as the column name (1960, or 1960 [YR1960]), found `\(field)`")
            }
        }
        guard !yearColumns.isEmpty else {
            throw table.headerError(
                "expected year columns (1960, 1961, …) after `Indicator Code`; found \(table.columnList)")
        }
        let source = builder.addSource(reader)
        let layout = WDITableRows.Layout(
            countryName: countryName, countryCode: countryCode, indicatorName: indicatorName,
            indicatorCode: indicatorCode, nameless: nameless, yearColumns: yearColumns,
            width: table.header.fields.count)
        var applying = Applying(source: source, reader: reader, series: series, countries: countries, layout: layout)
        // Records are split and their cells read from the bytes, without a
        // string per field, a window at a time: a part per thread, each
        // ending at a line end, read in parallel, then placed in order on
        // this thread (ids, checks, room in the grids), then written in
        // parallel, a part per thread.
        let bytes = reader.bytes
        let total = bytes.count
        let threads =
            total - records.position >= reading.parallelFrom ? reading.threads ?? LongFormParser.processorCount : 1
        let chunkSize = max(1, reading.chunkSize)
        let result: Result<Void, DataLoadError> = bytes.withUnsafeBufferPointer { buffer in
            let p = buffer.baseAddress!
            let shared = LongFormParser.SharedBytes(bytes: UnsafeRawBufferPointer(buffer))
            var position = records.position
            while position < total {
                var cuts = [position]
                for part in 1...threads {
                    let guess = min(total, position + part * chunkSize)
                    let cut = guess >= total ? total : TextBytes.nextLineStart(p, guess, total)
                    if cut > cuts.last! { cuts.append(cut) }
                }
                let parts = readParts(shared, cuts: cuts, layout: layout, countries: countries)
                var placed: [[Applying.Placed]] = []
                for k in 0..<parts.count {
                    // A part is read from a true record start only if the part
                    // before it ended there; otherwise the next window starts
                    // where it did end.
                    guard k == 0 || parts[k - 1].finish == cuts[k] else { break }
                    let part = parts[k]
                    do throws(DataLoadError) {
                        placed.append(try applying.place(part, into: &builder, state: &state))
                    } catch {
                        return .failure(error)
                    }
                    position = part.finish
                }
                builder.clearNewSeriesRows(threads: threads)
                guard let view = builder.seriesView, !placed.isEmpty else { continue }
                for note in Applying.write(parts, placed: placed, into: view) {
                    builder.noteSeries(observations: note.observations, years: note.years)
                }
            }
            return .success(())
        }
        try result.get()
        builder.missingMarkers += applying.markers
    }

    /// The parts between the cuts, each read on its own thread.
    static func readParts(
        _ shared: LongFormParser.SharedBytes, cuts: [Int], layout: WDITableRows.Layout,
        countries: [String: CountryInfo]
    ) -> [WDITableRows] {
        LongFormParser.parallelMap(cuts.count - 1) { k in
            WDITableRows.read(
                shared.bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), total: shared.bytes.count,
                from: cuts[k], to: cuts[k + 1], layout: layout, countries: countries)
        }
    }
}
