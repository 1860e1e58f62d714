/// What every reader of a text file needs to know about its first bytes:
/// the UTF-8 byte order mark that spreadsheet programs and some editors
/// write, and the blank lines some exports put before the header. One
/// definition for the CSV readers, the format detector, the long-form
/// parser, the WDI preamble and the script reader.
public enum TextBytes {
    /// The UTF-8 encoding of U+FEFF.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// 3 when the bytes start with a UTF-8 byte order mark, else 0. Positions
    /// after it are still counted from the real start of the file.
    public static func byteOrderMarkLength<Bytes: Sequence>(_ bytes: Bytes) -> Int where Bytes.Element == UInt8 {
        bytes.starts(with: byteOrderMark) ? 3 : 0
    }

    /// The first index at or after `start` that is not a CR or LF.
    public static func skippingLineEnds<Bytes: RandomAccessCollection>(
        _ bytes: Bytes, from start: Bytes.Index
    ) -> Bytes.Index where Bytes.Element == UInt8 {
        var index = start
        while index < bytes.endIndex, bytes[index] == UInt8(ascii: "\r") || bytes[index] == UInt8(ascii: "\n") {
            index = bytes.index(after: index)
        }
        return index
    }

    /// The offset of the first byte that is not well-formed UTF-8 (overlong
    /// forms and surrogates included), or nil. Pure ASCII is checked first,
    /// a word at a time, as most data files are.
    public static func firstInvalidUTF8<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> Int?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var any: UInt8 = 0
        for byte in bytes { any |= byte }
        if any < 0x80 { return nil }
        let count = bytes.endIndex
        var index = bytes.startIndex
        while index < count {
            let lead = bytes[index]
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
                let byte = bytes[index + k]
                if byte < low || byte > high { return index }
                low = 0x80
                high = 0xBF
            }
            index += trailing + 1
        }
        return nil
    }
}
