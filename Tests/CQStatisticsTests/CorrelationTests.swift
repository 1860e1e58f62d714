import Testing

@testable import CQStatistics

// Expected values: R 4.2.2's cor.test() (printed with %.17g) for r, the
// statistic, p and the 95% Fisher-z interval, because cq follows R's choice of
// p-value method; SciPy 1.17.1 (pearsonr, spearmanr, kendalltau, and an
// exhaustive permutation_test for Spearman with n <= 9) wherever SciPy uses
// the same method. Produced by `Fixtures/make_stats_fixtures.py correlation`
// (and `confidence`). For Spearman, R reports S; the t statistic expected here
// is rho·√(df/(1 − rho²)) evaluated at 50 digits from R's rho.
//
// Tolerances: r 1e-12 relative; p 1e-10 relative; the statistic and the
// interval 1e-10 relative (t = r·√(df/(1 − r²)) amplifies the last bits of r
// by 1/(1 − r²), up to ~100 for the "strong" case).

/// |actual − expected| / |expected|, or the absolute difference when expected is 0.
private func relativeError(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected { return 0 }
    if expected == 0 { return abs(actual) }
    return abs(actual - expected) / abs(expected)
}

/// Checks `actual` against `expected` when there is an expectation.
private func check(
    _ actual: Double?, _ expected: Double?, tolerance: Double, _ what: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    guard let expected else { return }
    guard let actual else {
        Issue.record("\(what): missing, expected \(expected)", sourceLocation: sourceLocation)
        return
    }
    #expect(
        relativeError(actual, expected) <= tolerance,
        "\(what): \(actual), expected \(expected)", sourceLocation: sourceLocation)
}

@Suite("Correlation against R and SciPy")
struct CorrelationTests {

    // MARK: Data (generated with a fixed NumPy seed where not hand-written)

