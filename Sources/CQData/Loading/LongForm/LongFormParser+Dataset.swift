import Dispatch
import Glibc

/// Building the dense, indicator-major dataset from a parse, and the join
/// with the country reference.
extension LongFormParser {
    /// Builds the dense, indicator-major `Dataset` from a parse, with the
    /// same rules as `DatasetBuilder` (the loader of the other formats), so a
    /// long-form file gives the same dataset whichever path reads it.
    ///
    /// - Countries are the entities kept, sorted by code: an entity for which
    ///   `skipEntity` is true (an aggregate, e.g. `WorldBankAggregates.isAggregate`)
    ///   is left out and listed; one the `reference` lacks is handled by
    ///   `unknownEntities`.
    /// - The year axis runs from the first to the last year in which a kept
    ///   country has a number (rows with only markers do not widen it).
    /// - Indicators: `metadata[text]` (by the text in the file) gives an
    ///   indicator's id, label, unit, bounds… (its values are ignored; its id
    ///   may differ from the text: two texts with one id are an error);
    ///   otherwise the id and label are the text. Sorted by id.
    /// - With a `reference` (usually the built-in `world`) that knows at least
    ///   one of the countries: names, the reference's static attributes, and
    ///   its group memberships, which after its last year stay as in that year
    ///   and before its first year are none; `region` (EU, else CIS, else the
    ///   World Bank region) is derived from those, and unknown before the
    ///   reference's first year for a country that was then in the EU or CIS.
    ///   A note saying so is added to the attribution. Without one, countries
    ///   are named by their codes and have no attributes or groups.
    ///
    /// Consumes the parse. Pass it as `consume output` (or straight from
    /// `parse`) so that no copy is left: each indicator's provisional grid is
    /// then freed as soon as its final one is built (on this thread, whose
    /// allocator reuses the memory), and memory stays near one grid; while a
    /// copy lives, the provisional grids do too.
    public static func dataset(
        _ output: consuming Output, name: String, title: String, attribution: [String] = [],
        reference: Dataset? = nil, unknownEntities: UnknownEntities = .error,
        skipEntity: (String) -> Bool = { _ in false }, metadata: [String: Indicator] = [:]
    ) throws(DataLoadError) -> (dataset: Dataset, summary: Summary) {
        let file = output.file
        guard output.rows > 0 else {
            throw DataLoadError(file: file, line: 0, column: 0, message: "no observations: the file has no data rows")
        }
        let entityTexts = output.entities
        let indicatorTexts = output.indicators
        let entityPositions = output.entityPositions
        let indicatorPositions = output.indicatorPositions
        let valueYears = output.valueYears
        // Take the grids out of the output: unique now unless the caller kept a copy.
        var grid = output.grid
        output.grid = Grid()
        let freeAsWeGo = isKnownUniquelyReferenced(&grid)

        // Countries: the entities kept, sorted by code, each with its reference index.
        var kept: [(entity: Int, code: String, reference: Int?)] = []
        var skipped: [String] = []
        for (entity, code) in entityTexts.enumerated() {
            if skipEntity(code) {
                skipped.append(code)
                continue
            }
            let index = reference?.countryIndex(code: code)
            if reference != nil, index == nil {
                switch unknownEntities {
                case .error:
                    let position = entityPositions[entity]
                    throw DataLoadError(
                        file: file, line: position.line, column: position.column,
                        message: "unknown country code `\(code)`")
                case .skip:
                    skipped.append(code)
                    continue
                case .keep: break
                }
            }
            kept.append((entity, code, index))
        }
        kept.sort { $0.code < $1.code }
        skipped.sort()

        // The year axis: the years in which a kept country has a number.
        var firstYear = Int.max
        var lastYear = Int.min
        for item in kept {
            guard let years = valueYears[item.entity] else { continue }
            firstYear = min(firstYear, years.lowerBound)
            lastYear = max(lastYear, years.upperBound)
        }
        guard firstYear <= lastYear else {
            let message =
                output.missingMarkers == output.rows
                ? "no observations: every value in the file is a missing-value marker (\(CellText.markerList))"
                : "no observations: every number in the file is of an entity left out ("
                    + skipped.prefix(5).joined(separator: ", ") + (skipped.count > 5 ? ", …)" : ")")
            throw DataLoadError(file: file, line: 0, column: 0, message: message)
        }
        let yearCount = lastYear - firstYear + 1
        let cellCount = kept.count * yearCount

        // Indicators: metadata by the file's text; one id for two texts is an error.
        var items: [Indicator] = indicatorTexts.map { text in
            var item =
                metadata[text]
                ?? Indicator(
                    id: text, label: text, unit: "", kind: "", minimum: nil, maximum: nil,
                    source: "", license: "", url: "", note: "", values: [])
            item.values = []
            return item
        }
        var firstWithID: [String: Int] = [:]
        for (position, item) in items.enumerated() {
            if let earlier = firstWithID[item.id] {
                let where_ = indicatorPositions[position]
                throw DataLoadError(
                    file: file, line: where_.line, column: where_.column,
                    message:
                        "indicators `\(items[earlier].label)` and `\(indicatorTexts[position])` would both be named `\(item.id)`; rename one"
                )
            }
            firstWithID[item.id] = position
        }

        // Values: each indicator's final grid from its blocks. On this thread,
        // on purpose: the blocks freed as it goes (allocated on this thread)
        // are reused for the next final grids, so memory stays near one grid
        // and the new grids cost no page faults (cq-bench scale's load includes it).
        let order = items.indices.sorted { items[$0].id < items[$1].id }
        let view = grid.view
        let slots = kept.map(\.entity)
        let yearShift = firstYear - grid.base
        var indicators: [Indicator] = []
        indicators.reserveCapacity(order.count)
        var observations = 0
        var markers = 0
        for indicator in order {
            var present = 0
            var missing = 0
            let values = [Double](unsafeUninitializedCapacity: cellCount) { buffer, initialized in
                var cell = 0
                for slot in slots {
                    let row = view.row(indicator: indicator, entity: slot) + yearShift
                    for year in 0..<yearCount {
                        let stored = row[year]
                        if stored == 0 {
                            buffer[cell] = .nan
                        } else if stored == Grid.marker {
                            buffer[cell] = .nan
                            missing += 1
                        } else {
                            buffer[cell] = Double(bitPattern: stored &- 1)
                            present += 1
                        }
                        cell += 1
                    }
                }
                initialized = cellCount
            }
            if freeAsWeGo { grid.free(indicator: indicator) }
            observations += present
            markers += missing
            var item = items[indicator]
            item.values = values
            indicators.append(item)
            items[indicator] = Indicator(
                id: "", label: "", unit: "", kind: "", minimum: nil, maximum: nil, source: "", license: "", url: "",
                note: "", values: [])
        }

        var dataset = Dataset(
            name: name, title: title, attribution: attribution, firstYear: firstYear, lastYear: lastYear,
            countries: kept.map { item in
                Country(code: item.code, name: item.reference.map { reference!.countries[$0].name } ?? item.code)
            },
            attributes: [], groups: [], indicators: indicators)
        if let reference, kept.contains(where: { $0.reference != nil }) {
            applyReference(reference, matches: kept.map(\.reference), to: &dataset)
        }
        return (dataset, Summary(observations: observations, missingMarkers: markers, skippedEntities: skipped))
    }

