/// Plain CSV tables (`as table`), and the wide-table reading OWID files share.
///
/// - **Long form**: a column named `indicator` (or `series`, `variable`), which
///   makes a `value` column required, with optional entity and `year`
///   columns, and optionally the indicator's `label` and `unit`: one row per
///   observation.
/// - **Wide form**: an optional entity column, an optional `year` column, and
///   every other column an indicator (numbers) or a text attribute (a column
///   whose every value is words, like a "continent" column).
///
/// Entity columns, by name (case, spaces and `_` ignored): a code column
/// (`iso3`, `iso3c`, `iso_code`, `code`, `country code`, …) and/or a name
/// column (`country`, `country name`, `entity`, `economy`, `name`). With a
/// code column its values are the country codes and the name column gives
/// names; with only a name column, a name the reference dataset knows
/// ("Germany") becomes its code (DEU), any other name is its own code.
///
/// Without an entity column the rows are not countries:
/// - with a `year` column, they are the years of one pseudo-entity `ALL`;
/// - with no `year` column either (the NIST StRD files: `y,x`), each row is
///   its own pseudo-entity `R01`, `R02`, … (zero-padded so they sort in file
///   order) in the one undated year. Rows are then distinct cells of the same
///   year, which is what `summarize y`, `correlate x, y` and a regression on
///   them need: every row is one observation, nothing is pooled over years.
enum TableLoader {
    static let allRowsEntity = "ALL"

    static let codeColumns = [
        "iso3", "iso3c", "iso_code", "iso", "iso alpha3", "code", "country code", "countrycode", "country iso3",
    ]
    static let nameColumns = ["country", "country name", "entity", "economy", "name"]
    static let indicatorColumns = ["indicator", "series", "variable", "indicator code", "series code", "indicator id"]
    static let labelColumns = ["label", "indicator name", "series name"]
    static let unitColumns = ["unit"]
    static let yearColumns = ["year"]
    static let valueColumns = ["value"]

    // MARK: - table

    static func load(
        _ bytes: [UInt8], file: String, into builder: inout DatasetBuilder, reference: Dataset?
    ) throws(DataLoadError) {
        let header = try headerOnly(bytes, file: file)
        let columns = HeaderColumns(header)
        if let indicator = columns.find(indicatorColumns) {
            let value = try columns.require(
                valueColumns, in: "a long-form table (it has an `\(header.header.fields[indicator])` column)")
            try loadLong(
                bytes, file: file, header: columns, indicator: indicator, value: value, into: &builder,
                reference: reference)
        } else {
            let table = try CSVReader(bytes, file: file).read()
            try loadWide(
                table, options: WideOptions(source: file), into: &builder, reference: reference)
        }
    }

    /// The header of a CSV file, read without parsing the rest.
    static func headerOnly(_ bytes: [UInt8], file: String) throws(DataLoadError) -> CSVTable {
        let end = bytes.withUnsafeBytes { headerEnd($0) }
        return try CSVReader(Array(bytes[..<end]), file: file).read()
    }

    /// The offset where `headerOnly` stops reading (the end of the header
    /// line, quotes respected), found in place: the bytes before it are all
    /// `headerOnly` needs, so a caller holding a mapping copies only those.
    static func headerEnd(_ bytes: UnsafeRawBufferPointer) -> Int {
        let start = TextBytes.contentStart(bytes)
        guard let raw = bytes.baseAddress, start < bytes.count else { return start }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        var record = RFC4180Record()
        if let failure = record.split(base, from: start, end: bytes.count) {
            // Through the line of the problem: `headerOnly`'s reader finds it again and reports it.
            return TextBytes.lineEnd(base, failure.offset, bytes.count)
        }
        return record.end
    }

    /// The columns for `LongFormParser` when a table is a long-form table it
    /// reads exactly as `loadLong` would: an entity *code* column (no name
    /// column, whose names `loadLong` maps to codes), `indicator`, `year` and
    /// `value`, and nothing else (no label, unit, other or nameless columns).
    /// nil for any other table: `load` (the slow path) reads it.
    static func fastLongFormColumns(_ header: CSVTable) -> LongFormParser.Columns? {
        let columns = HeaderColumns(header)
        guard header.header.fields.count == 4,
            let code = columns.find(codeColumns), columns.find(nameColumns) == nil,
            let indicator = columns.find(indicatorColumns), let year = columns.find(yearColumns),
            let value = columns.find(valueColumns),
            columns.find(labelColumns) == nil, columns.find(unitColumns) == nil,
            Set([code, indicator, year, value]).count == 4
        else { return nil }
        return LongFormParser.Columns(entity: code, indicator: indicator, year: year, value: value, width: 4)
    }

