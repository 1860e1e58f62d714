import CQSyntax

/// Builds datasets from cq's CSV layouts: `Data/world` (countries, memberships,
/// indicators, long-format observations) and `Data/paper` (the paper's Table 1).
///
/// Takes bytes, not paths, so the core stays free of I/O; the caller reads the
/// files. Errors name the file as "countries.csv" etc.; a caller that knows the
/// directory prefixes it. Every check that could let a wrong number through
/// (unknown code, duplicate observation, value outside the indicator's bounds)
/// is an error rather than a skipped row.
public enum CQLayoutLoader {
    /// The static attributes taken from countries.csv: column, label.
    static let countryAttributes: [(name: String, label: String)] = [
        ("continent", "Continent"),
        ("wb_region", "World Bank region"),
        ("un_region", "UN region"),
        ("un_subregion", "UN subregion"),
        ("income_group", "World Bank income group (classification as of mid-2022)"),
    ]

    // MARK: - world

    public static func loadWorld(
        countries countryBytes: [UInt8], memberships membershipBytes: [UInt8],
        indicators indicatorBytes: [UInt8], observations observationBytes: [UInt8],
        name: String, title: String, attribution: [String]
    ) throws -> Dataset {
        let countryTable = try CSVReader(countryBytes, file: "countries.csv").read()
        let (countries, countryIndex, countryRows) = try readCountries(countryTable)
        let indicatorTable = try CSVReader(indicatorBytes, file: "indicators.csv").read()
        var indicators = try readWorldIndicators(indicatorTable)
        let membershipTable = try CSVReader(membershipBytes, file: "memberships.csv").read()
        let memberships = try readMemberships(membershipTable, countryIndex: countryIndex)
        let observationTable = try CSVReader(observationBytes, file: "observations.csv").read()
        let observations = try readObservations(
            observationTable, countryIndex: countryIndex, indicators: indicators)

        guard let minYear = observations.years.min(), let maxYear = observations.years.max() else {
            throw DataLoadError(file: "observations.csv", line: 0, column: 0, message: "no observations")
        }
        let firstYear = Int(minYear)
        let lastYear = Int(maxYear)
        let yearCount = lastYear - firstYear + 1
        let cellCount = countries.count * yearCount

        // Values: scatter the long-format rows into the dense grids.
        var grids = [[Double]](
            repeating: [Double](repeating: .nan, count: cellCount), count: indicators.count)
        for row in observations.countries.indices {
            let country = Int(observations.countries[row])
            let indicator = Int(observations.indicators[row])
            let year = Int(observations.years[row])
            let cell = country * yearCount + (year - firstYear)
            if !grids[indicator][cell].isNaN {
                let first = observations.countries.indices.first {
                    observations.countries[$0] == observations.countries[row]
                        && observations.indicators[$0] == observations.indicators[row]
                        && observations.years[$0] == observations.years[row]
                }!
                let line = observationTable.reader.location(
                    ofByteOffset: observationTable.records[first].offsets[0]
                ).line
                throw observationTable.error(
                    row, 0,
                    "duplicate observation: \(countries[country].code) \(indicators[indicator].id) \(year) is already given on line \(line)"
                )
            }
            grids[indicator][cell] = observations.values[row]
        }
        for index in indicators.indices { indicators[index].values = grids[index] }

        // Attributes from countries.csv (an empty cell is missing); groups from
        // memberships.csv. No reference: this is the reference.
        var given = DatasetAssembler.Countries(
            codes: countries.map(\.code), names: countries.map(\.name), memberships: memberships)
        for (attributeName, label) in countryAttributes {
            let column = try countryTable.column(attributeName)
            let texts: [String?] = countryRows.map { row in
                let text = countryTable.text(row, column)
                return text.isEmpty ? nil : text
            }
            given.attributes.append((attributeName, label, texts))
        }
        return DatasetAssembler.assemble(
            name: name, title: title, attribution: attribution, firstYear: firstYear, lastYear: lastYear,
            countries: given, indicators: indicators, reference: nil)
    }

