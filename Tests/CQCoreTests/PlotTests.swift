import CQBuiltins
import Glibc  // getenv for CQ_RECORD, fopen/fread/fwrite for the golden files
import Testing

@testable import CQCore

/// A clearly fictitious data set of the paper's shape: ten countries A–J,
/// competitiveness (x) against innovation (y), with its least-squares line.
enum PaperPlot {
    static let plot = ScatterPlot(
        title: "innovation against competitiveness",
        xTitle: "competitiveness (score 0–100)",
        yTitle: "innovation (index 0–100)",
        points: [
            .init(x: 48.2, y: 31.5, label: "A"), .init(x: 55.7, y: 38.9, label: "B"),
            .init(x: 61.3, y: 44.0, label: "C"), .init(x: 66.8, y: 52.7, label: "D"),
            .init(x: 70.1, y: 49.3, label: "E"), .init(x: 73.9, y: 58.6, label: "F"),
            .init(x: 76.4, y: 61.2, label: "G"), .init(x: 79.8, y: 67.5, label: "H"),
            .init(x: 82.5, y: 63.1, label: "I"), .init(x: 85.0, y: 72.4, label: "J"),
        ],
        fit: .init(intercept: -20.58, slope: 1.065),
        source: "Source: fictitious data for illustration; n = 10")
}

/// `swift test --filter PlotTests` runs all three suites.
enum PlotTests {}

extension PlotTests {
    @Suite struct Ticks {
        @Test(arguments: [
            (0.0, 97.0, 5, [0.0, 20, 40, 60, 80, 100]),
            (0.0012, 0.0098, 5, [0.0, 0.002, 0.004, 0.006, 0.008, 0.01]),
            (-3.0, 7.0, 5, [-4.0, -2, 0, 2, 4, 6, 8]),
            (7.0, -3.0, 5, [-4.0, -2, 0, 2, 4, 6, 8]),
            (5.0, 5.0, 5, [4.0, 4.5, 5, 5.5, 6]),
            (0.0, 0.0, 5, [-1.0, -0.5, 0, 0.5, 1]),
            (1e9, 5e9, 5, [1e9, 2e9, 3e9, 4e9, 5e9]),
            (0.0, 1.0, 5, [0.0, 0.2, 0.4, 0.6, 0.8, 1]),
            (-97.0, -0.5, 5, [-100.0, -80, -60, -40, -20, 0]),
            (48.2, 85.0, 6, [40.0, 50, 60, 70, 80, 90]),
            (0.1, 0.3, 3, [0.1, 0.2, 0.3]),
        ])
        func ticks(_ min: Double, _ max: Double, _ count: Int, _ expected: [Double]) {
            #expect(AxisScale.niceTicks(min: min, max: max, count: count) == expected)
        }

        /// Whatever the range, the ticks are finite, ascending, cover it and
        /// are few; extreme and invalid input gives an answer, not a crash.
        @Test(
            arguments: [
                (1e-300, 3e-300), (1e300, 1.7e308), (-1.7e308, 1.7e308), (1.7e308, 1.7e308),
                (Double.leastNonzeroMagnitude, Double.leastNonzeroMagnitude * 4), (0, Double.leastNonzeroMagnitude),
                (1e15, 1e15 + 0.125), (-1e-7, 1e-7), (123_456_789, 123_456_790), (-0.0, 0.0), (2.5, 2.5000000000001),
            ] as [(Double, Double)])
        func extreme_ranges(_ min: Double, _ max: Double) {
            for count in [-1, 0, 1, 2, 5, 1000] {
                let ticks = AxisScale.niceTicks(min: min, max: max, count: count)
                #expect(!ticks.isEmpty)
                #expect(ticks.allSatisfy { $0.isFinite })
                #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0 < $1 }, "\(ticks)")
                #expect(ticks.first! <= min && ticks.last! >= max, "\(min)…\(max): \(ticks)")
                #expect(ticks.count <= 2 * 50 + 3)
            }
        }