    /// The indicator `loadLong` makes of an indicator text (without label
    /// and unit columns): the id from the text, the unit from its wording.
    static func longFormIndicator(_ key: String, file: String) -> Indicator {
        let id = IndicatorNaming.identifier(key)
        let unit = IndicatorNaming.unit(fromName: key)
        return Indicator(
            id: id, label: key, unit: unit, kind: IndicatorNaming.kind(fromUnit: unit),
            minimum: nil, maximum: nil, source: DataPath.basename(file), license: "", url: "",
            note: key == id ? "" : "`\(key)` in the file", values: [])
    }

    // MARK: - long form

    private static func loadLong(
        _ bytes: [UInt8], file: String, header: HeaderColumns, indicator: Int, value: Int,
        into builder: inout DatasetBuilder, reference: Dataset?
    ) throws(DataLoadError) {
        let code = header.find(codeColumns)
        let name = header.find(nameColumns)
        let year = header.find(yearColumns)
        let label = header.find(labelColumns)
        let unit = header.find(unitColumns)
        let known = Set([code, name, year, label, unit, indicator, value].compactMap { $0 })
        for column in header.table.header.fields.indices where !known.contains(column) {
            let field = header.table.header.fields[column]
            if field.isEmpty { continue }  // a trailing comma; its cells must be empty (checked below)
            throw header.table.headerError(
                column,
                "unexpected column `\(field)` in a long-form table; expected only an entity (`iso3` or `country`), `indicator`, `year`, `value`, and optionally `label` and `unit`"
            )
        }
        let layout = LongFormLayout(entity: code ?? name, indicator: indicator, year: year, value: value)
        let columns = try LongFormTable.parse(bytes, file: file, layout: layout)
        let source = builder.addSource(columns.reader)
        builder.missingMarkers += columns.missingMarkers

        // Names, labels and units need the other columns: a second pass, only when they exist.
        var entityNames: [String: String] = [:]
        var metadata: [String: (label: String, unit: String, row: Int)] = [:]
        let emptyColumns = header.table.header.fields.indices.filter { header.table.header.fields[$0].isEmpty }
        if (code != nil && name != nil) || label != nil || unit != nil || !emptyColumns.isEmpty {
            let table = try CSVReader(bytes, file: file).read()
            for record in table.records.indices {
                for column in emptyColumns where !table.text(record, column).isEmpty {
                    throw table.error(record, column, "a value in a column without a name in the header")
                }
                if let code, let name { entityNames[table.text(record, code)] = table.text(record, name) }
                let key = table.text(record, indicator)
                let thisLabel = label.map { table.text(record, $0) } ?? key
                let thisUnit = unit.map { table.text(record, $0) } ?? IndicatorNaming.unit(fromName: thisLabel)
                if let earlier = metadata[key] {
                    if earlier.label != thisLabel, let label {
                        throw table.error(
                            record, label,
                            "indicator `\(key)` has the label `\(earlier.label)` on line \(table.line(ofRecord: earlier.row)); found `\(thisLabel)`"
                        )
                    }
                    if earlier.unit != thisUnit, let unit {
                        throw table.error(
                            record, unit,
                            "indicator `\(key)` has the unit `\(earlier.unit)` on line \(table.line(ofRecord: earlier.row)); found `\(thisUnit)`"
                        )
                    }
                } else {
                    metadata[key] = (thisLabel, thisUnit, record)
                }
            }
        }

        // Entities: codes, or names mapped to codes; aggregates skipped.
        let hasEntity = code != nil || name != nil
        let entityMap: [Int32?] = columns.entityKeys.map { key in
            if code != nil, WorldBankAggregates.isAggregate(key) {
                builder.skipAggregate(key)
                return nil
            }
            let resolved = code == nil && hasEntity ? codeForName(key, reference: reference) : key
            let displayName = code != nil ? entityNames[key] : (resolved == key ? key : nil)
            return builder.entity(resolved, name: hasEntity ? displayName : "all rows")
        }

        // Indicators: ids from the keys; two keys with one id are an error.
        var indicatorMap: [Int32] = []
        for (position, key) in columns.indicatorKeys.enumerated() {
            let id = IndicatorNaming.identifier(key)
            let info = metadata[key] ?? (key, IndicatorNaming.unit(fromName: key), 0)
            let indicator = Indicator(
                id: id, label: info.label, unit: info.unit, kind: IndicatorNaming.kind(fromUnit: info.unit),
                minimum: nil, maximum: nil, source: DataPath.basename(file), license: "", url: "",
                note: key == id ? "" : "`\(key)` in the file", values: [])
            guard let index = builder.addIndicator(indicator) else {
                let other = builder.indicators[Int(builder.indicatorPosition(id)!)]
                let firstRow = columns.indicatorOfRow.firstIndex(of: Int32(position))!
                let offset = LongFormTable.fieldOffset(
                    columns.reader.bytes, rowOffset: columns.rowOffsets[firstRow], field: layout.indicator)
                throw columns.reader.error(
                    at: offset,
                    "indicators `\(other.label)` and `\(key)` would both be named `\(id)`; rename one")
            }
            indicatorMap.append(index)
        }

        builder.reserve(columns.rowCount)
        for row in 0..<columns.rowCount {
            guard let entity = entityMap[Int(columns.entityOfRow[row])] else { continue }
            let value = columns.values[row]
            builder.add(
                entity: entity, indicator: indicatorMap[Int(columns.indicatorOfRow[row])],
                year: Int(columns.years[row]), value: value.isNaN ? nil : value,
                origin: DatasetBuilder.origin(source: source, offset: columns.rowOffsets[row]))
        }
    }

