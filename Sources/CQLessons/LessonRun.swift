import CQCore

/// What running a lesson found: each query block's actual output and how it
/// compares with the recorded one, the document's problems, and the text
/// with stale and missing outputs filled in.
public struct LessonRun: Sendable {
    public var document: LessonDocument
    /// The name the document goes by in reports (`lesson.md`).
    public var path: String
    /// The blocks that ran, in order: all of them unless cancelled.
    public var blocks: [BlockRun]
    /// True when `isCancelled` stopped the run before its last block.
    public var cancelled: Bool

    /// Blocks whose output block needs writing (`--check` fails on these).
    public var outdated: [BlockRun] {
        blocks.filter(\.needsUpdate)
    }

    /// What is wrong with the document itself, which `--update` cannot fix:
    /// a block that fails without `error`, or succeeds with it.
    public var problems: [String] {
        blocks.compactMap { run in
            switch run.status {
            case .failed(let diagnostics):
                return "block at \(path):\(run.block.line) failed:\n" + diagnostics
            case .unexpectedSuccess:
                return "block at \(path):\(run.block.line) is marked `cq error` but ran without an error\n"
            case .fresh, .stale, .missing:
                return nil
            }
        }
    }

    /// Every output is recorded and fresh, and no block has a problem.
    public var isUpToDate: Bool {
        !cancelled && blocks.allSatisfy { $0.status == .fresh }
    }

    /// What `--check` prints: each stale block's diff, each missing output,
    /// then the problems, in document order within each kind.
    public var report: String {
        var out = ""
        for run in blocks {
            switch run.status {
            case .stale: out += run.diff ?? ""
            case .missing: out += "\(path):\(run.block.line): no output block yet\n"
            case .fresh, .failed, .unexpectedSuccess: continue
            }
        }
        return out + problems.joined()
    }

