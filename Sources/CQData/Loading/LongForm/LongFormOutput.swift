extension LongFormParser {
    /// What `parse` read: the distinct entities and indicators in order of
    /// first appearance (with where each first appears, for errors about
    /// them), the years, the counts, and the values in provisional grids that
    /// `DatasetAssembler.longForm` turns into a `Dataset` (through
    /// `takeValues`). Single values are read with `value(…)`.
    public struct Output: Sendable {
        public var file: String
        public internal(set) var entities: [String]
        public internal(set) var entityPositions: [Position]
        public internal(set) var indicators: [String]
        public internal(set) var indicatorPositions: [Position]
        /// The years of the records; `firstYear > lastYear` when there are none.
        public internal(set) var firstYear: Int
        public internal(set) var lastYear: Int
        /// Records read (observations and missing markers).
        public internal(set) var rows: Int
        /// Records whose value is a missing marker (empty, NA, .., -).
        public internal(set) var missingMarkers: Int
        /// Records with a number.
        public var observations: Int { rows - missingMarkers }
        /// For each entity, the years in which it has a number (not only
        /// markers); nil when it has none.
        public internal(set) var valueYears: [ClosedRange<Int>?]
        var grid: Grid

        /// The value of one observation by index into `entities` and
        /// `indicators`: nil when there is no record, `.nan` for a missing marker.
        public func value(entity: Int, indicator: Int, year: Int) -> Double? {
            guard entities.indices.contains(entity), indicators.indices.contains(indicator),
                year >= grid.base, year < grid.base + grid.span
            else { return nil }
            let stored = grid.row(indicator: indicator, entity: entity)[year - grid.base]
            return stored == 0 ? nil : Grid.decode(stored)
        }

        /// Hands over the provisional grids, leaving this output without them:
        /// when it was the only holder, each indicator's grid is freed as soon
        /// as its final values are taken, so memory stays near one grid.
        mutating func takeValues() -> Values {
            var grid = self.grid
            self.grid = Grid()
            let unique = isKnownUniquelyReferenced(&grid)
            return Values(grid: grid, freeAsTaken: unique, observations: observations)
        }
    }

    /// The parse's values, indicator by indicator, as dense country-major grids.
    struct Values {
        let grid: Grid
        let freeAsTaken: Bool
        /// The parse's numbers, of every entity (kept or not).
        let observations: Int

        /// One indicator's values for `entities` (in that order) over
        /// `firstYear…lastYear` as a dense grid, NaN where absent or a
        /// missing marker, with the counts of numbers and markers. Run on the
        /// loading thread on purpose: the blocks freed as it goes (allocated
        /// on this thread) are reused for the next final grids, so the new
        /// grids cost no page faults. About 50 ms for 15M cells.
        /// An entity of nil has no row in the parse: its cells are NaN.
        func take(indicator: Int, entities: [Int?], firstYear: Int, lastYear: Int)
            -> (values: [Double], present: Int, missing: Int)
        {
            let yearCount = lastYear - firstYear + 1
            let view = grid.view
            let yearShift = firstYear - view.base
            var present = 0
            var missing = 0
            let values = [Double](unsafeUninitializedCapacity: entities.count * yearCount) { buffer, initialized in
                var cell = 0
                for slot in entities {
                    guard let slot else {
                        for _ in 0..<yearCount {
                            buffer[cell] = .nan
                            cell += 1
                        }
                        continue
                    }
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
                initialized = cell
            }
            if freeAsTaken { grid.free(indicator: indicator) }
            return (values, present, missing)
        }

        /// Frees one indicator's provisional grid, if this parse owns it.
        func release(indicator: Int) {
            if freeAsTaken { grid.free(indicator: indicator) }
        }

        /// One indicator's values in sparse form (`SparseGrid`), with the
        /// counts of numbers and markers, when at most half its cells have a
        /// number; nil, having stopped at the first number past half, when
        /// more do. One pass over the provisional rows, the values gathered
        /// in `scratch` (room for half the cells) and copied out at their
        /// count. Safe to run on several threads at once, one indicator each;
        /// frees nothing (`release` does, on the loading thread).
        func takeSparse(
            indicator: Int, entities: [Int?], firstYear: Int, lastYear: Int, scratch: UnsafeMutablePointer<Double>
        ) -> (values: SparseGrid, present: Int, missing: Int)? {
            let view = grid.view
            let yearCount = lastYear - firstYear + 1
            let yearShift = firstYear - view.base
            let cellCount = entities.count * yearCount
            let limit = cellCount / 2
            var bitmap = [UInt64](repeating: 0, count: (cellCount + 63) / 64)
            var present = 0
            var missing = 0
            let complete = bitmap.withUnsafeMutableBufferPointer { bits -> Bool in
                for (position, slot) in entities.enumerated() {
                    guard let slot else { continue }
                    let row = view.row(indicator: indicator, entity: slot) + yearShift
                    let first = position * yearCount
                    for year in 0..<yearCount {
                        let stored = row[year]
                        if stored == 0 { continue }
                        if stored == Grid.marker {
                            missing += 1
                            continue
                        }
                        guard present < limit else { return false }
                        let cell = first + year
                        bits[cell >> 6] |= 1 << UInt64(cell & 63)
                        scratch[present] = Double(bitPattern: stored &- 1)
                        present += 1
                    }
                }
                return true
            }
            guard complete else { return nil }
            let values = [Double](unsafeUninitializedCapacity: present) { buffer, initialized in
                if present > 0 { buffer.baseAddress!.update(from: scratch, count: present) }
                initialized = present
            }
            return (SparseGrid(cellCount: cellCount, bitmap: bitmap, present: values), present, missing)
        }
    }
}
