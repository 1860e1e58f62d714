/// An indicator's values in the format: dense (the grid as it is) or sparse
/// (a bitmap of the cells with a value, then those values), chosen by how
/// full the grid is; see the layout in DatasetCodec.swift.
extension DatasetCodec {
    /// How an indicator's values are written: its grid as it is, or (where
    /// at most half the cells have a value) its sparse form.
    enum ValueBlock: Sendable {
        case dense([Double])
        case sparse(SparseGrid)
    }

    /// Every indicator's block. A sparse indicator is written as it is held;
    /// a dense grid is looked at for its sparse form, on two threads (16
    /// million values in 6,000 indicators take about a tenth of a second).
    static func valueBlocks(_ indicators: [Indicator]) -> [ValueBlock] {
        var blocks = [ValueBlock](repeating: .dense([]), count: indicators.count)
        let threads = indicators.count > 64 ? 2 : 1
        blocks.withUnsafeMutableBufferPointer { output in
            let shared = LongFormParser.SharedPointer(pointer: output.baseAddress!)
            LongFormParser.perform(threads) { thread in
                for index in stride(from: thread, to: indicators.count, by: threads) {
                    (shared.pointer + index).pointee = valueBlock(indicators[index].storage)
                }
            }
        }
        return blocks
    }

    /// The canonical block of some values: sparse exactly when at most half
    /// the cells have a value, however they are held.
    static func valueBlock(_ storage: Indicator.Storage) -> ValueBlock {
        switch storage {
        case .sparse(let sparse) where sparse.present.count * 2 <= sparse.cellCount:
            return .sparse(sparse)
        case .sparse(let sparse):
            return .dense(sparse.dense)
        case .dense(let grid):
            return SparseGrid(grid: grid).map { .sparse($0) } ?? .dense(grid)
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

    /// The indicators' values from their spans, on two threads for many:
    /// a dense grid copied, a sparse block copied as it is (`SparseGrid`).
    /// Throws for a sparse block that holds a NaN among its values (the
    /// bitmap is what marks a cell missing).
    static func fillValues(_ indicators: inout [Indicator], spans: [ValueSpan], from bytes: UnsafeRawBufferPointer)
        throws(DecodingError)
    {
        let threads = indicators.count > 64 ? 2 : 1
        let base = LongFormParser.SharedBytes(bytes: bytes)
        var holdsNaN = [Bool](repeating: false, count: spans.count)
        indicators.withUnsafeMutableBufferPointer { output in
            holdsNaN.withUnsafeMutableBufferPointer { flags in
                let shared = LongFormParser.SharedPointer(pointer: output.baseAddress!)
                let sharedFlags = LongFormParser.SharedPointer(pointer: flags.baseAddress!)
                LongFormParser.perform(threads) { thread in
                    for index in stride(from: thread, to: spans.count, by: threads) {
                        let (storage, clean) = values(spans[index], in: base.bytes)
                        (shared.pointer + index).pointee.storage = storage
                        (sharedFlags.pointer + index).pointee = !clean
                    }
                }
            }
        }
        if let bad = holdsNaN.firstIndex(of: true) {
            throw DecodingError(
                offset: spans[bad].offset,
                message: "the values of indicator `\(indicators[bad].id)`: a sparse block holds a NaN")
        }
    }

    /// A checked span's values, and whether a sparse block's values are all
    /// numbers.
    static func values(_ span: ValueSpan, in base: UnsafeRawBufferPointer) -> (Indicator.Storage, clean: Bool) {
        let count = span.cells
        guard let present = span.present else {
            return (
                .dense(
                    ByteReader.copy(
                        count, from: UnsafeRawBufferPointer(rebasing: base[span.offset..<span.offset + count * 8]))),
                true
            )
        }
        let words = (count + 63) / 64
        let bitmap: [UInt64] = ByteReader.copy(
            words, from: UnsafeRawBufferPointer(rebasing: base[span.offset..<span.offset + words * 8]))
        let first = span.offset + words * 8
        let values: [Double] = ByteReader.copy(
            present, from: UnsafeRawBufferPointer(rebasing: base[first..<first + present * 8]))
        var notANumber = 0
        for value in values { notANumber |= value != value ? 1 : 0 }  // branch-free
        return (.sparse(SparseGrid(cellCount: count, bitmap: bitmap, present: values)), notANumber == 0)
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
