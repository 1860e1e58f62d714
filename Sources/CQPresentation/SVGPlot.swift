/// A scatter plot as a standalone SVG 1.1 document: white background, title
/// top left, light grid, axes with ticks and labels, points as circles with
/// their labels beside them, the fit line clipped to the plot area, and the
/// source small at the bottom left.
///
/// Everything is computed here, with no fonts to measure: text widths are
/// estimated from the character count (`TextMetrics`), which is enough to
/// leave room for tick labels and keep point labels apart. Numbers are
/// written with at most 2 decimals by integer arithmetic, so the document is
/// the same on every machine and in every locale.
public enum SVGPlot {
    /// Below 240 × 180 the titles and ticks no longer fit around a plot
    /// area; the upper bound only stops a mistaken size from producing
    /// absurd coordinates.
    package static let widthRange = 240...8000
    package static let heightRange = 180...8000

    public static func render(_ plot: ScatterPlot, width: Int = 640, height: Int = 420) -> String {
        let width = min(max(width, widthRange.lowerBound), widthRange.upperBound)
        let height = min(max(height, heightRange.lowerBound), heightRange.upperBound)
        // The tick labels' width decides the left margin, and the margin the
        // plot's width; the count of x ticks follows from a first estimate.
        let roughPlotWidth = Double(width) * 0.85
        let roughPlotHeight = Double(height) - SVGLayout.top - SVGLayout.bottom
        let (xScale, yScale) = plot.scales(
            xTickCount: max(2, Int(roughPlotWidth / 90)),
            yTickCount: max(2, Int(roughPlotHeight / 55)))
        let layout = SVGLayout(width: Double(width), height: Double(height), yLabels: yScale.labels)
        var document = SVGDocument(width: width, height: height)
        document.open(plot: plot, clipTo: plot.fit == nil ? nil : layout)
        document.grid(layout, x: xScale, y: yScale)
        document.axes(layout, x: xScale, y: yScale)
        let fitSegment = plot.fit.flatMap { document.line($0, layout, x: xScale, y: yScale) }
        let points = plot.drawablePoints
        document.strokes(
            plot.connections.compactMap { connection in
                let ends = [connection.from, connection.to]
                guard ends.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { return nil }
                let (a, b) = (ends[0], ends[1])
                return (
                    layout.position(x: xScale.fraction(of: a.x), y: yScale.fraction(of: a.y)),
                    layout.position(x: xScale.fraction(of: b.x), y: yScale.fraction(of: b.y))
                )
            })
        let centres = points.map { layout.position(x: xScale.fraction(of: $0.x), y: yScale.fraction(of: $0.y)) }
        document.circles(centres)
        document.labels(
            zip(points, centres).compactMap { point, centre in
                point.label.flatMap { $0.isEmpty ? nil : ($0, centre) }
            }, layout, points: centres, line: fitSegment)
        if points.isEmpty {
            document.text(
                "no points to plot", x: layout.plotLeft + layout.plotWidth / 2,
                y: layout.plotTop + layout.plotHeight / 2,
                attributes: ##"font-size="13" fill="#777777" text-anchor="middle""##)
        }
        document.titles(plot, layout)
        return document.close()
    }
}

/// Where things go, in pixels from the top left.
private struct SVGLayout {
    package static let edge = 16.0
    package static let top = 52.0
    package static let bottom = 78.0
    package static let right = 24.0
    /// The rotated y title's baseline; its glyphs reach about 9 px left of it.
    package static let yTitleBaseline = 28.0
    package static let tickLength = 5.0
    package static let tickLabelGap = 8.0

    package let width: Double
    package let height: Double
    package let plotLeft: Double
    package let plotTop: Double
    package let plotWidth: Double
    package let plotHeight: Double

    package init(width: Double, height: Double, yLabels: [String]) {
        self.width = width
        self.height = height
        let widestLabel = yLabels.map { TextMetrics.width(of: $0, size: 11) }.max() ?? 0
        // Whole pixels, so that the axes fall on the pixel grid.
        plotLeft = (Self.yTitleBaseline + 6 + widestLabel + Self.tickLabelGap).rounded(.up)
        plotTop = Self.top
        plotWidth = width - plotLeft - Self.right
        plotHeight = height - Self.top - Self.bottom
    }

    package var plotRight: Double { plotLeft + plotWidth }
    package var plotBottom: Double { plotTop + plotHeight }

