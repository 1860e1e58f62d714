import Dispatch
import Glibc

/// One chunk of the body, parsed by one thread: the fast path for plain
/// records, the careful RFC 4180 path for the rest.
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

        // Interning, across windows.
        var entities = InternTable()
        var indicators = InternTable()
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
        var record = SplitRecord()

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

        private func growRows() {
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

        private func fail(_ offset: Int, line: Int, _ message: String) {
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
                                if let bad = firstInvalidUTF8(q, length) {
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

        @inline(__always)
        func isMissingMarker(_ q: UnsafePointer<UInt8>, _ length: Int) -> Bool {
            length == 0 || (length == 1 && q[0] == minus)
                || (length == 2
                    && ((q[0] == dot && q[1] == dot) || (q[0] == UInt8(ascii: "N") && q[1] == UInt8(ascii: "A"))))
        }

        @inline(__always)
        private func append(entity: Int32, indicator: Int32, year: Int, cell: UInt64) {
            if rowCount == rowCapacity { growRows() }
            rowEntity[rowCount] = entity
            rowIndicator[rowCount] = indicator
            rowYear[rowCount] = Int16(truncatingIfNeeded: year)
            rowCell[rowCount] = cell
            rowCount += 1
            if year < minYear { minYear = year }
            if year > maxYear { maxYear = year }
        }

        /// A record with a quote (or too many fields), read by the RFC 4180
        /// rules. The next record's start, or nil after recording an error.
        private func slowRecord(_ recordStart: Int) -> Int? {
            let p = base
            if let failure = record.split(p, from: recordStart, end: total) {
                fail(
                    failure.offset, line: lines + terminators(p, recordStart..<failure.offset, total: total),
                    failure.message)
                return nil
            }
            // Invalid UTF-8 is reported where it is in the file, before any field check.
            if let bad = firstInvalidUTF8(p + recordStart, record.end - recordStart) {
                invalidUTF8(
                    at: recordStart + bad, line: lines + terminators(p, recordStart..<(recordStart + bad), total: total)
                )
                return nil
            }
            let found = record.fields.count
            if found != width {
                let offset = found < width ? record.end : record.fields[width].offset
                fail(
                    offset, line: lines + terminators(p, recordStart..<offset, total: total),
                    "expected \(width) fields as in the header, found \(found)")
                return nil
            }
            var entity: Int32 = 0
            var indicator: Int32 = 0
            var year = 0
            var cell: UInt64 = 0
            let ok = record.text.withUnsafeBufferPointer { text -> Bool in
                let text = text.baseAddress ?? UnsafePointer(p)
                for (index, field) in record.fields.enumerated() {
                    let q = text + field.textStart
                    // Errors point at the field's start (its opening quote), on its line.
                    let lineBefore = lines + terminators(p, recordStart..<field.offset, total: total)
                    switch roles[index] {
                    case .entity:
                        guard
                            let id = internEntity(
                                q, field.length, offset: field.offset, fileOffsets: false, line: lineBefore)
                        else { return false }
                        entity = id
                    case .indicator:
                        guard
                            let id = internIndicator(
                                q, field.length, offset: field.offset, fileOffsets: false, line: lineBefore)
                        else { return false }
                        indicator = id
                    case .year:
                        guard let value = readYear(q, field.length, offset: field.offset, line: lineBefore) else {
                            return false
                        }
                        year = value
                    case .value:
                        guard let value = readValue(q, field.length, offset: field.offset, line: lineBefore) else {
                            return false
                        }
                        cell = value
                    case .other:
                        break
                    }
                }
                return true
            }
            guard ok else { return nil }
            let valueField = record.fields[roles.firstIndex(of: .value)!]
            let valueLine = lines + terminators(p, recordStart..<valueField.offset, total: total)
            guard
                checkBounds(
                    cell, indicator: indicator, record: recordStart, offset: valueField.offset, line: valueLine,
                    text: record.text.withUnsafeBufferPointer {
                        String(
                            decoding: UnsafeBufferPointer(
                                rebasing: $0[valueField.textStart..<valueField.textStart + valueField.length]),
                            as: UTF8.self)
                    })
            else { return nil }
            lines += record.innerLines + (record.next > record.end ? 1 : 0)
            append(entity: entity, indicator: indicator, year: year, cell: cell)
            return record.next
        }

        private func invalidUTF8(at offset: Int, line: Int) {
            fail(offset, line: line, "invalid UTF-8 (byte 0x\(CSVReader.hex(base[offset])))")
        }

        // MARK: fields

        /// The id of the cell `q` in `table`, and whether it is new there; nil
        /// (after reporting) for an empty cell or invalid UTF-8. `fileOffsets`:
        /// the bytes are the file's own (not unquoted), so an invalid UTF-8 byte
        /// can be located; the slow path checked the record already.
        @inline(__always)
        private func intern(
            _ table: inout InternTable, _ what: String, _ q: UnsafePointer<UInt8>, _ length: Int, offset: Int,
            fileOffsets: Bool, line: Int
        ) -> (id: Int32, isNew: Bool)? {
            if length == 0 {
                fail(offset, line: line, "expected \(what), found an empty cell")
                return nil
            }
            let hash = InternTable.hash(q, length)
            if let id = table.find(q, length, hash) { return (id, false) }
            if fileOffsets, let bad = firstInvalidUTF8(q, length) {
                invalidUTF8(at: offset + bad, line: line)
                return nil
            }
            return (table.insert(q, length, hash), true)
        }

        private func internEntity(
            _ q: UnsafePointer<UInt8>, _ length: Int, offset: Int, fileOffsets: Bool, line: Int? = nil
        ) -> Int32? {
            let line = line ?? lines
            guard
                let (id, isNew) = intern(
                    &entities, options.entityDescription, q, length, offset: offset,
                    fileOffsets: fileOffsets, line: line)
            else { return nil }
            if isNew {
                entityGlobal.append(-1)
                newEntities.append(NewKey(local: id, offset: offset, line: line))
            }
            lastEntity = id
            return id
        }

        private func internIndicator(
            _ q: UnsafePointer<UInt8>, _ length: Int, offset: Int, fileOffsets: Bool, line: Int? = nil
        ) -> Int32? {
            let line = line ?? lines
            guard
                let (id, isNew) = intern(
                    &indicators, options.indicatorDescription, q, length, offset: offset,
                    fileOffsets: fileOffsets, line: line)
            else { return nil }
            if isNew {
                indicatorGlobal.append(-1)
                let bounds = options.bounds.isEmpty ? nil : options.bounds[indicators.string(Int(id))]
                indicatorLow.append(bounds?.minimum ?? -.infinity)
                indicatorHigh.append(bounds?.maximum ?? .infinity)
                newIndicators.append(NewKey(local: id, offset: offset, line: line))
            }
            lastIndicator = id
            return id
        }

        /// A year the fast paths did not take (quoted, with leading zeros, or
        /// wrong): `CellText.year` decides.
        private func readYear(_ q: UnsafePointer<UInt8>, _ length: Int, offset: Int, line: Int? = nil) -> Int? {
            let line = line ?? lines
            if let bad = firstInvalidUTF8(q, length) {
                invalidUTF8(at: offset + bad, line: line)
                return nil
            }
            switch CellText.year(String(decoding: UnsafeBufferPointer(start: q, count: length), as: UTF8.self)) {
            case .success(let year): return year
            case .failure(let failure): fail(offset, line: line, failure.message)
            }
            return nil
        }

        /// The stored form of a value cell: the marker, or bit pattern + 1.
        @inline(__always)
        private func readValue(_ q: UnsafePointer<UInt8>, _ length: Int, offset: Int, line: Int? = nil) -> UInt64? {
            if length <= 2 {
                if length == 0 || (length == 1 && q[0] == minus)
                    || (length == 2
                        && ((q[0] == dot && q[1] == dot) || (q[0] == UInt8(ascii: "N") && q[1] == UInt8(ascii: "A"))))
                {
                    markers += 1
                    return Grid.marker
                }
            }
            if let value = fastDecimal(q, length) { return value.bitPattern &+ 1 }
            let line = line ?? lines
            if let bad = firstInvalidUTF8(q, length) {
                invalidUTF8(at: offset + bad, line: line)
                return nil
            }
            // Everything else is `CellText`'s to read, with its messages.
            switch CellText.read(String(decoding: UnsafeBufferPointer(start: q, count: length), as: UTF8.self)) {
            case .number(let value): return value.bitPattern &+ 1
            case .missing:
                markers += 1
                return Grid.marker
            case .invalid(let message): fail(offset, line: line, message)
            }
            return nil
        }

        /// Checks a value against its indicator's bounds (once both are read).
        @inline(__always)
        private func checkBounds(
            _ cell: UInt64, indicator: Int32, record: Int, offset: Int? = nil, line: Int? = nil, text: String? = nil
        ) -> Bool {
            if cell == Grid.marker { return true }
            let value = Double(bitPattern: cell &- 1)
            let low = indicatorLow[Int(indicator)]
            let high = indicatorHigh[Int(indicator)]
            if value >= low, value <= high { return true }
            // Find the value field of this (unquoted) record for the message.
            var fieldOffset = record
            var fieldEnd = record
            var field = 0
            var index = record
            while true {
                let fieldStart = index
                while index < total, special[Int(base[index])] == 0 { index += 1 }
                if roles[field] == .value {
                    fieldOffset = fieldStart
                    fieldEnd = index
                    break
                }
                if index >= total || base[index] != comma { break }
                index += 1
                field += 1
            }
            let shown =
                text
                ?? String(
                    decoding: UnsafeBufferPointer(start: base + fieldOffset, count: fieldEnd - fieldOffset),
                    as: UTF8.self)
            let id = indicators.string(Int(indicator))
            let message =
                value < low
                ? "value \(shown) is below the minimum \(format(low)) of `\(id)`"
                : "value \(shown) is above the maximum \(format(high)) of `\(id)`"
            fail(offset ?? fieldOffset, line: line ?? lines, message)
            return false
        }

        /// A bound as people write it: 100, not 100.0.
        private func format(_ value: Double) -> String {
            var text = String(value)
            if text.hasSuffix(".0") { text.removeLast(2) }
            return text
        }
    }
}
