import CQBuiltins
import CQCore
import CQLessons
import CQPostgres
import CQStorage
import Glibc

/// `cq doc LESSON.md [--check | --update]`: runs a Markdown lesson's ```cq
/// blocks in one session and fills in, checks or rewrites their ```output
/// blocks (the format is documented in `Lesson`).
///
/// - no flag: print the lesson with every output filled in;
/// - `--check`: exit 0 when every recorded output still holds, else 1 with a
///   diff per stale block;
/// - `--update`: rewrite the stale outputs in place, atomically, changing
///   nothing else in the file.
///
/// Relative paths in the lesson (`use "data.csv"`, `plot … to "fig.svg"`)
/// are relative to the lesson's folder, as links in Markdown are. A plot
/// without `to` is written beside the lesson under the name its output block
/// records (`svg: NAME`), or as LESSON-plot-N.svg when it has none.
struct DocCommand {
    enum Mode: Equatable { case render, check, update }

    var mode: Mode = .render
    var path: String?
    var format: OutputFormat = .markdown
    var dataset = "world"

    static let usage = """
        usage: cq doc [--check | --update] [-f FORMAT] [-d DATASET] LESSON.md

        Runs the ```cq blocks of a Markdown lesson in order, in one session, and
        fills each one's results into the ```output block after it.

          (no flag)     print the lesson with every output filled in
          --check       exit 0 if every recorded output still holds; otherwise
                        exit 1 and show a diff for each stale block
          --update      rewrite stale outputs in the file (atomically); nothing
                        else in the file changes
          -f FORMAT     how results are written: markdown (default), table, csv, json
          -d DATASET    the built-in dataset the lesson starts on (default world)

        A block fenced as ```cq error must fail; its diagnostics are its output.
        Each output block records the dataset's fingerprint and the query's, so
        --check can say whether the data or the query changed.

        """

    static func parse(_ arguments: [String]) throws(Arguments.UsageError) -> DocCommand {
        var command = DocCommand()
        var index = 0
        func value(_ flag: String) throws(Arguments.UsageError) -> String {
            index += 1
            guard index < arguments.count else { throw Arguments.UsageError(message: "\(flag) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--check", "--update":
                let chosen: Mode = argument == "--check" ? .check : .update
                guard command.mode == .render || command.mode == chosen else {
                    throw Arguments.UsageError(message: "cq doc takes --check or --update, not both")
                }
                command.mode = chosen
            case "-f", "--format":
                let name = try value(argument)
                guard let format = OutputFormat(rawValue: name.lowercased()) else {
                    throw Arguments.UsageError(
                        message: "unknown format '\(name)'; formats: "
                            + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))
                }
                command.format = format
            case "-d", "--dataset":
                command.dataset = try value(argument).lowercased()
            default:
                if argument.hasPrefix("-"), argument != "-" {
                    throw Arguments.UsageError(message: "unknown option '\(argument)' for cq doc")
                }
                guard command.path == nil else {
                    throw Arguments.UsageError(message: "cq doc takes one lesson at a time")
                }
                command.path = argument
            }
            index += 1
        }
        guard command.path != nil else { throw Arguments.UsageError(message: "cq doc needs a Markdown file") }
        return command
    }

