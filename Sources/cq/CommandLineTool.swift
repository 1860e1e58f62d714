import CQBuiltins
import CQCore
import CQPostgres
import Glibc
import Synchronization

/// Set by the SIGINT handler, read by the evaluator between units of work.
let interruptRequested = Atomic<Bool>(false)
/// Set when standard output refuses a write: there is no point computing
/// results nobody can receive.
let outputFailed = Atomic<Bool>(false)

/// The `cq` program: reads its sources, runs them through one `Session` and
/// writes results and diagnostics. The only code that does I/O or exits.
enum CommandLineTool {
    static let version = "0.1.0"

    static func run(_ argv: [String]) -> ExitCode {
        if argv.first == "sql" {
            return SQLCommand.run(Array(argv.dropFirst()))
        }
        if argv.first == "serve" {
            return ServeCommand.run(Array(argv.dropFirst()))
        }
        if argv.first == "doc" {
            if argv.count == 2, ["-h", "--help"].contains(argv[1]) {
                Terminal.write(DocCommand.usage)
                return .success
            }
            installInterruptHandler()
            do {
                return try DocCommand.parse(Array(argv.dropFirst())).run()
            } catch {
                Terminal.error("cq doc: \(error.message)\nTry 'cq doc --help' for more information.\n")
                return .usage
            }
        }
        let arguments: Arguments
        do {
            arguments = try Arguments.parse(argv)
        } catch {
            Terminal.error("cq: \(error.message)\nTry 'cq --help' for more information.\n")
            return .usage
        }
        if arguments.showHelp {
            Terminal.write(Arguments.usage)
            return .success
        }
        if arguments.showVersion {
            Terminal.write("cq \(version)\n")
            return .success
        }
        guard let dataset = BuiltinDatasets.load(arguments.dataset) else {
            Terminal.error(
                "cq: no built-in dataset '\(arguments.dataset)'; datasets: \(BuiltinDatasets.names.joined(separator: ", "))\n"
            )
            return .usage
        }
        let catalog = DatasetCatalog(
            names: BuiltinDatasets.names, load: { BuiltinDatasets.load($0) },
            loadFile: { FileDatasets.load($0, as: $1, options: $2) }, databases: PostgresDatabase.connector)
        var session = Session(dataset: dataset, catalog: catalog)
        installInterruptHandler()

        var inputs = arguments.inputs
        let onTerminal = Terminal.isTerminal(STDIN_FILENO)
        if inputs.isEmpty {
            if onTerminal || arguments.interactive {
                return interact(session: &session, prelude: [], arguments: arguments, onTerminal: onTerminal)
            }
            inputs = [.standardInput]
        }

        var sources: [SourceFile] = []
        // `--data PATH` is `use "PATH"` before everything else, so its errors
        // are reported the same way.
        if let path = arguments.dataPath {
            sources.append(SourceFile(name: "--data", text: "use \"\(path)\""))
        }
        for input in inputs {
            do {
                switch input {
                case .file(let path): sources.append(try InputReader.readFile(path))
                case .standardInput: sources.append(try InputReader.readStandardInput())
                case .statement(let text, let number):
                    sources.append(
                        SourceFile(name: number == 1 && !hasSecondStatement(inputs) ? "-e" : "-e#\(number)", text: text)
                    )
                }
            } catch {
                Terminal.error(error.message(prefix: "cq: "))
                return error.exitCode
            }
        }

        if arguments.interactive {
            return interact(session: &session, prelude: sources, arguments: arguments, onTerminal: onTerminal)
        }
        let prepared = session.prepare(sources)
        if !prepared.diagnostics.isEmpty {
            // A data file that cannot be loaded is an input that cannot be
            // read (66), as the README says; mistakes in the script are 65.
            let unreadable = prepared.diagnostics.contains { [.badDataFile, .unknownFormat].contains($0.code) }
            let status: ExitCode = unreadable ? .missingInput : .badScript
            if arguments.format == .json {
                // Machine-readable for editors and CI, and still not on stdout.
                Terminal.error(DiagnosticJSON.render(prepared.diagnostics))
                return status
            }
            Terminal.report(prepared.diagnostics)
            let count = prepared.diagnostics.count
            Terminal.error("cq: \(count) error\(count == 1 ? "" : "s"); nothing was run\n")
            return status
        }
        if arguments.checkOnly {
            let count = prepared.statements.count
            if arguments.format != .json {
                Terminal.error("cq: \(count) statement\(count == 1 ? "" : "s") checked, no errors\n")
            }
            return .success
        }
        let renderer = ResultRenderer(format: arguments.format, width: Terminal.width())
        // In CSV and JSON, standard output is data: `--data`'s report of what
        // it loaded goes to standard error, as text.
        var loadReportPending = arguments.dataPath != nil && [.csv, .json].contains(arguments.format)
        var first = true
        // A plot file that cannot be written fails the run (exit 74) but,
        // unlike a closed standard output, does not stop the script.
        var plotFailed = false
        let stop: @Sendable () -> Bool = {
            interruptRequested.load(ordering: .relaxed) || outputFailed.load(ordering: .relaxed)
        }
        do {
            try session.execute(prepared, isCancelled: stop) { result in
                if loadReportPending {
                    loadReportPending = false
                    Terminal.error(ResultRenderer(format: .table).render(result))
                    return
                }
                // Results are separated by a blank line, except JSON's one
                // object per line.
                var text = renderer.render(result)
                if !first, arguments.format != .json { text = "\n" + text }
                first = false
                if let failure = PlotFiles.write(result) {
                    Terminal.error("cq: \(failure)\n")
                    plotFailed = true
                }
                if !Terminal.write(text) { outputFailed.store(true, ordering: .relaxed) }
            }
        } catch {
            if !outputFailed.load(ordering: .relaxed) {
                Terminal.error("cq: interrupted\n")
                return .interrupted
            }
        }
        if outputFailed.load(ordering: .relaxed) {
            Terminal.error("cq: cannot write the results: \(String(cString: strerror(errno)))\n")
            return .cannotWrite
        }
        return plotFailed ? .cannotWrite : .success
    }

