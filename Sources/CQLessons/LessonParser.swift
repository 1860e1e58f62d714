import CQCore

/// Finds fenced blocks line by line, as `Lesson` describes; the query blocks
/// and their output blocks become a `LessonDocument`. Works on UTF-8 bytes so
/// ranges are exact whatever the text holds.
struct LessonParser {
    let text: String
    private let bytes: [UInt8]
    private let lines: [Line]

    /// One line: `end` excludes the line ending ("\n" or "\r\n"); `next` is
    /// where the following line starts.
    private struct Line {
        var start: Int
        var end: Int
        var next: Int
    }

    /// A fenced block of any kind, as line indices.
    private struct Scanned {
        var fence: Fence
        var info: String
        var opening: Int
        /// The index of the closing fence line; nil when the block runs to the end.
        var closing: Int?
        var contentLines: Range<Int>
    }

    init(text: String) {
        self.text = text
        let bytes = Array(text.utf8)
        self.bytes = bytes
        var lines: [Line] = []
        var start = 0
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            let end = offset > start && bytes[offset - 1] == UInt8(ascii: "\r") ? offset - 1 : offset
            lines.append(Line(start: start, end: end, next: offset + 1))
            start = offset + 1
        }
        if start < bytes.count {
            lines.append(Line(start: start, end: bytes.count, next: bytes.count))
        }
        self.lines = lines
    }

    func parse() -> LessonDocument {
        var blocks: [QueryBlock] = []
        var index = 0
        while index < lines.count {
            guard let scanned = fencedBlock(at: index) else {
                index += 1
                continue
            }
            index = (scanned.closing ?? lines.count - 1) + 1
            let words = infoWords(scanned.info)
            guard words.first == "cq" else { continue }
            var block = QueryBlock(
                range: blockRange(scanned), fence: scanned.fence, info: scanned.info,
                line: scanned.opening + 1, firstCodeLine: scanned.opening + 2,
                code: content(scanned), expectsError: words.dropFirst().first == "error",
                isClosed: scanned.closing != nil, output: nil)
            // Its output block: the next fenced block, past blank lines only.
            var next = index
            while next < lines.count, isBlank(lines[next]) { next += 1 }
            if next < lines.count, let output = fencedBlock(at: next), infoWords(output.info).first == "output" {
                block.output = outputBlock(output)
                index = (output.closing ?? lines.count - 1) + 1
            }
            blocks.append(block)
        }
        return LessonDocument(text: text, lineEnding: lineEnding, blocks: blocks)
    }

    /// CRLF when the first line ends with it.
    private var lineEnding: LineEnding {
        guard let first = lines.first, first.next > first.end + 1 else { return .lf }
        return .crlf
    }

    private func outputBlock(_ scanned: Scanned) -> OutputBlock {
        let contentStart =
            scanned.contentLines.isEmpty ? lines[scanned.opening].next : lines[scanned.contentLines.lowerBound].start
        let contentEnd = scanned.closing.map { lines[$0].start } ?? bytes.count
        return OutputBlock(
            range: blockRange(scanned), fence: scanned.fence, info: scanned.info,
            provenance: Provenance(infoWords: infoWords(scanned.info).dropFirst()),
            content: content(scanned), contentRange: contentStart..<max(contentStart, contentEnd),
            firstContentLine: scanned.opening + 2, isClosed: scanned.closing != nil)
    }

    private func blockRange(_ scanned: Scanned) -> Range<Int> {
        lines[scanned.opening].start..<(scanned.closing.map { lines[$0].end } ?? bytes.count)
    }

    /// The content lines without the fence's indentation, each ending in "\n".
    private func content(_ scanned: Scanned) -> String {
        var out = ""
        for index in scanned.contentLines {
            var start = lines[index].start
            var removed = 0
            while removed < scanned.fence.indent, start < lines[index].end, bytes[start] == UInt8(ascii: " ") {
                start += 1
                removed += 1
            }
            out += decode(start..<lines[index].end) + "\n"
        }
        return out
    }

    // MARK: - Fences

    /// The fenced block that opens at line `index`, if one does.
    private func fencedBlock(at index: Int) -> Scanned? {
        guard let (fence, info) = openingFence(lines[index]) else { return nil }
        var closing: Int?
        for candidate in (index + 1)..<max(index + 1, lines.count) where closes(lines[candidate], fence) {
            closing = candidate
            break
        }
        return Scanned(
            fence: fence, info: info, opening: index, closing: closing,
            contentLines: (index + 1)..<(closing ?? lines.count))
    }

    private func openingFence(_ line: Line) -> (Fence, String)? {
        var offset = line.start
        let indent = leadingSpaces(line)
        guard indent <= 3 else { return nil }
        offset += indent
        guard offset < line.end, bytes[offset] == UInt8(ascii: "`") || bytes[offset] == UInt8(ascii: "~") else {
            return nil
        }
        let marker = bytes[offset]
        var length = 0
        while offset < line.end, bytes[offset] == marker {
            length += 1
            offset += 1
        }
        guard length >= 3 else { return nil }
        let info = String(decode(offset..<line.end).trimmingBlanks())
        // "```a`b" is inline code in a paragraph, not a fence (CommonMark).
        if marker == UInt8(ascii: "`"), info.contains("`") { return nil }
        let character: Character = marker == UInt8(ascii: "`") ? "`" : "~"
        return (Fence(character: character, length: length, indent: indent), info)
    }

    private func closes(_ line: Line, _ fence: Fence) -> Bool {
        let indent = leadingSpaces(line)
        guard indent <= 3 else { return false }
        var offset = line.start + indent
        let marker = UInt8(ascii: fence.character == "`" ? "`" : "~")
        var length = 0
        while offset < line.end, bytes[offset] == marker {
            length += 1
            offset += 1
        }
        guard length >= fence.length else { return false }
        return bytes[offset..<line.end].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    private func leadingSpaces(_ line: Line) -> Int {
        var count = 0
        while line.start + count < line.end, bytes[line.start + count] == UInt8(ascii: " ") { count += 1 }
        return count
    }

    private func isBlank(_ line: Line) -> Bool {
        bytes[line.start..<line.end].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    private func infoWords(_ info: String) -> [Substring] {
        info.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    private func decode(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingBlanks() -> SubSequence {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }) else { return self[endIndex...] }
        let last = lastIndex(where: { !isBlank($0) })!
        return self[first...last]
    }
}
