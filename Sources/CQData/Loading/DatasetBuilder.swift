/// Collects what a format's reader finds — entities, indicators, observations,
/// text attributes — and fills the value grids, checking what can only be
/// checked once everything is read (a duplicate observation); the country
/// facts (names, attributes, groups, `region`) are `DatasetAssembler`'s.
///
/// Readers add observations in file order, missing ones included (as NaN), so
/// that a cell given twice is a duplicate even when one of the two is a
/// missing-value marker, and so that the duplicate reported is the first one
/// in the file. (The WDI reader, whose rows each hold a whole series, catches
/// a repeated row itself and adds only the numbers: its files are mostly
/// empty cells.) Each observation keeps its origin (file and byte offset) for
/// that message; nothing else is located until an error needs it.
struct DatasetBuilder {
    struct Entity {
        var code: String
        /// The name the files give, if any.
        var name: String?
    }

    /// A text column read per row (an OWID "Continent" column, a table's
    /// "region"): becomes a static attribute when each entity has one value,
    /// a per-year one otherwise.
    struct TextColumn {
        var name: String
        var label: String
        var entities: [Int32] = []
        var years: [Int32] = []
        var values: [String] = []
    }

    private(set) var entities: [Entity] = []
    private var entityIndex: [String: Int32] = [:]
    /// Static attributes the files give: name, label, per-entity values.
    private(set) var staticAttributes: [(name: String, label: String, values: [Int32: String])] = []
    var textColumns: [TextColumn] = []
    /// Groups from the files (the cq layout's memberships.csv), countries by
    /// entity index; nil: take the reference's.
    var groups: [MembershipSpec]?

    private(set) var indicators: [Indicator] = []
    private var indicatorIndex: [String: Int32] = [:]

    // Observations, in file order; NaN marks a missing-value marker.
    private(set) var observationEntities: [Int32] = []
    private(set) var observationIndicators: [Int32] = []
    private(set) var observationYears: [Int32] = []
    private(set) var observationValues: [Double] = []
    /// `source << 44 | byte offset` of the cell (or row) each observation came from.
    private var observationOrigins: [Int] = []

    /// Whole series written straight into grids, as WDI rows give them
    /// (`DatasetBuilder+Series`); nil when the reader adds observations.
    var series: Series?

    /// The files read, to turn origins into positions.
    private(set) var sources: [CSVReader] = []

    var missingMarkers = 0
    /// How the table was read (`LoadReport.shape`).
    var shape: [String] = []
    /// `LoadReport.entitiesAreCountries`.
    var entitiesAreCountries = true
    private(set) var aggregatesSkipped: [String] = []
    private var aggregateSet: Set<String> = []

    static let originShift = 44
    /// The most cells (indicators × countries × years) a dataset may have:
    /// 8 GB of values. The full WDI is 26 million.
    static let maximumCells = 1 << 30

    // MARK: - adding

    /// Registers a file; returns its index for `origin(source:offset:)`.
    mutating func addSource(_ reader: CSVReader) -> Int {
        sources.append(reader)
        return sources.count - 1
    }

    @inline(__always)
    static func origin(source: Int, offset: Int) -> Int { source << originShift | offset }

    /// The entity with this code, added if new.
    mutating func entity(_ code: String, name: String? = nil) -> Int32 {
        if let index = entityIndex[code] {
            if entities[Int(index)].name == nil, let name, !name.isEmpty { entities[Int(index)].name = name }
            return index
        }
        let index = Int32(entities.count)
        entities.append(Entity(code: code, name: name?.isEmpty == true ? nil : name))
        entityIndex[code] = index
        return index
    }

    mutating func skipAggregate(_ code: String) {
        if aggregateSet.insert(code).inserted { aggregatesSkipped.append(code) }
    }

    /// Sets a static attribute of an entity (empty values are missing, ignored).
    mutating func setAttribute(_ name: String, label: String, entity: Int32, value: String) {
        guard !value.isEmpty else { return }
        if let position = staticAttributes.firstIndex(where: { $0.name == name }) {
            staticAttributes[position].values[entity] = value
        } else {
            staticAttributes.append((name, label, [entity: value]))
        }
    }

    /// Declares a static attribute even before any entity has a value for it.
    mutating func declareAttribute(_ name: String, label: String) {
        if !staticAttributes.contains(where: { $0.name == name }) { staticAttributes.append((name, label, [:])) }
    }

