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
        _ bytes: [UInt8], file: String, into builder: inout DatasetBuilder, reference: Dataset?,
        options: LoadOptions = .none
    ) throws(DataLoadError) {
        var dialect = TableDialect.detect(bytes, separator: options.separator)
        if let comma = options.decimalComma { dialect.decimalComma = comma }
        guard !dialect.isStandard else {
            try loadStandard(bytes, file: file, into: &builder, reference: reference, options: options)
            return
        }
        builder.shape += dialect.descriptionParts
        do {
            try loadStandard(
                dialect.standardized(bytes), file: file, into: &builder, reference: reference, options: options)
        } catch {
            // Positions in the rewritten text are the file's, below its preamble.
            var shifted = error
            if shifted.line > 0 { shifted.line += dialect.preambleLines }
            throw shifted
        }
    }

    /// A table in cq's standard CSV dialect (see `TableDialect`).
    static func loadStandard(
        _ bytes: [UInt8], file: String, into builder: inout DatasetBuilder, reference: Dataset?,
        options: LoadOptions = .none
    ) throws(DataLoadError) {
        let header = try headerOnly(bytes, file: file)
        let columns = HeaderColumns(header)
        try checkOptions(options, header: header)
        if let years = yearColumns(header.header.fields), options.year == nil {
            let table = try CSVReader(bytes, file: file).read()
            try loadByYear(table, years: years, file: file, into: &builder, reference: reference, options: options)
        } else if let indicator = columns.find(indicatorColumns), options.entity == nil, options.year == nil {
            let value = try columns.require(
                valueColumns, in: "a long-form table (it has an `\(header.header.fields[indicator])` column)")
            try loadLong(
                bytes, file: file, header: columns, indicator: indicator, value: value, into: &builder,
                reference: reference)
        } else {
            let table = try CSVReader(bytes, file: file).read()
            try loadWide(
                table, options: WideOptions(source: file, load: options), into: &builder, reference: reference)
        }
    }

    /// The columns the options name must exist: a misspelt heading is an
    /// error listing the headings, never silently ignored.
    static func checkOptions(_ options: LoadOptions, header: CSVTable) throws(DataLoadError) {
        for (option, heading) in [("entity", options.entity), ("year", options.year)] {
            guard let heading, column(named: heading, in: header.header.fields) == nil else { continue }
            throw header.headerError(
                "`\(option) = \"\(heading)\"`, but no column is headed so; found \(header.columnList)")
        }
    }

    /// The column with this heading, exactly or ignoring case and blanks.
    static func column(named heading: String, in fields: [String]) -> Int? {
        if let exact = fields.firstIndex(of: heading) { return exact }
        let wanted = heading.lowercased().filter { $0 != " " }
        return fields.firstIndex { $0.lowercased().filter { $0 != " " } == wanted }
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
        let names = code == nil && hasEntity ? EntityNames(columns.entityKeys, reference: reference) : nil
        let entityMap: [Int32?] = columns.entityKeys.map { key in
            if code != nil, WorldBankAggregates.isAggregate(key) {
                builder.skipAggregate(key)
                return nil
            }
            let resolved = names?.code(key) ?? key
            let displayName = code != nil ? entityNames[key] : (resolved == key ? key : nil)
            return builder.entity(resolved, name: hasEntity ? displayName : "all rows")
        }
        if let name, let note = names?.report(column: header.table.header.fields[name]) { builder.shape.append(note) }
        if !hasEntity || names?.areCountries == false { builder.entitiesAreCountries = false }

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

    /// A country's code for its name (`CountryNames`: the reference's names,
    /// then the spellings of the World Bank, IMF, UN, Gapminder and others),
    /// or the name itself when it names no country of the reference.
    static func codeForName(_ name: String, reference: Dataset?, matcher: CountryNames.Matcher? = nil) -> String {
        guard let reference else { return name }
        guard let code = (matcher ?? CountryNames.Matcher(reference: reference)).code(for: name),
            reference.countryIndex(code: code) != nil
        else { return name }
        return code
    }
}
