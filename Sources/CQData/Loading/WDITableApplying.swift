extension WDILoader {
    /// What the rows of a data table need of the rows before them, on the
    /// loading thread: ids, entities, repeated rows, the grids.
    struct Applying {
        let source: Int
        let reader: CSVReader
        let series: [String: SeriesInfo]
        let countries: [String: CountryInfo]
        let layout: WDITableRows.Layout
        let yearSpan: ClosedRange<Int>
        let regionLabel = CQLayoutLoader.countryAttributes.first { $0.name == "wb_region" }!.label
        var markers = 0
        /// Indicators by WDI code, as found.
        private var indicatorOfCode: [String: Int32] = [:]
        /// The previous row's country, and whether it has a name.
        private var lastCountry: (code: String, entity: Int32, named: Bool)?

        init(
            source: Int, reader: CSVReader, series: [String: SeriesInfo], countries: [String: CountryInfo],
            layout: WDITableRows.Layout
        ) {
            self.source = source
            self.reader = reader
            self.series = series
            self.countries = countries
            self.layout = layout
            yearSpan = layout.yearColumns.map(\.year).min()!...layout.yearColumns.map(\.year).max()!
        }

        /// A row to write, found by `place`: its grid row.
        struct Placed {
            var entity: Int32
            var indicator: Int32
        }

        /// Checks a part's rows in file order and makes room for them in the
        /// grids: their indicators and countries, a repeated row, a grid
        /// too large, and the part's own error, all before any row after
        /// them. Returns the rows to write (`write`): those before the one
        /// reading stopped at.
        mutating func place(_ part: WDITableRows, into builder: inout DatasetBuilder, state: inout LoadState)
            throws(DataLoadError) -> [Placed]
        {
            for code in part.aggregates { builder.skipAggregate(code) }
            var placed: [Placed] = []
            placed.reserveCapacity(part.rows.count)
            // Rows read in place, not copied: a copy retains and releases
            // its four strings.
            try part.rows.withUnsafeBufferPointer { rows throws(DataLoadError) in
                for index in rows.indices {
                    if let failure = part.failure, failure.row == index, !failure.afterPlacing { break }
                    let (entity, indicator) = try register(rows[index], into: &builder, state: &state)
                    if let failure = part.failure, failure.row == index { break }
                    guard builder.makeRoomForSeries(years: yearSpan) else {
                        throw reader.error(
                            at: rows[index].offset,
                            "too large: \(builder.indicators.count) indicators × \(builder.entities.count) countries × \(yearSpan.count) years would be more than \(DatasetBuilder.maximumCells) cells"
                        )
                    }
                    placed.append(Placed(entity: entity, indicator: indicator))
                    markers += rows[index].markers
                }
            }
            if let failure = part.failure { throw reader.error(at: failure.offset, failure.message) }
            return placed
        }

        /// Writes each placed part's numbers into the grids (`view`, taken
        /// after the window was placed and its new rows cleared), a part per
        /// thread; for each, the count of numbers and their years.
        static func write(_ parts: [WDITableRows], placed: [[Placed]], into view: LongFormParser.Grid.View)
            -> [(observations: Int, years: ClosedRange<Int>?)]
        {
            LongFormParser.parallelMap(placed.count) { k in write(parts[k], placed: placed[k], into: view) }
        }

        /// Writes the placed rows' numbers into the grids (`view`, taken
        /// after every part of the window was placed); the count of numbers
        /// and their years. Parts can be written at once on several threads:
        /// no two rows of a table share a grid row.
        static func write(_ part: WDITableRows, placed: [Placed], into view: LongFormParser.Grid.View)
            -> (observations: Int, years: ClosedRange<Int>?)
        {
            var first = Int.max
            var last = Int.min
            var observations = 0
            part.years.withUnsafeBufferPointer { years in
                part.values.withUnsafeBufferPointer { values in
                    for (index, row) in placed.enumerated() {
                        let cells = view.row(indicator: Int(row.indicator), entity: Int(row.entity))
                        let range = part.rows[index].cells
                        for cell in range {
                            let year = Int(years[cell])
                            cells[year - view.base] = values[cell].bitPattern &+ 1
                            first = min(first, year)
                            last = max(last, year)
                        }
                        observations += range.count
                    }
                }
            }
            return (observations, first <= last ? first...last : nil)
        }

        /// The row's indicator (added if new) and country, once each checked:
        /// two codes with one id, a row given twice.
        private mutating func register(
            _ row: WDITableRows.Row, into builder: inout DatasetBuilder, state: inout LoadState
        ) throws(DataLoadError) -> (entity: Int32, indicator: Int32) {
            let indicator = try indicator(row, into: &builder, state: &state)
            // Rows come a country at a time: the previous row's country is
            // this one's unless the code changed (or a name is still to be
            // learnt).
            let entity: Int32
            if row.code == lastCountry?.code, lastCountry!.named || (row.countryName ?? "").isEmpty {
                entity = lastCountry!.entity
            } else {
                let info = countries[row.code]
                let known = builder.entities.count
                let name = row.countryName
                entity = builder.entity(row.code, name: name?.isEmpty == false ? name : info?.name)
                if builder.entities.count > known, let info {
                    builder.setAttribute("wb_region", label: regionLabel, entity: entity, value: info.region)
                    builder.setAttribute(
                        "income_group", label: "World Bank income group", entity: entity, value: info.incomeGroup)
                }
                lastCountry = (row.code, entity, builder.entities[Int(entity)].name != nil)
            }
            // One row per country and indicator: a second is a duplicate, caught
            // here for the whole row (so missing cells need not be kept to catch it).
            if let earlier = state.rows[entity, indicator] {
                let first = builder.location(
                    ofOrigin: DatasetBuilder.origin(source: earlier.source, offset: earlier.offset))
                let place = first.file == reader.file ? "line \(first.line)" : "\(first.file) line \(first.line)"
                throw reader.error(
                    at: row.offset, "duplicate row: \(row.code) \(row.seriesCode) is already given on \(place)")
            }
            state.rows[entity, indicator] = (source, row.offset)
            return (entity, indicator)
        }

        /// The row's indicator, added if new; an error for two codes with one id.
        private mutating func indicator(
            _ row: WDITableRows.Row, into builder: inout DatasetBuilder, state: inout LoadState
        ) throws(DataLoadError) -> Int32 {
            // A code seen before is found without making its id again.
            if let known = indicatorOfCode[row.seriesCode] { return known }
            let id = IndicatorNaming.identifier(row.seriesCode)
            let indicator: Int32
            if let known = builder.indicatorPosition(id) {
                if let other = state.codes[id], other != row.seriesCode {
                    throw reader.error(
                        at: row.seriesOffset,
                        "indicator codes `\(other)` and `\(row.seriesCode)` would both be named `\(id)`")
                }
                indicator = known
            } else {
                let meta = series[row.seriesCode]
                var label = row.indicatorName ?? ""
                if label.isEmpty { label = meta?.name ?? "" }
                if label.isEmpty { label = row.seriesCode }
                var unit = meta?.unit ?? ""
                if unit.isEmpty { unit = IndicatorNaming.unit(fromName: label) }
                let original = meta?.source ?? ""
                indicator = builder.addIndicator(
                    Indicator(
                        id: id, label: label, unit: unit, kind: IndicatorNaming.kind(fromUnit: unit),
                        minimum: nil, maximum: nil,
                        source: "World Bank, World Development Indicators"
                            + (original.isEmpty ? "" : "; original source: " + original),
                        license: meta?.license ?? "", url: "https://data.worldbank.org/indicator/" + row.seriesCode,
                        note: "WDI series " + row.seriesCode, values: []))!
                state.codes[id] = row.seriesCode
            }
            indicatorOfCode[row.seriesCode] = indicator
            return indicator
        }
    }
}