        @Test func non_finite_ends_do_not_crash() {
            #expect(AxisScale.niceTicks(min: .nan, max: 1, count: 5) == [1])
            #expect(AxisScale.niceTicks(min: -.infinity, max: .infinity, count: 5) == [])
            let scale = AxisScale(covering: [.nan, .infinity, 3], tickCount: 5)
            #expect(scale.ticks.allSatisfy { $0.isFinite })
            #expect(AxisScale(covering: [], tickCount: 5).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        }

        @Test(arguments: [
            ([0.0, 97], ["0", "20", "40", "60", "80", "100"]),
            ([0.0012, 0.0098], ["0", "0.002", "0.004", "0.006", "0.008", "0.01"]),
            ([-3.0, 7], ["-4", "-2", "0", "2", "4", "6", "8"]),
            ([0.0, 1.3], ["0", "0.5", "1", "1.5"]),
            ([0.0, 8000], ["0", "2000", "4000", "6000", "8000"]),
            // One unit along an axis: 2k beside 10k, not 2000.
            ([0.0, 9000], ["0", "2k", "4k", "6k", "8k", "10k"]),
            ([0.0, 1.3e9], ["0", "0.5bn", "1bn", "1.5bn"]),
            ([1e12, 2.1e13], ["0", "5tn", "10tn", "15tn", "20tn", "25tn"]),
            ([35e6, 140e6], ["0", "50m", "100m", "150m"]),
            ([-2.5e6, 0.5e6], ["-3m", "-2m", "-1m", "0", "1m"]),
            ([1e-8, 9e-8], ["0", "2e-08", "4e-08", "6e-08", "8e-08", "1e-07"]),
            ([2e15, 9e15], ["2e+15", "4e+15", "6e+15", "8e+15", "1e+16"]),
        ])
        func labels(_ values: [Double], _ expected: [String]) {
            #expect(AxisScale(covering: values, tickCount: 5).labels == expected)
        }
    }
}

extension PlotTests {
    @Suite struct Terminal {
        /// The plot rows: the lines drawn with a left axis, without their
        /// labels and axis character.
        private func plotArea(_ text: String) -> [String] {
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { $0.contains("┤") || $0.contains("│") }
                .map { line in String(line.drop { $0 != "┤" && $0 != "│" }.dropFirst()) }
        }

        @Test func points_at_the_corners_land_in_the_corner_cells() {
            let plot = ScatterPlot(
                title: "t", xTitle: "x", yTitle: "y",
                points: [.init(x: 0, y: 100), .init(x: 100, y: 0)], source: "s")
            let rows = plotArea(TerminalPlot.render(plot, width: 20, height: 4))
            #expect(rows.count == 4)
            // Top left: braille dot 1; bottom right: dot 8, in the 20th cell.
            #expect(rows.first?.first == "\u{2801}")
            #expect(rows.last?.count == 20)
            #expect(rows.last?.last == "\u{2880}")
        }

        @Test func golden_small_plot() {
            let plot = ScatterPlot(
                title: "y against x", xTitle: "x (units)", yTitle: "y (units)",
                points: [.init(x: 0, y: 0, label: "A"), .init(x: 5, y: 10, label: "B"), .init(x: 10, y: 5)],
                fit: .init(intercept: 2, slope: 0.5), source: "Source: test; n = 3")
            let expected = """
                      y against x

                y (units)
                10 ┤          ⠁B
                   │           ⢀⣀⣀⣠⠤⠤⠖⠒⠒
                   │ ⢀⣀⣀⡤⠤⠴⠒⠒⠋⠉⠉       ⠈
                 0 ┤⡀A
                   └┬──────────────────┬
                    0                  10
                         x (units)

                Source: test; n = 3

                """
            #expect(TerminalPlot.render(plot, width: 20, height: 4) == expected)
        }

        @Test func labels_are_written_beside_their_points() {
            let text = TerminalPlot.render(PaperPlot.plot)
            for label in "ABCDEFGHIJ" {
                #expect(plotArea(text).contains { $0.contains(label) }, "label \(label)")
            }
        }

        /// A label that would cover a point or another label is left out, and
        /// the others are still written.
        @Test func crowded_labels_are_skipped_not_overwritten() {
            let points =
                (0..<8).map { ScatterPlot.Point(x: Double($0 % 2) * 0.01, y: 1, label: "L\($0)") }
                + [.init(x: 10, y: 0, label: "far")]
            let plot = ScatterPlot(title: "t", xTitle: "x", yTitle: "y", points: points, source: "s")
            let area = plotArea(TerminalPlot.render(plot, width: 20, height: 4)).joined()
            #expect(area.contains("L0"))
            #expect(!area.contains("L2"))
            #expect(area.contains("far"))
        }

