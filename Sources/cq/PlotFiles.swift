import CQCore
import CQStorage

/// `plot … to "file.svg"` in scripts and the REPL: the core draws the SVG,
/// the front end writes it (atomically, like every file cq writes).
enum PlotFiles {
    /// Writes the SVG a result asks for, if any; the error message when the
    /// file could not be written.
    static func write(_ result: StatementResult) -> String? {
        guard case .plot(let plot) = result.value, let path = plot.output else { return nil }
        return write(plot, to: path)
    }

    /// Writes `plot` as SVG at `path`; the error message when it could not be.
    static func write(_ plot: PlotResult, to path: String) -> String? {
        guard let failure = AtomicFile.write(Array(SVGPlot.render(plot.scatterPlot).utf8), to: path) else { return nil }
        return "cannot write the plot to '\(path)': \(failure)"
    }
}
