import CQCore

/// Runs a lesson's query blocks in one session and judges each output.
struct LessonRunner {
    let document: LessonDocument
    let path: String
    let isCancelled: @Sendable () -> Bool

    func run(session: inout Session, renderResult: (StatementResult) -> String) -> LessonRun {
        var blocks: [BlockRun] = []
        var cancelled = false
        // A fingerprint encodes the whole dataset: compute it again only after `use`.
        var dataLabel = document.blocks.isEmpty ? "" : Lesson.dataLabel(session.state.dataset)
        for block in document.blocks {
            if isCancelled() {
                cancelled = true
                break
            }
            // The document's line numbers, so diagnostics point into it.
            let source = SourceFile(name: Lesson.sourceName, text: block.code, firstLine: block.firstCodeLine)
            let prepared = session.prepare([source])
            var failure: [Diagnostic] = []
            var results: [String] = []
            if prepared.diagnostics.isEmpty {
                do {
                    try session.execute(prepared, isCancelled: isCancelled) { result in
                        var text = renderResult(result)
                        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
                        results.append(text)
                    }
                } catch {
                    cancelled = true
                    break
                }
                if prepared.statements.contains(where: \.switchesDataset) {
                    dataLabel = Lesson.dataLabel(session.state.dataset)
                }
            } else {
                failure = prepared.diagnostics
            }
            blocks.append(judge(block, results: results, failure: failure, dataLabel: dataLabel))
        }
        return LessonRun(document: document, path: path, blocks: blocks, cancelled: cancelled)
    }

    private func judge(_ block: QueryBlock, results: [String], failure: [Diagnostic], dataLabel: String) -> BlockRun {
        let output =
            failure.isEmpty ? results.joined(separator: "\n") : DiagnosticRenderer(useColor: false).render(failure)
        var run = BlockRun(
            block: block, output: output, dataLabel: dataLabel, queryHash: Lesson.queryHash(block.code),
            status: .fresh, diff: nil, diagnostics: failure)
        switch (failure.isEmpty, block.expectsError) {
        case (false, false):
            // A problem to fix by hand is reported against the file itself.
            run.status = .failed(DiagnosticRenderer(useColor: false).render(failure.map(namingTheFile)))
            return run
        case (true, true):
            run.status = .unexpectedSuccess
            return run
        case (false, true), (true, false):
            break
        }
        guard let recorded = block.output else {
            run.status = .missing
            return run
        }
        if OutputComparison.matches(recorded: recorded.content, actual: output) { return run }
        var reason = StaleReason.explain(recorded.provenance, dataLabel: dataLabel, queryHash: run.queryHash)
        if let moved = moved(recorded.content, run) { reason = moved }
        run.status = .stale(reason)
        let diff = LineDiff(
            recorded: OutputComparison.significantLines(recorded.content),
            actual: OutputComparison.significantLines(output))
        let line = recorded.firstContentLine + (diff.firstChange ?? 0)
        run.diff =
            "\(path):\(line): stale output: \(reason)\n"
            + diff.render(path: path, firstLine: recorded.firstContentLine)
        return run
    }

    /// `.moved` when a `cq error` block's recorded diagnostics are its actual
    /// ones at another line: text was added or removed above it.
    private func moved(_ recorded: String, _ run: BlockRun) -> StaleReason? {
        guard run.block.expectsError, let from = firstLine(recorded), let to = firstLine(run.output), from != to,
            OutputComparison.matches(recorded: recorded, actual: run.output(shiftedBy: from - to))
        else { return nil }
        return .moved(from: from, to: to)
    }

    /// N in a first line "lesson:N:COL: …".
    private func firstLine(_ output: String) -> Int? {
        let prefix = Lesson.sourceName + ":"
        guard output.hasPrefix(prefix) else { return nil }
        return Int(output.dropFirst(prefix.count).prefix { $0 != ":" })
    }

    /// The diagnostic with the block's source named by the lesson's path.
    private func namingTheFile(_ diagnostic: Diagnostic) -> Diagnostic {
        guard diagnostic.source.name == Lesson.sourceName else { return diagnostic }
        var copy = diagnostic
        copy.source = SourceFile(
            name: path, text: diagnostic.source.text, firstLine: diagnostic.source.firstLine)
        return copy
    }
}

extension CheckedStatement {
    /// `use`: the dataset in use may be another one afterwards.
    var switchesDataset: Bool {
        if case .use = action { return true }
        return false
    }

}
