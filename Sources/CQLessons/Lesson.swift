import CQCore

/// The engine behind `cq doc`: Markdown lessons whose cq examples carry their
/// output, checked and refreshed by running them. Pure: the caller reads the
/// file, chooses how results are rendered and writes the updated text.
///
/// # The document format (the contract)
///
/// **Fences.** A fenced block opens with a line of up to 3 spaces, then 3 or
/// more backticks or 3 or more tildes, then an optional *info string* (the
/// rest of the line, trimmed; a backtick fence's info string may not contain a
/// backtick, or the line is not a fence). It closes at the next line of up to
/// 3 spaces, then the same character at least as many times, then nothing
/// but spaces or tabs. A fence never closed runs to the end of the document
/// (CommonMark). Content lines lose up to as many leading spaces as the
/// opening fence had. Only these fences are recognised: a fence inside a block
/// quote, a list item indented 4 or more spaces, or an HTML comment is text.
/// Everything that is not a query or an output block (text, ```` ```python ````
/// and other fenced blocks) is left alone byte for byte.
///
/// **Query blocks.** A fenced block whose info string's first word is `cq`.
/// If the second word is `error` (```` ```cq error ````) the block is expected
/// to fail: it passes only when it stops with diagnostics, which are then its
/// output. The block's content is its cq source; line numbers in diagnostics
/// are the document's, and the source is named `lesson` (`Lesson.sourceName`)
/// whatever the file is called, so a renamed or copied lesson records the
/// same outputs.
///
/// **Output blocks.** The fenced block that follows a query block with only
/// blank lines (spaces and tabs) between them, if its info string's first
/// word is `output`. Any other fenced block, or text in between, means the
/// query block has no output block (an `output` block elsewhere is an ordinary
/// block). The info string records where the output came from:
///
///     ```output data=world@1a2b3c4d query=5e6f7a8b
///
/// `data=NAME@HASH`: the dataset in use when the block finished (its name,
/// with spaces and backticks made `_`, and the first 8 hex digits of
/// `Dataset.fingerprint`); `query=HASH`: the first 8 hex digits of the FNV-1a
/// 64-bit hash of the block's content, as run (see `QueryBlock.code`). Both
/// are optional: hand-written blocks work without them. Other words after
/// `output` are kept when the block is rewritten.
///
/// **Running.** Query blocks run in document order in one `Session`, so `let`,
/// `set` and `use` carry over. A block's output is its results, each rendered
/// by the caller, separated by a blank line; a block that fails shows its
/// diagnostics (`DiagnosticRenderer(useColor: false)`). A failing block not
/// marked `error` changes nothing in the session (its `let`s do not exist for
/// later blocks), and is a problem of the document, as is a block marked
/// `error` that succeeds; neither has its output block touched.
///
/// **Comparing.** See `OutputComparison`: numbers match to the precision
/// they are recorded with, runs of blanks and of 3 or more `-` match any run,
/// trailing blanks and trailing blank lines do not count.
///
/// **Updating.** Only stale output blocks are rewritten, and missing ones
/// inserted after their query block, preceded by one blank line (an unclosed
/// query block gets its closing fence first). A rewritten block keeps its
/// indentation and fence character, lengthening the fence when a content line
/// would close it; lines lose trailing blanks. Everything else keeps its
/// bytes, fresh output blocks included, so updating twice changes nothing.
/// New text uses the document's line ending: CRLF if its first line ends
/// with one, else LF.
public enum Lesson {
    /// Finds the query blocks and their output blocks. Never fails: anything
    /// that is not a query block is text.
    public static func parse(_ text: String) -> LessonDocument {
        LessonParser(text: text).parse()
    }

    /// Runs every query block in order in `session` and compares each output
    /// with the one recorded. `path` names the document in diagnostics and
    /// reports. Stops early, with `LessonRun.cancelled` set, when
    /// `isCancelled` says so; the session then keeps the state of the last
    /// statement that finished.
    public static func run(
        _ document: LessonDocument,
        path: String,
        session: inout Session,
        renderResult: (StatementResult) -> String,
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) -> LessonRun {
        LessonRunner(document: document, path: path, isCancelled: isCancelled)
            .run(session: &session, renderResult: renderResult)
    }

    /// The name diagnostics give a lesson's query blocks: not the file's,
    /// which a copy or a rename changes, so that outputs depend on the
    /// lesson's text alone.
    public static let sourceName = "lesson"

    /// `query=`: the first 8 hex digits of the FNV-1a 64-bit hash of a block's code.
    public static func queryHash(_ code: String) -> String {
        let hash = Array(code.utf8).withUnsafeBytes { DatasetCodec.fingerprint(of: $0) }
        return String(hash.prefix(8))
    }

    /// `data=`: the dataset's name and the first 8 hex digits of its fingerprint.
    public static func dataLabel(_ dataset: Dataset) -> String {
        dataLabel(name: dataset.name, fingerprint: dataset.fingerprint)
    }

    static func dataLabel(name: String, fingerprint: String) -> String {
        // The label is one word of an info string, which cannot hold a backtick.
        let word = String(name.map { $0 == " " || $0 == "\t" || $0 == "`" ? "_" : $0 })
        return "\(word.isEmpty ? "_" : word)@\(fingerprint.prefix(8))"
    }
}