    func indicatorPosition(_ id: String) -> Int32? { indicatorIndex[id] }

    /// Adds an indicator (its values are filled by `build`); nil if the id is taken.
    mutating func addIndicator(_ indicator: Indicator) -> Int32? {
        guard indicatorIndex[indicator.id] == nil else { return nil }
        let index = Int32(indicators.count)
        indicators.append(indicator)
        indicatorIndex[indicator.id] = index
        return index
    }

    mutating func reserve(_ count: Int) {
        observationEntities.reserveCapacity(observationEntities.count + count)
        observationIndicators.reserveCapacity(observationIndicators.count + count)
        observationYears.reserveCapacity(observationYears.count + count)
        observationValues.reserveCapacity(observationValues.count + count)
        observationOrigins.reserveCapacity(observationOrigins.count + count)
    }

    /// One observation; `value` nil for a missing-value marker.
    @inline(__always)
    mutating func add(entity: Int32, indicator: Int32, year: Int, value: Double?, origin: Int) {
        observationEntities.append(entity)
        observationIndicators.append(indicator)
        observationYears.append(Int32(year))
        observationValues.append(value ?? .nan)
        observationOrigins.append(origin)
    }

    // MARK: - positions

    func location(ofOrigin origin: Int) -> (file: String, line: Int, column: Int) {
        let source = sources[origin >> Self.originShift]
        let (line, column) = source.location(ofByteOffset: origin & ((1 << Self.originShift) - 1))
        return (source.file, line, column)
    }

    func error(atOrigin origin: Int, _ message: String) -> DataLoadError {
        let (file, line, column) = location(ofOrigin: origin)
        return DataLoadError(file: file, line: line, column: column, message: message)
    }

    // MARK: - building

    /// Builds the dataset. `noDataFile` is the file named when nothing was observed.
    func build(
        name: String, title: (Dataset) -> String, attribution: [String],
        reference: Dataset?, noDataFile: String
    ) throws(DataLoadError) -> (Dataset, observations: Int) {
        if let series {
            precondition(observationValues.isEmpty, "DatasetBuilder: a reader adds series or observations, not both")
            return try buildSeries(
                series, name: name, title: title, attribution: attribution, reference: reference,
                noDataFile: noDataFile)
        }
        // The year axis: every year with a value. Rows whose values are all
        // missing take part in the duplicate check over the wider axis.
        var allMin = Int32.max
        var allMax = Int32.min
        var valueMin = Int32.max
        var valueMax = Int32.min
        var observed = 0
        for index in observationYears.indices {
            let year = observationYears[index]
            allMin = min(allMin, year)
            allMax = max(allMax, year)
            if !observationValues[index].isNaN {
                observed += 1
                valueMin = min(valueMin, year)
                valueMax = max(valueMax, year)
            }
        }
        guard observed > 0 else { throw noObservations(in: noDataFile) }
        let (order, position) = countryOrder()
        let countryCount = entities.count

        // Values: scatter into grids over the wide axis, catching duplicates.
        let wideFirst = Int(allMin)
        let wideCount = Int(allMax) - Int(allMin) + 1
        let (cells, overflow) = (countryCount * wideCount).multipliedReportingOverflow(by: max(1, indicators.count))
        guard !overflow, cells <= Self.maximumCells else {
            throw DataLoadError(
                file: noDataFile, line: 0, column: 0,
                message: "too large: \(indicators.count) indicators × \(countryCount) countries × \(wideCount) years"
                    + " would be more than \(Self.maximumCells) cells")
        }
        let unclaimed = Double(nan: 1, signaling: false)
        var grids = [[Double]](
            repeating: [Double](repeating: unclaimed, count: countryCount * wideCount), count: indicators.count)
        for index in observationValues.indices {
            let indicator = Int(observationIndicators[index])
            let cell = position[Int(observationEntities[index])] * wideCount + Int(observationYears[index]) - wideFirst
            if grids[indicator][cell].bitPattern != unclaimed.bitPattern {
                throw duplicate(index)
            }
            grids[indicator][cell] = observationValues[index]
        }
        // Trim to the years with values, and make every missing cell the one NaN
        // the rest of cq (and the codec's canonical encoding) expects.
        let firstYear = Int(valueMin)
        let lastYear = Int(valueMax)
        let yearCount = lastYear - firstYear + 1
        var finalIndicators = indicators
        for indicator in grids.indices {
            var values = [Double](repeating: .nan, count: countryCount * yearCount)
            grids[indicator].withUnsafeBufferPointer { source in
                values.withUnsafeMutableBufferPointer { target in
                    for country in 0..<countryCount {
                        let from = country * wideCount + (firstYear - wideFirst)
                        let to = country * yearCount
                        for offset in 0..<yearCount {
                            let value = source[from + offset]
                            if !value.isNaN { target[to + offset] = value }
                        }
                    }
                }
            }
            grids[indicator] = []
            finalIndicators[indicator].values = values
        }
        finalIndicators.sort { $0.id < $1.id }

        let given = facts(order: order, position: position, firstYear: firstYear, lastYear: lastYear)
        var dataset = DatasetAssembler.assemble(
            name: name, title: "", attribution: attribution, firstYear: firstYear, lastYear: lastYear,
            countries: given, indicators: finalIndicators, reference: reference)
        dataset.title = title(dataset)
        return (dataset, observed)
    }