        @Test(arguments: [(64, 16), (20, 4), (0, 0), (-3, 1), (1, 100), (33, 7)])
        func lines_fit_and_are_clean(_ width: Int, _ height: Int) {
            let plot = ScatterPlot(
                title: "a rather long title that will not fit on one line of a narrow plot",
                xTitle: "gross domestic product per person (current international dollars)",
                yTitle: "patent applications by residents per million people",
                points: PaperPlot.plot.points.map {
                    .init(x: $0.x * 1e9, y: $0.y, label: "country " + ($0.label ?? ""))
                },
                fit: .init(intercept: 1, slope: 2e-9), source: PaperPlot.plot.source)
            let text = TerminalPlot.render(plot, width: width, height: height)
            let columns = min(max(width, 20), 500)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(text.hasSuffix("\n"))
            for line in lines {
                #expect(line.last != " ", "trailing space: \(line)")
                // y tick labels ("100bn") + space + axis + plot area + the last
                // x label's overhang.
                #expect(line.count <= 6 + 2 + columns + 3, "too long: \(line)")
            }
            #expect(plotArea(text).count == min(max(height, 4), 200))
        }

        @Test func an_empty_plot_has_axes_and_a_note() {
            let plot = ScatterPlot(title: "nothing", xTitle: "x", yTitle: "y", points: [], source: "s")
            for (width, height) in [(64, 16), (0, 0)] {
                let text = TerminalPlot.render(plot, width: width, height: height)
                #expect(text.contains("no points to plot"))
                #expect(text.contains("└┬"))
            }
        }

        @Test func degenerate_data_renders() {
            let cases: [[ScatterPlot.Point]] = [
                [.init(x: 3, y: 4, label: "only")],
                [.init(x: 2, y: 1), .init(x: 2, y: 5), .init(x: 2, y: 9)],
                [
                    .init(x: .nan, y: 1), .init(x: 1, y: .infinity), .init(x: 1e308, y: -1e308),
                    .init(x: -1e308, y: 1e308),
                ],
                [.init(x: 1e-300, y: 1e-300, label: "tiny"), .init(x: 3e-300, y: 2e-300)],
            ]
            for points in cases {
                let plot = ScatterPlot(
                    title: "t", xTitle: "x", yTitle: "y", points: points,
                    fit: .init(intercept: 1e300, slope: -1e300), source: "s")
                let text = TerminalPlot.render(plot, width: 20, height: 4)
                #expect(!text.lowercased().contains("nan") && !text.lowercased().contains("inf"), "\(text)")
                #expect(plotArea(text).count == 4)
            }
        }

        @Test func control_characters_cannot_reach_the_terminal() {
            let plot = ScatterPlot(
                title: "a\u{1B}[31mred", xTitle: "x\ny", yTitle: "y", points: [.init(x: 1, y: 1, label: "\u{7}b")],
                source: "s")
            let text = TerminalPlot.render(plot)
            #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
            #expect(!text.contains("x\ny"))
        }

        @Test func paper_fixture() throws {
            try Golden.check(TerminalPlot.render(PaperPlot.plot), against: "plots/paper.txt")
        }
    }
}

extension PlotTests {
    @Suite struct SVG {
        @Test func paper_fixture() throws {
            try Golden.check(SVGPlot.render(PaperPlot.plot), against: "plots/paper.svg")
        }

