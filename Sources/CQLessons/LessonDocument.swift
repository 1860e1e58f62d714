import CQCore

/// A parsed lesson: its text and the query blocks in it, in order. Ranges are
/// half-open UTF-8 byte offsets into `text`, like `SourceRange`.
package struct LessonDocument: Sendable {
    package var text: String
    package var lineEnding: LineEnding
    package var blocks: [QueryBlock]
}

/// The line ending new text is written with: the document's.
package enum LineEnding: String, Sendable {
    case lf = "\n"
    case crlf = "\r\n"
}

/// The opening line of a fenced block: its indentation and marker.
package struct Fence: Sendable, Equatable {
    /// A backtick or a tilde.
    package var character: Character
    package var length: Int
    /// Leading spaces, 0 to 3.
    package var indent: Int

    package var marker: String { String(repeating: String(character), count: length) }
}

/// A fenced block whose info string starts with `cq`.
package struct QueryBlock: Sendable {
    /// From the opening fence to the end of the closing fence line, without
    /// its line ending; to the end of the document when never closed.
    package var range: Range<Int>
    package var fence: Fence
    package var info: String
    /// The 1-based line of the opening fence.
    package var line: Int
    /// The 1-based line of the first code line (the one after the fence).
    package var firstCodeLine: Int
    /// The content as run and hashed: each line without the fence's
    /// indentation, ending in "\n" (never "\r\n").
    package var code: String
    /// `cq error`: the block is meant to fail.
    package var expectsError: Bool
    package var isClosed: Bool
    package var output: OutputBlock?
}

/// The ```` ```output ```` block that follows a query block.
package struct OutputBlock: Sendable {
    /// From the opening fence to the end of the closing fence line, without
    /// its line ending; to the end of the document when never closed.
    package var range: Range<Int>
    package var fence: Fence
    package var info: String
    package var provenance: Provenance
    /// The recorded output, lines ending in "\n" (never "\r\n").
    package var content: String
    /// The content lines' bytes, as written.
    package var contentRange: Range<Int>
    /// The 1-based line of the first content line.
    package var firstContentLine: Int
    package var isClosed: Bool
}

/// What an output block's info string says it was computed from.
package struct Provenance: Sendable, Equatable {
    /// `data=`: "world@1a2b3c4d".
    package var data: String?
    /// `query=`: 8 hex digits.
    package var query: String?
    /// Words of the info string after `output` other than these two, kept
    /// when the block is rewritten.
    package var otherWords: [String]

    package init(data: String? = nil, query: String? = nil, otherWords: [String] = []) {
        self.data = data
        self.query = query
        self.otherWords = otherWords
    }

    /// Reads the words after `output`.
    init(infoWords: some Sequence<Substring>) {
        self.init()
        for word in infoWords {
            if word.hasPrefix("data="), data == nil {
                data = String(word.dropFirst(5))
            } else if word.hasPrefix("query="), query == nil {
                query = String(word.dropFirst(6))
            } else {
                otherWords.append(String(word))
            }
        }
    }
}
