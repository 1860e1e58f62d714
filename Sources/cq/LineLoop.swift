import CQCore
import Glibc

/// A plain interactive loop for terminals: a prompt, statements that may run
/// over several lines (the parser says when one is complete), and errors that
/// leave the session as it was.
struct LineLoop {
    var session: Session
    let format: OutputFormat

    mutating func run() -> ExitCode {
        let dataset = session.state.dataset
        Terminal.write("cq \(CommandLineTool.version) on `\(dataset.name)`: \(dataset.countries.count) countries, \(dataset.indicators.count) indicators, \(dataset.firstYear)–\(dataset.lastYear)\n")
        Terminal.write("Type a statement such as `correlate competitiveness, innovation`, `indicators` to see the data, Ctrl-D to leave.\n")
        let renderer = ResultRenderer(format: format)
        let diagnostics = DiagnosticRenderer(useColor: Terminal.wantsColor(STDERR_FILENO))
        var pending = ""
        var number = 0
        while true {
            Terminal.write(pending.isEmpty ? "cq> " : "...> ")
            guard let line = readLine(strippingNewline: true) else {
                Terminal.write("\n")
                return .success
            }
            pending += pending.isEmpty ? line : "\n" + line
            if pending.allSatisfy(\.isWhitespace) {
                pending = ""
                continue
            }
            number += 1
            let source = SourceFile(name: "<input \(number)>", text: pending)
            let prepared = session.prepare([source])
            if prepared.isIncomplete, !line.isEmpty {
                number -= 1
                continue
            }
            pending = ""
            if !prepared.diagnostics.isEmpty {
                Terminal.error(diagnostics.render(prepared.diagnostics))
                continue
            }
            interruptRequested.store(false, ordering: .relaxed)
            do {
                try session.execute(prepared, isCancelled: { interruptRequested.load(ordering: .relaxed) }) { result in
                    Terminal.write(renderer.render(result))
                }
            } catch {
                Terminal.error("interrupted\n")
            }
        }
    }
}