    /// Countries sorted by code, the code → index map, and for each sorted
    /// country the record it came from.
    static func readCountries(
        _ table: CSVTable
    ) throws(DataLoadError) -> ([Country], [String: Int], [Int]) {
        let codeColumn = try table.column("iso3")
        let nameColumn = try table.column("name")
        var seen: [String: Int] = [:]
        for record in table.records.indices {
            let code = try table.nonEmpty(record, codeColumn, "a country code")
            _ = try table.nonEmpty(record, nameColumn, "a country name")
            if let earlier = seen[code] {
                let line = table.reader.location(ofByteOffset: table.records[earlier].offsets[codeColumn]).line
                throw table.error(record, codeColumn, "duplicate country code `\(code)` (first on line \(line))")
            }
            seen[code] = record
        }
        let rows = table.records.indices.sorted { table.text($0, codeColumn) < table.text($1, codeColumn) }
        let countries = rows.map { Country(code: table.text($0, codeColumn), name: table.text($0, nameColumn)) }
        var index: [String: Int] = [:]
        for (position, country) in countries.enumerated() { index[country.code] = position }
        return (countries, index, rows)
    }

    private static func readWorldIndicators(_ table: CSVTable) throws(DataLoadError) -> [Indicator] {
        let columns = try (
            id: table.column("id"), label: table.column("label"), unit: table.column("unit"),
            kind: table.column("kind"), min: table.column("min"), max: table.column("max"),
            source: table.column("source"), license: table.column("license"),
            url: table.column("url"), note: table.column("note")
        )
        var indicators: [Indicator] = []
        var seen: Set<String> = []
        for record in table.records.indices {
            let id = try table.nonEmpty(record, columns.id, "an indicator id")
            guard seen.insert(id).inserted else {
                throw table.error(record, columns.id, "duplicate indicator `\(id)`")
            }
            let (minimum, maximum) = try bounds(table, record, columns.min, columns.max)
            indicators.append(
                Indicator(
                    id: id, label: table.text(record, columns.label), unit: table.text(record, columns.unit),
                    kind: table.text(record, columns.kind), minimum: minimum, maximum: maximum,
                    source: table.text(record, columns.source), license: table.text(record, columns.license),
                    url: table.text(record, columns.url), note: table.text(record, columns.note),
                    values: []))
        }
        indicators.sort { $0.id < $1.id }
        return indicators
    }

    private static func bounds(
        _ table: CSVTable, _ record: Int, _ minColumn: Int, _ maxColumn: Int
    ) throws(DataLoadError) -> (Double?, Double?) {
        let minimum = try table.optionalNumber(record, minColumn)
        let maximum = try table.optionalNumber(record, maxColumn)
        if let minimum, let maximum, minimum > maximum {
            throw table.error(record, maxColumn, "the maximum is below the minimum")
        }
        return (minimum, maximum)
    }

    static func readMemberships(
        _ table: CSVTable, countryIndex: [String: Int]
    ) throws(DataLoadError) -> [MembershipSpec] {
        let codeColumn = try table.column("iso3")
        let groupColumn = try table.column("group")
        let fromColumn = try table.column("from_year")
        let toColumn = try table.column("to_year")
        var groups: [MembershipSpec] = []
        var byName: [String: Int] = [:]
        for record in table.records.indices {
            let code = table.text(record, codeColumn)
            guard let country = countryIndex[code] else {
                throw table.error(record, codeColumn, "unknown country code `\(code)`")
            }
            let label = try table.nonEmpty(record, groupColumn, "a group name")
            // Query flags are lowercase (`where eu`); the label keeps the file's spelling.
            let name = label.lowercased()
            let from = try table.optionalYear(record, fromColumn)
            let to = try table.optionalYear(record, toColumn)
            if let from, let to, to <= from {
                throw table.error(record, toColumn, "to_year \(to) is not after from_year \(from)")
            }
            if let position = byName[name] {
                guard groups[position].label == label else {
                    throw table.error(
                        record, groupColumn,
                        "group `\(label)` is spelled `\(groups[position].label)` elsewhere; use one spelling")
                }
                groups[position].intervals.append((country, from, to))
            } else {
                byName[name] = groups.count
                groups.append(MembershipSpec(name: name, label: label, intervals: [(country, from, to)]))
            }
        }
        return groups
    }

    /// Long-format observations as parallel arrays, in file order.
    private struct Observations {
        var countries: [Int32] = []
        var indicators: [Int32] = []
        var years: [Int32] = []
        var values: [Double] = []
    }

