/// Whole series at a time, for a reader whose rows each hold one country's
/// indicator over the years (a WDI table, 400,000 rows of 64 year cells,
/// mostly empty): the cells are written straight into the provisional grids
/// the long-form parser uses (`LongFormParser.Grid`), and the dataset is
/// built from them as a long file's is (`DatasetAssembler.build`: patchy
/// indicators sparse, each provisional grid freed as its final one is made).
/// Adding each cell as an observation cost 28 bytes a cell in columns, then
/// two grids: 820 MB and most of the time of a 186 MB file.
///
/// The reader checks that no (country, indicator) row repeats, so no cell
/// is written twice.
extension DatasetBuilder {
    final class Series {
        let grid = LongFormParser.Grid()
        /// Numbers written, and the years that have one.
        var observations = 0
        var firstYear = Int.max
        var lastYear = Int.min
    }

    /// The row of cells of (entity, indicator), year `base` first, `span`
    /// years, for the reader to write with `storeSeriesValue` or
    /// `storeSeriesMarker`; nil when the grids would pass `maximumCells`.
    mutating func seriesRow(entity: Int32, indicator: Int32, years: ClosedRange<Int>)
        -> (cells: UnsafeMutablePointer<UInt64>, base: Int)?
    {
        let store = series ?? Series()
        series = store
        let grid = store.grid
        if grid.span == 0 || years.lowerBound < grid.base || years.upperBound >= grid.base + grid.span {
            let first = grid.span == 0 ? years.lowerBound : min(years.lowerBound, grid.base)
            let last = grid.span == 0 ? years.upperBound : max(years.upperBound, grid.base + grid.span - 1)
            guard fits(years: last - first + 1) else { return nil }
            grid.cover(firstYear: first, lastYear: last)
        }
        if indicators.count > grid.indicatorCount
            || entities.count > grid.blockCount * LongFormParser.Grid.slotsPerBlock
        {
            guard fits(years: grid.span) else { return nil }
            grid.ensure(indicators: indicators.count, entities: entities.count)
        }
        // A new entity or indicator has rows to clear (a new entity may fit in a block already made).
        grid.clearNewRows(indicators: indicators.count, entities: entities.count, threads: 1)
        return (grid.row(indicator: Int(indicator), entity: Int(entity)), grid.base)
    }

    private func fits(years: Int) -> Bool {
        let (cells, overflow) = (max(1, entities.count) * years).multipliedReportingOverflow(
            by: max(1, indicators.count))
        return !overflow && cells <= Self.maximumCells
    }

    /// A number at `year` of the row `seriesRow` gave.
    @inline(__always)
    func storeSeriesValue(_ value: Double, year: Int, in row: (cells: UnsafeMutablePointer<UInt64>, base: Int)) {
        row.cells[year - row.base] = value.bitPattern &+ 1
    }

    /// Counts the numbers a row held, and their years.
    func noteSeries(observations: Int, years: ClosedRange<Int>?) {
        guard let series, let years else { return }
        series.observations += observations
        series.firstYear = min(series.firstYear, years.lowerBound)
        series.lastYear = max(series.lastYear, years.upperBound)
    }

    func buildSeries(
        _ series: Series, name: String, title: (Dataset) -> String, attribution: [String], reference: Dataset?,
        noDataFile: String
    ) throws(DataLoadError) -> (Dataset, observations: Int) {
        guard series.observations > 0 else { throw noObservations(in: noDataFile) }
        let (order, position) = countryOrder()
        let (firstYear, lastYear) = (series.firstYear, series.lastYear)
        let selection = DatasetAssembler.LongFormSelection(
            countries: order.map { (code: entities[$0].code, slot: $0) },
            indicators: indicators.enumerated().map { (indicator: $1, slot: $0) }.sorted {
                $0.indicator.id < $1.indicator.id
            },
            firstYear: firstYear, lastYear: lastYear)
        let values = LongFormParser.Values(grid: series.grid, freeAsTaken: true, observations: series.observations)
        var (dataset, observations, _) = DatasetAssembler.build(
            values, selection: selection,
            facts: facts(order: order, position: position, firstYear: firstYear, lastYear: lastYear),
            name: name, title: "", attribution: attribution, reference: reference)
        dataset.title = title(dataset)
        return (dataset, observations)
    }
}