    /// The pixel for fractions of the way along each axis (0…1, y upwards).
    package func position(x: Double, y: Double) -> (x: Double, y: Double) {
        (plotLeft + x * plotWidth, plotBottom - y * plotHeight)
    }
}

/// Text widths without a font: the average advance of these sans-serif
/// faces is about 0.55 em for lower case and digits; 0.6 em errs towards
/// more room, which costs a few pixels of margin, never an overlap.
private enum TextMetrics {
    package static func width(of text: String, size: Double) -> Double {
        Double(text.count) * size * 0.6
    }
}

/// A rectangle for keeping labels apart.
private struct Box {
    package var left, top, right, bottom: Double

    package func overlaps(_ other: Box) -> Bool {
        left < other.right && other.left < right && top < other.bottom && other.top < bottom
    }

    package func isInside(_ other: Box) -> Bool {
        left >= other.left && right <= other.right && top >= other.top && bottom <= other.bottom
    }

    /// Whether the segment passes through the box (Liang–Barsky clipping).
    package func isCrossed(by segment: Segment) -> Bool {
        let dx = segment.to.x - segment.from.x
        let dy = segment.to.y - segment.from.y
        var entry = 0.0
        var exit = 1.0
        for (p, q) in [
            (-dx, segment.from.x - left), (dx, right - segment.from.x),
            (-dy, segment.from.y - top), (dy, bottom - segment.from.y),
        ] {
            if p == 0 {
                if q < 0 { return false }
            } else if p < 0 {
                entry = max(entry, q / p)
            } else {
                exit = min(exit, q / p)
            }
        }
        return entry <= exit
    }
}

private struct Segment {
    package var from: (x: Double, y: Double)
    package var to: (x: Double, y: Double)
}

/// The document as it is written, one element per line.
private struct SVGDocument {
    package static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"
    package static let clipID = "cq-plot-area"
    package static let pointRadius = 4.5

    package let width: Int
    package let height: Int
    private var lines: [String] = []

