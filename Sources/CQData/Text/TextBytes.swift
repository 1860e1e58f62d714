/// The byte-level facts about text files every reader needs, stated once:
/// the UTF-8 byte order mark, line ends (LF, CRLF or a lone CR, counted as
/// one line end each), and UTF-8 validity. Readers of all sizes use these —
/// `CSVReader`, the WDI preamble, format detection, the parallel long-form
/// parser — so a file's lines and columns are the same whichever one reports.
public enum TextBytes {
    static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// 3 when the bytes start with a UTF-8 byte order mark (which spreadsheet
    /// programs write and which is not part of the first field), else 0.
    public static func byteOrderMarkLength<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int {
        bytes.starts(with: byteOrderMark) ? byteOrderMark.count : 0
    }

    /// Where the first line with content starts: after the byte order mark
    /// and any empty lines (editors leave them; none is a record).
    static func contentStart<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Int where Bytes.Index == Int {
        var index = bytes.startIndex + byteOrderMarkLength(bytes)
        while index < bytes.endIndex, isLineEnd(bytes[index]) { index += 1 }
        return index - bytes.startIndex
    }

    @inline(__always)
    static func isLineEnd(_ byte: UInt8) -> Bool { byte == lf || byte == cr }

    /// The end of the line starting at `from`: the offset of its CR or LF, or `end`.
    static func lineEnd(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
        var index = from
        while index < end, p[index] != lf, p[index] != cr { index += 1 }
        return index
    }

    /// The offset just after the line end at `index` (CRLF taken as one), or
    /// `index` itself when there is none there.
    @inline(__always)
    static func afterLineEnd(_ p: UnsafePointer<UInt8>, _ index: Int, _ end: Int) -> Int {
        guard index < end, isLineEnd(p[index]) else { return index }
        return p[index] == cr && index + 1 < end && p[index + 1] == lf ? index + 2 : index + 1
    }

    /// The start of the line after the one containing `offset` (or `end`).
    static func nextLineStart(_ p: UnsafePointer<UInt8>, _ offset: Int, _ end: Int) -> Int {
        afterLineEnd(p, lineEnd(p, offset, end), end)
    }

    /// Whether the byte at `index` ends a line: an LF, or a CR not followed
    /// by an LF (the LF of a CRLF ends it), so a CRLF counts once.
    @inline(__always)
    static func endsLine(_ p: UnsafePointer<UInt8>, _ index: Int, total: Int) -> Bool {
        let byte = p[index]
        return byte == lf || (byte == cr && (index + 1 >= total || p[index + 1] != lf))
    }

    /// The line ends in a range of a text of `total` bytes.
    static func lineEnds(_ p: UnsafePointer<UInt8>, _ range: Range<Int>, total: Int) -> Int {
        var count = 0
        for index in range where endsLine(p, index, total: total) { count += 1 }
        return count
    }

    /// The offset of the first byte that is not part of well-formed UTF-8
    /// (no overlongs, no surrogates, nothing above U+10FFFF), or nil. ASCII,
    /// the common case, is passed over eight bytes at a time: a file with
    /// one "Côte d’Ivoire" in it used to be decoded byte by byte.
    static func firstInvalidUTF8(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var index = 0
        while index < count {
            while index + 8 <= count,
                UnsafeRawPointer(p + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
            guard index < count else { break }
            let lead = p[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let trailing: Int
            // The allowed range of the first continuation byte narrows for the
            // leads whose full range would admit overlongs or surrogates.
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: trailing = 1
            case 0xE0:
                trailing = 2
                low = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: trailing = 2
            case 0xED:
                trailing = 2
                high = 0x9F
            case 0xF0:
                trailing = 3
                low = 0x90
            case 0xF1...0xF3: trailing = 3
            case 0xF4:
                trailing = 3
                high = 0x8F
            default: return index
            }
            for k in 1...trailing {
                guard index + k < count else { return index }
                let byte = p[index + k]
                if byte < low || byte > high { return index }
                low = 0x80
                high = 0xBF
            }
            index += trailing + 1
        }
        return nil
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { firstInvalidUTF8($0, buffer.count) }
        }
    }

    /// The message for an invalid byte, the same from every reader.
    static func invalidUTF8Message(_ byte: UInt8) -> String {
        "invalid UTF-8 (byte 0x\(hex(byte)))"
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
