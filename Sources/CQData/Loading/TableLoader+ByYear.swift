/// Tables with years as columns — `country,1990,2000,2010` — the layout of
/// WDI and DataBank downloads, the IMF's WEO, Eurostat and most
/// spreadsheets: a row per entity (and indicator), a column per year.
///
/// A year column is headed `1990`, `X1990` (R's `read.csv` names) or `1990
/// [YR1990]` (DataBank). The other columns: the entity's code and/or name
/// (by the usual column names, or else the first column of words), and
/// optionally the indicator's code and/or name (`Series Code`, `Indicator
/// Name`, …) when each row holds one indicator of one entity. Without an
/// indicator column the file holds one indicator, named after the file.
/// Any other column (units, notes, scale) is left aside and named in the
/// load report.
extension TableLoader {
    /// The year a header names, if it names one.
    static func yearHeading(_ field: String) -> Int? {
        var text = field.drop { $0 == " " || $0 == "\t" }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        if let bracket = text.firstIndex(of: " "), text[bracket...].hasPrefix(" [YR") { text = text[..<bracket] }
        if text.hasPrefix("X") || text.hasPrefix("x") { text = text.dropFirst() }
        if text.hasPrefix("YR") { text = text.dropFirst(2) }
        guard text.count == 4, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), let year = Int(text),
            CSVTable.yearRange.contains(year)
        else { return nil }
        return year
    }

    /// The year columns of a header, when there are two or more (one
    /// numeric heading may be an indicator called `2020`).
    static func yearColumns(_ header: [String]) -> [(column: Int, year: Int)]? {
        let columns = header.enumerated().compactMap { column, field in yearHeading(field).map { (column, $0) } }
        return columns.count >= 2 ? columns : nil
    }

    static func loadByYear(
        _ table: CSVTable, years: [(column: Int, year: Int)], file: String, into builder: inout DatasetBuilder,
        reference: Dataset?, options: LoadOptions = .none
    ) throws(DataLoadError) {
        let header = HeaderColumns(table)
        let yearSet = Set(years.map(\.column))
        let named = options.entity.flatMap { column(named: $0, in: table.header.fields) }
        let code = named == nil ? header.find(codeColumns) : nil
        let indicatorCode = header.find(indicatorColumns)
        let indicatorName = header.find(labelColumns)
        var name = named ?? header.find(nameColumns)
        let taken = Set([code, indicatorCode, indicatorName].compactMap { $0 }).union(yearSet)
        if code == nil && name == nil {
            // The entity by content: the first column of words.
            name = table.header.fields.indices.first { !taken.contains($0) && isTextColumn(table, $0) }
        }
        guard code != nil || name != nil else {
            throw table.headerError(
                "years as columns, but no column names the countries: expected a code or name column (`Country Code`, `Country Name`, `country`, …) or a column of names; found \(table.columnList)"
            )
        }
        let keyColumns = taken.union([name].compactMap { $0 })
        let ignored = table.header.fields.indices.filter { !keyColumns.contains($0) }.map { table.header.fields[$0] }

        let source = builder.addSource(table.reader)
        guard !table.records.isEmpty else {
            throw table.headerError("no data rows: the file has a header but nothing under it")
        }
        let single = indicatorCode == nil && indicatorName == nil
        var indicatorIndex: [String: Int32] = [:]
        func indicator(_ id: String, label: String) throws(DataLoadError) -> Int32 {
            if let index = indicatorIndex[id] { return index }
            let unit = IndicatorNaming.unit(fromName: label)
            let made = Indicator(
                id: id, label: label, unit: unit, kind: IndicatorNaming.kind(fromUnit: unit), minimum: nil,
                maximum: nil, source: file, license: "", url: "", note: "", values: [])
            guard let index = builder.addIndicator(made) else {
                throw table.headerError("the indicator `\(id)` is given twice")
            }
            indicatorIndex[id] = index
            return index
        }
        let fileIndicator = IndicatorNaming.identifier(DatasetLoader.datasetName(DataPath.basename(file)))
        var seen: [String: Int] = [:]
        let names =
            code == nil ? EntityNames(table.records.indices.map { table.text($0, name!) }, reference: reference) : nil
        var markers = 0
        builder.reserve(table.records.count * years.count)
        for record in table.records.indices {
            var entityCode: String
            var entityName: String?
            if let code {
                entityCode = table.text(record, code)
                entityName = name.map { table.text(record, $0) }
                // DataBank and WDI exports end with empty rows and notes.
                if entityCode.isEmpty && years.allSatisfy({ table.text(record, $0.column).isEmpty }) { continue }
                if entityCode.isEmpty {
                    throw table.error(record, code, "expected a country code, found an empty cell")
                }
                if WorldBankAggregates.isAggregate(entityCode) {
                    builder.skipAggregate(entityCode)
                    continue
                }
            } else {
                let text = table.text(record, name!)
                if text.isEmpty && years.allSatisfy({ table.text(record, $0.column).isEmpty }) { continue }
                let entity = try table.nonEmpty(record, name!, "a country or entity name")
                entityCode = names!.code(entity)
                entityName = entity
            }
            let id: String
            let label: String
            if single {
                id = fileIndicator
                label = fileIndicator
            } else {
                let codeText = indicatorCode.map { table.text(record, $0) } ?? ""
                let nameText = indicatorName.map { table.text(record, $0) } ?? ""
                label = nameText.isEmpty ? codeText : nameText
                id = IndicatorNaming.identifier(codeText.isEmpty ? nameText : codeText)
                guard !id.isEmpty else {
                    throw table.error(
                        record, indicatorCode ?? indicatorName!, "expected an indicator, found an empty cell")
                }
            }
            let index = try indicator(id, label: label)
            let key = entityCode + "\u{0}" + id
            if let earlier = seen[key] {
                throw table.error(
                    record, code ?? name!,
                    "duplicate row: \(entityCode)\(single ? "" : " `\(id)`") is already given on line \(table.line(ofRecord: earlier))"
                )
            }
            seen[key] = record
            let entity = builder.entity(entityCode, name: entityName)
            for (column, year) in years {
                let value = try table.cellValue(record, column, markers: &markers)
                builder.add(
                    entity: entity, indicator: index, year: year, value: value,
                    origin: DatasetBuilder.origin(source: source, offset: table.records[record].offsets[column]))
            }
        }
        builder.missingMarkers += markers
        let entityColumn = table.header.fields[code ?? name!]
        var shape = ["years as columns (\(years.count), \(years.first!.year)–\(years.last!.year))"]
        shape.append(entityColumn.isEmpty ? "entity in the first column (row names)" : "entity `\(entityColumn)`")
        shape.append("\(indicatorIndex.count) indicator\(indicatorIndex.count == 1 ? "" : "s")")
        if !ignored.isEmpty { shape.append("left aside: " + ignored.map { "`\($0)`" }.joined(separator: ", ")) }
        if let note = names?.report(column: entityColumn) { shape.append(note) }
        if let names, !names.areCountries { builder.entitiesAreCountries = false }
        builder.shape += shape
    }
}
