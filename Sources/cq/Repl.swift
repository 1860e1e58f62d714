import CQBuiltins
import CQCore
import CQPostgres
import CQStorage
import Glibc
import LineEditor

/// The interactive session: statements typed at a prompt (over several lines
/// when the parser says one is not finished), meta-commands such as `.help`,
/// history that persists, Tab completion from the session's own knowledge of
/// the language and the data.
///
/// A failing statement prints its diagnostic and changes nothing: the
/// session only adopts a statement's effects once it has run.
struct Repl {
    var session: Session
    var format: OutputFormat
    /// Readline on a terminal; nil when standard input is not one (`cq -i`
    /// with piped input): then lines are read plainly, without prompts.
    let editor: LineEditor?
    let history: History

    /// The results of the last statement, for `.last`.
    private var lastResults: [StatementResult] = []
    /// Statements that ran, in order, for `.save`; replayed from `world`.
    private var transcript: [String] = []
    private var inputNumber = 0

    /// Results longer than this many lines are cut on screen (`.last` shows
    /// them whole), as the DuckDB shell and psql's pager spare the scrollback.
    static let screenLines = 40

    init(session: Session, format: OutputFormat, history: History, interactive: Bool, transcript: [String] = []) {
        self.session = session
        self.format = format
        self.history = history
        self.transcript = transcript
        if interactive {
            let editor = LineEditor(
                name: "cq", takeInterrupt: { interruptRequested.exchange(false, ordering: .relaxed) })
            editor.loadHistory(history.load(), limit: History.limit)
            self.editor = editor
        } else {
            self.editor = nil
        }
    }

    /// A first statement the banner can suggest on this dataset: the
    /// paper's correlation where it has both indicators, else one of its
    /// own first two (a suggestion that fails would be a false promise).
    static func firstStatement(for dataset: Dataset) -> String {
        let ids = dataset.indicators.map(\.id)
        if ids.contains("competitiveness"), ids.contains("innovation") {
            return "correlate competitiveness, innovation"
        }
        return ids.count >= 2 ? "correlate \(ids[0]), \(ids[1])" : "indicators"
    }

    mutating func run(banner: Bool) -> ExitCode {
        if banner {
            let dataset = session.state.dataset
            let text =
                "cq \(CommandLineTool.version) on `\(dataset.name)`: \(dataset.countries.count) countries, \(dataset.indicators.count) indicators, \(dataset.years.yearSpan)\n"
                + "Try `\(Self.firstStatement(for: dataset))`. Tab completes, .help explains, Ctrl-D to leave.\n"
            say(TextLayout.wrapLines(text, width: Terminal.width()))
        }
        updateCompleter()
        var pending = ""
        while true {
            interruptRequested.store(false, ordering: .relaxed)
            let line: String
            switch read(prompt: pending.isEmpty ? "cq> " : "...> ") {
            case .endOfInput:
                return .success
            case .interrupted:
                pending = ""
                continue
            case .line(let text):
                line = text
            }
            if pending.isEmpty, line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(".") {
                history.append(line)
                editor?.addToHistory(line)
                if !runMetaCommand(line.trimmingWhitespace()) { return .success }
                continue
            }
            pending += pending.isEmpty ? line : "\n" + line
            if pending.allSatisfy(\.isWhitespace) {
                pending = ""
                continue
            }
            inputNumber += 1
            let source = SourceFile(name: "<input \(inputNumber)>", text: pending)
            // An empty line ends an unfinished statement, so a user lost in
            // an open parenthesis gets the error rather than more prompts.
            if Session.isIncomplete(source), !line.allSatisfy(\.isWhitespace) {
                inputNumber -= 1
                continue
            }
            let prepared = session.prepare([source])
            let statement = pending
            pending = ""
            // A password in `use postgres "…"` is not kept in the history file.
            let remembered = PostgresLocation.masked(source: statement)
            history.append(remembered)
            editor?.addToHistory(remembered)
            if run(prepared) != nil { transcript.append(statement) }
        }
    }

    private func read(prompt: String) -> LineEditor.Input {
        if let editor { return editor.read(prompt: prompt) }
        guard let line = readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }

    /// Runs a checked program, printing results as they come; its results
    /// when every statement ran, nil after an error or Ctrl-C.
    private mutating func run(_ prepared: Session.Prepared) -> [StatementResult]? {
        guard prepared.diagnostics.isEmpty else {
            Terminal.report(prepared.diagnostics)
            return nil
        }
        let width = Terminal.width()
        let renderer = ResultRenderer(format: format, width: width)
        var results: [StatementResult] = []
        let cut = editor != nil && format != .json
        do {
            try session.execute(prepared, isCancelled: { interruptRequested.load(ordering: .relaxed) }) { result in
                results.append(result)
                if let failure = PlotFiles.write(result) { Terminal.error("error: \(failure)\n") }
                Terminal.write(Self.fitted(renderer.render(result), cut: cut, width: width))
            }
        } catch {
            Terminal.error("interrupted: the statement was cancelled and changed nothing\n")
            return nil
        }
        if !results.isEmpty { lastResults = results }
        updateCompleter()
        return results
    }

