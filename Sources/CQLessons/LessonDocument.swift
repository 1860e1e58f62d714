import CQCore

/// A parsed lesson: its text and the query blocks in it, in order. Ranges are
/// half-open UTF-8 byte offsets into `text`, like `SourceRange`.
public struct LessonDocument: Sendable {
    public var text: String
    public var lineEnding: LineEnding
    public var blocks: [QueryBlock]
}

/// The line ending new text is written with: the document's.
public enum LineEnding: String, Sendable {
    case lf = "\n"
    case crlf = "\r\n"
}

/// The opening line of a fenced block: its indentation and marker.
public struct Fence: Sendable, Equatable {
    /// A backtick or a tilde.
    public var character: Character
    public var length: Int
    /// Leading spaces, 0 to 3.
    public var indent: Int

    public var marker: String { String(repeating: String(character), count: length) }
}

/// A fenced block whose info string starts with `cq`.
public struct QueryBlock: Sendable {
    /// From the opening fence to the end of the closing fence line, without
    /// its line ending; to the end of the document when never closed.
    public var range: Range<Int>
    public var fence: Fence
    public var info: String
    /// The 1-based line of the opening fence.
    public var line: Int
    /// The 1-based line of the first code line (the one after the fence).
    public var firstCodeLine: Int
    /// The content as run and hashed: each line without the fence's
    /// indentation, ending in "\n" (never "\r\n").
    public var code: String
    /// `cq error`: the block is meant to fail.
    public var expectsError: Bool
    public var isClosed: Bool
    public var output: OutputBlock?
}

/// The ```` ```output ```` block that follows a query block.
public struct OutputBlock: Sendable {
    /// From the opening fence to the end of the closing fence line, without
    /// its line ending; to the end of the document when never closed.
    public var range: Range<Int>
    public var fence: Fence
    public var info: String
    public var provenance: Provenance
    /// The recorded output, lines ending in "\n" (never "\r\n").
    public var content: String
    /// The content lines' bytes, as written.
    public var contentRange: Range<Int>
    /// The 1-based line of the first content line.
    public var firstContentLine: Int
    public var isClosed: Bool
}

/// What an output block's info string says it was computed from.
public struct Provenance: Sendable, Equatable {
    /// `data=`: "world@1a2b3c4d".
    public var data: String?
    /// `query=`: 8 hex digits.
    public var query: String?
    /// Words of the info string after `output` other than these two, kept
    /// when the block is rewritten.
    public var otherWords: [String]

    public init(data: String? = nil, query: String? = nil, otherWords: [String] = []) {
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