    package init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    package mutating func open(plot: ScatterPlot, clipTo clip: SVGLayout?) {
        lines.append(##"<?xml version="1.0" encoding="UTF-8"?>"##)
        lines.append(
            ##"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\##(width)" height="\##(height)" viewBox="0 0 \##(width) \##(height)" font-family="\##(Self.fontFamily)">"##
        )
        // Read by screen readers and shown as the file's tooltip.
        lines.append("  <title>\(escaped(plot.title))</title>")
        lines.append("  <desc>\(escaped(plot.source))</desc>")
        if let clip {
            lines.append("  <defs>")
            lines.append(##"    <clipPath id="\##(Self.clipID)">"##)
            lines.append(
                ##"      <rect x="\##(number(clip.plotLeft))" y="\##(number(clip.plotTop))" width="\##(number(clip.plotWidth))" height="\##(number(clip.plotHeight))"/>"##
            )
            lines.append("    </clipPath>")
            lines.append("  </defs>")
        }
        lines.append(##"  <rect width="\##(width)" height="\##(height)" fill="#ffffff"/>"##)
    }

    package mutating func grid(_ layout: SVGLayout, x: AxisScale, y: AxisScale) {
        lines.append(##"  <g stroke="#e6e6e6" stroke-width="1" shape-rendering="crispEdges">"##)
        for tick in x.ticks {
            let px = layout.position(x: x.fraction(of: tick), y: 0).x
            lines.append("    " + segment(px, layout.plotTop, px, layout.plotBottom))
        }
        for tick in y.ticks {
            let py = layout.position(x: 0, y: y.fraction(of: tick)).y
            lines.append("    " + segment(layout.plotLeft, py, layout.plotRight, py))
        }
        lines.append("  </g>")
    }

    package mutating func axes(_ layout: SVGLayout, x: AxisScale, y: AxisScale) {
        let tick = SVGLayout.tickLength
        lines.append(##"  <g stroke="#444444" stroke-width="1" shape-rendering="crispEdges">"##)
        lines.append("    " + segment(layout.plotLeft, layout.plotTop, layout.plotLeft, layout.plotBottom))
        lines.append("    " + segment(layout.plotLeft, layout.plotBottom, layout.plotRight, layout.plotBottom))
        for value in x.ticks {
            let px = layout.position(x: x.fraction(of: value), y: 0).x
            lines.append("    " + segment(px, layout.plotBottom, px, layout.plotBottom + tick))
        }
        for value in y.ticks {
            let py = layout.position(x: 0, y: y.fraction(of: value)).y
            lines.append("    " + segment(layout.plotLeft - tick, py, layout.plotLeft, py))
        }
        lines.append("  </g>")

        lines.append(##"  <g font-size="11" fill="#555555" text-anchor="middle">"##)
        // Centred under its tick; one that would run into the label before
        // it is left out (only on narrow plots with long labels).
        var lastRight = -Double.infinity
        for (value, label) in zip(x.ticks, x.labels) {
            let px = layout.position(x: x.fraction(of: value), y: 0).x
            let half = TextMetrics.width(of: label, size: 11) / 2
            guard px - half > lastRight + 4 else { continue }
            lastRight = px + half
            lines.append("    " + textElement(label, x: px, y: layout.plotBottom + tick + 13))
        }
        lines.append("  </g>")
        lines.append(##"  <g font-size="11" fill="#555555" text-anchor="end">"##)
        for (value, label) in zip(y.ticks, y.labels) {
            let py = layout.position(x: 0, y: y.fraction(of: value)).y
            // +4 puts the middle of digits on the tick, not their baseline.
            lines.append("    " + textElement(label, x: layout.plotLeft - SVGLayout.tickLabelGap, y: py + 4))
        }
        lines.append("  </g>")
    }

    /// The line between the plot area's left and right edges, cut where it
    /// leaves the area at the top or bottom: the coordinates stay small and
    /// finite even for a steep line, and the clip path trims the stroke's
    /// ends exactly. Returns the segment drawn, for labels to keep clear of.
    package mutating func line(_ fit: ScatterPlot.Line, _ layout: SVGLayout, x: AxisScale, y: AxisScale) -> Segment? {
        let yFraction = { (fraction: Double) -> Double in
            (fit.y(at: x.value(at: fraction)) - y.lower) / (y.upper - y.lower)
        }
        var start = 0.0
        var end = 1.0
        let (startY, endY) = (yFraction(0), yFraction(1))
        guard startY.isFinite, endY.isFinite else { return nil }
        if startY != endY {
            // Where the line crosses y = 0 and y = 1 of the plot area.
            let atBottom = (0 - startY) / (endY - startY)
            let atTop = (1 - startY) / (endY - startY)
            start = max(start, min(atBottom, atTop))
            end = min(end, max(atBottom, atTop))
        } else if startY < 0 || startY > 1 {
            return nil
        }
        guard start < end else { return nil }
        let from = layout.position(x: start, y: startY + (endY - startY) * start)
        let to = layout.position(x: end, y: startY + (endY - startY) * end)
        lines.append(
            ##"  <line x1="\##(number(from.x))" y1="\##(number(from.y))" x2="\##(number(to.x))" y2="\##(number(to.y))" stroke="#d9480f" stroke-width="1.5" stroke-opacity="0.85" clip-path="url(#\##(Self.clipID))"/>"##
        )
        return Segment(from: from, to: to)
    }

    /// The strokes of a time series, under the points.
    package mutating func strokes(_ strokes: [((x: Double, y: Double), (x: Double, y: Double))]) {
        guard !strokes.isEmpty else { return }
        lines.append(##"  <g stroke="#1f5fa8" stroke-opacity="0.6" stroke-width="1.5" fill="none">"##)
        for (a, b) in strokes {
            lines.append(
                ##"    <line x1="\##(number(a.x))" y1="\##(number(a.y))" x2="\##(number(b.x))" y2="\##(number(b.y))"/>"##
            )
        }
        lines.append("  </g>")
    }

    package mutating func circles(_ centres: [(x: Double, y: Double)]) {
        guard !centres.isEmpty else { return }
        lines.append(##"  <g fill="#1f5fa8" fill-opacity="0.9" stroke="#ffffff" stroke-width="1">"##)
        for centre in centres {
            lines.append(
                ##"    <circle cx="\##(number(centre.x))" cy="\##(number(centre.y))" r="\##(number(Self.pointRadius))"/>"##
            )
        }
        lines.append("  </g>")
    }

    /// Each label right of its point, else left, above or below, wherever it
    /// covers no point and no other label and stays inside the picture;
    /// a place the fit line does not cross is preferred. A label with no
    /// such place is left out: overlapping text would make both unreadable.
    package mutating func labels(
        _ labelled: [(String, (x: Double, y: Double))], _ layout: SVGLayout,
        points: [(x: Double, y: Double)], line: Segment?
    ) {
        guard !labelled.isEmpty else { return }
        let size = 11.0
        let gap = Self.pointRadius + 3
        let frame = Box(
            left: layout.plotLeft + 2, top: layout.plotTop - 8,
            right: layout.width - 4, bottom: layout.plotBottom - 2)
        var taken = points.map {
            Box(
                left: $0.x - Self.pointRadius, top: $0.y - Self.pointRadius,
                right: $0.x + Self.pointRadius, bottom: $0.y + Self.pointRadius)
        }
        lines.append(##"  <g font-size="11" fill="#222222">"##)
        for (label, centre) in labelled {
            let textWidth = TextMetrics.width(of: label, size: size)
            // (anchor, baseline x, baseline y, box); cap height ≈ 0.72 em.
            let candidates: [(String?, Double, Double, Box)] = [
                (
                    nil, centre.x + gap, centre.y + 4,
                    Box(
                        left: centre.x + gap, top: centre.y - 4, right: centre.x + gap + textWidth, bottom: centre.y + 4
                    )
                ),
                (
                    "end", centre.x - gap, centre.y + 4,
                    Box(
                        left: centre.x - gap - textWidth, top: centre.y - 4, right: centre.x - gap, bottom: centre.y + 4
                    )
                ),
                (
                    "middle", centre.x, centre.y - gap - 1,
                    Box(
                        left: centre.x - textWidth / 2, top: centre.y - gap - 9, right: centre.x + textWidth / 2,
                        bottom: centre.y - gap - 1)
                ),
                (
                    "middle", centre.x, centre.y + gap + 9,
                    Box(
                        left: centre.x - textWidth / 2, top: centre.y + gap, right: centre.x + textWidth / 2,
                        bottom: centre.y + gap + 9)
                ),
            ]
            let free = candidates.filter { candidate in
                candidate.3.isInside(frame) && !taken.contains { $0.overlaps(candidate.3) }
            }
            let clearOfLine = free.first { candidate in line.map { !candidate.3.isCrossed(by: $0) } ?? true }
            guard let (anchor, px, py, box) = clearOfLine ?? free.first else { continue }
            taken.append(box)
            let anchorAttribute = anchor.map { ##" text-anchor="\##($0)""## } ?? ""
            lines.append("    " + textElement(label, x: px, y: py, attributes: anchorAttribute))
        }
        lines.append("  </g>")
    }

    package mutating func titles(_ plot: ScatterPlot, _ layout: SVGLayout) {
        text(plot.title, x: SVGLayout.edge, y: 28, attributes: ##"font-size="16" font-weight="600" fill="#111111""##)
        text(
            plot.xTitle, x: layout.plotLeft + layout.plotWidth / 2, y: layout.plotBottom + 42,
            attributes: ##"font-size="12" fill="#333333" text-anchor="middle""##)
        let yMiddle = layout.plotTop + layout.plotHeight / 2
        let baseline = SVGLayout.yTitleBaseline
        text(
            plot.yTitle, x: baseline, y: yMiddle,
            attributes:
                ##"font-size="12" fill="#333333" text-anchor="middle" transform="rotate(-90 \##(number(baseline)) \##(number(yMiddle)))""##
        )
        text(plot.source, x: SVGLayout.edge, y: layout.height - 12, attributes: ##"font-size="10" fill="#777777""##)
    }

    package mutating func text(_ content: String, x: Double, y: Double, attributes: String) {
        lines.append("  " + textElement(content, x: x, y: y, attributes: " " + attributes))
    }

    package func close() -> String {
        (lines + ["</svg>"]).map { $0 + "\n" }.joined()
    }

    private func textElement(_ content: String, x: Double, y: Double, attributes: String = "") -> String {
        ##"<text x="\##(number(x))" y="\##(number(y))"\##(attributes)>\##(escaped(content))</text>"##
    }

    private func segment(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> String {
        ##"<line x1="\##(number(x1))" y1="\##(number(y1))" x2="\##(number(x2))" y2="\##(number(y2))"/>"##
    }
}

/// At most 2 decimals, trailing zeros dropped: "12", "12.5", "-0.25". Built
/// from an integer count of hundredths, so no locale or printf is involved.
/// Every coordinate is inside the picture; a non-finite one (which the
/// layout never produces) is written as 0 rather than as "nan".
private func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let hundredths = Int64((min(max(value, -1e12), 1e12) * 100).rounded())
    return TickLabels.decimal(hundredths, shiftedBy: -2)
}

/// XML text and attribute values: the five special characters as entities,
/// and the characters XML 1.0 forbids (C0 controls other than tab, newline
/// and carriage return) as U+FFFD, so the document always parses.
private func escaped(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&apos;"
        case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
        case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
            result += "\u{FFFD}"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}
