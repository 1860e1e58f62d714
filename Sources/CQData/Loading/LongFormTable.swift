/// A long-form table — one row per observation: entity, indicator, year,
/// value — as parallel arrays. This is the shape of the cq layout's
/// observations.csv and of long plain tables, and of the large files the
/// benchmarks generate.
///
/// `LongFormTable.parse` is the one step that turns bytes into these arrays;
/// everything after it (mapping entities to countries, checking codes and
/// bounds, building grids) works on the arrays. A faster parser can replace
/// `parse` as long as it returns the same arrays and throws the same errors.
struct LongFormColumns {
    /// Distinct entity texts, in the order first seen; `entityOfRow` indexes them.
    var entityKeys: [String] = []
    var entityOfRow: [Int32] = []
    /// Distinct indicator texts, in the order first seen.
    var indicatorKeys: [String] = []
    var indicatorOfRow: [Int32] = []
    var years: [Int32] = []
    /// NaN for a missing-value marker.
    var values: [Double] = []
    /// Cells holding a missing-value marker.
    var missingMarkers = 0
    /// The byte offset where each row starts, to point errors found later
    /// (a duplicate, an unknown code) at their line.
    var rowOffsets: [Int] = []
    /// The reader the offsets belong to (for positions and for finding a cell
    /// of a row again).
    var reader: CSVReader

    var rowCount: Int { years.count }
}

/// Which columns of a long-form table hold what. `entity` and `year` are
/// optional: without an entity every row belongs to one pseudo-entity, without
/// a year every row is in the one undated year.
struct LongFormLayout {
    var entity: Int?
    var indicator: Int
    var year: Int?
    var value: Int
    /// Entity text for rows of a table without an entity column.
    var defaultEntity: String = TableLoader.allRowsEntity
    var defaultYear: Int = DatasetLoader.undatedYear
}

enum LongFormTable {
    /// Parses a long-form CSV (header included) into columns: checks the CSV
    /// structure, reads every year and value, and counts missing markers. An
    /// empty entity or indicator cell is an error here; whether an entity or
    /// indicator is *known* is for the caller.
    ///
    /// This is the swappable parsing step (see `LongFormColumns`).
    static func parse(_ bytes: [UInt8], file: String, layout: LongFormLayout) throws(DataLoadError) -> LongFormColumns {
        let table = try CSVReader(bytes, file: file).read()
        var result = LongFormColumns(reader: table.reader)
        let count = table.records.count
        result.entityOfRow.reserveCapacity(count)
        result.indicatorOfRow.reserveCapacity(count)
        result.years.reserveCapacity(count)
        result.values.reserveCapacity(count)
        result.rowOffsets.reserveCapacity(count)
        var entityIndex: [String: Int32] = [:]
        var indicatorIndex: [String: Int32] = [:]
        var markers = 0
        for record in table.records.indices {
            let entity: String
            if let column = layout.entity {
                entity = try table.nonEmpty(record, column, "a country code")
            } else {
                entity = layout.defaultEntity
            }
            let indicator = try table.nonEmpty(record, layout.indicator, "an indicator")
            let year =
                try layout.year.map { column throws(DataLoadError) in try table.cellYear(record, column) }
                ?? layout.defaultYear
            let value = try table.cellValue(record, layout.value, markers: &markers)
            if let known = entityIndex[entity] {
                result.entityOfRow.append(known)
            } else {
                let index = Int32(result.entityKeys.count)
                entityIndex[entity] = index
                result.entityKeys.append(entity)
                result.entityOfRow.append(index)
            }
            if let known = indicatorIndex[indicator] {
                result.indicatorOfRow.append(known)
            } else {
                let index = Int32(result.indicatorKeys.count)
                indicatorIndex[indicator] = index
                result.indicatorKeys.append(indicator)
                result.indicatorOfRow.append(index)
            }
            result.years.append(Int32(year))
            result.values.append(value ?? .nan)
            result.rowOffsets.append(table.records[record].offsets[0])
        }
        result.missingMarkers = markers
        return result
    }

    /// The byte offset of field `field` of the row starting at `rowOffset`
    /// (quotes respected), to point an error found after parsing at its cell.
    static func fieldOffset(_ bytes: [UInt8], rowOffset: Int, field: Int) -> Int {
        // The row was read without error, so it splits again.
        var record = RFC4180Record()
        _ = bytes.withUnsafeBufferPointer { record.split($0.baseAddress!, from: rowOffset, end: $0.count) }
        return field < record.fields.count ? record.fields[field].offset : record.end
    }
}
