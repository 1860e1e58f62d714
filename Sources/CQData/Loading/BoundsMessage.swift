/// The error for a value outside its indicator's bounds, worded once for
/// every loader (the built-in world, a cq folder, the parallel long-form
/// parser): a wrong unit or a shifted column shows up as this message, never
/// as a number passed on to statistics.
enum BoundsMessage {
    /// The message, or nil when the value is within the bounds. `shown` is
    /// the value as the file writes it (or as cq prints it). A NaN is outside.
    static func violation(_ shown: String, value: Double, minimum: Double?, maximum: Double?, of id: String) -> String?
    {
        if let minimum, value < minimum {
            return "value \(shown) is below the minimum \(text(minimum)) of `\(id)`"
        }
        if let maximum, !(value <= maximum) {
            return "value \(shown) is above the maximum \(text(maximum)) of `\(id)`"
        }
        return nil
    }

    /// A number as people write it: 100, not 100.0. (Text surgery rather than
    /// rounding, which would need libm, which CQCore does not otherwise link here.)
    static func text(_ value: Double) -> String {
        var text = String(value)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
