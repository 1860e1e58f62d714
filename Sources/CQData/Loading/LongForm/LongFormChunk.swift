extension LongFormParser {
    /// A role per field of the record.
    enum Role: UInt8 {
        case entity, indicator, year, value, other
    }

    /// Parses one chunk of a window into rows. One per thread; its intern
    /// tables live across windows, its rows for one window.
    final class Chunk: @unchecked Sendable {
        let base: UnsafePointer<UInt8>
        let total: Int
        let roles: [Role]
        let roleTable: UnsafeMutablePointer<Role>
        let specialTable: UnsafeMutablePointer<UInt8>
        let width: Int
        let options: Options

        // Interning, across windows. Each table is touched by its own chunk's
        // thread only, so the per-access exclusivity check (measured at a tenth
        // of a shuffled file's lookups) guards nothing.
        @exclusivity(unchecked) var entities = InternTable()
        @exclusivity(unchecked) var indicators = InternTable()
        /// Local id → dataset-wide id (−1 until the window's merge).
        var entityGlobal: [Int32] = []
        var indicatorGlobal: [Int32] = []
        var indicatorLow: [Double] = []
        var indicatorHigh: [Double] = []
        var lastEntity: Int32 = -1
        var lastIndicator: Int32 = -1

        // One window.
        var start = 0
        var end = 0
        /// Where parsing stopped: `end`, or later if the last record ran on.
        var finish = 0
        /// Line ends consumed, so the next chunk's first line is known.
        var lines = 0
        var rowCount = 0
        var rowCapacity = 0
        var rowEntity: UnsafeMutablePointer<Int32>
        var rowIndicator: UnsafeMutablePointer<Int32>
        var rowYear: UnsafeMutablePointer<Int16>
        var rowCell: UnsafeMutablePointer<UInt64>
        var minYear = Int.max
        var maxYear = Int.min
        var markers = 0
        struct NewKey {
            var local: Int32
            var offset: Int
            /// Lines before it within the chunk.
            var line: Int
        }
        var newEntities: [NewKey] = []
        var newIndicators: [NewKey] = []
        /// The first error: its offset, the lines before it within the chunk, the message.
        var failure: (offset: Int, line: Int, message: String)?
        var record = RFC4180Record()

        init(base: UnsafePointer<UInt8>, total: Int, columns: Columns, options: Options, chunkCapacity: Int) {
            self.base = base
            self.total = total
            self.width = columns.width
            self.options = options
            var roles = [Role](repeating: .other, count: columns.width)
            roles[columns.entity] = .entity
            roles[columns.indicator] = .indicator
            roles[columns.year] = .year
            roles[columns.value] = .value
            self.roles = roles
            roleTable = .allocate(capacity: roles.count)
            roleTable.initialize(from: roles, count: roles.count)
            specialTable = .allocate(capacity: 256)
            specialTable.initialize(from: LongFormParser.special, count: 256)
            // A record is at least 9 bytes (a,b,2000,\n); the pages never
            // touched are never backed by memory.
            rowCapacity = chunkCapacity / 8 + 16
            rowEntity = .allocate(capacity: rowCapacity)
            rowIndicator = .allocate(capacity: rowCapacity)
            rowYear = .allocate(capacity: rowCapacity)
            rowCell = .allocate(capacity: rowCapacity)
        }

        deinit {
            roleTable.deallocate()
            specialTable.deallocate()
            rowEntity.deallocate()
            rowIndicator.deallocate()
            rowYear.deallocate()
            rowCell.deallocate()
        }

        func growRows() {
            let capacity = rowCapacity * 2
            func grow<T>(_ old: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
                let new = UnsafeMutablePointer<T>.allocate(capacity: capacity)
                new.moveInitialize(from: old, count: rowCount)
                old.deallocate()
                return new
            }
            rowEntity = grow(rowEntity)
            rowIndicator = grow(rowIndicator)
            rowYear = grow(rowYear)
            rowCell = grow(rowCell)
            rowCapacity = capacity
        }

        func fail(_ offset: Int, line: Int, _ message: String) {
            if failure == nil { failure = (offset, line, message) }
        }

        /// Parses the records that start in `start..<end`.
        func run() {
            failure = nil
            newEntities.removeAll(keepingCapacity: true)
            newIndicators.removeAll(keepingCapacity: true)
            // The hot loop keeps its state in locals: a class's stored
            // properties would cost an exclusivity check, and its arrays a
            // retain and release, on every access.
            rowCount = 0
            lines = 0
            markers = 0
            minYear = Int.max
            maxYear = Int.min
            var rowCount = 0
            var lines = 0
            var markers = 0
            var minYear = Int.max
            var maxYear = Int.min
            var rowCapacity = self.rowCapacity
            var rowEntity = self.rowEntity
            var rowIndicator = self.rowIndicator
            var rowYear = self.rowYear
            var rowCell = self.rowCell
            // The previous record's entity and indicator, compared byte for byte
            // before any hashing; they point into this window's bytes.
            var lastEntityStart = base
            var lastEntityLength = -1
            var lastEntityID: Int32 = 0
            var lastIndicatorStart = base
            var lastIndicatorLength = -1
            var lastIndicatorID: Int32 = 0
            let hasBounds = !options.bounds.isEmpty
            let p = base
            let total = self.total
            let end = self.end
            let width = self.width
            let special = UnsafePointer(self.specialTable)
            let roles = UnsafePointer(self.roleTable)
            var i = start
            do {
                do {
                    records: while i < end {
                        let first = p[i]
                        if first == lf || first == cr {
                            lines += 1
                            i += first == cr && i + 1 < total && p[i + 1] == lf ? 2 : 1
                            continue
                        }
                        let recordStart = i
                        var entity: Int32 = 0
                        var indicator: Int32 = 0
                        var year = 0
                        var cell: UInt64 = 0
                        var field = 0
                        var slow = false
                        fields: while true {
                            let fieldStart = i
                            let role = roles[field]
                            // Years and values are read in place; a field that is
                            // anything but a plain fast-path number or a four-digit
                            // year falls through to the general path.
                            if role == .year, fieldStart &+ 4 < total {
                                let d0 = p[fieldStart] &- zero
                                let d1 = p[fieldStart + 1] &- zero
                                let d2 = p[fieldStart + 2] &- zero
                                let d3 = p[fieldStart + 3] &- zero
                                let after = p[fieldStart + 4]
                                if d0 < 10, d1 < 10, d2 < 10, d3 < 10, after == comma || after == lf || after == cr {
                                    let value = Int(d0) * 1000 + Int(d1) * 100 + Int(d2) * 10 + Int(d3)
                                    if value >= 1000, value <= 2999 {
                                        year = value
                                        i = fieldStart + 4
                                        if p[i] == comma, field != width - 1 {
                                            i += 1
                                            field += 1
                                            continue
                                        }
                                        if p[i] != comma, field == width - 1 { break fields }
                                    }
                                }
                                i = fieldStart
                            } else if role == .value, let (value, end) = scanDecimal(p, from: fieldStart, limit: total),
                                end == total || (special[Int(p[end])] != 0 && p[end] != quote)
                            {
                                cell = value.bitPattern &+ 1
                                i = end
                                if i < total, p[i] == comma, field != width - 1 {
                                    i += 1
                                    field += 1
                                    continue
                                }
                                if i == total || p[i] != comma, field == width - 1 { break fields }
                                i = fieldStart
                            }
                            let j = fieldEnd(p, from: i, total: total, special: special)
                            if j < total, p[j] == quote {
                                slow = true
                                break fields
                            }
                            let q = p + fieldStart
                            let length = j - fieldStart
                            switch role {
                            case .entity:
                                if length == lastEntityLength, same(q, lastEntityStart, length) {
                                    entity = lastEntityID
                                } else if length > 0,
                                    let id = entities.find(q, length, InternTable.hash(q, length))
                                {
                                    // Known: found without the bookkeeping of a new key.
                                    entity = id
                                    lastEntityStart = q
                                    lastEntityLength = length
                                    lastEntityID = id
                                } else {
                                    guard
                                        let id = internEntity(
                                            q, length, offset: fieldStart, fileOffsets: true, line: lines)
                                    else { break records }
                                    entity = id
                                    lastEntityStart = q
                                    lastEntityLength = length
                                    lastEntityID = id
                                }
                            case .indicator:
                                if length == lastIndicatorLength, same(q, lastIndicatorStart, length) {
                                    indicator = lastIndicatorID
                                } else if length > 0,
                                    let id = indicators.find(q, length, InternTable.hash(q, length))
                                {
                                    indicator = id
                                    lastIndicatorStart = q
                                    lastIndicatorLength = length
                                    lastIndicatorID = id
                                } else {
                                    guard
                                        let id = internIndicator(
                                            q, length, offset: fieldStart, fileOffsets: true, line: lines)
                                    else { break records }
                                    indicator = id
                                    lastIndicatorStart = q
                                    lastIndicatorLength = length
                                    lastIndicatorID = id
                                }
                            case .year:
                                var value = 0
                                var index = 0
                                while index < length {
                                    let digit = q[index] &- zero
                                    if digit >= 10 || index == 6 { break }
                                    value = value * 10 + Int(digit)
                                    index += 1
                                }
                                if index == length, value >= 1000, value <= 2999 {
                                    year = value
                                } else {
                                    // Leading zeros, or an error: the careful reader decides.
                                    guard let value = readYear(q, length, offset: fieldStart, line: lines) else {
                                        break records
                                    }
                                    year = value
                                }
                            case .value:
                                // The indicator may come later in the record: read now, check bounds below.
                                if length <= 2, isMissingMarker(q, length) {
                                    markers += 1
                                    cell = Grid.marker
                                } else if let value = fastDecimal(q, length) {
                                    cell = value.bitPattern &+ 1
                                } else {
                                    guard let value = readValue(q, length, offset: fieldStart, line: lines) else {
                                        break records
                                    }
                                    cell = value
                                }
                            case .other:
                                if let bad = TextBytes.firstInvalidUTF8(q, length) {
                                    invalidUTF8(at: fieldStart + bad, line: lines)
                                    break records
                                }
                            }
                            i = j
                            if i < total, p[i] == comma {
                                if field == width - 1 {
                                    slow = true  // too many fields: counted and reported by the slow path
                                    break fields
                                }
                                i += 1
                                field += 1
                                continue
                            }
                            if field != width - 1 {
                                fail(i, line: lines, "expected \(width) fields as in the header, found \(field + 1)")
                                break records
                            }
                            break fields
                        }
                        if slow {
                            self.rowCount = rowCount
                            self.lines = lines
                            self.markers = markers
                            self.minYear = minYear
                            self.maxYear = maxYear
                            let next = slowRecord(recordStart)
                            rowCount = self.rowCount
                            lines = self.lines
                            markers = self.markers
                            minYear = self.minYear
                            maxYear = self.maxYear
                            rowCapacity = self.rowCapacity
                            rowEntity = self.rowEntity
                            rowIndicator = self.rowIndicator
                            rowYear = self.rowYear
                            rowCell = self.rowCell
                            guard let next else { break records }
                            i = next
                            continue
                        }
                        if hasBounds {
                            guard checkBounds(cell, indicator: indicator, record: recordStart, line: lines) else {
                                break records
                            }
                        }
                        if i < total {
                            i += p[i] == cr && i + 1 < total && p[i + 1] == lf ? 2 : 1
                            lines += 1
                        }
                        if rowCount == rowCapacity {
                            self.rowCount = rowCount
                            growRows()
                            rowCapacity = self.rowCapacity
                            rowEntity = self.rowEntity
                            rowIndicator = self.rowIndicator
                            rowYear = self.rowYear
                            rowCell = self.rowCell
                        }
                        rowEntity[rowCount] = entity
                        rowIndicator[rowCount] = indicator
                        rowYear[rowCount] = Int16(truncatingIfNeeded: year)
                        rowCell[rowCount] = cell
                        rowCount += 1
                        if year < minYear { minYear = year }
                        if year > maxYear { maxYear = year }
                    }
                }
            }
            self.rowCount = rowCount
            self.lines = lines
            self.markers = markers
            self.minYear = minYear
            self.maxYear = maxYear
            finish = i
        }
    }
}
