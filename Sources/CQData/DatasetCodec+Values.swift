/// An indicator's values in the format: dense (the grid as it is) or sparse
/// (a bitmap of the cells with a value, then those values), chosen by how
/// full the grid is; see the layout in DatasetCodec.swift.
extension DatasetCodec {
    /// How an indicator's values are written: its grid as it is, or (where
    /// at most half the cells have a value) the sparse block from `u32 k` on.
    enum ValueBlock: @unchecked Sendable {
        case dense
        case sparse([UInt8])
    }

    /// Every indicator's block, on two threads: a pass over the grid for the
    /// bitmap, then the values gathered by its set bits (16 million values
    /// in 6,000 indicators take about a tenth of a second, before a cache
    /// is written).
    static func valueBlocks(_ indicators: [Indicator]) -> [ValueBlock] {
        var blocks = [ValueBlock](repeating: .dense, count: indicators.count)
        let threads = indicators.count > 64 ? 2 : 1
        blocks.withUnsafeMutableBufferPointer { output in
            let shared = LongFormParser.SharedPointer(pointer: output.baseAddress!)
            LongFormParser.perform(threads) { thread in
                for index in stride(from: thread, to: indicators.count, by: threads) {
                    (shared.pointer + index).pointee = valueBlock(indicators[index].values)
                }
            }
        }
        return blocks
    }

    static func valueBlock(_ values: [Double]) -> ValueBlock {
        values.withUnsafeBufferPointer { cells in
            let count = cells.count
            let words = (count + 63) / 64
            var bitmap = [UInt64](repeating: 0, count: words)
            var present = 0
            for word in 0..<words {
                let first = word * 64
                var bits: UInt64 = 0
                for index in 0..<min(64, count - first) {
                    let value = cells[first + index]
                    bits |= UInt64(value == value ? 1 : 0) << UInt64(index)  // branch-free: NaN != NaN
                }
                bitmap[word] = bits
                present += bits.nonzeroBitCount
            }
            guard present * 2 <= count else { return .dense }
            let size = 8 + words * 8 + present * 8
            return .sparse(
                [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                    let output = UnsafeMutableRawBufferPointer(buffer)
                    output.storeBytes(of: UInt32(count).littleEndian, toByteOffset: 0, as: UInt32.self)
                    output.storeBytes(of: UInt32(present).littleEndian, toByteOffset: 4, as: UInt32.self)
                    var at = 8
                    for bits in bitmap {
                        output.storeBytes(of: bits.littleEndian, toByteOffset: at, as: UInt64.self)
                        at += 8
                    }
                    for (word, wordBits) in bitmap.enumerated() {
                        var bits = wordBits
                        while bits != 0 {
                            let value = cells[word * 64 + bits.trailingZeroBitCount]
                            output.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: at, as: UInt64.self)
                            at += 8
                            bits &= bits - 1
                        }
                    }
                    initialized = size
                })
        }
    }
}

extension DatasetCodec {
    /// Where an indicator's values are in the bytes, checked: every count,
    /// and for a sparse block that its bitmap marks exactly the values it
    /// holds and nothing past the grid, so laying the grid out cannot fail.
    struct ValueSpan {
        var cells: Int
        /// Dense: the values; sparse: the bitmap, the values after it.
        var offset: Int
        /// nil for a dense grid.
        var present: Int?
    }

    /// The indicators' grids from their spans, on two threads for many.
    static func fillGrids(_ indicators: inout [Indicator], spans: [ValueSpan], from bytes: UnsafeRawBufferPointer) {
        let threads = indicators.count > 64 ? 2 : 1
        let base = SharedBytes(bytes: bytes)
        indicators.withUnsafeMutableBufferPointer { output in
            let shared = LongFormParser.SharedPointer(pointer: output.baseAddress!)
            LongFormParser.perform(threads) { thread in
                for index in stride(from: thread, to: spans.count, by: threads) {
                    (shared.pointer + index).pointee.values = grid(spans[index], in: base.bytes)
                }
            }
        }
    }

    struct SharedBytes: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
    }

    /// A checked span's grid.
    static func grid(_ span: ValueSpan, in base: UnsafeRawBufferPointer) -> [Double] {
        let count = span.cells
        guard let present = span.present else {
            return ByteReader.copy(
                count, from: UnsafeRawBufferPointer(rebasing: base[span.offset..<span.offset + count * 8]))
        }
        let words = (count + 63) / 64
        let bitmap = span.offset
        let source = base.baseAddress! + bitmap + words * 8
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Every cell missing, then each value to its cell: the loop
            // visits the values, not the cells (a quarter of them, say).
            buffer.initialize(repeating: .nan)
            let cells = buffer.baseAddress!
            var next = 0
            for word in 0..<words {
                var bits = UInt64(
                    littleEndian: base.loadUnaligned(fromByteOffset: bitmap + word * 8, as: UInt64.self))
                let first = word * 64
                while bits != 0 {
                    let pattern = UInt64(
                        littleEndian: source.loadUnaligned(fromByteOffset: next * 8, as: UInt64.self))
                    cells[first + bits.trailingZeroBitCount] = Double(bitPattern: pattern)
                    next += 1
                    bits &= bits - 1
                }
            }
            precondition(next == present, "a checked span holds its count of values")
            initialized = count
        }
    }
}

extension DatasetCodec.ByteReader {
    /// An indicator's values, checked and passed over (see `ValueSpan`).
    mutating func valueSpan(_ expected: Int, _ what: String) throws(DatasetCodec.DecodingError)
        -> DatasetCodec.ValueSpan
    {
        let formOffset = offset
        let form = try u8(what)
        guard form <= 1 else {
            throw DatasetCodec.DecodingError(offset: formOffset, message: "\(what): unknown form \(form)")
        }
        let start = offset
        let count = Int(try u32(what))
        guard count == expected else {
            throw DatasetCodec.DecodingError(
                offset: start, message: "\(what): \(count) entries where the grid needs \(expected)")
        }
        if form == 0 {
            let (byteCount, overflow) = count.multipliedReportingOverflow(by: 8)
            guard !overflow else {
                throw DatasetCodec.DecodingError(offset: start, message: "\(what): too many entries")
            }
            try need(byteCount, what)
            defer { offset += byteCount }
            return DatasetCodec.ValueSpan(cells: count, offset: offset, present: nil)
        }
        let present = Int(try u32(what))
        let words = (count + 63) / 64
        try need(words * 8, what)
        let bitmap = offset
        var marked = 0
        for word in 0..<words {
            let bits = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bitmap + word * 8, as: UInt64.self))
            marked += bits.nonzeroBitCount
            let valid = count - word * 64
            if valid < 64, bits >> UInt64(valid) != 0 {
                throw DatasetCodec.DecodingError(
                    offset: bitmap + word * 8, message: "\(what): a value marked past the grid")
            }
        }
        guard marked == present else {
            throw DatasetCodec.DecodingError(
                offset: bitmap, message: "\(what): the bitmap marks \(marked) values, the count says \(present)")
        }
        offset += words * 8
        try need(present * 8, what)
        offset += present * 8
        return DatasetCodec.ValueSpan(cells: count, offset: bitmap, present: present)
    }
}
