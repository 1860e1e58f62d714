extension LongFormParser.Chunk {
    @inline(__always)
    func isMissingMarker(_ q: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        length == 0 || (length == 1 && q[0] == LongFormParser.minus)
            || (length == 2
                && ((q[0] == LongFormParser.dot && q[1] == LongFormParser.dot)
                    || (q[0] == UInt8(ascii: "N") && q[1] == UInt8(ascii: "A"))))
    }

    @inline(__always)
    func append(entity: Int32, indicator: Int32, year: Int, cell: UInt64) {
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
    func slowRecord(_ recordStart: Int) -> Int? {
        let p = base
        if let failure = record.split(p, from: recordStart, end: total) {
            fail(
                failure.offset, line: lines + TextBytes.lineEnds(p, recordStart..<failure.offset, total: total),
                failure.message)
            return nil
        }
        // Invalid UTF-8 is reported where it is in the file, before any field check.
        if let bad = TextBytes.firstInvalidUTF8(p + recordStart, record.end - recordStart) {
            invalidUTF8(
                at: recordStart + bad,
                line: lines + TextBytes.lineEnds(p, recordStart..<(recordStart + bad), total: total))
            return nil
        }
        let found = record.fields.count
        if found != width {
            let offset = found < width ? record.end : record.fields[width].offset
            fail(
                offset, line: lines + TextBytes.lineEnds(p, recordStart..<offset, total: total),
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
                let lineBefore = lines + TextBytes.lineEnds(p, recordStart..<field.offset, total: total)
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
        let valueLine = lines + TextBytes.lineEnds(p, recordStart..<valueField.offset, total: total)
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

    func invalidUTF8(at offset: Int, line: Int) {
        fail(offset, line: line, TextBytes.invalidUTF8Message(base[offset]))
    }

    // MARK: fields

    /// The id of the cell `q` in `table`, and whether it is new there; nil
    /// (after reporting) for an empty cell or invalid UTF-8. `fileOffsets`:
    /// the bytes are the file's own (not unquoted), so an invalid UTF-8 byte
    /// can be located; the slow path checked the record already.
    @inline(__always)
    func intern(
        _ table: inout LongFormParser.InternTable, _ what: String, _ q: UnsafePointer<UInt8>, _ length: Int,
        offset: Int,
        fileOffsets: Bool, line: Int
    ) -> (id: Int32, isNew: Bool)? {
        if length == 0 {
            fail(offset, line: line, "expected \(what), found an empty cell")
            return nil
        }
        let hash = LongFormParser.InternTable.hash(q, length)
        if let id = table.find(q, length, hash) { return (id, false) }
        if fileOffsets, let bad = TextBytes.firstInvalidUTF8(q, length) {
            invalidUTF8(at: offset + bad, line: line)
            return nil
        }
        return (table.insert(q, length, hash), true)
    }

    func internEntity(
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

    func internIndicator(
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
    func readYear(_ q: UnsafePointer<UInt8>, _ length: Int, offset: Int, line: Int? = nil) -> Int? {
        let line = line ?? lines
        if let bad = TextBytes.firstInvalidUTF8(q, length) {
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
    func readValue(_ q: UnsafePointer<UInt8>, _ length: Int, offset: Int, line: Int? = nil) -> UInt64? {
        if length <= 2 {
            if length == 0 || (length == 1 && q[0] == LongFormParser.minus)
                || (length == 2
                    && ((q[0] == LongFormParser.dot && q[1] == LongFormParser.dot)
                        || (q[0] == UInt8(ascii: "N") && q[1] == UInt8(ascii: "A"))))
            {
                markers += 1
                return LongFormParser.Grid.marker
            }
        }
        if let value = LongFormParser.fastDecimal(q, length) { return value.bitPattern &+ 1 }
        let line = line ?? lines
        if let bad = TextBytes.firstInvalidUTF8(q, length) {
            invalidUTF8(at: offset + bad, line: line)
            return nil
        }
        // Everything else is `CellText`'s to read, with its messages.
        switch CellText.read(String(decoding: UnsafeBufferPointer(start: q, count: length), as: UTF8.self)) {
        case .number(let value): return value.bitPattern &+ 1
        case .missing:
            markers += 1
            return LongFormParser.Grid.marker
        case .invalid(let message): fail(offset, line: line, message)
        }
        return nil
    }

    /// Checks a value against its indicator's bounds (once both are read).
    @inline(__always)
    func checkBounds(
        _ cell: UInt64, indicator: Int32, record: Int, offset: Int? = nil, line: Int? = nil, text: String? = nil
    ) -> Bool {
        if cell == LongFormParser.Grid.marker { return true }
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
            while index < total, LongFormParser.special[Int(base[index])] == 0 { index += 1 }
            if roles[field] == .value {
                fieldOffset = fieldStart
                fieldEnd = index
                break
            }
            if index >= total || base[index] != LongFormParser.comma { break }
            index += 1
            field += 1
        }
        let shown =
            text
            ?? String(
                decoding: UnsafeBufferPointer(start: base + fieldOffset, count: fieldEnd - fieldOffset), as: UTF8.self)
        let id = indicators.string(Int(indicator))
        // Absent bounds are ±infinity here, which no finite value crosses.
        let message = BoundsMessage.violation(shown, value: value, minimum: low, maximum: high, of: id) ?? ""
        fail(offset ?? fieldOffset, line: line ?? lines, message)
        return false
    }
}