    /// The reference's attributes and groups for the countries that match it,
    /// as `DatasetBuilder.build` gives them (see `dataset`).
    static func applyReference(_ source: Dataset, matches: [Int?], to dataset: inout Dataset) {
        dataset.groups = ReferenceJoin.stretchedGroups(from: source, matches: matches, years: dataset.years)
        var attributes: [Attribute] = []
        var wbRegion: [String?]?
        for attribute in source.attributes where !attribute.variesByYear {
            let texts = ReferenceJoin.referenceTexts(of: attribute, in: source, matches: matches)
            if attribute.name == "wb_region" { wbRegion = texts }
            attributes.append(
                CQLayoutLoader.makeAttribute(name: attribute.name, label: attribute.label, texts: texts, perCell: false)
            )
        }
        let eu = dataset.group(named: "eu")?.members
        let cis = dataset.group(named: "cis")?.members
        if !attributes.contains(where: { $0.name == ReferenceJoin.regionName }),
            wbRegion != nil || eu != nil || cis != nil
        {
            attributes.append(
                ReferenceJoin.region(
                    eu: eu, cis: cis, wbRegion: wbRegion, countries: dataset.countries.count, years: dataset.years,
                    knownFrom: ReferenceJoin.regionKnownFrom(source: source, matches: matches)))
        }
        dataset.attributes = attributes.sorted { $0.name < $1.name }
        dataset.attribution += DatasetBuilder.referenceNote(
            source, firstYear: dataset.firstYear, lastYear: dataset.lastYear)
    }
}
