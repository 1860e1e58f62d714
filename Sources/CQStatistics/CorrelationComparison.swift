import Glibc

/// Do Pearson correlations differ between groups? Fisher's z makes each r
/// approximately normal with variance 1/(n − 3), so
///
/// - two groups: z = (z₁ − z₂) / √(1/(n₁ − 3) + 1/(n₂ − 3)), two-sided
///   p from the normal distribution (Fisher 1921; Cohen et al. 2003, §2.8);
/// - k groups: Q = Σ (nᵢ − 3)(zᵢ − z̄)², z̄ the (nᵢ − 3)-weighted mean, is
///   chi-square with k − 1 degrees of freedom under equal correlations
///   (the test of homogeneity; Q = z² when k = 2).
///
/// A group takes part only when its z is finite and n ≥ 4: with |r| = 1 or
/// n ≤ 3 the transformation says nothing.
public struct CorrelationComparison: Sendable, Equatable {
    public enum Test: Sendable, Equatable {
        /// Two groups: the statistic is z.
        case fisherZ
        /// More than two: the statistic is Q, chi-square with `degreesOfFreedom`.
        case homogeneity(degreesOfFreedom: Int)
    }

    public var test: Test
    public var statistic: Double
    public var p: Double
    /// The groups compared, in the order given.
    public var groups: [String]
    /// Groups left out, with why.
    public var excluded: [(group: String, reason: String)]

    public static func == (a: CorrelationComparison, b: CorrelationComparison) -> Bool {
        a.test == b.test && a.statistic == b.statistic && a.p == b.p && a.groups == b.groups
            && a.excluded.map(\.group) == b.excluded.map(\.group)
            && a.excluded.map(\.reason) == b.excluded.map(\.reason)
    }

    /// Nil when fewer than two groups qualify.
    public static func compare(_ groups: [(name: String, r: Double?, n: Int)]) -> CorrelationComparison? {
        var used: [(name: String, z: Double, weight: Double)] = []
        var excluded: [(String, String)] = []
        for group in groups {
            guard group.n >= 4 else {
                excluded.append((group.name, "n = \(group.n), needs at least 4"))
                continue
            }
            guard let r = group.r, abs(r) < 1 else {
                excluded.append((group.name, group.r == nil ? "r is undefined" : "|r| = 1"))
                continue
            }
            used.append((group.name, atanh(r), Double(group.n - 3)))
        }
        guard used.count >= 2 else { return nil }
        if used.count == 2 {
            let z = (used[0].z - used[1].z) / (1 / used[0].weight + 1 / used[1].weight).squareRoot()
            // Two-sided: 2·Φ(−|z|), without cancellation for large |z|.
            let p = min(1, 2 * Distributions.normalCDF(-abs(z)))
            return CorrelationComparison(
                test: .fisherZ, statistic: z, p: p, groups: used.map(\.name), excluded: excluded)
        }
        var weighted = CompensatedSum()
        var totalWeight = CompensatedSum()
        for group in used {
            weighted.add(group.weight * group.z)
            totalWeight.add(group.weight)
        }
        let mean = weighted.value / totalWeight.value
        var q = CompensatedSum()
        for group in used {
            q.add(group.weight * (group.z - mean) * (group.z - mean))
        }
        let df = used.count - 1
        let p = Distributions.chiSquaredSurvival(q.value, degreesOfFreedom: Double(df))
        return CorrelationComparison(
            test: .homogeneity(degreesOfFreedom: df), statistic: q.value, p: p,
            groups: used.map(\.name), excluded: excluded)
    }
}
