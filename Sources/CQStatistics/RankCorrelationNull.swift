import Glibc

/// Null distributions of the rank statistics, for the p-values R's
/// `cor.test` reports when there are no ties.
///
/// Without ties, under independence every pairing of the ranks is equally
/// likely, so the distributions depend on n alone.
enum RankCorrelationNull {

    // MARK: - Spearman

    /// The two-sided p-value for Spearman's S = Σ(rank xᵢ − rank yᵢ)² without
    /// ties and 3 ≤ n ≤ 1290, chosen and computed as R's `cor.test` does:
    /// the tail on the observed side, P(S' ≥ S) when S is above its mean
    /// (n³ − n)/6 and P(S' ≤ S) otherwise, doubled and capped at 1.
    static func spearmanTwoSided(n: Int, s: Double) -> (p: Double, method: CorrelationEstimate.PValueMethod) {
        let count = Double(n)
        let mean = (count * count * count - count) / 6
        // S is even without ties, so P(S' ≤ S) = P(S' < S + 2): R's form.
        let tail =
            s > mean
            ? spearmanTail(n: n, s: s, upper: true)
            : spearmanTail(n: n, s: s + 2, upper: false)
        return (min(1, 2 * tail), n <= exactSpearmanLimit ? .exact : .edgeworth)
    }

    /// Spearman's S has its exact distribution up to this n, as in R (which
    /// lists all 9! orderings; `spearmanCounts` counts them by dynamic
    /// programming); above it the AS 89 Edgeworth series takes over. 12 would
    /// make 10 ≤ n ≤ 12 exact too (about 20 ms once, in release builds), at
    /// the price of differing from R there.
    static let exactSpearmanLimit = 9

    /// P(S' ≥ s) if `upper`, else P(S' < s) (Best & Roberts, AS 89, 1975, with
    /// R's changes: the normal tail from an accurate Φ and the lower tail
    /// computed directly).
    private static func spearmanTail(n: Int, s: Double, upper: Bool) -> Double {
        let count = Double(n)
        let maximum = count * (count * count - 1) / 3
        if s <= 0 { return upper ? 1 : 0 }
        if s > maximum { return upper ? 0 : 1 }
        if n <= exactSpearmanLimit {
            let counts = spearmanCounts[n]
            var atLeast = 0
            var value = Int(s.rounded(.up))
            while value < counts.count {
                atLeast += counts[value]
                value += 1
            }
            let total = counts.reduce(0, +)
            return Double(upper ? atLeast : total - atLeast) / Double(total)
        }
        // Edgeworth series in x = −rho·√(n − 1), with the continuity
        // correction s − 1; the coefficients are AS 89's.
        let b = 1 / count
        let x = (6 * (s - 1) * b / (count * count - 1) - 1) * (count - 1).squareRoot()
        let xSquared = x * x
        let u =
            x * b
            * (0.2274 + b * (0.2531 + 0.1745 * b)
                + xSquared
                * (-0.0758 + b * (0.1033 + 0.3932 * b)
                    - xSquared * b
                    * (0.0879 + 0.0151 * b
                        - xSquared * (0.0072 - 0.0831 * b + xSquared * b * (0.0131 - 4.6e-4 * xSquared)))))
        let correction = u / exp(xSquared / 2)
        let p =
            upper
            ? correction + Distributions.normalCDF(-x)
            : -correction + Distributions.normalCDF(x)
        return min(1, max(0, p))
    }

    /// `spearmanCounts[n][s]`: how many orderings of 1…n have
    /// Σ(i − πᵢ)² = s, for n ≤ 9. Built once by dynamic programming over the
    /// set of values already placed (2⁹ sets), not by listing all n! orderings.
    private static let spearmanCounts: [[Int]] = (0...exactSpearmanLimit).map(countSpearmanS)

    private static func countSpearmanS(n: Int) -> [Int] {
        guard n > 0 else { return [1] }
        let maximum = (n * n * n - n) / 3
        let setCount = 1 << n
        var counts = [[Int]](repeating: [], count: setCount)
        counts[0] = [Int](repeating: 0, count: maximum + 1)
        counts[0][0] = 1
        // Sets are visited in increasing numeric order, so every set with one
        // value fewer is complete before a set is reached. Position k (1-based)
        // receives a value when k − 1 values are placed.
        for used in 0..<setCount where !counts[used].isEmpty {
            let position = used.nonzeroBitCount + 1
            for value in 1...n where used & (1 << (value - 1)) == 0 {
                let next = used | (1 << (value - 1))
                if counts[next].isEmpty { counts[next] = [Int](repeating: 0, count: maximum + 1) }
                let step = (position - value) * (position - value)
                for s in 0...(maximum - step) where counts[used][s] != 0 {
                    counts[next][s + step] += counts[used][s]
                }
            }
        }
        return counts[setCount - 1]
    }

    // MARK: - Kendall

    /// The two-sided exact p-value for Kendall's T (concordant pairs) without
    /// ties, as R's `cor.test` computes it for n < 50: the tail on the
    /// observed side, doubled and capped at 1. The upper tail is taken as the
    /// lower tail of N − T by symmetry, so it is never 1 minus a sum (R's
    /// 1 − P(T ≤ q − 1) can even come out negative).
    static func kendallTwoSided(n: Int, concordant: Int) -> Double {
        let pairs = n * (n - 1) / 2
        let tail =
            2 * concordant > pairs
            ? kendallLowerTail(n: n, atMost: pairs - concordant)
            : kendallLowerTail(n: n, atMost: concordant)
        return min(1, 2 * tail)
    }

    /// Kendall's exact test is used below this n without ties, as in R.
    static let exactKendallLimit = 50

    /// P(T ≤ q) for n items without ties. T has the distribution of the
    /// number of inversions of a random permutation, built up one item at a
    /// time: P_k(j) = (1/k)·Σ_{i<k} P_{k−1}(j − i). Only j ≤ q is needed, and
    /// every step adds positive terms, so small tails keep their accuracy.
    private static func kendallLowerTail(n: Int, atMost q: Int) -> Double {
        if q < 0 { return 0 }
        if q >= n * (n - 1) / 2 { return 1 }
        var probabilities = [Double](repeating: 0, count: q + 1)
        probabilities[0] = 1
        if n >= 2 {
            for k in 2...n {
                var next = [Double](repeating: 0, count: q + 1)
                for j in 0...q {
                    var sum = 0.0
                    for i in 0...min(j, k - 1) {
                        sum += probabilities[j - i]
                    }
                    next[j] = sum / Double(k)
                }
                probabilities = next
            }
        }
        return CompensatedSum(probabilities).value
    }
}
