/// A running sum that carries the rounding error of every addition
/// (Neumaier's improvement of Kahan summation).
///
/// The error of the result stays near one rounding of the true sum, instead
/// of growing with the number of terms and with cancellation between them.
/// That is what lets the two-pass mean and variance reach the limits NIST
/// StRD sets (see `SummaryTests`). The terms must be finite; once the running
/// sum overflows, `value` is that infinity and the compensation is dropped.
public struct CompensatedSum: Sendable, Equatable {
    /// The plain floating-point sum of the terms so far.
    public private(set) var roughSum: Double = 0
    /// The accumulated rounding error of `roughSum`.
    private var compensation: Double = 0

    public init() {}

    /// The sum of `terms`.
    public init<Terms: Sequence>(_ terms: Terms) where Terms.Element == Double {
        for term in terms { add(term) }
    }

    public mutating func add(_ term: Double) {
        let sum = roughSum + term
        guard sum.isFinite else {
            roughSum = sum
            compensation = 0
            return
        }
        // Whichever operand is larger in magnitude is represented exactly in
        // `sum`; the low-order bits lost from the smaller one are recovered.
        if abs(roughSum) >= abs(term) {
            compensation += (roughSum - sum) + term
        } else {
            compensation += (term - sum) + roughSum
        }
        roughSum = sum
    }

    /// The compensated sum.
    public var value: Double {
        roughSum.isFinite ? roughSum + compensation : roughSum
    }
}