    /// The REPL, after running `prelude` (`--data`, and with `-i` the
    /// scripts and statements given) in the same session. Errors in the
    /// prelude are reported and the session starts without it, as
    /// `python -i` stays after a failing script.
    private static func interact(session: inout Session, prelude: [SourceFile], arguments: Arguments, onTerminal: Bool)
        -> ExitCode
    {
        var sources = prelude
        if let path = arguments.dataPath, prelude.isEmpty {
            sources.append(SourceFile(name: "--data", text: "use \"\(path)\""))
        }
        var transcript: [String] = []
        // `-d paper` is where the session starts; a handout replays it.
        if arguments.dataset != "world" {
            transcript.append("use \(arguments.dataset)")
        }
        if !sources.isEmpty {
            let prepared = session.prepare(sources)
            if prepared.diagnostics.isEmpty {
                let renderer = ResultRenderer(format: arguments.format, width: Terminal.width())
                do {
                    try session.execute(prepared, isCancelled: { interruptRequested.load(ordering: .relaxed) }) {
                        result in
                        // `--data` alone loads quietly, as the banner says what is in use.
                        if !(prelude.isEmpty && arguments.dataPath != nil) { Terminal.write(renderer.render(result)) }
                    }
                    // The prelude becomes one block of the handout.
                    let statements = sources.map { $0.text.trimmingWhitespace() }.joined(separator: "\n")
                    transcript.append(statements)
                } catch {
                    Terminal.error("cq: interrupted\n")
                }
            } else {
                Terminal.report(prepared.diagnostics)
                if prelude.isEmpty { return .badScript }
                Terminal.error("cq: the script has errors and did not run; the session starts without it\n")
            }
        }
        var repl = Repl(
            session: session, format: arguments.format, history: .standard,
            interactive: onTerminal, transcript: transcript)
        return repl.run(banner: onTerminal)
    }

    private static func hasSecondStatement(_ inputs: [Arguments.Input]) -> Bool {
        inputs.filter { if case .statement = $0 { return true } else { return false } }.count > 1
    }

    /// Ctrl-C sets a flag that the evaluator polls; the handler does nothing
    /// else, which is all a signal handler may safely do.
    static func installInterruptHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            interruptRequested.store(true, ordering: .relaxed)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // Test runners block SIGINT in their threads and children inherit
        // the mask; unblock it so Ctrl-C reaches us.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }
}
