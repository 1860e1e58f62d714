/// The pair counts behind Kendall's tau-b, by Knight's O(n log n) algorithm
/// (JASA 61, 1966), as SciPy computes them; R's `cor` visits all
/// n(n − 1)/2 pairs, which takes seconds on a panel of 10⁵ country-years.
package struct KendallCounts: Sendable, Equatable {
    /// S = nc − nd: concordant minus discordant pairs.
    package var score: Int
    /// Pairs tied in x (n₁ = Σ t(t − 1)/2) and in y (n₂).
    package var xTiedPairs: Int
    package var yTiedPairs: Int
    /// Sizes of the groups of tied x values and of tied y values.
    package var xTieSizes: [Int]
    package var yTieSizes: [Int]

    /// Sort the pairs by x, then y; count pairs tied in x and tied in both;
    /// then merge-sort the y sequence, where every exchange is a discordant
    /// pair. With n₃ pairs tied in both,
    /// S = n₀ − n₁ − n₂ + n₃ − 2·nd.
    package init(_ x: [Double], _ y: [Double]) {
        let n = x.count
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && y[$0] < y[$1]) }
        var xTieSizes: [Int] = []
        var jointlyTiedPairs = 0
        var start = 0
        while start < n {
            var end = start
            while end + 1 < n, x[order[end + 1]] == x[order[start]] { end += 1 }
            if end > start { xTieSizes.append(end - start + 1) }
            // Within an x group the y values are sorted, so equal ones are adjacent.
            var runStart = start
            while runStart <= end {
                var runEnd = runStart
                while runEnd + 1 <= end, y[order[runEnd + 1]] == y[order[runStart]] { runEnd += 1 }
                let size = runEnd - runStart + 1
                jointlyTiedPairs += size * (size - 1) / 2
                runStart = runEnd + 1
            }
            start = end + 1
        }
        var ySequence = order.map { y[$0] }
        let discordant = Self.sortCountingInversions(&ySequence)
        let yTieSizes = Ranking.tieGroupSizes(sorted: ySequence)
        let xTiedPairs = xTieSizes.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        let yTiedPairs = yTieSizes.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        let pairs = n * (n - 1) / 2
        self.score = pairs - xTiedPairs - yTiedPairs + jointlyTiedPairs - 2 * discordant
        self.xTiedPairs = xTiedPairs
        self.yTiedPairs = yTiedPairs
        self.xTieSizes = xTieSizes
        self.yTieSizes = yTieSizes
    }

    /// Sorts `values` (bottom-up merge sort) and returns the number of pairs
    /// i < j with values[i] > values[j] strictly; equal values are not counted.
    static func sortCountingInversions(_ values: inout [Double]) -> Int {
        let n = values.count
        var buffer = values
        var inversions = 0
        var width = 1
        while width < n {
            var start = 0
            while start < n {
                let middle = min(start + width, n)
                let end = min(start + 2 * width, n)
                var left = start
                var right = middle
                var output = start
                while left < middle, right < end {
                    if values[right] < values[left] {
                        buffer[output] = values[right]
                        // Everything left in the left run is greater.
                        inversions += middle - left
                        right += 1
                    } else {
                        buffer[output] = values[left]
                        left += 1
                    }
                    output += 1
                }
                while left < middle {
                    buffer[output] = values[left]
                    left += 1
                    output += 1
                }
                while right < end {
                    buffer[output] = values[right]
                    right += 1
                    output += 1
                }
                start = end
            }
            swap(&values, &buffer)
            width *= 2
        }
        return inversions
    }
}
