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

    /// `work(0) … work(count - 1)`, each on its own thread (inline for one), in order.
    static func parallelMap<Result>(_ count: Int, _ work: @Sendable (Int) -> Result) -> [Result] {
        guard count > 0 else { return [] }
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            let target = SharedPointer(pointer: buffer.baseAddress!)
            perform(count) { k in (target.pointer + k).initialize(to: work(k)) }
            initialized = count
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

            // Scatter the rows into the grids.
            if let first = scatter(chunks, into: grid.view, entityCount: entities.count, valueYears: &valueYears) {
                let chunk = chunks[first.chunk]
                let entity = Int(chunk.entityGlobal[Int(chunk.rowEntity[first.row])])
                let indicator = Int(chunk.indicatorGlobal[Int(chunk.rowIndicator[first.row])])
                let year = Int(chunk.rowYear[first.row])
                throw duplicateError(
                    base, total: total, bodyOffset: bodyOffset, file: file, columns: columns, locator: locator,
                    entity: entities[entity], indicator: indicators[indicator], year: year)
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
