/// A named piece of cq source text: a script file, an `-e` argument, a REPL line.
///
/// Positions inside it are UTF-8 byte offsets (`SourceRange`); line and column
/// are derived from a table of line starts, never by searching the text, so a
/// repeated line or a country name with accents cannot shift a caret.
public final class SourceFile: Sendable {
    public let name: String
    public let text: String
    public let utf8: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    private let lineStarts: [Int]

    /// The line number of the text's first line: 1 for a whole file, more
    /// for an excerpt (a data file's offending line, quoted in a diagnostic).
    public let firstLine: Int

    public init(name: String, text: String, firstLine: Int = 1) {
        self.name = name
        self.text = text
        self.firstLine = firstLine
        let bytes = Array(text.utf8)
        self.utf8 = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    public var lineCount: Int { lineStarts.count }

    /// 1-based line and column of a byte offset. The column counts characters
    /// (grapheme clusters), which is what an editor shows, not bytes.
    public func location(of offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, utf8.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let lineStart = lineStarts[low]
        let prefix = decode(lineStart..<clamped)
        return SourceLocation(line: low + firstLine, column: prefix.count + 1)
    }

    /// The text of a 1-based line, without its line terminator.
    public func lineText(_ numbered: Int) -> String {
        let line = numbered - firstLine + 1
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : utf8.count
        if end > start, utf8[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return decode(start..<max(start, end))
    }

    /// The source text of a range, e.g. to quote the user's own spelling.
    public func text(of range: SourceRange) -> String {
        let start = max(0, min(range.start, utf8.count))
        let end = max(start, min(range.end, utf8.count))
        return decode(start..<end)
    }

    private func decode(_ bytes: Range<Int>) -> String {
        // Offsets come from the lexer and always fall on scalar boundaries;
        // repairing decoding keeps even a bad offset from trapping.
        String(decoding: utf8[bytes], as: UTF8.self)
    }
}

/// A half-open range of UTF-8 byte offsets in one `SourceFile`.
public struct SourceRange: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public static func empty(at offset: Int) -> SourceRange {
        SourceRange(start: offset, end: offset)
    }

    /// The smallest range covering both.
    public func joined(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    public var isEmpty: Bool { start == end }
}

public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}
