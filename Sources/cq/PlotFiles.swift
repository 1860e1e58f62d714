import CQCore
import CQStorage

/// `… to "file"` in scripts and the REPL: the core draws the SVG or renders
/// the result in the format the extension names; the front end writes it
/// (atomically, like every file cq writes).
enum PlotFiles {
    /// Writes the file a result asks for, if any; the error message when it
    /// could not be written.
    static func write(_ result: StatementResult) -> String? {
        guard let file = result.file else { return nil }
        switch file.kind {
        case .svg:
            guard case .plot(let plot) = result.value else { return nil }
            return write(plot, to: file.path)
        case .results(let format):
            let text = ResultRenderer(format: format).render(
                StatementResult(statementText: result.statementText, value: result.value))
            guard let failure = AtomicFile.write(Array(text.utf8), to: file.path) else { return nil }
            return "cannot write the result to '\(file.path)': \(failure)"
        }
    }

    /// Writes `plot` as SVG at `path`; the error message when it could not be.
    static func write(_ plot: PlotResult, to path: String) -> String? {
        guard let failure = AtomicFile.write(Array(SVGPlot.render(plot.scatterPlot).utf8), to: path) else { return nil }
        return "cannot write the plot to '\(path)': \(failure)"
    }
}
