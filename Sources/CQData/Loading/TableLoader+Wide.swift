/// Wide tables: one row per entity (and year), a column per indicator.
extension TableLoader {
    struct WideOptions {
        /// Shown as each indicator's source.
        var source: String
        var license: String = ""
        /// OWID: the entity columns and year are required, an empty code is an aggregate.
        var owid = false
        /// What the user named: the entity and year columns.
        var load: LoadOptions = .none
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
            let fields = table.header.fields
            year = options.load.year.flatMap { column(named: $0, in: fields) } ?? header.find(yearColumns)
            if let entity = options.load.entity {
                code = nil
                name = column(named: entity, in: fields)
            } else {
                code = header.find(codeColumns)
                name = header.find(nameColumns) ?? (code == nil ? entityByContent(table, year: year) : nil)
            }
        }
        let keyColumns = Set([code, name, year].compactMap { $0 })
        if !options.owid && code == nil && name == nil { builder.entitiesAreCountries = false }
        if !options.owid, let entity = code ?? name {
            let heading = table.header.fields[entity]
            builder.shape.append(heading.isEmpty ? "entity in the first column (row names)" : "entity `\(heading)`")
        }
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
        let names =
            code == nil
            ? name.map { column in EntityNames(rows.map { table.text($0, column) }, reference: reference) } : nil
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
                entityCode = names!.code(text)
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
        if let note = names?.report(column: table.header.fields[name!]) { builder.shape.append(note) }
        if let names, !names.areCountries { builder.entitiesAreCountries = false }
    }

    /// The entity column of a table that names none: R's row names (the
    /// first column, under an empty heading, as `write.csv` writes them), or
    /// else the first column of words before any number column (`state`,
    /// `region`). nil when there is neither: the rows are then not entities.
    static func entityByContent(_ table: CSVTable, year: Int?) -> Int? {
        let fields = table.header.fields
        if let first = fields.first, first.isEmpty, fields.count > 1,
            table.records.contains(where: { !$0.fields[0].isEmpty })
        {
            return 0
        }
        for column in fields.indices where column != year {
            if isTextColumn(table, column) { return column }
            return nil
        }
        return nil
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
