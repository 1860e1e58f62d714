import CQSyntax

/// Reads a user's cq-layout folder — indicators.csv and observations.csv,
/// and optionally countries.csv and memberships.csv — into a `Dataset`.
///
/// The small files are read as tables (`CQLayoutLoader`'s readers); the
/// observations, which can be tens of millions of rows, by `LongFormParser`
/// on every processor, from a mapping of the file, into the grids
/// `DatasetAssembler.build` finishes: the same path and the same memory as a
/// long-form file given on its own, so a folder loads as fast as its
/// observations.csv would.
///
/// The rules:
/// - With countries.csv, it is the list of countries (all of them are in the
///   dataset, with or without data): a code it lacks is an error, and its
///   columns besides `iso3` and `name` are the attributes. Without it, the
///   countries are the codes the observations use, described by the
///   reference dataset (a code the reference lacks is then the error; with
///   no reference, any code is taken as it is).
/// - Every indicator of indicators.csv is in the dataset, with or without
///   data; an indicator it lacks is an error, with the closest ids as a hint;
///   a value outside an indicator's `min`…`max` is an error at its cell.
/// - Without memberships.csv, groups come from the reference; with it, a row
///   for a country the dataset does not have is passed over when there is no
///   countries.csv (the reference's countries), an error otherwise.
/// - Of an unknown country and an unknown indicator, the one on the earlier
///   line is reported (the country, on the same line).
enum CQFolderLoader {
    static func load(
        _ folder: String, name: String, reader: inout FileReader, reference: Dataset?
    ) throws(DataLoadError) -> (Dataset, LoadReport) {
        func table(_ file: String) throws(DataLoadError) -> CSVTable? {
            let path = DataPath.join(folder, file)
            guard reader.isFile(path) else { return nil }
            return try CSVReader(reader.bytes(path), file: path).read()
        }
        let countryTable = try table("countries.csv")
        let membershipTable = try table("memberships.csv")
        guard let indicatorTable = try table("indicators.csv") else {
            throw DataLoadError(
                file: DataPath.join(folder, "indicators.csv"), line: 0, column: 0, message: "no such file")
        }
        let known = try countryTable.map { table throws(DataLoadError) in try CQLayoutLoader.readCountries(table) }
        // With its own countries.csv a folder describes every country it has.
        let reference = known == nil ? reference : nil
        let indicators = try CQLayoutLoader.readFolderIndicators(indicatorTable)
        var bounds: [String: LongFormParser.Bounds] = [:]
        for indicator in indicators where indicator.minimum != nil || indicator.maximum != nil {
            bounds[indicator.id] = LongFormParser.Bounds(minimum: indicator.minimum, maximum: indicator.maximum)
        }

        let observationPath = DataPath.join(folder, "observations.csv")
        let listed = reader.read
        let (dataset, observations, markers, aggregates) = try DatasetLoader.withLongFormBytes(
            observationPath, reader: &reader
        ) {
            bytes, release throws(DataLoadError) in
            let header = try TableLoader.headerOnly(
                Array(bytes[..<TableLoader.headerEnd(bytes)]), file: observationPath)
            let columns = HeaderColumns(header)
            let what = "observations.csv (iso3, indicator, year, value)"
            let chosen = try LongFormParser.Columns(
                entity: columns.require(["iso3"], in: what), indicator: columns.require(["indicator"], in: what),
                year: columns.require(["year"], in: what), value: columns.require(["value"], in: what),
                width: header.header.fields.count)
            let (_, bodyOffset) = try LongFormParser.header(bytes, file: observationPath)
            let output = try LongFormParser.parse(
                bytes, bodyOffset: bodyOffset, file: observationPath, columns: chosen,
                options: LongFormParser.Options(
                    bounds: bounds, entityDescription: "a country code", indicatorDescription: "an indicator"),
                release: release)
            return try assemble(
                output, name: name, known: known, countryTable: countryTable, indicators: indicators,
                memberships: membershipTable,
                reference: reference)
        }
        reader.release(observationPath)
        var files = listed
        files.append(contentsOf: reader.read.filter { !files.contains($0) })
        var result = dataset
        result.title = DatasetLoader.title(dataset, format: .cq, name: name)
        let report = LoadReport(
            format: .cq, files: files, observations: observations, missingMarkers: markers,
            aggregatesSkipped: aggregates)
        return (result, report)
    }

