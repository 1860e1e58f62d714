import Testing

@testable import CQCore

/// Expected values from SciPy 1.17:
///   two groups: z = (atanh r1 − atanh r2)/√(1/(n1−3) + 1/(n2−3)), p = 2·norm.sf(|z|)
///   k groups:   Q = Σ(nᵢ−3)(zᵢ − z̄)², p = chi2.sf(Q, k − 1)
struct CorrelationComparisonTests {
    @Test(
        arguments: [
            ([("a", 0.5, 69), ("b", 0.418, 24)], 0.4152621933648438, 0.6779499744145114, nil as Int?),
            ([("a", 0.95, 10), ("b", -0.3, 5)], 2.6706708536630885, 0.007569983576577467, nil),
            (
                [("a", 0.5, 69), ("b", 0.418, 24), ("c", 0.568, 54), ("d", 0.441, 52)], 0.9660818426608,
                0.8094583576304374, 3
            ),
        ] as [([(String, Double, Int)], Double, Double, Int?)])
    func agrees_with_scipy(_ groups: [(String, Double, Int)], _ statistic: Double, _ p: Double, _ df: Int?) throws {
        let result = try #require(CorrelationComparison.compare(groups.map { ($0.0, $0.1, $0.2) }))
        #expect(abs(result.statistic - statistic) <= 1e-12 * abs(statistic))
        #expect(abs(result.p - p) <= 1e-10 * p)
        switch result.test {
        case .fisherZ: #expect(df == nil)
        case .homogeneity(let found): #expect(found == df)
        }
    }

    @Test func groups_that_say_nothing_are_left_out_with_a_reason() {
        let result = CorrelationComparison.compare([
            ("a", 0.5, 30), ("b", nil, 10), ("c", 1.0, 8), ("d", 0.2, 3), ("e", 0.1, 40),
        ])
        #expect(result?.groups == ["a", "e"])
        #expect(result?.excluded.map(\.reason) == ["r is undefined", "|r| = 1", "n = 3, needs at least 4"])
        #expect(CorrelationComparison.compare([("a", 0.5, 30), ("b", 0.4, 3)]) == nil)
    }

    @Test func compare_and_listwise_from_the_language() {
        var session = TestDatasets.session()
        let bad = session.run("summarize gdp by eu compare\ncorrelate gdp, rnd by eu compare using kendall")
        #expect(bad.diagnostics.map(\.code) == [.clauseNotAllowed, .clauseNotAllowed])
        let outcome = session.run("correlate gdp, rnd, year listwise")
        guard case .correlation(let result)? = outcome.results.first?.value else {
            Issue.record("no result")
            return
        }
        // GBR 2017 lacks rnd, so listwise every cell has n = 7.
        #expect(result.listwise)
        #expect(result.groups.first?.cells.map(\.estimate.n) == [7, 7, 7])
    }
}
