import CZlib

/// The entries of a zip archive (an Excel workbook is one), read from its
/// central directory; stored and deflated entries are supported, which is
/// what spreadsheet programs write. Zip64 and encryption are refused with a
/// message, never misread.
struct ZipArchive {
    struct Entry {
        var name: String
        var method: Int
        var compressedSize: Int
        var size: Int
        var localHeader: Int
        var encrypted: Bool
    }

    struct Failure: Error {
        var message: String
    }

    let bytes: [UInt8]
    private(set) var entries: [String: Entry] = [:]

    init(_ bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        // The end-of-central-directory record: its signature, searched from
        // the end (a comment of up to 65535 bytes may follow it).
        var end = -1
        var index = bytes.count - 22
        while index >= max(0, bytes.count - 22 - 65535) {
            if u32(index) == 0x0605_4B50 {
                end = index
                break
            }
            index -= 1
        }
        guard end >= 0 else { throw Failure(message: "not a zip archive: no central directory") }
        let count = Int(u16(end + 10))
        var offset = Int(u32(end + 16))
        if count == 0xFFFF || offset == 0xFFFF_FFFF {
            throw Failure(message: "a zip64 archive, which cq does not read; save the workbook again")
        }
        for _ in 0..<count {
            guard offset + 46 <= bytes.count, u32(offset) == 0x0201_4B50 else {
                throw Failure(message: "a damaged zip archive: its central directory is cut short")
            }
            let nameLength = Int(u16(offset + 28))
            let extra = Int(u16(offset + 30))
            let comment = Int(u16(offset + 32))
            guard offset + 46 + nameLength <= bytes.count else {
                throw Failure(message: "a damaged zip archive: an entry's name runs past its end")
            }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            entries[name] = Entry(
                name: name, method: Int(u16(offset + 10)), compressedSize: Int(u32(offset + 20)),
                size: Int(u32(offset + 24)), localHeader: Int(u32(offset + 42)),
                encrypted: u16(offset + 8) & 1 == 1)
            offset += 46 + nameLength + extra + comment
        }
    }

    /// The bytes of an entry, inflated.
    func data(_ name: String) throws(Failure) -> [UInt8]? {
        guard let entry = entries[name] else { return nil }
        guard !entry.encrypted else { throw Failure(message: "an encrypted workbook; save it without a password") }
        let header = entry.localHeader
        guard header + 30 <= bytes.count, u32(header) == 0x0403_4B50 else {
            throw Failure(message: "a damaged zip archive: `\(name)` has no local header")
        }
        let start = header + 30 + Int(u16(header + 26)) + Int(u16(header + 28))
        guard start + entry.compressedSize <= bytes.count else {
            throw Failure(message: "a damaged zip archive: `\(name)` is cut short")
        }
        let compressed = Array(bytes[start..<(start + entry.compressedSize)])
        switch entry.method {
        case 0: return compressed
        case 8: return try Self.inflate(compressed, size: entry.size, name: name)
        default: throw Failure(message: "`\(name)` is compressed by method \(entry.method), which cq does not read")
        }
    }

    /// Raw deflate, by the system zlib.
    private static func inflate(_ input: [UInt8], size: Int, name: String) throws(Failure) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: max(size, 1))
        var stream = z_stream()
        var status = inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(message: "zlib could not start inflating `\(name)`") }
        defer { inflateEnd(&stream) }
        var input = input
        status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else {
            throw Failure(message: "`\(name)` does not inflate to its recorded size: the workbook is damaged")
        }
        return output
    }

    private func u16(_ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private func u32(_ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }
}