        @Test func is_a_well_formed_svg_document() throws {
            let svg = SVGPlot.render(PaperPlot.plot)
            #expect(
                svg.hasPrefix(
                    #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(svg.contains(#"viewBox="0 0 640 420""#))
            try XMLScan.checkBalanced(svg)
            #expect(XMLScan.elements(named: "circle", in: svg) == 10)
            #expect(svg.contains("<clipPath id=\"cq-plot-area\">"))
            #expect(svg.contains("clip-path=\"url(#cq-plot-area)\""))
            #expect(svg.contains(#"font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif""#))
        }

        @Test func text_is_escaped() throws {
            let plot = ScatterPlot(
                title: "R&D <share> \"quoted\" it's", xTitle: "x", yTitle: "y",
                points: [.init(x: 1, y: 2, label: "A&B<C>"), .init(x: 2, y: 1, label: "\u{1}ctl")], source: "s")
            let svg = SVGPlot.render(plot)
            try XMLScan.checkBalanced(svg)
            #expect(svg.contains("R&amp;D &lt;share&gt; &quot;quoted&quot; it&apos;s"))
            #expect(svg.contains(">A&amp;B&lt;C&gt;</text>"))
            #expect(svg.contains(">\u{FFFD}ctl</text>"))
            #expect(!svg.contains("A&B"))
        }

        @Test func no_clip_path_without_a_line() {
            let plot = ScatterPlot(title: "t", xTitle: "x", yTitle: "y", points: [.init(x: 1, y: 2)], source: "s")
            #expect(!SVGPlot.render(plot).contains("clipPath"))
        }

        /// Every coordinate is a plain finite number with at most 2 decimals,
        /// whatever the data, the line or the size.
        @Test(arguments: [(640, 420), (0, 0), (100000, 3)])
        func coordinates_are_finite_and_short(_ width: Int, _ height: Int) throws {
            let cases: [[ScatterPlot.Point]] = [
                [], [.init(x: 3, y: 4, label: "only")],
                [.init(x: 2, y: 1), .init(x: 2, y: 5)],
                [
                    .init(x: .nan, y: 1), .init(x: 1, y: .infinity), .init(x: 1e308, y: -1e308),
                    .init(x: -1e308, y: 1e308),
                ],
                [.init(x: 1e-300, y: 1e-300), .init(x: 3e-300, y: 2e-300)],
            ]
            for points in cases {
                for fit in [
                    nil, ScatterPlot.Line(intercept: 1e300, slope: -1e300), .init(intercept: 0, slope: .infinity),
                ] {
                    let svg = SVGPlot.render(
                        .init(title: "t", xTitle: "x", yTitle: "y", points: points, fit: fit, source: "s"),
                        width: width, height: height)
                    try XMLScan.checkBalanced(svg)
                    #expect(!svg.lowercased().contains("nan") && !svg.lowercased().contains("inf"))
                    #expect(
                        XMLScan.elements(named: "circle", in: svg)
                            == points.filter { $0.x.isFinite && $0.y.isFinite }.count)
                    for value in XMLScan.numericAttributes(in: svg) {
                        #expect(Double(value)?.isFinite == true, "\(value)")
                        #expect((value.split(separator: ".").dropFirst().first?.count ?? 0) <= 2, "\(value)")
                    }
                }
            }
        }

        @Test func an_empty_plot_has_a_note() {
            let svg = SVGPlot.render(.init(title: "t", xTitle: "x", yTitle: "y", points: [], source: "s"))
            #expect(svg.contains(">no points to plot</text>"))
        }
    }
}

/// Just enough XML scanning to catch a broken document: tags open and close
/// in order, attribute values are quoted, and no text holds a raw `<` or `&`.
enum XMLScan {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func checkBalanced(_ document: String) throws {
        var open: [String] = []
        var rest = Substring(document)
        while let start = rest.firstIndex(of: "<") {
            try checkText(rest[..<start])
            guard let end = rest[start...].firstIndex(of: ">") else { throw Malformed(description: "unclosed tag") }
            let tag = rest[rest.index(after: start)..<end]
            rest = rest[rest.index(after: end)...]
            if tag.hasPrefix("?") { continue }
            guard tag.filter({ $0 == "\"" }).count % 2 == 0, !tag.contains("<") else {
                throw Malformed(description: "bad tag <\(tag)>")
            }
            let name = String(tag.drop { $0 == "/" }.prefix { $0 != " " && $0 != "/" })
            if tag.hasPrefix("/") {
                guard open.popLast() == name else { throw Malformed(description: "</\(name)> closes \(open)") }
            } else if !tag.hasSuffix("/") {
                open.append(name)
            }
        }
        try checkText(rest)
        guard open.isEmpty else { throw Malformed(description: "unclosed \(open)") }
    }

