extension DatasetAssembler {
    /// What to do with an entity of a long-form file the reference dataset does not have.
    public enum UnknownEntities: Sendable, Equatable {
        /// An error at its first occurrence: "unknown country code `XYZ`".
        case error
        /// Leave it out and list it (aggregates such as `EUU` or `WLD`).
        case skip
        /// Keep it as a country named by its code, without attributes.
        case keep
    }

    /// What `longForm` kept and left out.
    public struct LongFormSummary: Sendable, Equatable {
        /// Cells with a number, in the countries kept.
        public var observations: Int
        /// Missing markers in the countries kept.
        public var missingMarkers: Int
        /// Entities left out by `UnknownEntities.skip`, sorted.
        public var skippedEntities: [String]

        public init(observations: Int, missingMarkers: Int, skippedEntities: [String]) {
            self.observations = observations
            self.missingMarkers = missingMarkers
            self.skippedEntities = skippedEntities
        }
    }

    /// Builds the dense, indicator-major `Dataset` from a `LongFormParser`
    /// parse, with the rules `DatasetBuilder` applies to the other formats,
    /// so a long-form file gives the same dataset whichever path reads it.
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
    /// - Country facts come from the `reference` through `assemble`.
    ///
    /// Consumes the parse. Pass it as `consume output` (or straight from
    /// `parse`) so that no copy is left: each indicator's provisional grid is
    /// then freed as soon as its final one is built (on this thread, whose
    /// allocator reuses the memory), and memory stays near one grid; while a
    /// copy lives, the provisional grids do too.
    public static func longForm(
        _ output: consuming LongFormParser.Output, name: String, title: String, attribution: [String] = [],
        reference: Dataset? = nil, unknownEntities: UnknownEntities = .error,
        skipEntity: (String) -> Bool = { _ in false }, metadata: [String: Indicator] = [:]
    ) throws(DataLoadError) -> (dataset: Dataset, summary: LongFormSummary) {
        let file = output.file
        guard output.rows > 0 else {
            throw DataLoadError(file: file, line: 0, column: 0, message: "no observations: the file has no data rows")
        }
        let entityTexts = output.entities
        let indicatorTexts = output.indicators
        let entityPositions = output.entityPositions
        let indicatorPositions = output.indicatorPositions
        let valueYears = output.valueYears
        let values = output.takeValues()

        // Countries: the entities kept, sorted by code.
        var kept: [(entity: Int, code: String)] = []
        var skipped: [String] = []
        for (entity, code) in entityTexts.enumerated() {
            if skipEntity(code) {
                skipped.append(code)
                continue
            }
            if let reference, reference.countryIndex(code: code) == nil {
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
            kept.append((entity, code))
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

        // Indicators: metadata by the file's text; one id for two texts is an error.
        let items: [Indicator] = indicatorTexts.map { text in
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

        // Values: each indicator's final grid, in id order, each provisional
        // grid let go of as soon as its final one is built.
        let order = items.indices.sorted { items[$0].id < items[$1].id }
        let slots = kept.map(\.entity)
        var indicators: [Indicator] = []
        indicators.reserveCapacity(order.count)
        var observations = 0
        var markers = 0
        for indicator in order {
            let final = values.take(indicator: indicator, entities: slots, firstYear: firstYear, lastYear: lastYear)
            observations += final.present
            markers += final.missing
            var item = items[indicator]
            item.values = final.values
            indicators.append(item)
        }

        let countries = Countries(codes: kept.map(\.code), names: kept.map { _ in nil })
        let dataset = assemble(
            name: name, title: title, attribution: attribution, firstYear: firstYear, lastYear: lastYear,
            countries: countries, indicators: indicators, reference: reference)
        return (dataset, LongFormSummary(observations: observations, missingMarkers: markers, skippedEntities: skipped))
    }
}