    private static func readObservations(
        _ table: CSVTable, countryIndex: [String: Int], indicators: [Indicator]
    ) throws(DataLoadError) -> Observations {
        let codeColumn = try table.column("iso3")
        let indicatorColumn = try table.column("indicator")
        let yearColumn = try table.column("year")
        let valueColumn = try table.column("value")
        var indicatorIndex: [String: Int] = [:]
        for (position, indicator) in indicators.enumerated() { indicatorIndex[indicator.id] = position }
        var result = Observations()
        result.countries.reserveCapacity(table.records.count)
        result.indicators.reserveCapacity(table.records.count)
        result.years.reserveCapacity(table.records.count)
        result.values.reserveCapacity(table.records.count)
        for record in table.records.indices {
            let code = table.text(record, codeColumn)
            guard let country = countryIndex[code] else {
                throw table.error(record, codeColumn, "unknown country code `\(code)`")
            }
            let id = table.text(record, indicatorColumn)
            guard let indicator = indicatorIndex[id] else {
                throw table.error(record, indicatorColumn, "unknown indicator `\(id)`")
            }
            let year = try table.year(record, yearColumn)
            let value = try table.number(record, valueColumn)
            try checkBounds(value, of: indicators[indicator], table, record, valueColumn)
            result.countries.append(Int32(country))
            result.indicators.append(Int32(indicator))
            result.years.append(Int32(year))
            result.values.append(value)
        }
        return result
    }

    /// A value outside an indicator's stated bounds is a data error (a wrong
    /// unit or a shifted column), not something to pass on to statistics.
    private static func checkBounds(
        _ value: Double, of indicator: Indicator, _ table: CSVTable, _ record: Int, _ column: Int
    ) throws(DataLoadError) {
        if let message = BoundsMessage.violation(
            table.text(record, column), value: value, minimum: indicator.minimum, maximum: indicator.maximum,
            of: indicator.id)
        {
            throw table.error(record, column, message)
        }
    }

    // MARK: - paper

    /// The year of the paper's table: the GII 2017 and WEF GCI 2017–18 scores.
    public static let paperYear = 2017

    public static let paperTitle =
        "The paper's Table 1 as printed: ten countries' 2017 competitiveness and innovation scores, FDI and R&D"
        + " (column 5 is probably India, but its innovation score 23.72 does not match India's published 35.47)"

    public static let paperAttribution = [
        "Global Innovation Index 2017 (Cornell, INSEAD, WIPO) and WEF Global Competitiveness Index 2017–2018:"
            + " the scores as quoted in the paper's Table 1.",
        "The paper's column headers were lost; countries were identified by matching published GII 2017,"
            + " WEF GCI 2017–18 and World Bank figures. Column 5 is probably India: its competitiveness 4.6 and"
            + " FDI 28.2 fit India, but its printed innovation score 23.72 does not match India's published 35.47.",
        "Country attributes and groups as in the world dataset for 2017 (World Bank WDI, CC BY 4.0;"
            + " country codes and UN regions: datasets/country-codes, ODC PDDL).",
    ]

