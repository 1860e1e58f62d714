/// `plot y against x`: a scatter plot in the terminal, or an SVG file with `to`.
///
/// The statement's checking, evaluation and presentation, in that order.
extension Checker {
    mutating func checkPlot(y: Expression, x: Expression, _ clauses: Clauses) -> Action? {
        let variables = numericVariables([y, x], for: "plot")
        let scope = self.scope(clauses)
        var label: PlotLabel?
        if let name = clauses.label {
            let word = name.text.lowercased()
            label = word == "iso3" ? .country : PlotLabel(rawValue: word)
            if label == nil {
                report(
                    .unknownName, "plots can be labelled by `country` (ISO codes) or `name`, not `\(name.text)`",
                    at: name.range,
                    help: ["for example: plot innovation against competitiveness label country"])
            }
        }
        if clauses.over != nil, let fit = clauses.fit {
            report(
                .clauseNotAllowed, "`with fit` draws a line through a scatter plot, not along the years", at: fit,
                help: ["for a country's trend over the years, use trend(x) or a regression on year"])
            return nil
        }
        guard let variables, let scope, clauses.label == nil || label != nil else { return nil }
        return .plot(
            y: variables[0], x: variables[1], label: label, fit: clauses.fit != nil,
            output: clauses.output.flatMap { ResultFile.kind(forPath: $0.path, plot: true) == .svg ? $0.path : nil },
            overTime: clauses.over != nil, scope: scope)
    }
}

extension Evaluator {
    func plot(y: Variable, x: Variable, label: PlotLabel?, fit: Bool, output: String?, overTime: Bool, scope: Scope)
        throws -> PlotResult
    {
        let sample = try pairs(x: x, y: y, scope: scope)
        let line = fit ? RegressionWorking(x: sample.observations.map(\.x), y: sample.observations.map(\.y)) : nil
        return PlotResult(
            x: x.label, y: y.label, xUnit: x.unit, yUnit: y.unit, observations: sample.observations, label: label,
            fit: line, output: output, datasetName: scope.dataset.name, ledger: sample.ledger, overTime: overTime)
    }
}

extension JSONWriter {
    static func plotFields(_ result: PlotResult) -> [(String, JSON)] {
        var fields: [(String, JSON)] = []
        fields += [("x", .string(result.x)), ("y", .string(result.y))]
        fields.append(
            (
                "points",
                .array(
                    result.observations.map { point in
                        .object([
                            ("country", .string(point.country)), ("year", .integer(point.year)),
                            ("x", .number(point.x)), ("y", .number(point.y)),
                        ])
                    })
            ))
        if let fit = result.fit {
            fields.append(("fit", .object([("intercept", .optional(fit.intercept)), ("slope", .optional(fit.slope))])))
        }
        if let output = result.output { fields.append(("file", .string(output))) }
        fields.append(("sample", ledger(result.ledger)))
        return fields
    }
}

/// `plot`: on screen and in Markdown the scatter plot drawn in braille
/// characters; in CSV its points. The SVG is drawn here too, but written to
/// a file by the front end: the core writes no files.
extension PlotResult {
    /// More lines than this cannot be told apart by their labels: a plot
    /// over the years then draws them unlabelled and says so.
    public static let labelledLinesLimit = 12

    /// Countries in the plot, when it follows them over the years.
    var lineCount: Int { Set(observations.map(\.country)).count }

    /// The plot as the renderers draw it: titles with units, labels as asked,
    /// the fitted line, and a source line saying what the points are.
    public var scatterPlot: ScatterPlot {
        func title(_ name: String, _ unit: Unit?) -> String {
            guard let unit, !unit.isDimensionless else { return name }
            return "\(name) (\(unit))"
        }
        // Over the years, only each country's last point carries its label,
        // and only while the lines can be told apart.
        let lastOfCountry = Dictionary(observations.map { ($0.country, $0.year) }, uniquingKeysWith: max)
        let labelled = !overTime || lastOfCountry.count <= PlotResult.labelledLinesLimit
        let points = observations.map { observation -> ScatterPlot.Point in
            var label: String?
            switch self.label {
            case .country?: label = observation.country
            case .name?: label = observation.name
            case nil: label = nil
            }
            if overTime, !labelled || lastOfCountry[observation.country] != observation.year { label = nil }
            return ScatterPlot.Point(x: observation.x, y: observation.y, label: label)
        }
        var connections: [ScatterPlot.Connection] = []
        if overTime {
            // Consecutive years of one country; a gap stays a gap.
            for (index, observation) in observations.enumerated().dropFirst() {
                let previous = observations[index - 1]
                if previous.country == observation.country, previous.year + 1 == observation.year {
                    connections.append(.init(from: points[index - 1], to: points[index]))
                }
            }
        }
        var line: ScatterPlot.Line?
        if let fit, let intercept = fit.intercept, let slope = fit.slope {
            line = ScatterPlot.Line(intercept: intercept, slope: slope)
        }
        var source =
            "Data: \(datasetName) (cq), \(Presenter.yearText(ledger.years, fallback: ledger.yearRange)); n = \(observations.count)"
        if let filter = ledger.filter { source += "; where \(filter)" }
        if let fit, let r2 = fit.rSquared, line != nil {
            source += "; fitted line R² = \(NumberFormat.coefficient(r2))"
        }
        return ScatterPlot(
            title: overTime ? "\(y) over the years" : "\(y) against \(x)", xTitle: overTime ? "year" : title(x, xUnit),
            yTitle: title(y, yUnit), points: points, fit: line, connections: connections, source: source)
    }
}

extension Presenter {
    func presentPlot(_ result: PlotResult, into out: inout Presentation) {
        guard format == .csv else {
            out.add(.preformatted(TerminalPlot.render(result.scatterPlot).trimmingTrailingNewlines))
            if result.overTime, result.label != nil, result.lineCount > PlotResult.labelledLinesLimit {
                out.add(
                    .note(
                        "labels left out: \(result.lineCount) lines are too many to tell apart; narrow with `where` (at most \(PlotResult.labelledLinesLimit))"
                    ))
            }
            if let output = result.output { out.add(.note("written to \(output)")) }
            for line in Presenter.ledgerLines(result.ledger, inference: false) { out.add(.note(line)) }
            return
        }
        let showYear = Set(result.observations.map(\.year)).count > 1
        var columns: [Table.Column] = [.init(name: "country", alignment: .left)]
        if showYear { columns.append(.init(name: "year", alignment: .right)) }
        columns += [.init(name: result.x, alignment: .right), .init(name: result.y, alignment: .right)]
        let rows = result.observations.map { point -> [TableCell] in
            [.text(point.country)] + (showYear ? [.integer(point.year)] : []) + [.value(point.x), .value(point.y)]
        }
        out.add(.table(Table(columns: columns, rows: rows)))
    }
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
