/// What `plot y against x` draws, independent of where it is drawn: the
/// terminal (`TerminalPlot`) and SVG (`SVGPlot`) renderers both take this
/// value and nothing else, so the two pictures cannot disagree about the data.
public struct ScatterPlot: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        /// Written beside the point, e.g. "DEU"; nil when not labelled.
        public var label: String?

        public init(x: Double, y: Double, label: String? = nil) {
            self.x = x
            self.y = y
            self.label = label
        }
    }

    /// y = intercept + slope × x, e.g. a least-squares fit.
    public struct Line: Sendable, Equatable {
        public var intercept: Double
        public var slope: Double

        public init(intercept: Double, slope: Double) {
            self.intercept = intercept
            self.slope = slope
        }

        package func y(at x: Double) -> Double { intercept + slope * x }
    }

    /// A straight stroke between two points: a time series is drawn as its
    /// points joined year to year.
    public struct Connection: Sendable, Equatable {
        public var from: Point
        public var to: Point

        public init(from: Point, to: Point) {
            self.from = from
            self.to = to
        }
    }

    /// e.g. "innovation against competitiveness".
    public var title: String
    /// The axis title with its unit, e.g. "competitiveness (score 0–100)".
    public var xTitle: String
    public var yTitle: String
    public var points: [Point]
    /// A line to draw through the points; points are drawn over it.
    public var fit: Line?
    /// e.g. "Source: World Bank WDI via cq `world`, 2017; n = 10".
    public var source: String

    /// Strokes drawn under the points (a country's consecutive years).
    public var connections: [Connection]

    public init(
        title: String, xTitle: String, yTitle: String, points: [Point], fit: Line? = nil,
        connections: [Connection] = [], source: String
    ) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.points = points
        self.fit = fit
        self.connections = connections
        self.source = source
    }

    /// The points both renderers can place: a NaN or infinite coordinate has
    /// no position, and the caller is meant to have removed such points, but
    /// a renderer must not crash or draw "nan" if one slips through.
    package var drawablePoints: [Point] {
        points.filter { $0.x.isFinite && $0.y.isFinite }
    }

    /// The horizontal and vertical scales covering the drawable points.
    package func scales(xTickCount: Int, yTickCount: Int) -> (x: AxisScale, y: AxisScale) {
        let drawable = drawablePoints
        return (
            AxisScale(covering: drawable.map(\.x), tickCount: xTickCount),
            AxisScale(covering: drawable.map(\.y), tickCount: yTickCount)
        )
    }
}

/// One axis: "nice" tick values covering the data (Heckbert, "Nice numbers
/// for graph labels", Graphics Gems, 1990), their labels, and the mapping of a
/// value to its place between the first and the last tick.
///
/// The axis runs from the first tick to the last, so every point lies on the
/// drawn scale and the ends of the axes are labelled.
public struct AxisScale: Sendable, Equatable {
    /// Ascending; at least two except at the limits of Double.
    public let ticks: [Double]
    /// One short label per tick (see `TickLabels`).
    public let labels: [String]

    /// The scale for `values` (non-finite values are ignored) with about
    /// `tickCount` ticks; no values gives the scale 0 to 1.
    public init(covering values: [Double], tickCount: Int) {
        let finite = values.filter(\.isFinite)
        let sequence = TickSequence(min: finite.min() ?? 0, max: finite.max() ?? 1, count: tickCount)
        // Finite ends always give ticks; the fallback keeps `lower` safe.
        ticks = sequence.values.isEmpty ? [0, 1] : sequence.values
        labels = sequence.values.isEmpty ? ["0", "1"] : TickLabels.labels(for: sequence)
    }

    package var lower: Double { ticks[0] }
    package var upper: Double { ticks[ticks.count - 1] }

    /// 0 at the first tick, 1 at the last; clamped, so that a value the
    /// scale was not built from still lands on the axis.
    package func fraction(of value: Double) -> Double {
        let span = upper - lower
        guard value.isFinite, span.isFinite, span > 0 else { return 0.5 }
        return Swift.min(1, Swift.max(0, (value - lower) / span))
    }

    /// The value at `fraction` of the way from the first tick to the last.
    package func value(at fraction: Double) -> Double {
        lower + (upper - lower) * fraction
    }