    func run() -> ExitCode {
        guard let path else { return .usage }
        let source: SourceFile
        do {
            source = try InputReader.readFile(path)
        } catch {
            Terminal.error(error.message(prefix: "cq: "))
            return error.exitCode
        }
        guard let start = BuiltinDatasets.load(dataset) else {
            Terminal.error(
                "cq: no built-in dataset '\(dataset)'; datasets: \(BuiltinDatasets.names.joined(separator: ", "))\n")
            return .usage
        }
        let (run, failedWrites) = Self.runLesson(
            source.text, path: path, startingOn: start, format: format,
            writingPlots: mode != .check)
        for message in failedWrites { Terminal.error(message + "\n") }
        if run.cancelled {
            Terminal.error("cq: interrupted; \(path) was not changed\n")
            return .interrupted
        }
        // --check's report lists them with the stale blocks.
        if mode != .check {
            Terminal.errorLines(run.problems)
        }
        let problemsFound = !run.problems.isEmpty || !failedWrites.isEmpty
        switch mode {
        case .render:
            guard Terminal.write(run.updatedText(original: source.text)) else { return .cannotWrite }
            return problemsFound ? .stale : .success
        case .check:
            if run.isUpToDate, !problemsFound {
                Terminal.error(
                    "\(path): \(run.blocks.count) block\(run.blocks.count == 1 ? "" : "s"), every output up to date\n")
                return .success
            }
            Terminal.write(run.report)
            var summary: [String] = []
            if !run.outdated.isEmpty {
                summary.append(
                    "\(run.outdated.count) of \(run.blocks.count) blocks out of date (`cq doc --update \(path)` rewrites them)"
                )
            }
            if !run.problems.isEmpty {
                summary.append("\(run.problems.count) block\(run.problems.count == 1 ? "" : "s") to fix by hand")
            }
            Terminal.error("\(path): " + summary.joined(separator: "; ") + "\n")
            return .stale
        case .update:
            let updated = run.updatedText(original: source.text)
            let count = run.outdated.count
            if updated != source.text {
                if let failure = AtomicFile.write(Array(updated.utf8), to: path) {
                    Terminal.error("cq: cannot write \(path): \(failure); it was not changed\n")
                    return .cannotWrite
                }
            }
            Terminal.error("\(path): \(count == 0 ? "up to date" : "updated \(count) block\(count == 1 ? "" : "s")")\n")
            return problemsFound ? .stale : .success
        }
    }

    /// Runs a lesson in a fresh session on `start`. Plots are written as SVG
    /// files beside the lesson unless `writingPlots` is false (`--check`
    /// changes no file); the second value lists the files that could not be.
    static func runLesson(
        _ text: String, path: String, startingOn start: Dataset, format: OutputFormat,
        writingPlots: Bool
    ) -> (LessonRun, [String]) {
        let folder = Self.folder(of: path)
        let catalog = DatasetCatalog(
            names: BuiltinDatasets.names, load: { BuiltinDatasets.load($0) },
            loadFile: { FileDatasets.load(Self.resolve($0, in: folder), as: $1, options: $2) },
            databases: PostgresDatabase.connector)
        var session = Session(dataset: start, catalog: catalog)
        let renderer = ResultRenderer(format: format)
        var plots = 0
        var failedWrites: [String] = []
        let stem = Self.stem(of: path)
        // Outputs name the lesson by its file name, not by the path it was
        // opened with: `cq doc lessons/a.md` and `cd lessons; cq doc a.md` must
        // record the same diagnostics, or every error block would go stale.
        let document = Lesson.parse(text)
        // A plot keeps the file name its output block records, so a renamed
        // or copied lesson records the same outputs (and its links still
        // work); only a plot with none is named after the lesson.
        let recordedFiles = document.blocks.flatMap { block in
            (block.output?.content ?? "").split(separator: "\n").compactMap { line in
                line.hasPrefix("svg: ") ? String(line.dropFirst(5).filter { $0 != " " && $0 != "\r" }) : nil
            }
        }
        let run = Lesson.run(
            document, path: Self.fileName(of: path), session: &session,
            renderResult: { result in
                var output = renderer.render(result)
                if writingPlots, let file = result.file, case .results = file.kind {
                    var relocated = result
                    relocated.file?.path = Self.resolve(file.path, in: folder)
                    if let failure = PlotFiles.write(relocated) { failedWrites.append("cq: \(failure)") }
                }
                guard case .plot(let plot) = result.value else { return output }
                plots += 1
                // Inside a lesson every plot becomes a file beside it.
                let file =
                    plot.output
                    ?? (plots <= recordedFiles.count ? recordedFiles[plots - 1] : "\(stem)-plot-\(plots).svg")
                if writingPlots, let failure = PlotFiles.write(plot, to: Self.resolve(file, in: folder)) {
                    failedWrites.append("cq: \(failure)")
                }
                if plot.output == nil { output += "\nsvg: \(file)\n" }
                return output
            }, isCancelled: { interruptRequested.load(ordering: .relaxed) })
        return (run, failedWrites)
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func fileName(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    static func stem(of path: String) -> String {
        var name = fileName(of: path)
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        return name
    }

    static func resolve(_ path: String, in folder: String) -> String {
        path.hasPrefix("/") || folder == "." ? path : folder + "/" + path
    }
}
