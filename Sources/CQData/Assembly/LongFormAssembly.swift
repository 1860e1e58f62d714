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
            metadata[text]
                ?? Indicator(
                    id: text, label: text, unit: "", kind: "", minimum: nil, maximum: nil,
                    source: "", license: "", url: "", note: "", values: [])
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

        let selection = LongFormSelection(
            countries: kept.map { (code: $0.code, slot: $0.entity) },
            indicators: items.enumerated().map { (indicator: $1, slot: $0) }.sorted {
                $0.indicator.id < $1.indicator.id
            },
            firstYear: firstYear, lastYear: lastYear)
        let (dataset, observations, markers) = build(
            values, selection: selection, facts: Countries(codes: kept.map(\.code), names: kept.map { _ in nil }),
            name: name, title: title, attribution: attribution, reference: reference)
        return (dataset, LongFormSummary(observations: observations, missingMarkers: markers, skippedEntities: skipped))
    }

    /// What a long-form dataset is made of: its countries in their final
    /// (code) order and its indicators in theirs, each with its slot in the
    /// parse (nil: in the dataset without a row in the file, as a cq
    /// folder's countries.csv and indicators.csv may list), and the year axis.
    struct LongFormSelection {
        var countries: [(code: String, slot: Int?)]
        var indicators: [(indicator: Indicator, slot: Int?)]
        var firstYear: Int
        var lastYear: Int
    }

    /// The dataset of a selection. Where the parse is mostly empty cells
    /// (a file of patchy indicators), each indicator is first tried in
    /// sparse form, on two threads; then, on this thread, the provisional
    /// grids of the sparse ones are let go of and each remaining indicator's
    /// dense grid is built in turn, its provisional grid let go of as soon
    /// as it is, so the final grids reuse the freed memory. Then the
    /// countries' facts through `assemble`.
    static func build(
        _ values: LongFormParser.Values, selection: LongFormSelection, facts: Countries, name: String, title: String,
        attribution: [String], reference: Dataset?
    ) -> (dataset: Dataset, observations: Int, markers: Int) {
        let slots = selection.countries.map(\.slot)
        let yearCount = selection.lastYear - selection.firstYear + 1
        let cellCount = slots.count * yearCount
        let parts = selection.indicators
        // At most half the cells overall: most indicators are likely sparse.
        let trySparse = values.observations * 2 <= cellCount * parts.count
        var sparse = [(values: SparseGrid, present: Int, missing: Int)?](repeating: nil, count: parts.count)
        if trySparse, cellCount > 0 {
            let threads = parts.count > 64 ? 2 : 1
            sparse.withUnsafeMutableBufferPointer { output in
                let shared = LongFormParser.SharedPointer(pointer: output.baseAddress!)
                LongFormParser.perform(threads) { thread in
                    let scratch = UnsafeMutablePointer<Double>.allocate(capacity: max(1, cellCount / 2))
                    defer { scratch.deallocate() }
                    for index in stride(from: thread, to: parts.count, by: threads) {
                        guard let slot = parts[index].slot else { continue }
                        (shared.pointer + index).pointee = values.takeSparse(
                            indicator: slot, entities: slots, firstYear: selection.firstYear,
                            lastYear: selection.lastYear, scratch: scratch)
                    }
                }
            }
        }
        for (index, part) in parts.enumerated() where sparse[index] != nil {
            if let slot = part.slot { values.release(indicator: slot) }
        }
        var indicators: [Indicator] = []
        indicators.reserveCapacity(parts.count)
        var observations = 0
        var markers = 0
        for (index, (indicator, slot)) in parts.enumerated() {
            var item = indicator
            if let taken = sparse[index] {
                observations += taken.present
                markers += taken.missing
                item.storage = .sparse(taken.values)
            } else if let slot {
                let final = values.take(
                    indicator: slot, entities: slots, firstYear: selection.firstYear, lastYear: selection.lastYear)
                observations += final.present
                markers += final.missing
                item.values = final.values
            } else {
                item.values = [Double](repeating: .nan, count: cellCount)
            }
            indicators.append(item)
        }
        let dataset = assemble(
            name: name, title: title, attribution: attribution, firstYear: selection.firstYear,
            lastYear: selection.lastYear, countries: facts, indicators: indicators, reference: reference)
        return (dataset, observations, markers)
    }
}