    /// The dataset of a parse, by the rules above.
    private static func assemble(
        _ output: consuming LongFormParser.Output, name: String,
        known: (countries: [Country], index: [String: Int], rows: [Int])?, countryTable: CSVTable?,
        indicators: [Indicator], memberships: CSVTable?, reference: Dataset?
    ) throws(DataLoadError) -> (Dataset, observations: Int, markers: Int, aggregates: [String]) {
        let file = output.file
        guard output.rows > 0 else {
            throw DataLoadError(file: file, line: 0, column: 0, message: "no observations: the file has no data rows")
        }

        // The first unknown country or indicator, in file order.
        var failure: (position: LongFormParser.Position, isIndicator: Bool, error: DataLoadError)?
        func consider(_ position: LongFormParser.Position, isIndicator: Bool, _ message: String) {
            let key = (position.line, isIndicator ? 1 : 0)
            if let failure, (failure.position.line, failure.isIndicator ? 1 : 0) <= key { return }
            failure = (
                position, isIndicator,
                DataLoadError(file: file, line: position.line, column: position.column, message: message)
            )
        }
        // World Bank and OWID aggregates are skipped, as in a long file, unless
        // countries.csv lists them (then they are its countries).
        let aggregates = output.entities.filter { known?.index[$0] == nil && WorldBankAggregates.isAggregate($0) }
        let skipped = Set(aggregates)
        for (entity, code) in output.entities.enumerated() where !skipped.contains(code) {
            if let known {
                if known.index[code] == nil {
                    consider(
                        output.entityPositions[entity], isIndicator: false,
                        "unknown country code `\(code)`: it is not in countries.csv")
                }
            } else if let reference, reference.countryIndex(code: code) == nil {
                consider(
                    output.entityPositions[entity], isIndicator: false,
                    "unknown country code `\(code)`: there is no countries.csv, and the built-in `\(reference.name)` dataset has no such country"
                )
            }
        }
        var indicatorSlot: [String: Int] = [:]
        for (slot, text) in output.indicators.enumerated() { indicatorSlot[text] = slot }
        let ids = Set(indicators.map(\.id))
        for (slot, text) in output.indicators.enumerated() where !ids.contains(text) {
            var message = "unknown indicator `\(text)`: it is not in indicators.csv"
            if let hint = Suggestions.didYouMean(Suggestions.closest(to: text, among: indicators.map(\.id))) {
                message += "; " + hint
            }
            consider(output.indicatorPositions[slot], isIndicator: true, message)
        }
        if let failure { throw failure.error }

        // Countries: countries.csv's, or the codes of the file; sorted by code.
        var entitySlot: [String: Int] = [:]
        for (slot, code) in output.entities.enumerated() { entitySlot[code] = slot }
        let codes = known?.countries.map(\.code) ?? output.entities.filter { !skipped.contains($0) }.sorted()
        let countries = codes.map { (code: $0, slot: entitySlot[$0]) }

        // The year axis: every year in which a country has a number.
        var firstYear = Int.max
        var lastYear = Int.min
        for years in output.valueYears {
            guard let years else { continue }
            firstYear = min(firstYear, years.lowerBound)
            lastYear = max(lastYear, years.upperBound)
        }
        guard firstYear <= lastYear else {
            throw DataLoadError(
                file: file, line: 0, column: 0,
                message: "no observations: every value in the file is a missing-value marker (\(CellText.markerList))")
        }

        // The countries' facts: countries.csv's names and columns, memberships.csv's groups.
        var facts = DatasetAssembler.Countries(
            codes: codes, names: known?.countries.map(\.name) ?? codes.map { _ in nil })
        if let known, let table = countryTable {
            facts.attributes = countryAttributes(table, rows: known.rows)
        }
        if let memberships {
            var index: [String: Int] = [:]
            for (position, code) in codes.enumerated() { index[code] = position }
            if known == nil, let reference {
                // The reference's other countries: rows for them are passed over.
                for country in reference.countries where index[country.code] == nil { index[country.code] = -1 }
            }
            let specs = try CQLayoutLoader.readMemberships(memberships, countryIndex: index)
            facts.memberships = specs.map { spec in
                MembershipSpec(name: spec.name, label: spec.label, intervals: spec.intervals.filter { $0.country >= 0 })
            }
        }
        let selection = DatasetAssembler.LongFormSelection(
            countries: countries,
            indicators: indicators.map { (indicator: $0, slot: indicatorSlot[$0.id]) }.sorted {
                $0.indicator.id < $1.indicator.id
            },
            firstYear: firstYear, lastYear: lastYear)
        let missing = output.missingMarkers
        let values = output.takeValues()
        let built = DatasetAssembler.build(
            values, selection: selection, facts: facts, name: name, title: "",
            attribution: DatasetLoader.attribution(indicators, format: .cq), reference: reference)
        return (built.dataset, built.observations, missing, aggregates.sorted())
    }

    /// countries.csv's columns besides `iso3` and `name`, as static
    /// attributes by sorted country (`rows[position]` is its record); an
    /// empty cell is no value. Columns with one identifier merge, the later
    /// one's values winning.
    static func countryAttributes(_ table: CSVTable, rows: [Int]) -> [(
        name: String, label: String, texts: [String?]
    )] {
        var attributes: [(name: String, label: String, texts: [String?])] = []
        for (column, field) in table.header.fields.enumerated() where !["iso3", "name", ""].contains(field) {
            let name = IndicatorNaming.identifier(field)
            let label = CQLayoutLoader.countryAttributes.first { $0.name == field }?.label ?? field
            var position = attributes.firstIndex { $0.name == name }
            if position == nil {
                attributes.append((name, label, [String?](repeating: nil, count: rows.count)))
                position = attributes.count - 1
            }
            for (country, record) in rows.enumerated() {
                let text = table.text(record, column)
                if !text.isEmpty { attributes[position!].texts[country] = text }
            }
        }
        return attributes
    }
}