    /// The document with stale output blocks rewritten and missing ones
    /// inserted; every other byte as it was. `original` must be the text
    /// that was parsed (its ranges point into it).
    ///
    /// One exception keeps the result true: the diagnostics of a `cq error`
    /// block name document lines, so when blocks above it grow, its output
    /// is written again with the lines it will have.
    public func updatedText(original: String) -> String {
        var bytes = Array(original.utf8)
        precondition(bytes.count == document.text.utf8.count, "updatedText(original:) needs the text that was parsed")
        let lineEnding = document.lineEnding.rawValue
        var edits: [(range: Range<Int>, replacement: String)] = []
        // How many lines the edits so far add above the current block.
        var shift = 0
        for run in blocks {
            let block = run.block
            let output = run.output(shiftedBy: shift)
            var edit: (range: Range<Int>, replacement: String)?
            switch run.status {
            case .stale, .fresh:
                guard let recorded = block.output else { continue }
                if case .fresh = run.status,
                    shift == 0 || OutputComparison.matches(recorded: recorded.content, actual: output)
                {
                    continue
                }
                var text = OutputBlockWriter.block(
                    content: output, like: recorded.fence, otherWords: recorded.provenance.otherWords,
                    data: run.dataLabel, query: run.queryHash, lineEnding: lineEnding)
                // An unclosed block ran to the end, taking the final line ending with it.
                if !recorded.isClosed, recorded.range.upperBound > recorded.range.lowerBound,
                    bytes[recorded.range.upperBound - 1] == UInt8(ascii: "\n")
                {
                    text += lineEnding
                }
                edit = (recorded.range, text)
            case .missing:
                let end = block.range.upperBound
                let newBlock = OutputBlockWriter.block(
                    content: output, like: block.fence, otherWords: [],
                    data: run.dataLabel, query: run.queryHash, lineEnding: lineEnding)
                var text = lineEnding + lineEnding + newBlock
                if !block.isClosed {
                    // Close the query block first, or the output would be part of it.
                    let endsWithNewline = end > 0 && bytes[end - 1] == UInt8(ascii: "\n")
                    let closing = String(repeating: " ", count: block.fence.indent) + block.fence.marker
                    text = (endsWithNewline ? "" : lineEnding) + closing + text + (endsWithNewline ? lineEnding : "")
                }
                edit = (end..<end, text)
            case .failed, .unexpectedSuccess:
                continue
            }
            guard let edit else { continue }
            edits.append(edit)
            shift +=
                edit.replacement.utf8.count { $0 == UInt8(ascii: "\n") }
                - bytes[edit.range].count { $0 == UInt8(ascii: "\n") }
        }
        for edit in edits.reversed() {
            bytes.replaceSubrange(edit.range, with: Array(edit.replacement.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// One query block after running.
public struct BlockRun: Sendable {
    public var block: QueryBlock
    /// What the block printed: its results separated by blank lines, or its
    /// diagnostics. Lines end in "\n".
    public var output: String
    /// `data=` for this output: "world@1a2b3c4d".
    public var dataLabel: String
    /// `query=` for this output.
    public var queryHash: String
    public var status: BlockStatus
    /// For a stale block: `PATH:LINE: stale output: REASON` and the hunks of
    /// recorded (`-`) against actual (`+`), LINE being the document line of
    /// the first difference.
    public var diff: String?
    /// Why the block stopped, if it did (whether or not it was meant to).
    public var diagnostics: [Diagnostic]

    /// The output as it reads when the block sits `lines` further down:
    /// diagnostics in the block name document lines.
    func output(shiftedBy lines: Int) -> String {
        guard lines != 0, !diagnostics.isEmpty else { return output }
        var moved: [ObjectIdentifier: SourceFile] = [:]
        let shifted = diagnostics.map { diagnostic -> Diagnostic in
            // Only the block's own source moves; a data file's lines stay.
            guard diagnostic.source.firstLine == block.firstCodeLine, diagnostic.source.text == block.code else {
                return diagnostic
            }
            var copy = diagnostic
            let key = ObjectIdentifier(diagnostic.source)
            let source =
                moved[key]
                ?? SourceFile(
                    name: diagnostic.source.name, text: diagnostic.source.text,
                    firstLine: diagnostic.source.firstLine + lines)
            moved[key] = source
            copy.source = source
            return copy
        }
        return DiagnosticRenderer(useColor: false).render(shifted)
    }

    /// Whether `updatedText` writes this block's output.
    public var needsUpdate: Bool {
        switch status {
        case .stale, .missing: return true
        case .fresh, .failed, .unexpectedSuccess: return false
        }
    }
}

public enum BlockStatus: Sendable, Equatable {
    /// The recorded output says what cq prints (see `OutputComparison`).
    case fresh
    case stale(StaleReason)
    /// No output block follows the query block yet.
    case missing
    /// The block failed but is not marked `cq error`: the diagnostics.
    case failed(String)
    /// The block is marked `cq error` but ran.
    case unexpectedSuccess
}

/// Why a recorded output no longer matches, from its provenance.
public enum StaleReason: Sendable, Equatable, CustomStringConvertible {
    /// The recorded `data=` is not the current one.
    case dataChanged(recorded: String, current: String)
    /// Same data, but the recorded `query=` is not the block's hash.
    case queryChanged
    /// Same data and query: cq itself computes or prints differently.
    case cqChanged
    /// No provenance (or only part of it) to say why.
    case outputDiffers
    /// A `cq error` block's diagnostics are right but for their line: text
    /// above the block grew or shrank.
    case moved(from: Int, to: Int)

    static func explain(_ provenance: Provenance, dataLabel: String, queryHash: String) -> StaleReason {
        if let data = provenance.data, data != dataLabel { return .dataChanged(recorded: data, current: dataLabel) }
        if let query = provenance.query, query != queryHash { return .queryChanged }
        if provenance.data != nil, provenance.query != nil { return .cqChanged }
        return .outputDiffers
    }

    public var description: String {
        switch self {
        case .dataChanged(let recorded, let current): return "the data changed (\(recorded) → \(current))"
        case .queryChanged: return "the query changed"
        case .cqChanged: return "cq's output changed"
        case .outputDiffers: return "the output differs"
        case .moved(let from, let to): return "the block moved: its error is on line \(to), not \(from)"
        }
    }
}