    /// About `count` ticks with steps of 1, 2 or 5 × 10^k, the first at or
    /// below `min` and the last at or above `max`. Equal ends get a range
    /// around the value; NaN and infinite ends give an empty or
    /// single-tick answer rather than a crash.
    public static func niceTicks(min: Double, max: Double, count: Int) -> [Double] {
        guard min.isFinite, max.isFinite else { return [min, max].filter(\.isFinite) }
        return TickSequence(min: min, max: max, count: count).values
    }
}

/// Tick values as multiples of one step: value(i) = (first + i) × mantissa ×
/// 10^exponent. Keeping the integer multiple and the decimal exponent apart
/// (instead of adding the step up in floating point) makes every tick the
/// double nearest its decimal value (0.006, not 0.006000000000000001) and
/// lets the labels be written exactly.
package struct TickSequence: Sendable, Equatable {
    package struct Step: Sendable, Equatable {
        /// 1, 2 or 5.
        package var mantissa: Int
        package var exponent: Int

        package var value: Double { scaled(Double(mantissa)) }

        /// n × 10^exponent, correctly rounded while 10^|exponent| is exact.
        package func scaled(_ n: Double) -> Double {
            exponent >= 0 ? n * powerOfTen(exponent) : n / powerOfTen(-exponent)
        }
    }

    /// nil when the ticks are not multiples of a step (only for ranges near
    /// the limits of Double, where the ticks are just the two ends).
    package var step: Step?
    /// The integer multiple of the step at the first tick.
    package var first: Double
    package var values: [Double]

    /// Ticks are asked for in this range; more would not be readable on any
    /// axis, and a count of 0 or 1 cannot span a range.
    package static let countRange = 2...50

    package init(min rawMin: Double, max rawMax: Double, count rawCount: Int) {
        var low = Swift.min(rawMin, rawMax)
        var high = Swift.max(rawMin, rawMax)
        let count = Swift.min(Swift.max(rawCount, Self.countRange.lowerBound), Self.countRange.upperBound)
        let magnitude = Swift.max(abs(low), abs(high))
        // A range below a billionth of the values' size cannot be labelled
        // with readable digits; treat it as a single value, centred.
        if high - low <= magnitude * 1e-9 {
            let pad = magnitude == 0 ? 1 : powerOfTen(decimalExponent(magnitude))
            low -= pad
            high += pad
        }
        let span = high - low
        let range = Self.nice(span, rounded: false)
        let step = range.flatMap { Self.nice($0.value / Double(count - 1), rounded: true) }
        guard span.isFinite, span > 0, let step, abs(step.exponent) <= 290 else {
            // Near the limits of Double the decimal steps over- or
            // underflow; the data's own ends are honest ticks.
            self.step = nil
            first = 0
            let ends = [Swift.min(rawMin, rawMax), Swift.max(rawMin, rawMax)].filter(\.isFinite)
            values = ends.count == 2 && ends[0] == ends[1] ? [ends[0]] : ends
            return
        }
        let stepValue = step.value
        var firstMultiple = (low / stepValue).rounded(.down)
        var lastMultiple = (high / stepValue).rounded(.up)
        // Division rounds; make sure the ticks really enclose the data.
        if step.scaled(firstMultiple * Double(step.mantissa)) > low { firstMultiple -= 1 }
        if step.scaled(lastMultiple * Double(step.mantissa)) < high { lastMultiple += 1 }
        let tickCount = Int(lastMultiple - firstMultiple) + 1
        self.step = step
        first = firstMultiple
        // `+ 0` turns a tick of -0 into 0, so no axis reads "-0".
        values = (0..<tickCount).map { step.scaled((firstMultiple + Double($0)) * Double(step.mantissa)) + 0 }
    }

    /// Heckbert's nice number near `x` > 0: 1, 2, 5 or 10 × 10^k, the nearest
    /// when `rounded`, otherwise the smallest not below `x`.
    private static func nice(_ x: Double, rounded: Bool) -> Step? {
        guard x.isFinite, x > 0 else { return nil }
        let exponent = decimalExponent(x)
        let fraction = Step(mantissa: 1, exponent: exponent).value
        let f = x / fraction
        let mantissa: Int
        if rounded {
            mantissa = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
        } else {
            mantissa = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
        }
        return mantissa == 10 ? Step(mantissa: 1, exponent: exponent + 1) : Step(mantissa: mantissa, exponent: exponent)
    }
}