    /// A reference country's code for its name (exactly, then ignoring case), or the name itself.
    static func codeForName(_ name: String, reference: Dataset?) -> String {
        guard let reference else { return name }
        if let country = reference.countries.first(where: { $0.name == name }) { return country.code }
        let lowered = name.lowercased()
        if let country = reference.countries.first(where: { $0.name.lowercased() == lowered }) { return country.code }
        return name
    }

    // MARK: - wide form

    struct WideOptions {
        /// Shown as each indicator's source.
        var source: String
        var license: String = ""
        /// OWID: the entity columns and year are required, an empty code is an aggregate.
        var owid = false
    }

    static func loadWide(
        _ table: CSVTable, options: WideOptions, into builder: inout DatasetBuilder, reference: Dataset?
    ) throws(DataLoadError) {
        let header = HeaderColumns(table)
        let what = options.owid ? "an Our World in Data file (Entity, Code, Year, values)" : "the table"
        let code: Int?
        let name: Int?
        let year: Int?
        if options.owid {
            name = try header.require(["Entity"], in: what)
            code = try header.require(["Code"], in: what)
            year = try header.require(["Year"], in: what)
        } else {
            code = header.find(codeColumns)
            name = header.find(nameColumns)
            year = header.find(yearColumns)
        }
        let keyColumns = Set([code, name, year].compactMap { $0 })
        let source = builder.addSource(table.reader)
        let rows = table.records.indices
        guard !rows.isEmpty else {
            throw table.headerError("no data rows: the file has a header but nothing under it")
        }

        // Columns: numbers (indicators), words (text attributes), or a nameless
        // trailing column that must be empty.
        enum Role {
            case indicator(Int32)
            case text(Int)
            case ignored
        }
        var roles: [Role] = []
        var ids: [String: Int] = [:]
        for column in table.header.fields.indices {
            if keyColumns.contains(column) {
                roles.append(.ignored)
                continue
            }
            let field = table.header.fields[column]
            if field.isEmpty {
                if let record = rows.first(where: { !table.text($0, column).isEmpty }) {
                    throw table.error(record, column, "a value in a column without a name in the header")
                }
                roles.append(.ignored)
                continue
            }
            let id = IndicatorNaming.identifier(field)
            if let other = ids[id] {
                throw table.headerError(
                    column,
                    "columns `\(table.header.fields[other])` and `\(field)` would both be named `\(id)`; rename one")
            }
            ids[id] = column
            if isTextColumn(table, column) {
                builder.textColumns.append(DatasetBuilder.TextColumn(name: id, label: field))
                roles.append(.text(builder.textColumns.count - 1))
            } else {
                let unit = IndicatorNaming.unit(fromName: field)
                let indicator = Indicator(
                    id: id, label: field, unit: unit, kind: IndicatorNaming.kind(fromUnit: unit),
                    minimum: nil, maximum: nil, source: options.source, license: options.license, url: "",
                    note: "", values: [])
                guard let index = builder.addIndicator(indicator) else {
                    throw table.headerError(column, "the indicator `\(id)` is given twice")
                }
                roles.append(.indicator(index))
            }
        }
        guard roles.contains(where: { if case .indicator = $0 { true } else { false } }) else {
            throw table.headerError(
                "no indicator columns: expected at least one column of numbers besides the entity and year columns; found \(table.columnList)"
            )
        }

        // Rows: entity and year, then each cell.
        let hasEntity = code != nil || name != nil
        let width = String(rows.count).count
        var seen: [String: Int] = [:]  // entity code + year → record, for duplicate rows
        var codeOfName: [String: String] = [:]
        builder.reserve(rows.count * roles.count)
        var markers = 0
        for record in rows {
            // The entity.
            var entityCode: String
            var entityName: String?
            if let code {
                entityCode = table.text(record, code)
                entityName = name.map { table.text(record, $0) }
                if options.owid {
                    if let mapped = WorldBankAggregates.owidCountryCodes[entityCode] { entityCode = mapped }
                    if entityCode.isEmpty || WorldBankAggregates.isOWIDCode(entityCode) {
                        builder.skipAggregate(entityCode.isEmpty ? table.text(record, name!) : entityCode)
                        continue
                    }
                }
                if entityCode.isEmpty {
                    throw table.error(record, code, "expected a country code, found an empty cell")
                }
                if WorldBankAggregates.isAggregate(entityCode) {
                    builder.skipAggregate(entityCode)
                    continue
                }
            } else if let name {
                let text = try table.nonEmpty(record, name, "a country or entity name")
                if let known = codeOfName[text] {
                    entityCode = known
                } else {
                    entityCode = codeForName(text, reference: reference)
                    codeOfName[text] = entityCode
                }
                entityName = text
            } else if year != nil {
                entityCode = allRowsEntity
                entityName = "all rows"
            } else {
                let number = String(record + 1)
                entityCode = "R" + String(repeating: "0", count: width - number.count) + number
                entityName = "row \(record + 1)"
            }
            let entity = builder.entity(entityCode, name: entityName)
            let rowYear =
                try year.map { column throws(DataLoadError) in try table.cellYear(record, column) }
                ?? DatasetLoader.undatedYear

            let key = year == nil ? entityCode : entityCode + "\u{0}" + String(rowYear)
            if let earlier = seen[key] {
                let what =
                    hasEntity
                    ? (year == nil ? "\(entityCode)" : "\(entityCode) \(rowYear)")
                    : "year \(rowYear)"
                throw table.error(
                    record, 0, "duplicate row: \(what) is already given on line \(table.line(ofRecord: earlier))")
            }
            seen[key] = record

            for (column, role) in roles.enumerated() {
                switch role {
                case .ignored:
                    continue
                case .indicator(let indicator):
                    let value = try table.cellValue(record, column, markers: &markers)
                    builder.add(
                        entity: entity, indicator: indicator, year: rowYear, value: value,
                        origin: DatasetBuilder.origin(source: source, offset: table.records[record].offsets[column]))
                case .text(let position):
                    let text = table.text(record, column)
                    if CellText.isMissingMarker(text) { continue }
                    builder.textColumns[position].entities.append(entity)
                    builder.textColumns[position].years.append(Int32(rowYear))
                    builder.textColumns[position].values.append(text)
                }
            }
        }
        builder.missingMarkers += markers
    }

    /// A column of words: every value that is not a missing-value marker has a
    /// letter and is not a number, and there is at least one. (A column mixing
    /// numbers and words is numbers with bad cells, reported as such; "NaN" and
    /// "inf" are bad numbers, not words.)
    static func isTextColumn(_ table: CSVTable, _ column: Int) -> Bool {
        var sawText = false
        for record in table.records.indices {
            let text = table.text(record, column)
            if CellText.isMissingMarker(text) { continue }
            if CellText.plainNumber(text) != nil || !CellText.hasLetter(text) { return false }
            let lowered = text.lowercased()
            if ["nan", "inf", "-inf", "+inf", "infinity", "-infinity"].contains(lowered) { return false }
            sawText = true
        }
        return sawText
    }
}