    /// Text may hold entities but no bare `&`.
    private static func checkText(_ text: Substring) throws {
        var rest = text
        while let ampersand = rest.firstIndex(of: "&") {
            let entity = rest[ampersand...].prefix { $0 != ";" }
            guard ["&amp", "&lt", "&gt", "&quot", "&apos"].contains(String(entity)) else {
                throw Malformed(description: "bare & in \(text)")
            }
            rest = rest[rest.index(after: ampersand)...]
        }
    }

    static func elements(named name: String, in document: String) -> Int {
        document.split(separator: "<").filter { $0.hasPrefix(name + " ") || $0.hasPrefix(name + ">") }.count
    }

    /// The values of the coordinate and size attributes.
    static func numericAttributes(in document: String) -> [String] {
        let names = ["x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height"]
        var values: [String] = []
        for name in names {
            let marker = Array(" \(name)=\"")
            let characters = Array(document)
            var index = 0
            while index + marker.count <= characters.count {
                if Array(characters[index..<index + marker.count]) == marker {
                    let start = index + marker.count
                    let end = characters[start...].firstIndex(of: "\"") ?? characters.count
                    values.append(String(characters[start..<end]))
                    index = end
                } else {
                    index += 1
                }
            }
        }
        return values
    }
}

/// Golden files under Fixtures/, next to this file. Re-recording is
/// deliberate: `CQ_RECORD=1 swift test --filter PlotTests` rewrites them,
/// and `git diff` shows what changed.
enum Golden {
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "cannot read \(path); CQ_RECORD=1 records it" }
    }

    static func check(_ actual: String, against name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        throws
    {
        let here = #filePath
        let path = here[..<(here.lastIndex(of: "/") ?? here.startIndex)] + "/Fixtures/" + name
        if let record = getenv("CQ_RECORD"), String(cString: record) == "1" {
            let file = try #require(fopen(path, "wb"), "cannot write \(path)")
            defer { fclose(file) }
            let bytes = Array(actual.utf8)
            #expect(fwrite(bytes, 1, bytes.count, file) == bytes.count)
            return
        }
        guard let file = fopen(path, "rb") else { throw Missing(path: path) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        let expected = String(decoding: bytes, as: UTF8.self)
        #expect(actual == expected, "\(name) differs; CQ_RECORD=1 re-records", sourceLocation: sourceLocation)
    }
}

/// `plot x over year`: each country's points joined year to year, a gap
/// never bridged, the label on each line's last point only.
struct TimeSeriesPlotTests {
    private func plot(_ query: String, in session: inout Session) throws -> PlotResult {
        let outcome = session.run(query)
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics.map(\.message))")
        guard case .plot(let result)? = outcome.results.first?.value else { throw CancellationError() }
        return result
    }

    @Test func consecutive_years_of_one_country_are_joined_and_labelled_at_the_end() throws {
        var session = TestDatasets.session()
        let result = try plot("plot gdp over year label country", in: &session)
        let drawing = result.scatterPlot
        let countries = Set(result.observations.map(\.country))
        let joined = countries.filter { country in
            Set(result.observations.filter { $0.country == country }.map(\.year)) == [2016, 2017]
        }
        #expect(drawing.connections.count == joined.count)
        #expect(drawing.points.compactMap(\.label).sorted() == countries.sorted())
        #expect(drawing.title == "gdp over the years")
        for connection in drawing.connections { #expect(connection.to.x == connection.from.x + 1) }
    }

    @Test func a_missing_year_is_a_gap_not_a_stroke() throws {
        let world = try #require(BuiltinDatasets.load("world"))
        var session = Session(dataset: world, catalog: DatasetCatalog(names: [], load: { _ in nil }))
        // Switzerland reports researchers every second to fourth year only.
        let result = try plot("plot researchers over year where country = \"CHE\"", in: &session)
        #expect(result.observations.map(\.year) == [2000, 2004, 2008, 2012, 2015, 2017, 2019, 2021, 2023])
        #expect(result.scatterPlot.connections.isEmpty)
        #expect(SVGPlot.render(result.scatterPlot).contains("<line x1="))
    }
}