    static let paper: ([Double], [Double]) = (
        [5.9, 5.5, 5.0, 4.6, 4.6, 5.7, 5.5, 5.2, 5.2, 5.9],
        [61.4, 54.72, 52.54, 38.76, 23.72, 58.39, 60.89, 53.1, 54.18, 67.69]
    )
    static let euSubset: ([Double], [Double]) = (
        [5.7, 5.5, 5.2, 5.2],
        [58.39, 60.89, 53.1, 54.18]
    )
    static let ties: ([Double], [Double]) = (
        [1.0, 2.0, 2.0, 3.0, 4.0, 4.0, 4.0, 5.0],
        [2.0, 1.0, 3.0, 3.0, 5.0, 4.0, 6.0, 6.0]
    )
    static let three: ([Double], [Double]) = (
        [1.0, 2.0, 3.0],
        [1.0, 3.0, 2.0]
    )
    static let negative: ([Double], [Double]) = (
        [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
        [9.1, 8.7, 7.2, 7.9, 5.0, 4.4, 4.9, 2.3]
    )
    static let perfect: ([Double], [Double]) = (
        [1.0, 2.0, 3.0, 4.0, 5.0],
        [2.0, 4.0, 6.0, 8.0, 10.0]
    )
    static let perfectNegative: ([Double], [Double]) = (
        [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        [10.0, 8.5, 7.0, 5.5, 4.0, 2.5]
    )
    static let offset1e9: ([Double], [Double]) = (
        [
            1000000000.125, 1000000000.5, 1000000000.25, 1000000001.0, 1000000000.875, 1000000001.5, 1000000001.25,
            1000000002.0, 1000000001.75, 1000000002.5,
        ],
        [3.0, 3.5, 2.75, 4.25, 4.0, 5.5, 4.5, 6.0, 6.25, 6.5]
    )
    static let nine: ([Double], [Double]) = (
        [3.1, 1.2, 4.4, 1.5, 5.9, 2.6, 5.3, 5.8, 9.7],
        [2.7, 1.8, 2.8, 1.9, 8.4, 5.9, 0.4, 5.2, 3.5]
    )
    static let twelve: ([Double], [Double]) = (
        [47.89, 44.82, 51.5, 32.1, 52.84, 46.78, 42.74, 50.99, 30.49, 48.42, 42.69, 54.1],
        [21.81, 12.36, 15.0, 4.02, 16.41, 20.63, 22.24, 21.77, 12.4, 14.16, 18.25, 16.75]
    )
    static let forty: ([Double], [Double]) = (
        [
            -0.845, 1.822, -1.686, -0.856, 0.901, -0.663, -0.318, 0.79, 0.958, 0.49, -0.541, 0.628, 0.154, 1.179, 0.39,
            -0.796, -0.125, -1.552, 0.629, 0.447, 0.019, -1.346, -0.389, 0.682, -0.184, 0.12, 1.145, 0.633, -1.599,
            0.367, -0.936, -2.225, 1.16, -1.486, -0.316, 1.249, 0.703, -0.062, -0.888, 0.296,
        ],
        [
            -0.322, 1.368, -0.118, 0.472, -1.233, -1.058, 0.064, 0.606, -0.337, -0.555, -0.189, 0.313, 2.01, -0.03,
            0.654, -1.952, -0.138, -0.787, -1.1, -0.837, -0.64, -1.186, -2.015, -0.119, -0.154, -0.27, 1.158, 0.019,
            -0.38, 0.074, -0.164, -1.727, 0.061, 1.346, 0.232, 0.211, -0.239, 0.36, -0.261, 0.305,
        ]
    )
    static let sixty: ([Double], [Double]) = (
        [
            4.729, 30.669, 4.304, 5.004, 2.049, 9.682, 8.697, 29.232, 28.688, 74.051, 12.099, 12.495, 5.698, 10.22,
            3.403, 6.049, 7.278, 14.583, 18.609, 2.386, 2.955, 5.522, 4.899, 4.935, 1.639, 6.863, 4.297, 9.032, 8.53,
            2.814, 11.035, 11.641, 1.535, 13.684, 4.893, 8.628, 7.616, 4.557, 1.244, 7.694, 4.156, 5.609, 30.646, 1.734,
            4.14, 14.97, 3.599, 40.31, 33.94, 1.309, 49.29, 4.7, 5.915, 70.574, 72.825, 6.124, 3.03, 7.882, 19.24,
            3.767,
        ],
        [
            1.294, 1.812, 0.701, 1.807, -1.11, -0.208, 0.378, 2.522, 2.341, 1.98, 1.853, -0.012, 0.286, 1.831, 2.113,
            0.386, 0.994, 0.396, 0.812, 0.652, 1.103, -0.183, 0.489, 1.452, 1.521, -0.316, 0.323, 0.842, 0.823, 0.764,
            0.805, 1.416, 1.503, 2.59, 0.295, 0.883, 1.579, 0.356, -0.416, 0.074, 0.128, -0.084, 0.875, -0.399, 0.575,
            3.118, 2.257, 2.202, 2.169, 0.794, 1.895, 0.467, 2.301, 0.73, 3.336, 0.005, -1.137, 1.729, 0.64, -1.907,
        ]
    )
    static let likert: ([Double], [Double]) = (
        [3.0, 1.0, 2.0, 3.0, 1.0, 3.0, 4.0, 5.0, 3.0, 5.0, 1.0, 2.0, 2.0, 1.0, 2.0, 4.0, 1.0, 2.0, 2.0, 4.0],
        [2.0, 4.0, 2.0, 1.0, 2.0, 4.0, 4.0, 2.0, 4.0, 1.0, 3.0, 4.0, 1.0, 4.0, 4.0, 2.0, 3.0, 2.0, 4.0, 3.0]
    )
    static let strong: ([Double], [Double]) = (
        [
            11.74, 9.73, 7.33, 6.51, 4.91, 15.22, 5.46, 6.13, 6.02, 10.87, 12.43, 10.17, 14.91, 10.22, 10.61, 10.61,
            8.63, 9.76, 12.36, 7.6, 9.46, 10.66, 10.52, 9.67, 6.34, 12.13, 9.38, 20.08, 5.19, 14.35, 13.37, 12.93, 8.19,
            8.94, 9.79, 8.31, 9.23, 7.6, 7.64, 13.47, 2.71, 11.34, 11.45, 17.17, 6.87, 7.13, 14.43, 11.17, 6.8, 12.29,
        ],
        [
            23.26, 19.85, 14.15, 13.33, 10.83, 30.08, 10.72, 11.22, 13.22, 21.81, 25.31, 19.79, 30.37, 19.7, 20.78,
            21.07, 19.04, 18.87, 25.48, 14.79, 19.03, 21.03, 20.61, 20.67, 12.86, 24.96, 19.66, 40.4, 9.93, 29.09,
            26.28, 25.82, 17.45, 18.78, 19.39, 16.16, 17.92, 15.85, 15.34, 27.43, 5.69, 22.89, 22.63, 35.33, 13.27,
            15.05, 28.98, 22.82, 13.81, 24.1,
        ]
    )
    static let twoPairs: ([Double], [Double]) = (
        [1.5, 2.5],
        [4.0, 3.0]
    )
    static let weak: ([Double], [Double]) = (
        [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
        [3.0, 1.0, 4.0, 1.5, 5.0, 9.0, 2.6]
    )

    /// x = 1…1300 and y = (37·i) mod 1301, a permutation of 1…1300 (1301 is
    /// prime): more than 1290 pairs, so Spearman uses t even without ties.
    static let large: ([Double], [Double]) = (
        (1...1300).map { Double($0) },
        (1...1300).map { Double($0 * 37 % 1301) }
    )

    static let data: [String: ([Double], [Double])] = [
        "paper": paper,
        "euSubset": euSubset,
        "ties": ties,
        "three": three,
        "negative": negative,
        "perfect": perfect,
        "perfectNegative": perfectNegative,
        "offset1e9": offset1e9,
        "nine": nine,
        "twelve": twelve,
        "forty": forty,
        "sixty": sixty,
        "likert": likert,
        "strong": strong,
        "twoPairs": twoPairs,
        "weak": weak,
        "large": large,
    ]

    // MARK: Against the references

    static let cases: [CorrelationCase] = [
        .init(
            "paper", .pearson, pMethod: .studentT(degreesOfFreedom: 8),
            r: 0.8919277913137542, statistic: 5.5791160817909615, p: 0.0005228408360806784, ciLow: 0.5982897818438436,
            ciHigh: 0.9743675808387413,
            scipyR: 0.8919277913137543, scipyP: 0.0005228408360806752, scipyCILow: 0.5982897818438441,
            scipyCIHigh: 0.9743675808387414),
        // R t = 5.5791160817909615; SciPy: pearsonr
        .init(
            "paper", .spearman, pMethod: .studentT(degreesOfFreedom: 8),
            r: 0.9693981282409612, statistic: 11.168797438728943, p: 3.697700081752003e-06, ciLow: nil, ciHigh: nil,
            scipyR: 0.969398128240961, scipyP: 3.6977000817520542e-06, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 5.0493088402414079; SciPy: spearmanr (t)
        .init(
            "paper", .kendall, pMethod: .normalApproximation(tieCorrected: true),
            r: 0.9079593845004515, statistic: 3.545454545454545, p: 0.0003919365784997693, ciLow: nil, ciHigh: nil,
            scipyR: 0.9079593845004517, scipyP: 0.0003919365784997684, scipyCILow: nil, scipyCIHigh: nil),
        // R z = 3.545454545454545; SciPy: kendalltau asymptotic
        .init(
            "euSubset", .pearson, pMethod: .studentT(degreesOfFreedom: 2),
            r: 0.8041963674069667, statistic: 1.9134839796137921, p: 0.19580363259303324, ciLow: -0.6908525252067271,
            ciHigh: 0.9957023640298388,
            scipyR: 0.8041963674069664, scipyP: 0.19580363259303368, scipyCILow: -0.6908525252067279,
            scipyCIHigh: 0.9957023640298387),
        // R t = 1.9134839796137921; SciPy: pearsonr
        .init(
            "euSubset", .spearman, pMethod: .studentT(degreesOfFreedom: 2),
            r: 0.737864787372622, statistic: 1.5460413650478522, p: 0.2621352126273779, ciLow: nil, ciHigh: nil,
            scipyR: 0.7378647873726218, scipyP: 0.26213521262737816, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 2.6213521262737802; SciPy: spearmanr (t)
        .init(
            "euSubset", .kendall, pMethod: .normalApproximation(tieCorrected: true),
            r: 0.5477225575051661, statistic: 1.0834726777719228, p: 0.27859867183796255, ciLow: nil, ciHigh: nil,
            scipyR: 0.5477225575051662, scipyP: 0.2785986718379625, scipyCILow: nil, scipyCIHigh: nil),
        // R z = 1.0834726777719228; SciPy: kendalltau asymptotic
        .init(
            "ties", .pearson, pMethod: .studentT(degreesOfFreedom: 6),
            r: 0.8767227853705731, statistic: 4.464742833739534, p: 0.004261325702533649, ciLow: 0.4501599242583964,
            ciHigh: 0.9774959602593856,
            scipyR: 0.8767227853705732, scipyP: 0.004261325702533633, scipyCILow: 0.4501599242583965,
            scipyCIHigh: 0.9774959602593856),
        // R t = 4.4647428337395336; SciPy: pearsonr
        .init(
            "ties", .spearman, pMethod: .studentT(degreesOfFreedom: 6),
            r: 0.9007775105401478, statistic: 5.080687201867158, p: 0.0022640090646742573, ciLow: nil, ciHigh: nil,
            scipyR: 0.9007775105401477, scipyP: 0.0022640090646742616, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 8.3346891146275883; SciPy: spearmanr (t)
        .init(
            "ties", .kendall, pMethod: .normalApproximation(tieCorrected: true),
            r: 0.8006407690254358, statistic: 2.604829614054488, p: 0.009191995862593743, ciLow: nil, ciHigh: nil,
            scipyR: 0.8006407690254358, scipyP: 0.009191995862593751, scipyCILow: nil, scipyCIHigh: nil),
        // R z = 2.6048296140544882; SciPy: kendalltau asymptotic
        .init(
            "three", .pearson, pMethod: .studentT(degreesOfFreedom: 1),
            r: 0.5, statistic: 0.5773502691896258, p: 0.6666666666666667, ciLow: nil, ciHigh: nil,
            scipyR: 0.4999999999999999, scipyP: 0.6666666666666666, scipyCILow: nil, scipyCIHigh: nil),
        // R t = 0.57735026918962584; SciPy: pearsonr
        .init(
            "three", .spearman, pMethod: .exact,
            r: 0.5, statistic: 0.5773502691896257, p: 1.0, ciLow: nil, ciHigh: nil,
            scipyR: 0.5, scipyP: 1.0, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 2; SciPy: permutation_test (exhaustive)
        .init(
            "three", .kendall, pMethod: .exact,
            r: 0.33333333333333337, statistic: 2.0, p: 1.0, ciLow: nil, ciHigh: nil,
            scipyR: 0.33333333333333337, scipyP: 1.0, scipyCILow: nil, scipyCIHigh: nil),
        // R T = 2; SciPy: kendalltau exact
        .init(
            "negative", .pearson, pMethod: .studentT(degreesOfFreedom: 6),
            r: -0.948757016918121, statistic: -7.354185464683688, p: 0.0003235943829991813, ciLow: -0.9909302575716222,
            ciHigh: -0.7364427398583482,
            scipyR: -0.9487570169181206, scipyP: 0.00032359438299918545, scipyCILow: -0.9909302575716222,
            scipyCIHigh: -0.7364427398583465),
        // R t = -7.3541854646836882; SciPy: pearsonr
        .init(
            "negative", .spearman, pMethod: .exact,
            r: -0.9523809523809526, statistic: -7.650920556760074, p: 0.001140873015873016, ciLow: nil, ciHigh: nil,
            scipyR: -0.9523809523809524, scipyP: 0.001140873015873016, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 164.00000000000003; SciPy: permutation_test (exhaustive)
        .init(
            "negative", .kendall, pMethod: .exact,
            r: -0.8571428571428571, statistic: 2.0, p: 0.001736111111111111, ciLow: nil, ciHigh: nil,
            scipyR: -0.8571428571428571, scipyP: 0.001736111111111111, scipyCILow: nil, scipyCIHigh: nil),
        // R T = 2; SciPy: kendalltau exact
        .init(
            "perfect", .pearson, pMethod: .studentT(degreesOfFreedom: 3),
            r: 0.9999999999999998, statistic: nil, p: nil, ciLow: 0.9999999999999964, ciHigh: 1.0,
            scipyR: 1.0, scipyP: 0.0, scipyCILow: 1.0, scipyCIHigh: 1.0),
        // R t = 82191237.008915603; R's r is 1 - 2^-52, its t and p are rounding artifacts; SciPy: pearsonr
        .init(
            "perfect", .spearman, pMethod: .exact,
            r: 0.9999999999999998, statistic: nil, p: 0.016666666666666666, ciLow: nil, ciHigh: nil,
            scipyR: 0.9999999999999999, scipyP: 0.016666666666666666, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 4.4408920985006262e-15; SciPy: permutation_test (exhaustive)
        .init(
            "perfect", .kendall, pMethod: .exact,
            r: 0.9999999999999998, statistic: 10.0, p: 0.016666666666666607, ciLow: nil, ciHigh: nil,
            scipyR: 0.9999999999999999, scipyP: 0.016666666666666666, scipyCILow: nil, scipyCIHigh: nil),
        // R T = 10; SciPy: kendalltau exact
        .init(
            "perfectNegative", .pearson, pMethod: .studentT(degreesOfFreedom: 4),
            r: -1.0, statistic: nil, p: 0.0, ciLow: -1.0, ciHigh: -1.0,
            scipyR: -1.0, scipyP: 0.0, scipyCILow: -1.0, scipyCIHigh: -1.0),
        // R t = -Inf; SciPy: pearsonr
        .init(
            "perfectNegative", .spearman, pMethod: .exact,
            r: -1.0, statistic: nil, p: 0.002777777777777778, ciLow: nil, ciHigh: nil,
            scipyR: -1.0, scipyP: 0.002777777777777778, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 70; SciPy: permutation_test (exhaustive)
        .init(
            "perfectNegative", .kendall, pMethod: .exact,
            r: -1.0, statistic: 0.0, p: 0.002777777777777778, ciLow: nil, ciHigh: nil,
            scipyR: -0.9999999999999999, scipyP: 0.002777777777777778, scipyCILow: nil, scipyCIHigh: nil),
        // R T = 0; SciPy: kendalltau exact
        .init(
            "offset1e9", .pearson, pMethod: .studentT(degreesOfFreedom: 8),
            r: 0.9738573864760716, statistic: 12.125732108717626, p: 1.9800861580427013e-06, ciLow: 0.8898682247224412,
            ciHigh: 0.9939978060858159,
            scipyR: 0.9738573864760716, scipyP: 1.9800861580427035e-06, scipyCILow: 0.8898682247224412,
            scipyCIHigh: 0.9939978060858159),
        // R t = 12.125732108717626; SciPy: pearsonr
        .init(
            "offset1e9", .spearman, pMethod: .studentT(degreesOfFreedom: 8),
            r: 0.9757575757575756, statistic: 12.61049324480607, p: 1.46754618740424e-06, ciLow: nil, ciHigh: nil,
            scipyR: nil, scipyP: nil, scipyCILow: nil, scipyCIHigh: nil),
        // R's default (Edgeworth, S = 4) collapses to p = 0 here, which
        // cq refuses to print; cq keeps Student's t instead, which is R's
        // cor.test(x, y, method = "spearman", exact = FALSE): 1.46754618740424e-06.
        .init(
            "offset1e9", .kendall, pMethod: .exact,
            r: 0.9111111111111111, statistic: 43.0, p: 2.9761904762004576e-05, ciLow: nil, ciHigh: nil,
            scipyR: 0.911111111111111, scipyP: 2.9761904761904762e-05, scipyCILow: nil, scipyCIHigh: nil),
        // R T = 43; SciPy: kendalltau exact
        .init(
            "nine", .pearson, pMethod: .studentT(degreesOfFreedom: 7),
            r: 0.2616917788158759, statistic: 0.7173706602273946, p: 0.49638018890394264, ciLow: -0.4870825305961894,
            ciHigh: 0.7887351164532858,
            scipyR: 0.2616917788158759, scipyP: 0.49638018890394264, scipyCILow: -0.48708253059618944,
            scipyCIHigh: 0.7887351164532858),
        // R t = 0.7173706602273946; SciPy: pearsonr
        .init(
            "nine", .spearman, pMethod: .exact,
            r: 0.48333333333333334, statistic: 1.4607340997542466, p: 0.19379960317460318, ciLow: nil, ciHigh: nil,
            scipyR: 0.48333333333333334, scipyP: 0.19379960317460318, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 61.999999999999993; SciPy: permutation_test (exhaustive)
        .init(
            "nine", .kendall, pMethod: .exact,
            r: 0.38888888888888895, statistic: 25.0, p: 0.18018077601410942, ciLow: nil, ciHigh: nil,
            scipyR: 0.3888888888888889, scipyP: 0.18018077601410934, scipyCILow: nil, scipyCIHigh: nil),
        // R T = 25; SciPy: kendalltau exact
        .init(
            "twelve", .pearson, pMethod: .studentT(degreesOfFreedom: 10),
            r: 0.5536730699758016, statistic: 2.1025534041957528, p: 0.06181136792784322, ciLow: -0.02964992566548585,
            ciHigh: 0.8556792831537634,
            scipyR: 0.5536730699758017, scipyP: 0.06181136792784323, scipyCILow: -0.02964992566548585,
            scipyCIHigh: 0.8556792831537634),
        // R t = 2.1025534041957528; SciPy: pearsonr
        .init(
            "twelve", .spearman, pMethod: .edgeworth,
            r: 0.2307692307692308, statistic: 0.7500000000000001, p: 0.47090569352639616, ciLow: nil, ciHigh: nil,
            scipyR: nil, scipyP: nil, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 219.99999999999997; SciPy: none (R's method only)
        .init(
            "twelve", .kendall, pMethod: .exact,
            r: 0.18181818181818182, statistic: 39.0, p: 0.4590239573312489, ciLow: nil, ciHigh: nil,
            scipyR: 0.1818181818181818, scipyP: 0.459023957331249, scipyCILow: nil, scipyCIHigh: nil),
        // R T = 39; SciPy: kendalltau exact
        .init(
            "forty", .pearson, pMethod: .studentT(degreesOfFreedom: 38),
            r: 0.34162219575279235, statistic: 2.2407075121794082, p: 0.030968873930091657, ciLow: 0.033699049318697355,
            ciHigh: 0.5903114780962604,
            scipyR: 0.34162219575279235, scipyP: 0.030968873930091692, scipyCILow: 0.03369904931869729,
            scipyCIHigh: 0.5903114780962603),
        // R t = 2.2407075121794082; SciPy: pearsonr
        .init(
            "forty", .spearman, pMethod: .edgeworth,
            r: 0.31819887429643523, statistic: 2.0690506012428327, p: 0.04588071649087787, ciLow: nil, ciHigh: nil,
            scipyR: nil, scipyP: nil, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 7268; SciPy: none (R's method only)
        .init(
            "forty", .kendall, pMethod: .exact,
            r: 0.21794871794871798, statistic: 475.0, p: 0.04848249003620486, ciLow: nil, ciHigh: nil,
            scipyR: 0.21794871794871798, scipyP: 0.04848249003620419, scipyCILow: nil, scipyCIHigh: nil),
        // R T = 475; SciPy: kendalltau exact
        .init(
            "sixty", .pearson, pMethod: .studentT(degreesOfFreedom: 58),
            r: 0.4480790892379067, statistic: 3.817105015020547, p: 0.00033050957980261715, ciLow: 0.21908106927562518,
            ciHigh: 0.6302903912880353,
            scipyR: 0.4480790892379067, scipyP: 0.0003305095798026174, scipyCILow: 0.21908106927562515,
            scipyCIHigh: 0.6302903912880352),
        // R t = 3.8171050150205472; SciPy: pearsonr
        .init(
            "sixty", .spearman, pMethod: .edgeworth,
            r: 0.4494581828285636, statistic: 3.8318216526329594, p: 0.00036239609817035365, ciLow: nil, ciHigh: nil,
            scipyR: nil, scipyP: nil, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 19813.999999999996; SciPy: none (R's method only)
        .init(
            "sixty", .kendall, pMethod: .normalApproximation(tieCorrected: false),
            r: 0.30847457627118646, statistic: 3.482348710622312, p: 0.0004970359859449013, ciLow: nil, ciHigh: nil,
            scipyR: 0.30847457627118646, scipyP: 0.0004970359859449016, scipyCILow: nil, scipyCIHigh: nil),
        // R z = 3.4823487106223121; SciPy: kendalltau asymptotic
        .init(
            "likert", .pearson, pMethod: .studentT(degreesOfFreedom: 18),
            r: -0.3053899158428599, statistic: -1.3606620625657855, p: 0.1904159583239026, ciLow: -0.6588700828456963,
            ciHigh: 0.15855870987267606,
            scipyR: -0.30538991584285985, scipyP: 0.19041595832390254, scipyCILow: -0.6588700828456961,
            scipyCIHigh: 0.15855870987267623),
        // R t = -1.3606620625657855; SciPy: pearsonr
        .init(
            "likert", .spearman, pMethod: .studentT(degreesOfFreedom: 18),
            r: -0.27331721220330735, statistic: -1.2054868942623969, p: 0.24362415821060684, ciLow: nil, ciHigh: nil,
            scipyR: -0.2733172122033074, scipyP: 0.24362415821060682, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 1693.5118922303989; SciPy: spearmanr (t)
        .init(
            "likert", .kendall, pMethod: .normalApproximation(tieCorrected: true),
            r: -0.22322279128808986, statistic: -1.1657870349330917, p: 0.2437005604195648, ciLow: nil, ciHigh: nil,
            scipyR: -0.22322279128808986, scipyP: 0.2437005604195649, scipyCILow: nil, scipyCIHigh: nil),
        // R z = -1.1657870349330917; SciPy: kendalltau asymptotic
        .init(
            "strong", .pearson, pMethod: .studentT(degreesOfFreedom: 48),
            r: 0.9957734012296879, statistic: 75.11557806002462, p: 1.9376589340237044e-51, ciLow: 0.9925251134129889,
            ciHigh: 0.9976118044976793,
            scipyR: 0.9957734012296878, scipyP: 1.9376589340237154e-51, scipyCILow: 0.9925251134129887,
            scipyCIHigh: 0.9976118044976792),
        // R t = 75.115578060024617; SciPy: pearsonr
        .init(
            "strong", .spearman, pMethod: .studentT(degreesOfFreedom: 48),
            r: 0.9919323868525282, statistic: 54.211679242816345, p: 1.0160278743083346e-44, ciLow: nil, ciHigh: nil,
            scipyR: 0.9919323868525284, scipyP: 1.0160278743077137e-44, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 168.00804379610111; SciPy: spearmanr (t)
        .init(
            "strong", .kendall, pMethod: .normalApproximation(tieCorrected: true),
            r: 0.9387258034856918, statistic: 9.611894151473322, p: 7.122646060849028e-22, ciLow: nil, ciHigh: nil,
            scipyR: 0.9387258034856921, scipyP: 7.122646060848729e-22, scipyCILow: nil, scipyCIHigh: nil),
        // R z = 9.6118941514733223; SciPy: kendalltau asymptotic
        // twoPairs: n = 2, tested on its own (R gives p = 1 for the rank methods, cq none)
        .init(
            "weak", .pearson, pMethod: .studentT(degreesOfFreedom: 5),
            r: 0.45171628648822887, statistic: 1.1321584283665156, p: 0.30892373545433294, ciLow: -0.456695193144161,
            ciHigh: 0.8989722520450006,
            scipyR: 0.4517162864882289, scipyP: 0.30892373545433294, scipyCILow: -0.4566951931441612,
            scipyCIHigh: 0.8989722520450006),
        // R t = 1.1321584283665156; SciPy: pearsonr
        .init(
            "weak", .spearman, pMethod: .exact,
            r: 0.3571428571428571, statistic: 0.8549819600709616, p: 0.4444444444444444, ciLow: nil, ciHigh: nil,
            scipyR: 0.3571428571428572, scipyP: 0.4444444444444444, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 36.000000000000007; SciPy: permutation_test (exhaustive)
        .init(
            "weak", .kendall, pMethod: .exact,
            r: 0.3333333333333333, statistic: 14.0, p: 0.3813492063492063, ciLow: nil, ciHigh: nil,
            scipyR: 0.33333333333333337, scipyP: 0.3813492063492063, scipyCILow: nil, scipyCIHigh: nil),
        // R T = 14; SciPy: kendalltau exact
        .init(
            "large", .pearson, pMethod: .studentT(degreesOfFreedom: 1298),
            r: 0.024800142121158286, statistic: 0.8937686407844937, p: 0.37161137460901617,
            ciLow: -0.029608566490627482, ciHigh: 0.07906232394501798,
            scipyR: 0.02480014212115829, scipyP: 0.3716113746090152, scipyCILow: -0.029608566490627496,
            scipyCIHigh: 0.079062323945018),
        // R t = 0.8937686407844937; SciPy: pearsonr
        .init(
            "large", .spearman, pMethod: .studentT(degreesOfFreedom: 1298),
            r: 0.024800142121158286, statistic: 0.8937686407844937, p: 0.3716113746090153, ciLow: nil, ciHigh: nil,
            scipyR: 0.024800142121158286, scipyP: 0.37161137460901583, scipyCILow: nil, scipyCIHigh: nil),
        // R S = 357085470; SciPy: spearmanr (t)
        .init(
            "large", .kendall, pMethod: .normalApproximation(tieCorrected: false),
            r: 0.024800142121158286, statistic: 1.3394694546799244, p: 0.1804178918956237, ciLow: nil, ciHigh: nil,
            scipyR: 0.02480014212115829, scipyP: 0.18041789189562363, scipyCILow: nil, scipyCIHigh: nil),
        // R z = 1.3394694546799244; SciPy: kendalltau asymptotic
    ]

    @Test(arguments: cases)
    func estimate_agrees_with_r_and_scipy(_ c: CorrelationCase) throws {
        let (x, y) = try #require(Self.data[c.name])
        let e = Correlation.estimate(x, y, method: c.method)
        #expect(e.n == x.count)
        #expect(e.pMethod == c.pMethod)
        check(e.r, c.r, tolerance: 1e-12, "r vs R")
        check(e.r, c.scipyR, tolerance: 1e-12, "r vs SciPy")
        check(e.statistic, c.statistic, tolerance: 1e-10, "statistic vs R")
        check(e.p, c.p, tolerance: 1e-10, "p vs R")
        check(e.p, c.scipyP, tolerance: 1e-10, "p vs SciPy")
        check(e.ciLow, c.ciLow, tolerance: 1e-10, "CI low vs R")
        check(e.ciHigh, c.ciHigh, tolerance: 1e-10, "CI high vs R")
        check(e.ciLow, c.scipyCILow, tolerance: 1e-10, "CI low vs SciPy")
        check(e.ciHigh, c.scipyCIHigh, tolerance: 1e-10, "CI high vs SciPy")
        switch c.method {
        case .pearson:
            #expect(e.degreesOfFreedom == Double(x.count - 2))
            #expect(e.statisticKind == .t)
            #expect((e.ciLow == nil) == (x.count < 4))
        case .spearman:
            #expect(e.degreesOfFreedom == Double(x.count - 2))
            #expect(e.statisticKind == .t)
            #expect(e.ciLow == nil && e.ciHigh == nil)
            #expect(e.undefined.contains(.noInterval(.spearman)))
        case .kendall:
            #expect(e.degreesOfFreedom == nil)
            #expect(e.statisticKind == (c.pMethod == .exact ? .kendallT : .z))
            #expect(e.ciLow == nil && e.ciHigh == nil)
            #expect(e.undefined.contains(.noInterval(.kendall)))
        }
    }

    static let confidenceCases: [ConfidenceCase] = [
        .init(
            confidence: 0.99, low: 0.4282110822850713, high: 0.9838311064538353, scipyLow: 0.4282110822850718,
            scipyHigh: 0.9838311064538353),
        .init(
            confidence: 0.5, low: 0.8262949222243664, high: 0.9336626605404642, scipyLow: 0.8262949222243665,
            scipyHigh: 0.9336626605404643),
    ]

    @Test(arguments: confidenceCases)
    func fisher_interval_at_other_confidence_levels(_ c: ConfidenceCase) {
        let e = Correlation.estimate(Self.paper.0, Self.paper.1, method: .pearson, confidence: c.confidence)
        #expect(e.confidence == c.confidence)
        check(e.ciLow, c.low, tolerance: 1e-10, "low vs R")
        check(e.ciHigh, c.high, tolerance: 1e-10, "high vs R")
        check(e.ciLow, c.scipyLow, tolerance: 1e-10, "low vs SciPy")
        check(e.ciHigh, c.scipyHigh, tolerance: 1e-10, "high vs SciPy")
    }

    // MARK: The numbers the README quotes

    @Test func the_paper_gives_r_0_892_and_p_0_0005_on_8_degrees_of_freedom() throws {
        let e = Correlation.estimate(Self.paper.0, Self.paper.1, method: .pearson)
        let r = try #require(e.r)
        let p = try #require(e.p)
        #expect((r * 10_000).rounded() == 8919)
        #expect((p * 100_000).rounded() == 52)
        #expect(e.pMethod?.description == "t (df = 8)")
        #expect(e.undefined.isEmpty)
    }

    @Test func the_eu_subset_of_four_gives_r_0_804_and_p_0_196() throws {
        let e = Correlation.estimate(Self.euSubset.0, Self.euSubset.1, method: .pearson)
        #expect(e.n == 4)
        #expect((try #require(e.r) * 1000).rounded() == 804)
        #expect((try #require(e.p) * 1000).rounded() == 196)
        #expect(e.ciLow != nil && e.ciHigh != nil)
    }

    // MARK: Undefined parts

    @Test(arguments: CorrelationMethod.allCases)
    func two_pairs_give_r_of_one_and_no_test_or_interval(_ method: CorrelationMethod) {
        let e = Correlation.estimate(Self.twoPairs.0, Self.twoPairs.1, method: method)
        #expect(e.r == -1)
        #expect(e.statistic == nil && e.p == nil && e.degreesOfFreedom == nil && e.pMethod == nil)
        #expect(e.ciLow == nil && e.ciHigh == nil)
        let interval: CorrelationEstimate.Undefinedness =
            method == .pearson
            ? .tooFewPairs(.interval, needed: 4) : .noInterval(method)
        #expect(e.undefined == [.tooFewPairs(.p, needed: 3), interval])
    }

    @Test(arguments: CorrelationMethod.allCases)
    func fewer_than_two_pairs_nothing_is_defined(_ method: CorrelationMethod) {
        for (x, y) in [([Double](), [Double]()), ([1.0], [2.0])] {
            let e = Correlation.estimate(x, y, method: method)
            #expect(e.n == x.count)
            #expect(e.r == nil && e.statistic == nil && e.p == nil && e.ciLow == nil && e.ciHigh == nil)
            #expect(e.undefined == [.tooFewPairs(.r, needed: 2)])
        }
    }

    @Test func three_pairs_a_test_but_no_interval() {
        let e = Correlation.estimate(Self.three.0, Self.three.1, method: .pearson)
        #expect(e.p != nil && e.statistic != nil)
        #expect(e.undefined == [.tooFewPairs(.interval, needed: 4)])
    }

    @Test(arguments: CorrelationMethod.allCases)
    func a_constant_column_makes_r_undefined(_ method: CorrelationMethod) {
        let varying = [1.0, 2.0, 3.0, 5.0]
        let constant = [4.2, 4.2, 4.2, 4.2]
        let e = Correlation.estimate(constant, varying, method: method)
        #expect(e.r == nil && e.statistic == nil && e.p == nil && e.ciLow == nil)
        #expect(e.undefined == [.constant(variable: 0)])
        #expect(Correlation.estimate(varying, constant, method: method).undefined == [.constant(variable: 1)])
        #expect(
            Correlation.estimate(constant, constant, method: method).undefined
                == [.constant(variable: 0), .constant(variable: 1)])
    }

    @Test(arguments: CorrelationMethod.allCases)
    func a_non_finite_value_makes_r_undefined(_ method: CorrelationMethod) {
        let e = Correlation.estimate([1, 2, 3, 4], [1, .infinity, 2, 5], method: method)
        #expect(e.r == nil)
        #expect(e.undefined == [.nonFinite(variable: 1)])
    }

    @Test func confidence_0_and_1_give_the_point_r_and_the_whole_range() throws {
        let e0 = Correlation.estimate(Self.paper.0, Self.paper.1, method: .pearson, confidence: 0)
        let r = try #require(e0.r)
        check(e0.ciLow, r, tolerance: 1e-15, "low at confidence 0")
        check(e0.ciHigh, r, tolerance: 1e-15, "high at confidence 0")
        let e1 = Correlation.estimate(Self.paper.0, Self.paper.1, method: .pearson, confidence: 1)
        #expect(e1.ciLow == -1 && e1.ciHigh == 1)
        let perfect = Correlation.estimate(Self.perfect.0, Self.perfect.1, method: .pearson, confidence: 1)
        #expect(perfect.ciLow == 1 && perfect.ciHigh == 1)
    }

    @Test func an_invalid_confidence_level_leaves_only_the_interval_out() {
        for confidence in [-0.1, 1.5, Double.nan] {
            let e = Correlation.estimate(Self.paper.0, Self.paper.1, method: .pearson, confidence: confidence)
            #expect(e.p != nil)
            #expect(e.ciLow == nil && e.ciHigh == nil)
            #expect(e.undefined == [.invalidConfidence])
        }
    }

    // MARK: Perfect correlation

    @Test func r_of_exactly_one_gives_p_0_from_t_and_a_point_interval() throws {
        for ((x, y), sign) in [(Self.perfect, 1.0), (Self.perfectNegative, -1.0)] {
            let e = Correlation.estimate(x, y, method: .pearson)
            #expect(e.r == sign)
            #expect(e.p == 0)
            #expect(e.statistic == nil)
            #expect(e.statisticKind == .t)
            #expect(e.ciLow == sign && e.ciHigh == sign)
            #expect(e.undefined == [.perfect])
        }
        // Spearman without ties keeps its exact p-value: 2/5! and 2/6!.
        let spearman = Correlation.estimate(Self.perfect.0, Self.perfect.1, method: .spearman)
        #expect(spearman.r == 1)
        #expect(spearman.statistic == nil)
        #expect(try relativeError(#require(spearman.p), 2.0 / 120) <= 1e-15)
        #expect(spearman.undefined == [.perfect, .noInterval(.spearman)])
        // Kendall's statistic is the count T, finite at tau = ±1.
        let kendall = Correlation.estimate(Self.perfectNegative.0, Self.perfectNegative.1, method: .kendall)
        #expect(kendall.r == -1)
        #expect(kendall.statistic == 0)
        #expect(try relativeError(#require(kendall.p), 2.0 / 720) <= 1e-15)
    }

    // MARK: Numerical robustness

    @Test func a_1e9_offset_changes_nothing() throws {
        let (x, y) = Self.offset1e9
        let shifted = x.map { $0 - 1e9 }  // exact: the offsets are multiples of 1/8
        let withOffset = try #require(Correlation.estimate(x, y, method: .pearson).r)
        let without = try #require(Correlation.estimate(shifted, y, method: .pearson).r)
        #expect(relativeError(withOffset, without) <= 1e-14)
        // And a much larger offset, still exactly representable.
        let huge = x.map { $0 - 1e9 + 1e15 }
        let withHuge = try #require(Correlation.estimate(huge, y, method: .pearson).r)
        #expect(relativeError(withHuge, without) <= 1e-14)
    }

    @Test func scale_does_not_matter_from_1e_minus_300_to_1e300() throws {
        let (x, y) = Self.negative
        let reference = try #require(Correlation.estimate(x, y, method: .pearson).r)
        for factor in [1e-300, 1e-150, 1e150, 1e300] {
            let scaled = try #require(Correlation.estimate(x.map { $0 * factor }, y, method: .pearson).r)
            #expect(relativeError(scaled, reference) <= 1e-14, "factor \(factor)")
        }
    }

    // MARK: Kendall's counts

    @Test func knight_s_algorithm_counts_the_same_pairs_as_the_direct_o_n_count() {
        // A deterministic pseudo-random sample with many ties in both variables.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ range: Int) -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(Int(state >> 33) % range)
        }
        for n in [2, 3, 7, 50, 333] {
            let x = (0..<n).map { _ in next(7) }
            let y = (0..<n).map { _ in next(5) }
            var score = 0
            var xTied = 0
            var yTied = 0
            for i in 0..<n {
                for j in (i + 1)..<max(n, i + 1) {
                    let product = (x[i] - x[j]) * (y[i] - y[j])
                    score += product > 0 ? 1 : (product < 0 ? -1 : 0)
                    if x[i] == x[j] { xTied += 1 }
                    if y[i] == y[j] { yTied += 1 }
                }
            }
            let counts = KendallCounts(x, y)
            #expect(counts.score == score, "n = \(n)")
            #expect(counts.xTiedPairs == xTied, "n = \(n)")
            #expect(counts.yTiedPairs == yTied, "n = \(n)")
        }
    }

    @Test func mid_ranks() {
        #expect(Ranking.averageRanks([10, 20, 20, 30]) == [1, 2.5, 2.5, 4])
        #expect(Ranking.averageRanks([3, 1, 3, 2, 3]) == [4, 1, 4, 2, 4])
        #expect(Ranking.averageRanks([]) == [])
        #expect(Ranking.tieGroupSizes(sorted: [1, 2, 2, 3, 3, 3]) == [2, 3])
        #expect(Ranking.hasTies([1, 2, 3]) == false)
        #expect(Ranking.hasTies([1, 2, 1]) == true)
    }
}

// MARK: - Table rows

extension CorrelationTests {
    struct CorrelationCase: Sendable, CustomTestStringConvertible {
        var name: String
        var method: CorrelationMethod
        var pMethod: CorrelationEstimate.PValueMethod
        var r: Double?
        var statistic: Double?
        var p: Double?
        var ciLow: Double?
        var ciHigh: Double?
        var scipyR: Double?
        var scipyP: Double?
        var scipyCILow: Double?
        var scipyCIHigh: Double?

        init(
            _ name: String, _ method: CorrelationMethod, pMethod: CorrelationEstimate.PValueMethod,
            r: Double?, statistic: Double?, p: Double?, ciLow: Double?, ciHigh: Double?,
            scipyR: Double?, scipyP: Double?, scipyCILow: Double?, scipyCIHigh: Double?
        ) {
            self.name = name
            self.method = method
            self.pMethod = pMethod
            self.r = r
            self.statistic = statistic
            self.p = p
            self.ciLow = ciLow
            self.ciHigh = ciHigh
            self.scipyR = scipyR
            self.scipyP = scipyP
            self.scipyCILow = scipyCILow
            self.scipyCIHigh = scipyCIHigh
        }

        var testDescription: String { "\(name), \(method.rawValue)" }
    }

    struct ConfidenceCase: Sendable, CustomTestStringConvertible {
        var confidence: Double
        var low: Double
        var high: Double
        var scipyLow: Double
        var scipyHigh: Double
        var testDescription: String { "confidence \(confidence)" }
    }
}
