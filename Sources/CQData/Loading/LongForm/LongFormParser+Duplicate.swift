extension LongFormParser {
    /// Re-reads the body for the first two records of an observation that
    /// occurs twice: the error is at the second, naming the line of the first.
    static func duplicateError(
        _ base: UnsafePointer<UInt8>, total: Int, bodyOffset: Int, file: String, columns: Columns, locator: Locator,
        entity: String, indicator: String, year: Int
    ) -> DataLoadError {
        let entityBytes = Array(entity.utf8)
        let indicatorBytes = Array(indicator.utf8)
        var record = RFC4180Record()
        var index = bodyOffset
        var line = 1 + TextBytes.lineEnds(base, 0..<bodyOffset, total: total)
        var firstLine: Int?
        while index < total {
            let byte = base[index]
            if byte == lf || byte == cr {
                line += 1
                index += byte == cr && index + 1 < total && base[index + 1] == lf ? 2 : 1
                continue
            }
            if record.split(base, from: index, end: total) != nil { break }
            let matches = record.text.withUnsafeBufferPointer { text -> Bool in
                guard record.fields.count == columns.width else { return false }
                func field(_ column: Int) -> UnsafeBufferPointer<UInt8> {
                    let field = record.fields[column]
                    return UnsafeBufferPointer(rebasing: text[field.textStart..<field.textStart + field.length])
                }
                guard field(columns.entity).elementsEqual(entityBytes),
                    field(columns.indicator).elementsEqual(indicatorBytes)
                else { return false }
                let yearText = field(columns.year)
                return yearText.allSatisfy { $0 >= zero && $0 <= zero + 9 }
                    && Int(String(decoding: yearText, as: UTF8.self)) == year
            }
            if matches {
                if let firstLine {
                    let offset = record.fields[0].offset
                    return DataLoadError(
                        file: file, line: line, column: locator.column(of: offset),
                        message:
                            "duplicate observation: \(entity) \(indicator) \(year) is already given on line \(firstLine)"
                    )
                }
                firstLine = line
            }
            line += record.innerLines + (record.next > record.end ? 1 : 0)
            index = record.next
        }
        // Not reached for a real duplicate; say what is known rather than trap.
        return DataLoadError(
            file: file, line: 0, column: 0, message: "duplicate observation: \(entity) \(indicator) \(year)")
    }
}