/// ⌊log10 x⌋ for finite x > 0, without Glibc: estimate from the binary
/// exponent, then correct against exact-as-possible powers of ten.
package func decimalExponent(_ x: Double) -> Int {
    var exponent = Int((Double(x.exponent) * 0.301029995663981195).rounded(.down))
    while exponent > -330, powerOfTen(exponent) > x { exponent -= 1 }
    while exponent < 310, powerOfTen(exponent + 1) <= x { exponent += 1 }
    return exponent
}

/// 10^k: exact for 0 ≤ k ≤ 22 (every such power is a double), correctly
/// rounded for -22 ≤ k < 0, and close enough for ticks beyond.
package func powerOfTen(_ k: Int) -> Double {
    var result = 1.0
    var remaining = abs(k)
    var factor = 10.0
    // Square-and-multiply stays exact while the result is below 10^22.
    while remaining > 0 {
        if remaining & 1 == 1 { result *= factor }
        factor *= factor
        remaining >>= 1
    }
    return k >= 0 ? result : 1 / result
}

/// Tick labels: short enough for an axis, exact, and alike along one axis.
///
/// cq's number rule (`NumberFormat.value`) prints all digits of whole numbers
/// below 10^10, which suits a table of populations but not an axis: the
/// labels of a GDP axis would be `2000000000000`. So an axis whose largest
/// tick reaches 10^4 counts in thousands, millions, billions or trillions —
/// `k`, `m`, `bn`, `tn`, the abbreviations of economic publications — and
/// every label on it uses that unit: 0, 5k, 10k, 15k. Thousands separators
/// (`1,000`) are not used: cq prints none elsewhere, and a comma reads as a
/// decimal point in much of Europe.
///
/// The digits come from the tick's integer multiple, so 0.3 prints as `0.3`
/// with no binary-rounding noise; trailing zeros are dropped (`1`, `1.5`,
/// `2`), as the number rule drops them. Ticks that need more than six
/// decimals, or reach 10^15, fall back to the number rule's scientific form.
package enum TickLabels {
    /// An axis counts in a unit once its largest tick reaches `from`. 1000
    /// to 9999 read well in full, so thousands start at 10^4 (10k is
    /// shorter than 10000, 2000 no longer than 2k).
    private static let units: [(from: Int, exponent: Int, suffix: String)] = [
        (12, 12, "tn"), (9, 9, "bn"), (6, 6, "m"), (4, 3, "k"),
    ]

    package static func labels(for sequence: TickSequence) -> [String] {
        let largest = sequence.values.map(abs).max() ?? 0
        guard let step = sequence.step, largest < 1e15 else {
            return sequence.values.map(NumberFormat.value)
        }
        let unit = units.first { largest >= powerOfTen($0.from) }
        let unitExponent = unit?.exponent ?? 0
        let shift = step.exponent - unitExponent
        guard shift >= -6 else { return sequence.values.map(NumberFormat.value) }
        return sequence.values.indices.map { index in
            let multiple = (sequence.first + Double(index)) * Double(step.mantissa)
            // Below 2^53 the multiple is an exact integer; beyond, the rule's
            // own digits are as good as any.
            guard abs(multiple) < 9e15 else { return NumberFormat.value(sequence.values[index]) }
            let digits = decimal(Int64(multiple), shiftedBy: shift)
            return digits == "0" ? digits : digits + (unit?.suffix ?? "")
        }
    }

    /// The integer `n` × 10^`shift` in decimal, trailing fractional zeros dropped.
    package static func decimal(_ n: Int64, shiftedBy shift: Int) -> String {
        let sign = n < 0 ? "-" : ""
        var digits = String(n.magnitude)
        if shift >= 0 {
            return n == 0 ? "0" : sign + digits + String(repeating: "0", count: shift)
        }
        let places = -shift
        if digits.count <= places {
            digits = String(repeating: "0", count: places - digits.count + 1) + digits
        }
        var whole = String(digits.dropLast(places))
        var fraction = String(digits.suffix(places))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if whole.isEmpty { whole = "0" }
        let text = fraction.isEmpty ? whole : whole + "." + fraction
        return text == "0" ? "0" : sign + text
    }
}
