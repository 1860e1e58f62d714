/// `plot`: on screen and in Markdown the scatter plot drawn in braille
/// characters; in CSV its points. The SVG is drawn here too, but written to
/// a file by the front end: the core writes no files.
extension PlotResult {
    /// The plot as the renderers draw it: titles with units, labels as asked,
    /// the fitted line, and a source line saying what the points are.
    public var scatterPlot: ScatterPlot {
        func title(_ name: String, _ unit: Unit?) -> String {
            guard let unit, !unit.isDimensionless else { return name }
            return "\(name) (\(unit))"
        }
        let points = observations.map { observation -> ScatterPlot.Point in
            let label: String?
            switch self.label {
            case .country?: label = observation.country
            case .name?: label = observation.name
            case nil: label = nil
            }
            return ScatterPlot.Point(x: observation.x, y: observation.y, label: label)
        }
        var line: ScatterPlot.Line?
        if let fit, let intercept = fit.intercept, let slope = fit.slope {
            line = ScatterPlot.Line(intercept: intercept, slope: slope)
        }
        var source = "Data: \(datasetName) (cq), \(Presenter.yearText(ledger.years, fallback: ledger.yearRange)); n = \(observations.count)"
        if let filter = ledger.filter { source += "; where \(filter)" }
        if let fit, let r2 = fit.rSquared, line != nil { source += "; fitted line R² = \(NumberFormat.coefficient(r2))" }
        return ScatterPlot(title: "\(y) against \(x)", xTitle: title(x, xUnit), yTitle: title(y, yUnit),
                           points: points, fit: line, source: source)
    }
}

extension Presenter {
    func presentPlot(_ result: PlotResult, into out: inout Presentation) {
        guard format == .csv else {
            out.add(.preformatted(TerminalPlot.render(result.scatterPlot).trimmingTrailingNewlines))
            if let output = result.output { out.add(.note("written to \(output)")) }
            for line in Presenter.ledgerLines(result.ledger, inference: false) { out.add(.note(line)) }
            return
        }
        let showYear = Set(result.observations.map(\.year)).count > 1
        var columns: [Table.Column] = [.init(name: "country", alignment: .left)]
        if showYear { columns.append(.init(name: "year", alignment: .right)) }
        columns += [.init(name: result.x, alignment: .right), .init(name: result.y, alignment: .right)]
        let rows = result.observations.map { point -> [String] in
            [point.country] + (showYear ? [String(point.year)] : []) + [NumberFormat.exact(point.x), NumberFormat.exact(point.y)]
        }
        out.add(.table(Table(columns: columns, rows: rows, exactRows: nil)))
    }
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
