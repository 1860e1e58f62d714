/// An indicator: what it measures, where it comes from, and its values
/// over the dataset's country × year grid, held densely or (for a patchy
/// one) as a `SparseGrid`.
public struct Indicator: Sendable, Equatable {
    /// The identifier used in queries, e.g. "gdp_per_capita".
    public var id: String
    public var label: String
    /// The unit as published, e.g. "current US$", "% of GDP", "score 1-7".
    public var unit: String
    /// The kind from the metadata: score, index, usd, percent, count, …
    public var kind: String
    /// Bounds of valid values, where the indicator has them.
    public var minimum: Double?
    public var maximum: Double?
    public var source: String
    public var license: String
    public var url: String
    public var note: String
    /// How the values are held: the dense grid, or a patchy indicator's
    /// values and the bitmap of their cells (`SparseGrid`).
    public enum Storage: Sendable {
        case dense([Double])
        case sparse(SparseGrid)
    }

    public internal(set) var storage: Storage

    /// One value per cell of the country × year grid; `.nan` marks a missing
    /// observation (an absent row in the source, never a zero). A sparse
    /// indicator's grid is laid out on first use (see `settled`).
    public var values: [Double] {
        get {
            switch storage {
            case .dense(let grid): return grid
            case .sparse(let sparse): return sparse.dense
            }
        }
        set { storage = .dense(newValue) }
        _modify {
            // Take the grid out, so the caller changes the only copy.
            var grid = takeGrid()
            defer { storage = .dense(grid) }
            yield &grid
        }
    }

    private mutating func takeGrid() -> [Double] {
        let grid = values
        storage = .dense([])
        return grid
    }

    /// The indicator with its grid laid out, so a statement's loops read an
    /// array rather than ask a sparse grid, which locks, at every cell.
    public var settled: Indicator {
        guard case .sparse(let sparse) = storage else { return self }
        var copy = self
        copy.storage = .dense(sparse.dense)
        return copy
    }

    /// Whether a cell has a value, without laying out a sparse grid.
    public func hasValue(atCell cell: Int) -> Bool {
        switch storage {
        case .dense(let grid): return !grid[cell].isNaN
        case .sparse(let sparse): return sparse.hasValue(atCell: cell)
        }
    }

    /// Calls `body` with each cell that has a value, in cell order, without
    /// laying out a sparse grid.
    public func forEachCellWithValue(_ body: (Int) -> Void) {
        switch storage {
        case .dense(let grid):
            for cell in grid.indices where !grid[cell].isNaN { body(cell) }
        case .sparse(let sparse):
            SparseGrid.forEachSetBit(of: sparse.bitmap) { cell, _ in body(cell) }
        }
    }

    /// Sets the bit of each cell that has a value in `bitmap` (bit
    /// `cell % 64` of word `cell / 64`), leaving the others as they are:
    /// a sparse grid's bitmap is or-ed in a word at a time.
    public func markCellsWithValue(in bitmap: inout [UInt64]) {
        switch storage {
        case .dense(let grid):
            precondition(bitmap.count * 64 >= grid.count, "markCellsWithValue: a bit per cell")
            for cell in grid.indices where !grid[cell].isNaN { bitmap[cell >> 6] |= 1 << UInt64(cell & 63) }
        case .sparse(let sparse):
            precondition(bitmap.count >= sparse.bitmap.count, "markCellsWithValue: a bit per cell")
            for word in sparse.bitmap.indices { bitmap[word] |= sparse.bitmap[word] }
        }
    }

    /// The number of cells with a value, without laying out a sparse grid.
    public var observationCount: Int {
        switch storage {
        case .dense(let grid): return grid.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }
        case .sparse(let sparse): return sparse.present.count
        }
    }

    public init(
        id: String, label: String, unit: String, kind: String,
        minimum: Double?, maximum: Double?,
        source: String, license: String, url: String, note: String,
        values: [Double]
    ) {
        self.id = id
        self.label = label
        self.unit = unit
        self.kind = kind
        self.minimum = minimum
        self.maximum = maximum
        self.source = source
        self.license = license
        self.url = url
        self.note = note
        self.storage = .dense(values)
    }

    public init(
        id: String, label: String, unit: String, kind: String,
        minimum: Double?, maximum: Double?,
        source: String, license: String, url: String, note: String,
        sparse: SparseGrid
    ) {
        self.init(
            id: id, label: label, unit: unit, kind: kind, minimum: minimum, maximum: maximum,
            source: source, license: license, url: url, note: note, values: [])
        self.storage = .sparse(sparse)
    }

    public static func == (a: Indicator, b: Indicator) -> Bool {
        // NaN marks missing values, so compare bit patterns, not with `==`
        // (-0.0 is not 0.0); any NaN is missing (a sparse grid lays out the
        // standard one).
        a.id == b.id && a.label == b.label && a.unit == b.unit && a.kind == b.kind
            && a.minimum == b.minimum && a.maximum == b.maximum && a.source == b.source
            && a.license == b.license && a.url == b.url && a.note == b.note
            && sameValues(a, b)
    }

    private static func sameValues(_ a: Indicator, _ b: Indicator) -> Bool {
        if case .sparse(let x) = a.storage, case .sparse(let y) = b.storage {
            return x.cellCount == y.cellCount && x.bitmap == y.bitmap
                && x.present.count == y.present.count
                && zip(x.present, y.present).allSatisfy { $0.bitPattern == $1.bitPattern }
        }
        let (x, y) = (a.values, b.values)
        return x.count == y.count && zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern || $0.isNaN && $1.isNaN }
    }
}
