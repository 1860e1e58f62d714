/// The within transformation of a fixed-effects regression: every column
/// has the part explained by one or two sets of group dummies removed, so
/// that least squares on the transformed columns gives the coefficients of
/// the model with the dummies (Frisch–Waugh–Lovell) without ever building
/// them as regressors.
///
/// One factor: each value minus its group's mean (computed twice over: the
/// mean of what the first pass leaves is subtracted again, so the result is
/// centred to the last bit even when the values are far from 0).
///
/// Two factors, exactly rather than by alternating projections: the factor
/// with more levels (countries) is removed by demeaning; the other's dummy
/// columns (years), demeaned the same way, are factorized by Householder QR
/// and projected out. A country × year panel has at most a few dozen years,
/// so this costs n·T² operations and needs no convergence criterion;
/// alternating projections, the usual method, would only pay off with
/// thousands of levels on both sides. The rank of the projected dummies
/// also gives the exact number of parameters the two factors absorb (one
/// fewer than the levels for a connected panel, more for a panel that falls
/// into disconnected parts).
struct WithinTransformation {
    /// The demeaned factor: one level per observation, and the level count.
    private let primary: [Int]
    private let primaryLevels: Int
    /// The other factor's demeaned dummies, factorized; nil for one factor.
    private let secondary: HouseholderQR?
    /// The number of parameters the effects absorb: the primary factor's
    /// levels plus the rank of the secondary's demeaned dummies.
    let parameters: Int

    /// `factors`: one or two arrays of level numbers (0..<levels), one entry
    /// per observation; `levels`: each factor's level count.
    init(factors: [[Int]], levels: [Int]) {
        precondition(factors.count == 1 || factors.count == 2, "one or two factors")
        let order = factors.count == 2 && levels[1] > levels[0] ? [1, 0] : [0, 1]
        primary = factors[order[0]]
        primaryLevels = levels[order[0]]
        guard factors.count == 2 else {
            secondary = nil
            parameters = primaryLevels
            return
        }
        let other = factors[order[1]]
        let otherLevels = levels[order[1]]
        let n = primary.count
        var dummies = [[Double]](repeating: [Double](repeating: 0, count: n), count: otherLevels)
        for (i, level) in other.enumerated() { dummies[level][i] = 1 }
        var sizes = [Double](repeating: 0, count: otherLevels)
        for level in other { sizes[level] += 1 }
        let demeaned = dummies.map { Self.demean($0, by: factors[order[0]], levels: levels[order[0]]) }
        // Exactly dependent dummies leave rounding (~10⁻¹⁶ of their size);
        // 10⁻¹⁰ tells them from a level that carries information.
        let qr = HouseholderQR(
            columns: demeaned, rowCount: n, referenceNorms: sizes.map { $0.squareRoot() }, tolerance: 1e-10)
        secondary = qr
        parameters = primaryLevels + qr.rank
    }

    /// The column with the effects removed.
    func apply(_ values: [Double]) -> [Double] {
        var result = Self.demean(values, by: primary, levels: primaryLevels)
        guard let secondary else { return result }
        secondary.applyQTranspose(&result)
        for k in 0..<secondary.rank { result[k] = 0 }
        secondary.applyQ(&result)
        return result
    }

    /// Each value minus its group's mean, in two passes.
    static func demean(_ values: [Double], by groups: [Int], levels: Int) -> [Double] {
        var result = values
        for _ in 0..<2 {
            var sums = [CompensatedSum](repeating: CompensatedSum(), count: levels)
            var counts = [Int](repeating: 0, count: levels)
            for (i, group) in groups.enumerated() {
                sums[group].add(result[i])
                counts[group] += 1
            }
            let means = (0..<levels).map { counts[$0] > 0 ? sums[$0].value / Double(counts[$0]) : 0 }
            for (i, group) in groups.enumerated() { result[i] -= means[group] }
        }
        return result
    }
}