    /// The error for a load that found no number.
    func noObservations(in file: String) -> DataLoadError {
        let message =
            missingMarkers == 0
            ? "no observations: the file has no data rows"
            : "no observations: every value in the file is a missing-value marker (\(CellText.markerList))"
        return DataLoadError(file: file, line: 0, column: 0, message: message)
    }

    /// Entities sorted by code (`order`), and each one's sorted index
    /// (`position[entity]`).
    func countryOrder() -> (order: [Int], position: [Int]) {
        let order = entities.indices.sorted { entities[$0].code < entities[$1].code }
        var position = [Int](repeating: 0, count: entities.count)
        for (sorted, entity) in order.enumerated() { position[entity] = sorted }
        return (order, position)
    }

    /// The countries and their facts: the files', then the reference's.
    func facts(order: [Int], position: [Int], firstYear: Int, lastYear: Int) -> DatasetAssembler.Countries {
        let firstFile = { (values: [Int32: String]) in order.map { values[Int32($0)] } }
        return DatasetAssembler.Countries(
            codes: order.map { entities[$0].code }, names: order.map { entities[$0].name },
            attributes: staticAttributes.map { ($0.name, $0.label, firstFile($0.values)) },
            columnAttributes: resolvedTextColumns(position: position, firstYear: firstYear, lastYear: lastYear),
            memberships: groups?.map { $0.renumbered { position[$0] } })
    }

    /// The error for observation `index`, which repeats an earlier one.
    private func duplicate(_ index: Int) -> DataLoadError {
        let entity = observationEntities[index]
        let indicator = observationIndicators[index]
        let year = observationYears[index]
        var first = 0
        while first < index {
            if observationEntities[first] == entity && observationIndicators[first] == indicator
                && observationYears[first] == year
            {
                break
            }
            first += 1
        }
        let earlier = location(ofOrigin: observationOrigins[first])
        let here = location(ofOrigin: observationOrigins[index])
        let place = earlier.file == here.file ? "line \(earlier.line)" : "\(earlier.file) line \(earlier.line)"
        return error(
            atOrigin: observationOrigins[index],
            "duplicate observation: \(entities[Int(entity)].code) \(indicators[Int(indicator)].id) \(year) is already given on \(place)"
        )
    }

    /// Each text column as an attribute: by country when every entity has one
    /// value (an OWID "Continent"), by cell when a value changes over the years.
    private func resolvedTextColumns(position: [Int], firstYear: Int, lastYear: Int)
        -> [(name: String, label: String, texts: [String?], perCell: Bool)]
    {
        let countryCount = entities.count
        let yearCount = lastYear - firstYear + 1
        return textColumns.map { column in
            var perEntity = [String?](repeating: nil, count: countryCount)
            var varies = false
            for index in column.values.indices {
                let country = position[Int(column.entities[index])]
                if let existing = perEntity[country], existing != column.values[index] { varies = true }
                perEntity[country] = column.values[index]
            }
            if !varies { return (column.name, column.label, perEntity, false) }
            var cells = [String?](repeating: nil, count: countryCount * yearCount)
            for index in column.values.indices {
                let year = Int(column.years[index])
                guard (firstYear...lastYear).contains(year) else { continue }
                cells[position[Int(column.entities[index])] * yearCount + year - firstYear] = column.values[index]
            }
            return (column.name, column.label, cells, true)
        }
    }
}
