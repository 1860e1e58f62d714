/// Ranks of values, for the rank correlations.
public enum Ranking {

    /// The 1-based ranks of `values`, tied values sharing the mean of the
    /// ranks they span ("mid-ranks"): [10, 20, 20, 30] → [1, 2.5, 2.5, 4].
    ///
    /// This is R's `rank(ties.method = "average")` and SciPy's `rankdata`
    /// default, the ranking Spearman's rho with ties is defined on. Every
    /// rank is a multiple of ½, so it is exact in a Double.
    public static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] {
                end += 1
            }
            // Positions start…end (0-based) hold ranks start+1 … end+1.
            let rank = Double(start + end) / 2 + 1
            for position in start...end {
                ranks[order[position]] = rank
            }
            start = end + 1
        }
        return ranks
    }

    /// Whether any value occurs more than once.
    public static func hasTies(_ values: [Double]) -> Bool {
        let sorted = values.sorted()
        return zip(sorted, sorted.dropFirst()).contains { $0 == $1 }
    }

    /// The sizes of the groups of equal values with more than one member, in
    /// increasing order of value, from values already sorted:
    /// [1, 2, 2, 3, 3, 3] → [2, 3]. Kendall's tie-corrected variance uses them.
    public static func tieGroupSizes(sorted: [Double]) -> [Int] {
        var sizes: [Int] = []
        var start = 0
        while start < sorted.count {
            var end = start
            while end + 1 < sorted.count, sorted[end + 1] == sorted[start] {
                end += 1
            }
            if end > start { sizes.append(end - start + 1) }
            start = end + 1
        }
        return sizes
    }
}
