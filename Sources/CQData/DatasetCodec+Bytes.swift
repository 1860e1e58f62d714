/// The codec's byte-level reading and writing: little-endian integers,
/// strings and arrays, each read checked against the bytes that remain.
extension DatasetCodec {
    // MARK: - bytes

    /// Appends little-endian values and length-prefixed arrays.
    struct ByteWriter {
        var bytes: [UInt8] = []
        /// The pieces before `bytes`, and their total length.
        var pieces: [Pieces.Piece] = []
        var count = 0

        mutating func finishPiece() {
            guard !bytes.isEmpty else { return }
            pieces.append(.bytes(bytes))
            count += bytes.count
            bytes = []
        }

        /// An indicator's values: its sparse form where it has one, else the
        /// dense grid; on a little-endian machine the arrays go by reference
        /// (their memory is the format).
        mutating func values(_ values: ValueBlock) {
            switch values {
            case .sparse(let sparse):
                u8(1)
                u32(UInt32(sparse.cellCount))
                u32(UInt32(sparse.present.count))
                #if _endian(little)
                    finishPiece()
                    pieces.append(.words(sparse.bitmap))
                    pieces.append(.values(sparse.present))
                    count += sparse.bitmap.count * 8 + sparse.present.count * 8
                #else
                    for word in sparse.bitmap { u64(word) }
                    for value in sparse.present { u64(value.bitPattern) }
                #endif
            case .dense(let grid):
                u8(0)
                #if _endian(little)
                    u32(UInt32(grid.count))
                    finishPiece()
                    pieces.append(.values(grid))
                    count += grid.count * 8
                #else
                    array(grid)
                #endif
            }
        }

        mutating func u8(_ value: UInt8) { bytes.append(value) }
        mutating func u32(_ value: UInt32) {
            for index in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(index)))) }
        }
        mutating func i32(_ value: Int32) { u32(UInt32(bitPattern: value)) }
        mutating func u64(_ value: UInt64) {
            for index in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
        }
        mutating func string(_ value: String) {
            u32(UInt32(value.utf8.count))
            bytes += value.utf8
        }
        /// A count then the elements' memory, in little-endian byte order.
        mutating func array<Element: BitwiseCopyable>(_ values: [Element]) {
            u32(UInt32(values.count))
            #if _endian(little)
                values.withUnsafeBytes { bytes += $0 }
            #else
                values.withUnsafeBytes { raw in
                    let size = MemoryLayout<Element>.size
                    for start in stride(from: 0, to: raw.count, by: size) {
                        bytes += raw[start..<start + size].reversed()
                    }
                }
            #endif
        }
    }

    /// Reads little-endian values, checking each against the bytes that remain.
    struct ByteReader {
        let base: UnsafeRawBufferPointer
        var offset = 0

        var remaining: Int { base.count - offset }

        func need(_ size: Int, _ what: String) throws(DecodingError) {
            guard size >= 0, size <= remaining else {
                throw DecodingError(
                    offset: offset, message: "truncated: \(what) needs \(size) bytes, but \(remaining) remain")
            }
        }
        mutating func u8(_ what: String) throws(DecodingError) -> UInt8 {
            try need(1, what)
            defer { offset += 1 }
            return base[offset]
        }
        mutating func u32(_ what: String) throws(DecodingError) -> UInt32 {
            try need(4, what)
            defer { offset += 4 }
            return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }
        mutating func i32(_ what: String) throws(DecodingError) -> Int32 {
            Int32(bitPattern: try u32(what))
        }
        mutating func u64(_ what: String) throws(DecodingError) -> UInt64 {
            try need(8, what)
            defer { offset += 8 }
            return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        /// A count of items that take at least `minimumSize` bytes each, checked
        /// against what remains before anything is allocated for them.
        mutating func count(_ what: String, minimumSize: Int) throws(DecodingError) -> Int {
            let start = offset
            let count = Int(try u32("the number of \(what)"))
            guard count <= remaining / minimumSize else {
                throw DecodingError(
                    offset: start, message: "truncated: \(count) \(what) cannot fit in \(remaining) bytes")
            }
            return count
        }
        mutating func string(_ what: String) throws(DecodingError) -> String {
            let length = Int(try u32(what))
            try need(length, what)
            let text = String(
                validating: UnsafeRawBufferPointer(rebasing: base[offset..<offset + length]), as: UTF8.self)
            guard let text else { throw DecodingError(offset: offset, message: "\(what) is not valid UTF-8") }
            offset += length
            return text
        }
        /// A u32 count that must equal `expected`, then that many elements copied in bulk.
        mutating func array<Element: BitwiseCopyable>(_ expected: Int, _ what: String) throws(DecodingError)
            -> [Element]
        {
            let start = offset
            let count = Int(try u32(what))
            guard count == expected else {
                throw DecodingError(
                    offset: start, message: "\(what): \(count) entries where the grid needs \(expected)")
            }
            let size = MemoryLayout<Element>.stride
            let (byteCount, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { throw DecodingError(offset: start, message: "\(what): too many entries") }
            try need(byteCount, what)
            defer { offset += byteCount }
            return Self.copy(count, from: UnsafeRawBufferPointer(rebasing: base[offset..<offset + byteCount]))
        }

        /// `count` little-endian elements copied in bulk from checked bytes.
        static func copy<Element: BitwiseCopyable>(_ count: Int, from source: UnsafeRawBufferPointer) -> [Element] {
            [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
                let target = UnsafeMutableRawBufferPointer(buffer)
                target.copyMemory(from: source)
                #if _endian(big)
                    let size = MemoryLayout<Element>.stride
                    for start in stride(from: 0, to: source.count, by: size) {
                        target[start..<start + size].reverse()
                    }
                #endif
                initialized = count
            }
        }
    }
}
