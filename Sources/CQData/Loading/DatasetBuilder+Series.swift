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
/// is written twice, and rows can be written on several threads at once.
extension DatasetBuilder {
    final class Series {
        let grid = LongFormParser.Grid()
        /// Numbers written, and the years that have one.
        var observations = 0
        var firstYear = Int.max
        var lastYear = Int.min
    }

    /// Makes room in the grids for a row of every entity and indicator
    /// added so far over `years`; false when the grids would pass
    /// `maximumCells`. The reader then clears the new rows
    /// (`clearNewSeriesRows`) and writes rows through `seriesView`.
    mutating func makeRoomForSeries(years: ClosedRange<Int>) -> Bool {
        if series == nil { series = Series() }
        let grid = series.unsafelyUnwrapped.grid
        if grid.span == 0 || years.lowerBound < grid.base || years.upperBound >= grid.base + grid.span {
            let first = grid.span == 0 ? years.lowerBound : min(years.lowerBound, grid.base)
            let last = grid.span == 0 ? years.upperBound : max(years.upperBound, grid.base + grid.span - 1)
            guard fits(years: last - first + 1) else { return false }
            grid.cover(firstYear: first, lastYear: last)
        }
        if indicators.count > grid.indicatorCount
            || entities.count > grid.blockCount * LongFormParser.Grid.slotsPerBlock
        {
            guard fits(years: grid.span) else { return false }
            grid.ensure(indicators: indicators.count, entities: entities.count)
        }
        return true
    }

    /// Clears the rows `makeRoomForSeries` made room for since the last
    /// call (a new entity may fit in a block already made), on `threads`
    /// threads; before any of them is written or read. Once a window of
    /// rows, not once a row: a WDI table's grids are all new rows, and
    /// zeroing them (their pages faulted in) row by row on the loading
    /// thread took 0.15 s of the 0.35 s placing a 185 MB table's rows took.
    func clearNewSeriesRows(threads: Int) {
        series?.grid.clearNewRows(indicators: indicators.count, entities: entities.count, threads: threads)
    }

    /// The grids, to write rows into (each row a cell per year from
    /// `base`, the value's bit pattern plus one), on any thread; valid
    /// until the next `makeRoomForSeries`.
    var seriesView: LongFormParser.Grid.View? { series?.grid.view }

    private func fits(years: Int) -> Bool {
        let (cells, overflow) = (max(1, entities.count) * years).multipliedReportingOverflow(
            by: max(1, indicators.count))
        return !overflow && cells <= Self.maximumCells
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
