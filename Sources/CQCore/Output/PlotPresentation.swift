/// `plot`: on screen and in Markdown, the scatter plot drawn in braille
/// characters; in CSV, its points. (The SVG file is the front end's job:
/// the core writes no files.)
extension Presenter {
    func presentPlot(_ result: PlotResult, into out: inout Presentation) {
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
