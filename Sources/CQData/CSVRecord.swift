/// One CSV record: its fields and the byte offset where each starts (at its
/// opening quote, if quoted), kept so any later check can point at the cell.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    public var offsets: [Int]
    /// The offset just past the last field, before the line end.
    public var end: Int

    public init(fields: [String], offsets: [Int], end: Int) {
        self.fields = fields
        self.offsets = offsets
        self.end = end
    }
}
