import Glibc

extension LongFormParser {
    /// The values as they are read: for each indicator, blocks of 64 entity
    /// slots × the years covered so far, a row zeroed once its entity is seen
    /// (so slots no entity uses cost no memory). A cell holds 0 when absent, `marker` for
    /// a missing marker, and otherwise the value's bit pattern plus one (no
    /// finite double has the all-ones pattern, so neither collides).
    final class Grid: @unchecked Sendable {
        static let slotsPerBlock = 64
        static let marker = UInt64.max

        var base = 0
        var span = 0
        private(set) var indicatorCount = 0
        private(set) var blockCount = 0
        /// `blocks[indicator * blockStride + block]`.
        private var blocks: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>?
        private var blockStride = 0

        init() {
            // A table from the start, so `view` is valid (and unused) before any row.
            blocks = .allocate(capacity: 1)
            blocks!.initialize(to: nil)
        }

        deinit {
            for indicator in 0..<indicatorCount { free(indicator: indicator) }
            blocks?.deallocate()
        }

        @inline(__always)
        static func decode(_ stored: UInt64) -> Double {
            stored == marker ? .nan : Double(bitPattern: stored &- 1)
        }

        /// The row of an (indicator, entity) pair: `span` cells, year `base` first.
        @inline(__always)
        func row(indicator: Int, entity: Int) -> UnsafeMutablePointer<UInt64> {
            view.row(indicator: indicator, entity: entity)
        }

        /// The geometry as plain values, for loops (a class's properties cost
        /// an exclusivity check per access). Valid until the grid changes.
        struct View: @unchecked Sendable {
            let blocks: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>
            let blockStride: Int
            let span: Int
            let base: Int

            @inline(__always)
            func row(indicator: Int, entity: Int) -> UnsafeMutablePointer<UInt64> {
                let block = blocks[indicator &* blockStride &+ entity / Grid.slotsPerBlock].unsafelyUnwrapped
                return block + (entity % Grid.slotsPerBlock) &* span
            }
        }

        var view: View {
            View(blocks: blocks!, blockStride: blockStride, span: span, base: base)
        }

        /// A block whose rows are not yet written: `clearNewRows` zeroes the rows
        /// of the entities seen, on every thread, before any is read. (`calloc`
        /// would zero the whole block here, on the loading thread alone: on a
        /// sparse file, a fifth of that thread's samples, page faults
        /// included, and it wrote the rows of slots no entity uses.)
        private func allocateBlock() -> UnsafeMutablePointer<UInt64> {
            guard let raw = malloc(Self.slotsPerBlock * span * 8) else {
                fatalError("LongFormParser: out of memory for the value grids")
            }
            #if DEBUG
                // Fresh pages are zero anyway: poison them, so a row read before
                // it is cleared shows in the tests as values no file holds.
                memset(raw, 0xA5, Self.slotsPerBlock * span * 8)
            #endif
            return raw.assumingMemoryBound(to: UInt64.self)
        }

        /// Makes room for these many indicators and entities.
        func ensure(indicators: Int, entities: Int) {
            let neededBlocks = (entities + Self.slotsPerBlock - 1) / Self.slotsPerBlock
            if neededBlocks > blockStride || indicators > indicatorCount {
                // Grow the table (its stride, or its indicator capacity) by copying pointers.
                let stride = max(blockStride, neededBlocks, 1) * (neededBlocks > blockStride ? 2 : 1)
                let newStride = neededBlocks > blockStride ? stride : blockStride
                let capacity = max(indicators, 1) * newStride
                let table = UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>.allocate(capacity: capacity)
                table.initialize(repeating: nil, count: capacity)
                if let blocks {
                    for indicator in 0..<indicatorCount {
                        for block in 0..<blockCount {
                            table[indicator * newStride + block] = blocks[indicator * blockStride + block]
                        }
                    }
                    blocks.deallocate()
                }
                blocks = table
                blockStride = newStride
            }
            for indicator in 0..<indicators {
                let from = indicator < indicatorCount ? blockCount : 0
                for block in from..<max(neededBlocks, blockCount) {
                    blocks![indicator * blockStride + block] = allocateBlock()
                }
            }
            blockCount = max(neededBlocks, blockCount)
            indicatorCount = max(indicators, indicatorCount)
        }

        /// Rows already zeroed by `clearNewRows`.
        private var faultedIndicators = 0
        private var faultedEntities = 0

        /// Zeroes the rows of the pairs that are new since the last call, on
        /// `threads` threads; a row must be cleared before it is read or
        /// written (`ensure` allocates blocks unwritten). Writing the zeros
        /// also faults the pages in: the scatter's first access to a cell is a
        /// read (the duplicate check), which on a page never written maps the
        /// shared zero page, and the write after it copies the page and
        /// flushes every thread's TLB. Writing first makes it one fault.
        func clearNewRows(indicators: Int, entities: Int, threads: Int) {
            let oldIndicators = faultedIndicators
            let oldEntities = faultedEntities
            guard indicators > oldIndicators || entities > oldEntities else { return }
            let view = self.view
            let slots = Self.slotsPerBlock
            // Each thread a run of indicators, whose blocks lie side by side:
            // threads faulting pages under the same page table contend for its lock.
            LongFormParser.perform(threads) { worker in
                for indicator in (indicators * worker / threads)..<(indicators * (worker + 1) / threads) {
                    var entity = indicator < oldIndicators ? oldEntities : 0
                    while entity < entities {
                        let end = min(entities, (entity / slots + 1) * slots)
                        memset(view.row(indicator: indicator, entity: entity), 0, (end - entity) * view.span * 8)
                        entity = end
                    }
                }
            }
            faultedIndicators = indicators
            faultedEntities = entities
        }

        /// Makes the year axis cover these years, moving the cells if it grows.
        func cover(firstYear: Int, lastYear: Int) {
            if span == 0 {
                base = firstYear
                span = lastYear - firstYear + 1
                return
            }
            guard firstYear < base || lastYear >= base + span else { return }
            // Grow with room to spare, so years arriving one by one cost few moves.
            let slack = max(4, span / 2)
            let newBase = firstYear < base ? max(CSVTable.yearRange.lowerBound, firstYear - slack) : base
            let oldLast = base + span - 1
            let newLast = lastYear > oldLast ? min(CSVTable.yearRange.upperBound, lastYear + slack) : oldLast
            let newSpan = newLast - newBase + 1
            let shift = base - newBase
            for index in 0..<(indicatorCount * blockStride) {
                guard let old = blocks![index] else { continue }
                guard let raw = calloc(Self.slotsPerBlock * newSpan, 8) else {
                    fatalError("LongFormParser: out of memory for the value grids")
                }
                let new = raw.assumingMemoryBound(to: UInt64.self)
                for slot in 0..<Self.slotsPerBlock {
                    (new + slot * newSpan + shift).update(from: old + slot * span, count: span)
                }
                Glibc.free(old)
                blocks![index] = new
            }
            base = newBase
            span = newSpan
            // The copies wrote the old years' cells (and `clearNewRows` must not
            // clear them); a new year's cells may cost the slower fault.
        }

        /// Frees one indicator's blocks (after its final grid is built).
        func free(indicator: Int) {
            guard let blocks else { return }
            for block in 0..<blockCount {
                Glibc.free(blocks[indicator * blockStride + block])
                blocks[indicator * blockStride + block] = nil
            }
        }
    }
}