    /// Long output cut to the screen, saying how to see the rest. Lines
    /// are counted as the screen shows them: one longer than `width` (a
    /// plot's, a word too long to break) takes several.
    static func fitted(_ text: String, cut: Bool, width: Int? = nil) -> String {
        guard cut else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        func rows(_ line: Substring) -> Int {
            guard let width, width > 0 else { return 1 }
            return max(1, (line.count + width - 1) / width)
        }
        guard lines.map(rows).reduce(0, +) > screenLines + 5 else { return text }
        var used = 0
        var shown = 0
        while shown < lines.count, used + rows(lines[shown]) <= screenLines {
            used += rows(lines[shown])
            shown += 1
        }
        return lines.prefix(shown).joined(separator: "\n")
            + "\n… \(lines.count - shown) more lines: .last shows the whole result\n"
    }

    /// Completion asks a snapshot of the session, taken after each statement
    /// so names bound by `let` and the dataset switched to by `use` complete.
    private func updateCompleter() {
        guard let editor else { return }
        let snapshot = session
        editor.setCompleter { line, cursor in
            if line.first == "." { return MetaCommand.completions(for: line, at: cursor) }
            let completions = snapshot.completions(for: line, at: cursor)
            if completions.filePath {
                // The word is the open string, its quote included.
                let word = Array(line.utf8)[completions.replacing]
                let matches = PathCompletion.matches(for: String(decoding: word.dropFirst(), as: UTF8.self))
                return LineEditor.Completion(
                    start: completions.replacing.lowerBound, candidates: PathCompletion.quoted(matches),
                    appendsSpace: PathCompletion.appendsSpace(matches))
            }
            return LineEditor.Completion(
                start: completions.replacing.lowerBound, candidates: completions.candidates,
                appendsSpace: !completions.insideParentheses)
        }
    }

    // MARK: - meta-commands

    /// Runs a `.command`; false for `.quit`.
    private mutating func runMetaCommand(_ line: String) -> Bool {
        let command: MetaCommand
        switch MetaCommand.parse(line) {
        case .failure(let problem):
            Terminal.error("error: \(problem.message)\n")
            return true
        case .success(let parsed):
            command = parsed
        }
        switch command {
        case .quit:
            return false
        case .help(nil):
            say(MetaCommand.overview)
        case .help(let name?):
            guard let help = StatementHelp.named(name) else {
                var message = "error: no statement `\(name)`"
                if let hint = Suggestions.closest(to: name, among: StatementHelp.all.map(\.name), limit: 1).first {
                    message += "; did you mean `\(hint)`?"
                }
                Terminal.error(message + "\n")
                return true
            }
            say("\(help.syntax)\n\n\(help.summary)\n\nexample:\n  \(help.example)\n")
        case .format(nil):
            say("format: \(format.rawValue) (table, markdown, csv or json)\n")
        case .format(let chosen?):
            format = chosen
        case .read(let path):
            let source: SourceFile
            do {
                source = try InputReader.readFile(path)
            } catch {
                Terminal.error(error.message(prefix: "error: "))
                return true
            }
            if run(session.prepare([source])) != nil { transcript.append(source.text.trimmingWhitespace()) }
        case .datasets:
            var text = ""
            for name in BuiltinDatasets.names {
                guard let dataset = BuiltinDatasets.load(name) else { continue }
                let marker = name == session.state.dataset.name ? "*" : " "
                text +=
                    "\(marker) \(name): \(dataset.title); \(dataset.countries.count) countries, \(dataset.indicators.count) indicators, \(dataset.years.yearSpan)\n"
            }
            if !BuiltinDatasets.names.contains(session.state.dataset.name) {
                let dataset = session.state.dataset
                text +=
                    "* \(dataset.name): \(dataset.countries.count) countries, \(dataset.indicators.count) indicators, \(dataset.years.yearSpan)\n"
            }
            say(
                text
                    + "(* in use; `use NAME` switches, `use \"PATH\"` loads your own file, `use postgres \"…\"` reads a database)\n"
            )
        case .last:
            guard !lastResults.isEmpty else {
                Terminal.error("error: no statement has produced a result yet\n")
                return true
            }
            let renderer = ResultRenderer(format: format, width: Terminal.width())
            say(lastResults.map(renderer.render).joined(separator: format == .json ? "" : "\n"))
        case .save(let path):
            save(to: path)
        }
        return true
    }

    /// Writes the handout: the statements, then their outputs filled in as
    /// `cq doc --update` would, so `cq doc --check` accepts it.
    private func save(to path: String) {
        guard let world = BuiltinDatasets.load("world") else { return }
        let skeleton = Handout.skeleton(transcript, startingOn: "world")
        let (lesson, failedWrites) = DocCommand.runLesson(
            skeleton, path: path, startingOn: world, format: .markdown,
            writingPlots: true)
        for message in failedWrites { Terminal.error(message + "\n") }
        Terminal.errorLines(lesson.problems)
        if let failure = AtomicFile.write(Array(lesson.updatedText(original: skeleton).utf8), to: path) {
            Terminal.error("error: cannot write '\(path)': \(failure)\n")
        } else {
            let what =
                transcript.count == 1
                ? "1 statement with its results" : "\(transcript.count) statements with their results"
            say("saved \(what) to \(path); `cq doc --check \(path)` checks it\n")
        }
    }

    private func say(_ text: String) {
        Terminal.write(text)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
