import Dispatch

extension LongFormParser {
    /// A pointer handed to worker threads, each of which touches only its own elements.
    struct SharedPointer<Pointee>: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<Pointee>
    }

    /// Bytes that threads only read.
    struct SharedBytes: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
    }

    /// Runs `work(0..<count)` on `count` threads (inline for one).
    static func perform(_ count: Int, _ work: @Sendable (Int) -> Void) {
        if count <= 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: work)
        }
    }

    /// One parse of the body, window by window: cut each window into
    /// `threads` chunks at line starts, scan them in parallel, check the cuts
    /// and report the first error in file order, give the chunks' new keys
    /// dataset-wide ids, then scatter the rows into the grids (each thread
    /// owning a share of the cells). nil when a cut fell inside a quoted
    /// field, which only a one-thread pass cannot do.
    static func parsePass(
        _ bytes: UnsafeRawBufferPointer, bodyOffset: Int, file: String, columns: Columns,
        options: Options, threads: Int, release: ((Range<Int>) -> Void)?
    ) throws(DataLoadError) -> Output? {
        let empty = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        defer { empty.deallocate() }
        let base =
            bytes.baseAddress.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) } ?? UnsafePointer(empty)
        let total = bytes.count
        let locator = Locator(base: base, count: total)
        let chunkSize = max(1 << 12, options.chunkSize)
        let chunks = (0..<threads).map { _ in
            Chunk(base: base, total: total, columns: columns, options: options, chunkCapacity: chunkSize)
        }
        var entityIDs: [String: Int32] = [:]
        var entities: [String] = []
        var entityPositions: [Position] = []
        var indicatorIDs: [String: Int32] = [:]
        var indicators: [String] = []
        var indicatorPositions: [Position] = []
        let grid = Grid()
        var firstYear = Int.max
        var lastYear = Int.min
        var rows = 0
        var markers = 0
        var valueYears: [ClosedRange<Int>?] = []

        var windowStart = bodyOffset
        var windowLine = 1 + TextBytes.lineEnds(base, 0..<bodyOffset, total: total)
        var chunkLines = [Int](repeating: 0, count: threads)
        while windowStart < total {
            // Cut the window into chunks at line starts.
            var windowEnd = min(total, windowStart + threads * chunkSize)
            if windowEnd < total { windowEnd = TextBytes.nextLineStart(base, windowEnd, total) }
            var start = windowStart
            for (k, chunk) in chunks.enumerated() {
                var end = k == threads - 1 ? windowEnd : windowStart + (windowEnd - windowStart) * (k + 1) / threads
                if end < windowEnd { end = max(start, TextBytes.nextLineStart(base, end, total)) }
                chunk.start = start
                chunk.end = min(end, windowEnd)
                start = chunk.end
            }
            perform(threads) { k in chunks[k].run() }

            // Check the cuts and the errors in file order; number the lines.
            var line = windowLine
            for (k, chunk) in chunks.enumerated() {
                if k > 0, chunk.start != chunks[k - 1].finish {
                    return nil  // the previous chunk's last record ran on: a line break in quotes
                }
                if let failure = chunk.failure {
                    throw DataLoadError(
                        file: file, line: line + failure.line, column: locator.column(of: failure.offset),
                        message: failure.message)
                }
                chunkLines[k] = line
                line += chunk.lines
            }
            windowLine = line
            let windowFinish = chunks[threads - 1].finish

            // Give the new texts dataset-wide ids, in order of first appearance.
            for (k, chunk) in chunks.enumerated() {
                for key in chunk.newEntities {
                    let text = chunk.entities.string(Int(key.local))
                    if let known = entityIDs[text] {
                        chunk.entityGlobal[Int(key.local)] = known
                    } else {
                        let id = Int32(entities.count)
                        entityIDs[text] = id
                        entities.append(text)
                        entityPositions.append(
                            Position(line: chunkLines[k] + key.line, column: locator.column(of: key.offset)))
                        chunk.entityGlobal[Int(key.local)] = id
                    }
                }
                for key in chunk.newIndicators {
                    let text = chunk.indicators.string(Int(key.local))
                    if let known = indicatorIDs[text] {
                        chunk.indicatorGlobal[Int(key.local)] = known
                    } else {
                        let id = Int32(indicators.count)
                        indicatorIDs[text] = id
                        indicators.append(text)
                        indicatorPositions.append(
                            Position(line: chunkLines[k] + key.line, column: locator.column(of: key.offset)))
                        chunk.indicatorGlobal[Int(key.local)] = id
                    }
                }
                if chunk.rowCount > 0 {
                    firstYear = min(firstYear, chunk.minYear)
                    lastYear = max(lastYear, chunk.maxYear)
                }
                rows += chunk.rowCount
                markers += chunk.markers
            }
            if firstYear <= lastYear {
                grid.cover(firstYear: firstYear, lastYear: lastYear)
                grid.ensure(indicators: indicators.count, entities: entities.count)
                grid.clearNewRows(indicators: indicators.count, entities: entities.count, threads: threads)
            }

            // Scatter the rows into the grids; each thread owns the (entity,
            // indicator) pairs whose id sum falls to it, so no cell is shared.
            let duplicates = UnsafeMutablePointer<(chunk: Int, row: Int)>.allocate(capacity: threads)
            duplicates.initialize(repeating: (Int.max, Int.max), count: threads)
            defer { duplicates.deallocate() }
            let sharedDuplicates = SharedPointer(pointer: duplicates)
            // Each worker's years with a value per entity (workers share entities).
            let entityCount = entities.count
            let yearBounds = UnsafeMutablePointer<(low: Int16, high: Int16)>.allocate(
                capacity: max(1, threads * entityCount))
            yearBounds.initialize(repeating: (.max, .min), count: max(1, threads * entityCount))
            defer { yearBounds.deallocate() }
            let sharedBounds = SharedPointer(pointer: yearBounds)
            let view = grid.view
            // A power of two of threads picks a row's worker by a mask, not a division.
            let threadMask = threads & (threads - 1) == 0 ? threads - 1 : -1
            perform(threads) { worker in
                let bounds = sharedBounds.pointer + worker * entityCount
                rowLoop: for (k, chunk) in chunks.enumerated() {
                    // Locals, not the chunk's properties, in the loop (see `Chunk.run`).
                    let rowCount = chunk.rowCount
                    let rowEntity = chunk.rowEntity
                    let rowIndicator = chunk.rowIndicator
                    let rowYear = chunk.rowYear
                    let rowCell = chunk.rowCell
                    chunk.entityGlobal.withUnsafeBufferPointer { entityGlobal in
                        chunk.indicatorGlobal.withUnsafeBufferPointer { indicatorGlobal in
                            for row in 0..<rowCount {
                                let entity = Int(entityGlobal[Int(rowEntity[row])])
                                let indicator = Int(indicatorGlobal[Int(rowIndicator[row])])
                                if threads > 1 {
                                    let sum = entity &+ indicator
                                    if (threadMask >= 0 ? sum & threadMask : sum % threads) != worker { continue }
                                }
                                let cell =
                                    view.row(indicator: indicator, entity: entity) + (Int(rowYear[row]) - view.base)
                                if cell.pointee != 0 {
                                    sharedDuplicates.pointer[worker] = (k, row)
                                    return
                                }
                                let stored = rowCell[row]
                                cell.pointee = stored
                                if stored != Grid.marker {
                                    let year = rowYear[row]
                                    if year < bounds[entity].low { bounds[entity].low = year }
                                    if year > bounds[entity].high { bounds[entity].high = year }
                                }
                            }
                        }
                    }
                    if sharedDuplicates.pointer[worker].chunk != Int.max { break rowLoop }
                }
            }
            if let first = (0..<threads).map({ duplicates[$0] }).min(by: { ($0.chunk, $0.row) < ($1.chunk, $1.row) }),
                first.chunk != Int.max
            {
                let chunk = chunks[first.chunk]
                let entity = Int(chunk.entityGlobal[Int(chunk.rowEntity[first.row])])
                let indicator = Int(chunk.indicatorGlobal[Int(chunk.rowIndicator[first.row])])
                let year = Int(chunk.rowYear[first.row])
                throw duplicateError(
                    base, total: total, bodyOffset: bodyOffset, file: file, columns: columns, locator: locator,
                    entity: entities[entity], indicator: indicators[indicator], year: year)
            }
            while valueYears.count < entityCount { valueYears.append(nil) }
            for worker in 0..<threads {
                for entity in 0..<entityCount {
                    let (low, high) = yearBounds[worker * entityCount + entity]
                    guard low <= high else { continue }
                    let years = valueYears[entity].map { min($0.lowerBound, Int(low))...max($0.upperBound, Int(high)) }
                    valueYears[entity] = years ?? Int(low)...Int(high)
                }
            }
            release?(windowStart..<windowFinish)
            windowStart = windowFinish
        }
        return Output(
            file: file, entities: entities, entityPositions: entityPositions, indicators: indicators,
            indicatorPositions: indicatorPositions, firstYear: firstYear <= lastYear ? firstYear : 0,
            lastYear: firstYear <= lastYear ? lastYear : -1, rows: rows, missingMarkers: markers,
            valueYears: valueYears, grid: grid)
    }
}
