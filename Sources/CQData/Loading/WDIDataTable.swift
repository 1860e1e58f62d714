/// A WDI data table (`WDICSV.csv`, an API download, a DataBank export):
/// its header's columns, and its rows, each one country's series of an
/// indicator over the year columns.
extension WDILoader {
    /// What one data file's rows tell the next's.
    struct LoadState {
        /// Indicator id → WDI code, so two codes with one id are caught.
        var codes: [String: String] = [:]
        /// Country × indicator → where its row was, so a repeated row is caught.
        var rows: [Int64: (source: Int, offset: Int)] = [:]
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

    static func loadData(
        _ records: inout CSVRecordStream, countries: [String: CountryInfo], series: [String: SeriesInfo],
        state: inout LoadState, into builder: inout DatasetBuilder
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
        let yearSpan = yearColumns.map(\.year).min()!...yearColumns.map(\.year).max()!
        let regionLabel = CQLayoutLoader.countryAttributes.first { $0.name == "wb_region" }!.label
        var markers = 0
        // Records are split without a string per field: the year columns'
        // cells are read from the bytes (a 15-million-cell file spent most of
        // its 4.8 s making strings and parsing them with strtod).
        while let record = try records.nextSplit() {
            func offset(_ column: Int) -> Int { record.fields[column].offset }
            for column in nameless where !record.isEmpty(column) {
                throw reader.error(at: offset(column), "a value in a column without a name in the header")
            }
            let code = record.string(countryCode)
            if code.isEmpty {
                // DataBank exports end with blank rows and "Data from database: …",
                // "Last Updated: …" notes; anything else without a code is an error.
                if record.fields.indices.allSatisfy({ $0 == 0 || $0 == countryName || record.isEmpty($0) }) { continue }
                throw reader.error(at: offset(countryCode), "expected a country code, found an empty cell")
            }
            // The metadata's empty Region marks an aggregate; the table is for codes it does not list.
            let info = countries[code]
            if info.map({ $0.region.isEmpty }) ?? WorldBankAggregates.isAggregate(code) {
                builder.skipAggregate(code)
                continue
            }
            let seriesCode = record.string(indicatorCode)
            if seriesCode.isEmpty {
                throw reader.error(at: offset(indicatorCode), "expected an indicator code, found an empty cell")
            }
            let id = IndicatorNaming.identifier(seriesCode)
            let indicator: Int32
            if let known = builder.indicatorPosition(id) {
                if let other = state.codes[id], other != seriesCode {
                    throw reader.error(
                        at: offset(indicatorCode),
                        "indicator codes `\(other)` and `\(seriesCode)` would both be named `\(id)`")
                }
                indicator = known
            } else {
                let meta = series[seriesCode]
                var label = indicatorName.map { record.string($0) } ?? ""
                if label.isEmpty { label = meta?.name ?? "" }
                if label.isEmpty { label = seriesCode }
                var unit = meta?.unit ?? ""
                if unit.isEmpty { unit = IndicatorNaming.unit(fromName: label) }
                let original = meta?.source ?? ""
                indicator = builder.addIndicator(
                    Indicator(
                        id: id, label: label, unit: unit, kind: IndicatorNaming.kind(fromUnit: unit),
                        minimum: nil, maximum: nil,
                        source: "World Bank, World Development Indicators"
                            + (original.isEmpty ? "" : "; original source: " + original),
                        license: meta?.license ?? "", url: "https://data.worldbank.org/indicator/" + seriesCode,
                        note: "WDI series " + seriesCode, values: []))!
                state.codes[id] = seriesCode
            }

            let name = countryName.map { record.string($0) }
            let entity = builder.entity(code, name: name?.isEmpty == false ? name : info?.name)
            // One row per country and indicator: a second is a duplicate, caught
            // here for the whole row (so missing cells need not be kept to catch it).
            let key = Int64(entity) << 32 | Int64(indicator)
            if let earlier = state.rows[key] {
                let first = builder.location(
                    ofOrigin: DatasetBuilder.origin(source: earlier.source, offset: earlier.offset))
                let place = first.file == reader.file ? "line \(first.line)" : "\(first.file) line \(first.line)"
                throw reader.error(
                    at: offset(0), "duplicate row: \(code) \(seriesCode) is already given on \(place)")
            }
            state.rows[key] = (source, offset(0))
            if let info {
                builder.setAttribute("wb_region", label: regionLabel, entity: entity, value: info.region)
                builder.setAttribute(
                    "income_group", label: "World Bank income group", entity: entity, value: info.incomeGroup)
            }
            guard let row = builder.seriesRow(entity: entity, indicator: indicator, years: yearSpan) else {
                throw reader.error(
                    at: offset(0),
                    "too large: \(builder.indicators.count) indicators × \(builder.entities.count) countries × \(yearSpan.count) years would be more than \(DatasetBuilder.maximumCells) cells"
                )
            }
            var numbers = 0
            var first = Int.max
            var last = Int.min
            for (column, year) in yearColumns {
                switch record.cell(column) {
                case .number(let value):
                    builder.storeSeriesValue(value, year: year, in: row)
                    numbers += 1
                    first = min(first, year)
                    last = max(last, year)
                case .missing:
                    markers += 1
                case .invalid(let message):
                    throw reader.error(at: offset(column), message)
                }
            }
            builder.noteSeries(observations: numbers, years: numbers > 0 ? first...last : nil)
        }
        builder.missingMarkers += markers
    }
}
