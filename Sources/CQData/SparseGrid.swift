import Glibc

/// The values of a patchy indicator: which cells of the country × year grid
/// have a value (a bitmap) and those values in cell order, the rest missing.
///
/// A file of thousands of indicators, each with values for a few countries
/// or years, is mostly missing cells: 16 million values in a 760 MB grid.
/// Held like this, the dataset costs the memory of its values; the loaders
/// build it so (`LongFormParser.Values.take`) and a cache file stores it as
/// it is, so neither a load nor a reload lays out hundreds of megabytes of
/// NaN. The dense grid the statements read is laid out when `dense` is first
/// asked for, once, and kept: its cost is paid by the indicators a session
/// uses, not by the ones it loads.
public final class SparseGrid: @unchecked Sendable {
    /// The cells of the dense grid.
    public let cellCount: Int
    /// Bit `cell % 64` of word `cell / 64` is set when the cell has a value;
    /// no bit past `cellCount`.
    public let bitmap: [UInt64]
    /// The values of the set bits, in cell order; never NaN.
    public let present: [Double]

    /// Guards `laidOut`: statements on other threads may ask for the grid.
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private var laidOut: [Double]?

    /// A bitmap and its values; the caller has checked that the bitmap has
    /// `present.count` bits set, none past `cellCount`.
    init(cellCount: Int, bitmap: [UInt64], present: [Double]) {
        precondition(bitmap.count == (cellCount + 63) / 64, "SparseGrid: one bit per cell")
        self.cellCount = cellCount
        self.bitmap = bitmap
        self.present = present
        lock = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// The sparse form of a grid where at most half its cells have a value
    /// (beyond that the bitmap and the values take more room than the grid);
    /// nil otherwise.
    public convenience init?(grid: UnsafeBufferPointer<Double>) {
        guard let (bitmap, present) = Self.parts(of: grid) else { return nil }
        self.init(cellCount: grid.count, bitmap: bitmap, present: present)
    }

    public convenience init?(grid: [Double]) {
        guard let (bitmap, present) = grid.withUnsafeBufferPointer(Self.parts(of:)) else { return nil }
        self.init(cellCount: grid.count, bitmap: bitmap, present: present)
    }

    /// One pass for the bitmap, branch-free within a word, stopped as soon
    /// as more than half the cells have a value (a full grid is looked at
    /// only halfway), then the values gathered by its set bits.
    private static func parts(of grid: UnsafeBufferPointer<Double>) -> (bitmap: [UInt64], present: [Double])? {
        let count = grid.count
        let words = (count + 63) / 64
        var marked = 0
        let bitmap = [UInt64](unsafeUninitializedCapacity: words) { output, initialized in
            for word in 0..<words {
                let first = word * 64
                var bits: UInt64 = 0
                for index in 0..<min(64, count - first) {
                    let value = grid[first + index]
                    bits |= UInt64(value == value ? 1 : 0) << UInt64(index)  // NaN != NaN
                }
                output[word] = bits
                initialized = word + 1
                marked += bits.nonzeroBitCount
                if marked * 2 > count { return }
            }
        }
        guard marked * 2 <= count else { return nil }
        let present = [Double](unsafeUninitializedCapacity: marked) { output, initialized in
            forEachSetBit(of: bitmap) { cell, next in output[next] = grid[cell] }
            initialized = marked
        }
        return (bitmap, present)
    }

    /// Calls `body` with each set bit's cell and its rank among the set
    /// bits (the index of its value in `present`), in cell order.
    @inline(__always)
    static func forEachSetBit(of bitmap: [UInt64], _ body: (_ cell: Int, _ rank: Int) -> Void) {
        var rank = 0
        for (word, wordBits) in bitmap.enumerated() {
            var bits = wordBits
            while bits != 0 {
                body(word * 64 + bits.trailingZeroBitCount, rank)
                rank += 1
                bits &= bits - 1
            }
        }
    }

    /// The dense grid: NaN where a cell has no value. Laid out on first use
    /// and kept.
    public var dense: [Double] {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        if let laidOut { return laidOut }
        let grid = layOut()
        laidOut = grid
        return grid
    }

    /// Whether the dense grid has been laid out (for tests and for the
    /// figures of memory).
    public var isLaidOut: Bool {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return laidOut != nil
    }

    /// Whether a cell has a value, without laying the grid out.
    @inline(__always)
    public func hasValue(atCell cell: Int) -> Bool {
        bitmap[cell >> 6] >> UInt64(cell & 63) & 1 != 0
    }

    private func layOut() -> [Double] {
        [Double](unsafeUninitializedCapacity: cellCount) { cells, initialized in
            // Every cell missing, then each value to its cell: the loop
            // visits the values, not the cells.
            cells.initialize(repeating: .nan)
            present.withUnsafeBufferPointer { values in
                Self.forEachSetBit(of: bitmap) { cell, rank in cells[cell] = values[rank] }
            }
            initialized = cellCount
        }
    }
}