    public static func loadPaper(table1 tableBytes: [UInt8], indicators indicatorBytes: [UInt8], world: Dataset) throws
        -> Dataset
    {
        let year = paperYear
        guard world.years.contains(year) else {
            throw DataLoadError(
                file: "table1.csv", line: 0, column: 0,
                message: "the world dataset has no year \(year) to take country attributes from")
        }
        let table = try CSVReader(tableBytes, file: "table1.csv").read()
        let metadata = try CSVReader(indicatorBytes, file: "indicators.csv").read()
        let codeColumn = try table.column("iso3")
        let identificationColumn = try table.column("identification")

        // Countries: the table's, sorted by code; `worldIndex` maps each to the world's.
        var seen: Set<String> = []
        for record in table.records.indices {
            let code = table.text(record, codeColumn)
            guard world.countryIndex(code: code) != nil else {
                throw table.error(record, codeColumn, "unknown country code `\(code)`")
            }
            guard seen.insert(code).inserted else {
                throw table.error(record, codeColumn, "duplicate country code `\(code)`")
            }
            _ = try table.nonEmpty(record, identificationColumn, "an identification (high or probable)")
        }
        let rows = table.records.indices.sorted { table.text($0, codeColumn) < table.text($1, codeColumn) }
        let worldIndex = rows.map { world.countryIndex(code: table.text($0, codeColumn))! }
        let countries = worldIndex.map { world.countries[$0] }
        let worldCells = worldIndex.map { world.cell(country: $0, year: year) }

        // Indicators: metadata from paper/indicators.csv, values from the table's columns.
        let columns = try (
            id: metadata.column("id"), label: metadata.column("label_as_printed"),
            unit: metadata.column("unit"), kind: metadata.column("kind"),
            min: metadata.column("min"), max: metadata.column("max"), note: metadata.column("note")
        )
        var indicators: [Indicator] = []
        for record in metadata.records.indices {
            let id = try metadata.nonEmpty(record, columns.id, "an indicator id")
            guard !indicators.contains(where: { $0.id == id }) else {
                throw metadata.error(record, columns.id, "duplicate indicator `\(id)`")
            }
            let (minimum, maximum) = try bounds(metadata, record, columns.min, columns.max)
            var indicator = Indicator(
                id: id, label: metadata.text(record, columns.label), unit: metadata.text(record, columns.unit),
                kind: metadata.text(record, columns.kind), minimum: minimum, maximum: maximum,
                source: "the paper's Table 1", license: "quoted from the paper", url: "",
                note: metadata.text(record, columns.note), values: [])
            if id == "innovation" {
                indicator.note +=
                    "; column 5 (probable India) is printed as 23.72, which does not match India's published GII 2017 score of 35.47"
            }
            guard let valueColumn = table.header.fields.firstIndex(of: id) else {
                throw metadata.error(record, columns.id, "table1.csv has no column `\(id)`")
            }
            // Empty cells are the paper's "–": missing values.
            indicator.values = try rows.map { row throws(DataLoadError) in
                guard let value = try table.optionalNumber(row, valueColumn) else { return .nan }
                try checkBounds(value, of: indicator, table, row, valueColumn)
                return value
            }
            indicators.append(indicator)
        }
        indicators.sort { $0.id < $1.id }

        // Attributes and groups: the world's, for these countries in that year,
        // keeping only values that occur so `describe` lists what is there.
        var attributes: [Attribute] = world.attributes.map { attribute in
            let texts: [String?] = worldCells.map { cell in
                let code = attribute.code(atCell: cell, yearCount: world.yearCount)
                return code == Attribute.missing ? nil : attribute.values[Int(code)]
            }
            return Attribute(
                name: attribute.name, label: attribute.label, texts: texts, perCell: attribute.variesByYear)
        }
        attributes.append(
            Attribute(
                name: "identification",
                label: "How surely the paper's column was identified as this country: high or probable",
                texts: rows.map { table.text($0, identificationColumn) }, perCell: false))
        attributes.sort { $0.name < $1.name }
        let groups = world.groups.map { group in
            Group(name: group.name, label: group.label, members: worldCells.map { group.members[$0] })
        }

        return Dataset(
            name: "paper", title: paperTitle, attribution: paperAttribution,
            firstYear: year, lastYear: year,
            countries: countries, attributes: attributes, groups: groups, indicators: indicators)
    }
}

// MARK: - a user's folder

extension CQLayoutLoader {
    /// indicators.csv of a user's folder: only `id` is required.
    static func readFolderIndicators(_ table: CSVTable) throws(DataLoadError) -> [Indicator] {
        let columns = HeaderColumns(table)
        let id = try columns.require(["id"], in: "indicators.csv")
        func optional(_ name: String) -> Int? { columns.find([name]) }
        let label = optional("label")
        let unit = optional("unit")
        let kind = optional("kind")
        let minColumn = optional("min")
        let maxColumn = optional("max")
        let source = optional("source")
        let license = optional("license")
        let url = optional("url")
        let note = optional("note")
        var indicators: [Indicator] = []
        var seen: [String: Int] = [:]
        for record in table.records.indices {
            let idText = try table.nonEmpty(record, id, "an indicator id")
            guard IndicatorNaming.usableIdentifier(idText) else {
                throw table.error(record, id, "an indicator id cannot contain a backtick or a line break")
            }
            if let earlier = seen[idText] {
                throw table.error(
                    record, id, "duplicate indicator `\(idText)` (first on line \(table.line(ofRecord: earlier)))")
            }
            seen[idText] = record
            let minimum = try minColumn.flatMap { column throws(DataLoadError) in
                try table.optionalNumber(record, column)
            }
            let maximum = try maxColumn.flatMap { column throws(DataLoadError) in
                try table.optionalNumber(record, column)
            }
            if let minimum, let maximum, minimum > maximum {
                throw table.error(record, maxColumn!, "the maximum is below the minimum")
            }
            func text(_ column: Int?) -> String { column.map { table.text(record, $0) } ?? "" }
            let unitText = text(unit)
            let kindText = kind == nil ? IndicatorNaming.kind(fromUnit: unitText) : text(kind)
            indicators.append(
                Indicator(
                    id: idText, label: label == nil ? idText : text(label), unit: unitText, kind: kindText,
                    minimum: minimum, maximum: maximum, source: text(source), license: text(license), url: text(url),
                    note: text(note), values: []))
        }
        return indicators
    }
}
