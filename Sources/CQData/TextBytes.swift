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
}
