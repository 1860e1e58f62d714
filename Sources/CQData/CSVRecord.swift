/// One CSV record: its fields and the byte offset where each starts (at its
/// opening quote, if quoted), kept so any later check can point at the cell.
package struct CSVRecord: Sendable, Equatable {
    package var fields: [String]
    package var offsets: [Int]
    /// The offset just past the last field, before the line end.
    package var end: Int

    package init(fields: [String], offsets: [Int], end: Int) {
        self.fields = fields
        self.offsets = offsets
        self.end = end
    }
}
