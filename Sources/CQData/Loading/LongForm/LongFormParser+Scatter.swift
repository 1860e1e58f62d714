import CMemoryHints

extension LongFormParser {
    /// Rows in flight in the scatter (a power of two).
    static let scatterDepth = 16

    /// A row whose cell's line has been asked for.
    struct PendingRow {
        var cell: UnsafeMutablePointer<UInt64>
        var row: Int32
        var entity: Int32
    }

    /// Writes one window's rows (its chunks', in file order) into the grids,
    /// on one thread per chunk: each thread owns the (entity, indicator) pairs
    /// whose id sum falls to it, so no cell is shared. Widens each entity's
    /// years with a number in `valueYears`. Returns the first row, in file
    /// order, whose cell was already written (a duplicate observation), or nil.
    static func scatter(
        _ chunks: [Chunk], into view: Grid.View, entityCount: Int, valueYears: inout [ClosedRange<Int>?]
    ) -> (chunk: Int, row: Int)? {
        let threads = chunks.count
        let duplicates = UnsafeMutablePointer<(chunk: Int, row: Int)>.allocate(capacity: threads)
        duplicates.initialize(repeating: (Int.max, Int.max), count: threads)
        defer { duplicates.deallocate() }
        let sharedDuplicates = SharedPointer(pointer: duplicates)
        // Each worker's years with a value per entity (workers share entities).
        let yearBounds = UnsafeMutablePointer<(low: Int16, high: Int16)>.allocate(
            capacity: max(1, threads * entityCount))
        yearBounds.initialize(repeating: (.max, .min), count: max(1, threads * entityCount))
        defer { yearBounds.deallocate() }
        let sharedBounds = SharedPointer(pointer: yearBounds)
        // A power of two of threads picks a row's worker by a mask, not a division.
        let threadMask = threads & (threads - 1) == 0 ? threads - 1 : -1
        perform(threads) { worker in
            let bounds = sharedBounds.pointer + worker * entityCount
            let pending = UnsafeMutablePointer<PendingRow>.allocate(capacity: scatterDepth)
            defer { pending.deallocate() }
            rowLoop: for (k, chunk) in chunks.enumerated() {
                // Locals, not the chunk's properties, in the loop (see `Chunk.run`).
                let rowCount = chunk.rowCount
                let rowEntity = chunk.rowEntity
                let rowIndicator = chunk.rowIndicator
                let rowYear = chunk.rowYear
                let rowCell = chunk.rowCell
                // Writes one row's cell; false if it was written before.
                @inline(__always) func write(_ row: PendingRow) -> Bool {
                    if row.cell.pointee != 0 { return false }
                    let stored = rowCell[Int(row.row)]
                    row.cell.pointee = stored
                    if stored != Grid.marker {
                        let year = rowYear[Int(row.row)]
                        let entity = Int(row.entity)
                        if year < bounds[entity].low { bounds[entity].low = year }
                        if year > bounds[entity].high { bounds[entity].high = year }
                    }
                    return true
                }
                // A row's cell is looked up, its line asked for, and the row
                // written `scatterDepth` rows later, when the line has come:
                // in a file whose rows jump about the grids, each write
                // would otherwise wait on memory in turn.
                var asked = 0
                var written = 0
                // Writes the oldest row asked for; false (the duplicate noted) if its cell was written before.
                @inline(__always) func writeOldest() -> Bool {
                    let oldest = pending[written & (scatterDepth - 1)]
                    guard write(oldest) else {
                        sharedDuplicates.pointer[worker] = (k, Int(oldest.row))
                        return false
                    }
                    written += 1
                    return true
                }
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
                            cq_prefetch_for_writing(cell)
                            if asked - written == scatterDepth, !writeOldest() { return }
                            pending[asked & (scatterDepth - 1)] = PendingRow(
                                cell: cell, row: Int32(truncatingIfNeeded: row),
                                entity: Int32(truncatingIfNeeded: entity))
                            asked += 1
                        }
                        while written < asked, writeOldest() {}
                    }
                }
                if sharedDuplicates.pointer[worker].chunk != Int.max { break rowLoop }
            }
        }
        if let first = (0..<threads).map({ duplicates[$0] }).min(by: { ($0.chunk, $0.row) < ($1.chunk, $1.row) }),
            first.chunk != Int.max
        {
            return first
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
        return nil
    }
}
