import Testing

@testable import CQStatistics

// Expected values: mpmath 1.3.0 at 50 significant digits, evaluated at exactly
// the binary64 arguments below, printed with `repr` (shortest round-trip) by
// `Fixtures/make_stats_fixtures.py distributions`. SciPy 1.17.1's value is kept
// in each trailing comment for comparison only; where SciPy and mpmath differ
// in the last digits, mpmath is the reference.
//
// Tolerance: 1e-12 relative everywhere; nothing needed relaxing (the largest
// error in these tables is 8e-14). Only the quantile round trip allows
// z²·1e-12: Φ(z) magnifies a relative change in z by about z².

/// |actual − expected| / |expected|, or the absolute difference when expected is 0.
private func relativeError(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected { return 0 }
    if expected == 0 { return abs(actual) }
    return abs(actual - expected) / abs(expected)
}

private let tolerance = 1e-12

@Suite("Distributions against mpmath")
struct DistributionsTests {

    // Two-sided p = I_x(df/2, 1/2), x = df/(df + t²); every (t, df) pair from
    // df ∈ {1 … 10^6}, t ∈ {0.001 … 1000} whose p is at least 1e-300.
    static let studentTCases: [StudentTCase] = [
        .init(t: 0.001, df: 1.0, p: 0.9993633804398389),  // scipy 0.9993633804398159
        .init(t: 0.5, df: 1.0, p: 0.7048327646991335),  // scipy 0.7048327646991335
        .init(t: 1.96, df: 1.0, p: 0.3003428917760331),  // scipy 0.3003428917760331
        .init(t: 2.5, df: 1.0, p: 0.2422378831816868),  // scipy 0.24223788318168682
        .init(t: 5.5791, df: 1.0, p: 0.11290901084289566),  // scipy 0.11290901084289566
        .init(t: 10.0, df: 1.0, p: 0.06345103486110713),  // scipy 0.06345103486110713
        .init(t: 40.0, df: 1.0, p: 0.015912179824051628),  // scipy 0.015912179824051624
        .init(t: 100.0, df: 1.0, p: 0.00636598552981651),  // scipy 0.00636598552981651
        .init(t: 1000.0, df: 1.0, p: 0.0006366195601611178),  // scipy 0.0006366195601611178
        .init(t: 0.001, df: 2.0, p: 0.9992928933955901),  // scipy 0.9992928933955901
        .init(t: 0.5, df: 2.0, p: 0.6666666666666666),  // scipy 0.6666666666666667
        .init(t: 1.96, df: 2.0, p: 0.18905730960173228),  // scipy 0.18905730960173228
        .init(t: 2.5, df: 2.0, p: 0.1296117202215108),  // scipy 0.12961172022151082
        .init(t: 5.5791, df: 2.0, p: 0.03065738024010771),  // scipy 0.03065738024010771
        .init(t: 10.0, df: 2.0, p: 0.00985245702332569),  // scipy 0.00985245702332569
        .init(t: 40.0, df: 2.0, p: 0.0006244146721847406),  // scipy 0.0006244146721847406
        .init(t: 100.0, df: 2.0, p: 9.998500249956258e-05),  // scipy 9.998500249956258e-05
        .init(t: 1000.0, df: 2.0, p: 9.999985000025e-07),  // scipy 9.999985000025e-07
        .init(t: 0.001, df: 3.0, p: 0.9992648949694609),  // scipy 0.9992648949694609
        .init(t: 0.5, df: 3.0, p: 0.651447964848151),  // scipy 0.651447964848151
        .init(t: 1.96, df: 3.0, p: 0.14485220856485365),  // scipy 0.14485220856485365
        .init(t: 2.5, df: 3.0, p: 0.08770664700806555),  // scipy 0.08770664700806556
        .init(t: 5.5791, df: 3.0, p: 0.011368365554916373),  // scipy 0.011368365554916368
        .init(t: 10.0, df: 3.0, p: 0.0021283990584141503),  // scipy 0.0021283990584141503
        .init(t: 40.0, df: 3.0, p: 3.4380680789158526e-05),  // scipy 3.4380680789158506e-05
        .init(t: 100.0, df: 3.0, p: 2.204521923184911e-06),  // scipy 2.2045219231849105e-06
        .init(t: 1000.0, df: 3.0, p: 2.2053076425765927e-09),  // scipy 2.205307642576592e-09
        .init(t: 0.001, df: 5.0, p: 0.9992407867721976),  // scipy 0.9992407867721976
        .init(t: 0.5, df: 5.0, p: 0.638298871640929),  // scipy 0.6382988716409291
        .init(t: 1.96, df: 5.0, p: 0.10728795250529417),  // scipy 0.10728795250529416
        .init(t: 2.5, df: 5.0, p: 0.05449009934237624),  // scipy 0.05449009934237626
        .init(t: 5.5791, df: 5.0, p: 0.002549871125747999),  // scipy 0.002549871125748
        .init(t: 10.0, df: 5.0, p: 0.0001709475757429636),  // scipy 0.00017094757574296363
        .init(t: 40.0, df: 5.0, p: 1.8411962171772954e-07),  // scipy 1.8411962171772954e-07
        .init(t: 100.0, df: 5.0, p: 1.8960014224623626e-09),  // scipy 1.896001422462364e-09
        .init(t: 1000.0, df: 5.0, p: 1.8980131131979714e-14),  // scipy 1.898013113197972e-14
        .init(t: 0.001, df: 8.0, p: 0.9992266021030893),  // scipy 0.9992266021030893
        .init(t: 0.5, df: 8.0, p: 0.6305360755569763),  // scipy 0.6305360755569764
        .init(t: 1.96, df: 8.0, p: 0.08565805345756301),  // scipy 0.08565805345756299
        .init(t: 2.5, df: 8.0, p: 0.03694203771362411),  // scipy 0.03694203771362412
        .init(t: 5.5791, df: 8.0, p: 0.0005228506654485853),  // scipy 0.0005228506654485851
        .init(t: 10.0, df: 8.0, p: 8.488181527628492e-06),  // scipy 8.488181527628489e-06
        .init(t: 40.0, df: 8.0, p: 1.6785718879145792e-10),  // scipy 1.6785718879145792e-10
        .init(t: 100.0, df: 8.0, p: 1.1167803048255976e-13),  // scipy 1.1167803048255973e-13
        .init(t: 1000.0, df: 8.0, p: 1.1199677445913512e-21),  // scipy 1.1199677445913502e-21
        .init(t: 0.001, df: 10.0, p: 0.999221783374741),  // scipy 0.999221783374741
        .init(t: 0.5, df: 10.0, p: 0.6278936057429729),  // scipy 0.627893605742973
        .init(t: 1.96, df: 10.0, p: 0.07843624024769971),  // scipy 0.07843624024769971
        .init(t: 2.5, df: 10.0, p: 0.031446844236608804),  // scipy 0.03144684423660882
        .init(t: 5.5791, df: 10.0, p: 0.0002344002022798225),  // scipy 0.00023440020227982235
        .init(t: 10.0, df: 10.0, p: 1.5895531755964119e-06),  // scipy 1.5895531755964125e-06
        .init(t: 40.0, df: 10.0, p: 2.2808577430857547e-12),  // scipy 2.2808577430857535e-12
        .init(t: 100.0, df: 10.0, p: 2.44968955541983e-16),  // scipy 2.44968955541983e-16
        .init(t: 1000.0, df: 10.0, p: 2.460824710173271e-26),  // scipy 2.4608247101732713e-26
        .init(t: 0.001, df: 30.0, p: 0.9992087357664851),  // scipy 0.9992087357664851
        .init(t: 0.5, df: 30.0, p: 0.6207230048851273),  // scipy 0.6207230048851272
        .init(t: 1.96, df: 30.0, p: 0.05934231289605048),  // scipy 0.05934231289605049
        .init(t: 2.5, df: 30.0, p: 0.018115649068066696),  // scipy 0.01811564906806669
        .init(t: 5.5791, df: 30.0, p: 4.543968905647393e-06),  // scipy 4.543968905647395e-06
        .init(t: 10.0, df: 30.0, p: 4.575251408229613e-11),  // scipy 4.575251408229618e-11
        .init(t: 40.0, df: 30.0, p: 1.3726045194406403e-27),  // scipy 1.3726045194406417e-27
        .init(t: 100.0, df: 30.0, p: 1.984611796727025e-39),  // scipy 1.984611796727031e-39
        .init(t: 1000.0, df: 30.0, p: 2.072003483111733e-69),  // scipy 2.0720034831117328e-69
        .init(t: 0.001, df: 100.0, p: 0.9992041077601034),  // scipy 0.9992041077601035
        .init(t: 0.5, df: 100.0, p: 0.6181735658308866),  // scipy 0.6181735658308866
        .init(t: 1.96, df: 100.0, p: 0.05277890136622967),  // scipy 0.05277890136622966
        .init(t: 2.5, df: 100.0, p: 0.014045789124077177),  // scipy 0.014045789124077172
        .init(t: 5.5791, df: 100.0, p: 2.0695617024987808e-07),  // scipy 2.0695617024987752e-07
        .init(t: 10.0, df: 100.0, p: 9.901688984594139e-17),  // scipy 9.90168898459413e-17
        .init(t: 40.0, df: 100.0, p: 2.462107602140071e-63),  // scipy 2.462107602140071e-63
        .init(t: 100.0, df: 100.0, p: 4.8629944445394795e-102),  // scipy 4.862994444539485e-102
        .init(t: 1000.0, df: 100.0, p: 7.919618607947852e-202),  // scipy 7.919618607947915e-202
        .init(t: 0.001, df: 1000.0, p: 0.9992023150184527),  // scipy 0.9992023150184528
        .init(t: 0.5, df: 1000.0, p: 0.6171850808338748),  // scipy 0.6171850808338747
        .init(t: 1.96, df: 1000.0, p: 0.05027318495574872),  // scipy 0.050273184955748736
        .init(t: 2.5, df: 1000.0, p: 0.012578567801090797),  // scipy 0.012578567801090807
        .init(t: 5.5791, df: 1000.0, p: 3.111887117367364e-08),  // scipy 3.1118871173673694e-08
        .init(t: 10.0, df: 1000.0, p: 1.6670702958600067e-22),  // scipy 1.6670702958600137e-22
        .init(t: 40.0, df: 1000.0, p: 1.0478852155173361e-209),  // scipy 1.0478852155173272e-209
        .init(t: 0.001, df: 10000.0, p: 0.9992021355190525),  // scipy 0.9992021355190526
        .init(t: 0.5, df: 10000.0, p: 0.6170860793232334),  // scipy 0.6170860793232337
        .init(t: 1.96, df: 10000.0, p: 0.05002352023183305),  // scipy 0.05002352023183303
        .init(t: 2.5, df: 10000.0, p: 0.012435219550583698),  // scipy 0.012435219550583698
        .init(t: 5.5791, df: 10000.0, p: 2.4806143107965665e-08),  // scipy 2.4806143107965738e-08
        .init(t: 10.0, df: 10000.0, p: 1.9632807428663828e-23),  // scipy 1.963280742866382e-23
        .init(t: 0.001, df: 1000000.0, p: 0.9992021157716491),  // scipy 0.9992021157716492
        .init(t: 0.5, df: 1000000.0, p: 0.6170751874723713),  // scipy 0.6170751874723714
        .init(t: 1.96, df: 1000000.0, p: 0.04999606758526979),  // scipy 0.04999606758526985
        .init(t: 2.5, df: 1000000.0, p: 0.012419489502163246),  // scipy 0.012419489502163254
        .init(t: 5.5791, df: 1000000.0, p: 2.418285072478449e-08),  // scipy 2.4182850724784517e-08
        .init(t: 10.0, df: 1000000.0, p: 1.527861076817825e-23),  // scipy 1.527861076817818e-23
    ]

    @Test(arguments: studentTCases)
    func student_t_two_sided_p(_ c: StudentTCase) {
        let p = Distributions.studentTTwoSidedP(t: c.t, degreesOfFreedom: c.df)
        #expect(relativeError(p, c.p) <= tolerance, "p = \(p), expected \(c.p)")
        // The sign of t does not matter.
        #expect(Distributions.studentTTwoSidedP(t: -c.t, degreesOfFreedom: c.df) == p)
    }

    static let studentTCDFCases: [StudentTCDFCase] = [
        .init(t: -40.0, df: 3.0, cdf: 1.7190340394579263e-05),  // scipy 1.7190340394579253e-05
        .init(t: -2.0, df: 5.0, cdf: 0.05096973941492918),  // scipy 0.050969739414929174
        .init(t: 0.0, df: 7.0, cdf: 0.5),  // scipy 0.5
        .init(t: 1.5, df: 12.0, cdf: 0.9202712482433965),  // scipy 0.9202712482433966
        .init(t: 3.0, df: 1000000.0, cdf: 0.9986500687292891),  // scipy 0.9986500687292891
        .init(t: -1000.0, df: 2.0, cdf: 4.9999925000125e-07),  // scipy 4.9999925000125e-07
        .init(t: -5.5791, df: 8.0, cdf: 0.00026142533272429264),  // scipy 0.00026142533272429253
        .init(t: 0.25, df: 1.0, cdf: 0.5779791303773694),  // scipy 0.5779791303773694
    ]

    @Test(arguments: studentTCDFCases)
    func student_t_cdf(_ c: StudentTCDFCase) {
        let cdf = Distributions.studentTCDF(c.t, degreesOfFreedom: c.df)
        #expect(relativeError(cdf, c.cdf) <= tolerance, "cdf = \(cdf), expected \(c.cdf)")
    }

    @Test func student_t_limits_and_domain() {
        #expect(Distributions.studentTTwoSidedP(t: .infinity, degreesOfFreedom: 5) == 0)
        #expect(Distributions.studentTTwoSidedP(t: 0, degreesOfFreedom: 5) == 1)
        // p ≈ 1.1e-150518 and 7.9e-202 with df = 100: the first underflows to 0.
        #expect(Distributions.studentTTwoSidedP(t: 1000, degreesOfFreedom: 1e6) == 0)
        #expect(
            relativeError(
                Distributions.studentTTwoSidedP(t: 1000, degreesOfFreedom: 100), 7.9196186079478519077e-202)
                <= tolerance)
        // |t| so large that t² overflows: p = I_x(1/2, 1/2) ≈ (2/π)·(1/|t|) for df = 1.
        #expect(
            relativeError(
                Distributions.studentTTwoSidedP(t: 1e200, degreesOfFreedom: 1), 2 / Double.pi * 1e-200) <= tolerance)
        // Infinite degrees of freedom is the normal distribution.
        #expect(
            relativeError(
                Distributions.studentTTwoSidedP(t: 1.96, degreesOfFreedom: .infinity), 0.04999579029644087) <= tolerance
        )
        #expect(Distributions.studentTTwoSidedP(t: 1, degreesOfFreedom: 0).isNaN)
        #expect(Distributions.studentTTwoSidedP(t: .nan, degreesOfFreedom: 3).isNaN)
    }

    static let normalCDFCases: [NormalCDFCase] = [
        .init(z: -37.5, cdf: 4.605353009581955e-308),  // scipy 4.605353009581954e-308
        .init(z: -30.0, cdf: 4.906713927148187e-198),  // scipy 4.906713927147908e-198
        .init(z: -20.0, cdf: 2.7536241186062337e-89),  // scipy 2.7536241186061556e-89
        .init(z: -10.0, cdf: 7.619853024160525e-24),  // scipy 7.61985302416047e-24
        .init(z: -8.5, cdf: 9.479534822203318e-18),  // scipy 9.47953482220325e-18
        .init(z: -8.0, cdf: 6.220960574271784e-16),  // scipy 6.22096057427174e-16
        .init(z: -7.9, cdf: 1.3945171466592643e-15),  // scipy 1.394517146659261e-15
        .init(z: -5.0, cdf: 2.866515718791939e-07),  // scipy 2.866515718791933e-07
        .init(z: -3.0, cdf: 0.0013498980316300946),  // scipy 0.0013498980316300933
        .init(z: -1.96, cdf: 0.024997895148220435),  // scipy 0.024997895148220435
        .init(z: -1.0, cdf: 0.15865525393145705),  // scipy 0.15865525393145707
        .init(z: -0.1, cdf: 0.460172162722971),  // scipy 0.460172162722971
        .init(z: 0.5, cdf: 0.6914624612740131),  // scipy 0.6914624612740131
        .init(z: 1.6448536269514722, cdf: 0.95),  // scipy 0.95
        .init(z: 3.0, cdf: 0.9986501019683699),  // scipy 0.9986501019683699
        .init(z: 8.0, cdf: 0.9999999999999993),  // scipy 0.9999999999999993
        .init(z: 9.0, cdf: 1.0),  // scipy 1.0
    ]

    @Test(arguments: normalCDFCases)
    func normal_cdf(_ c: NormalCDFCase) {
        let cdf = Distributions.normalCDF(c.z)
        #expect(relativeError(cdf, c.cdf) <= tolerance, "cdf = \(cdf), expected \(c.cdf)")
    }

    static let normalQuantileCases: [NormalQuantileCase] = [
        .init(p: 1e-300, z: -37.0470962993612),  // scipy -37.0470962993612
        .init(p: 1e-100, z: -21.273453560965326),  // scipy -21.273453560965322
        .init(p: 1e-20, z: -9.262340089798407),  // scipy -9.262340089798409
        .init(p: 1e-10, z: -6.361340902404057),  // scipy -6.361340902404056
        .init(p: 1e-05, z: -4.264890793922825),  // scipy -4.264890793922825
        .init(p: 0.001, z: -3.0902323061678136),  // scipy -3.090232306167813
        .init(p: 0.025, z: -1.9599639845400543),  // scipy -1.9599639845400545
        .init(p: 0.05, z: -1.6448536269514726),  // scipy -1.6448536269514729
        .init(p: 0.075, z: -1.439531470938456),  // scipy -1.4395314709384563
        .init(p: 0.08, z: -1.4050715603096327),  // scipy -1.4050715603096329
        .init(p: 0.3, z: -0.5244005127080408),  // scipy -0.5244005127080409
        .init(p: 0.6, z: 0.2533471031357997),  // scipy 0.2533471031357997
        .init(p: 0.925, z: 1.4395314709384561),  // scipy 1.4395314709384563
        .init(p: 0.975, z: 1.9599639845400538),  // scipy 1.959963984540054
        .init(p: 0.999, z: 3.090232306167813),  // scipy 3.090232306167813
        .init(p: 0.9999999999, z: 6.361340889697422),  // scipy 6.361340889697422
    ]

    @Test(arguments: normalQuantileCases)
    func normal_quantile(_ c: NormalQuantileCase) {
        let z = Distributions.normalQuantile(c.p)
        #expect(relativeError(z, c.z) <= tolerance, "z = \(z), expected \(c.z)")
    }

    @Test func normal_quantile_limits_and_symmetry() {
        #expect(Distributions.normalQuantile(0.5) == 0)
        #expect(Distributions.normalQuantile(0) == -.infinity)
        #expect(Distributions.normalQuantile(1) == .infinity)
        #expect(Distributions.normalQuantile(-0.1).isNaN)
        #expect(Distributions.normalQuantile(1.1).isNaN)
        #expect(Distributions.normalQuantile(0.3) == -Distributions.normalQuantile(0.7))
        // Round trip through the CDF across the whole range.
        for p in [1e-300, 1e-200, 1e-50, 1e-12, 0.01, 0.2, 0.45] {
            let z = Distributions.normalQuantile(p)
            #expect(
                relativeError(Distributions.normalCDF(z), p) <= 1e-12 * max(1, abs(z * z)),
                "p = \(p)")
        }
    }

    static let chiSquaredCases: [ChiSquaredCase] = [
        .init(x: 0.5, df: 1.0, q: 0.4795001221869535),  // scipy 0.47950012218695337
        .init(x: 3.84, df: 1.0, q: 0.050043521248705106),  // scipy 0.05004352124870519
        .init(x: 10.0, df: 2.0, q: 0.006737946999085467),  // scipy 0.006737946999085468
        .init(x: 100.0, df: 10.0, q: 5.4497019829205295e-17),  // scipy 5.4497019829205215e-17
        .init(x: 1000.0, df: 100.0, q: 2.306076738035398e-148),  // scipy 2.3060767380354624e-148
        .init(x: 50.0, df: 3.0, q: 7.989179244951472e-11),  // scipy 7.989179244951495e-11
        .init(x: 10000.0, df: 10000.0, q: 0.49811936596618267),  // scipy 0.49811936596618267
        .init(x: 11000.0, df: 10000.0, q: 3.618329558096479e-12),  // scipy 3.6183295580964682e-12
        .init(x: 1300.0, df: 2.0, q: 5.111951948651156e-283),  // scipy 5.111951948651156e-283
        .init(x: 0.001, df: 5.0, q: 0.9999999983185123),  // scipy 0.9999999983185123
    ]

    @Test(arguments: chiSquaredCases)
    func chi_squared_survival(_ c: ChiSquaredCase) {
        let q = Distributions.chiSquaredSurvival(c.x, degreesOfFreedom: c.df)
        #expect(relativeError(q, c.q) <= tolerance, "q = \(q), expected \(c.q)")
    }

    static let fDistributionCases: [FCase] = [
        .init(f: 1.0, d1: 1.0, d2: 1.0, q: 0.5),  // scipy 0.5000000000000001
        .init(f: 4.96, d1: 1.0, d2: 10.0, q: 0.05008765056646819),  // scipy 0.05008765056646815
        .init(f: 3.5, d1: 3.0, d2: 20.0, q: 0.03449310388512439),  // scipy 0.03449310388512439
        .init(f: 100.0, d1: 2.0, d2: 50.0, q: 3.3554432e-18),  // scipy 3.3554432000000048e-18
        .init(f: 0.5, d1: 10.0, d2: 10.0, q: 0.8551541939744958),  // scipy 0.8551541939744958
        .init(f: 2.0, d1: 30.0, d2: 40.0, q: 0.020454006216268708),  // scipy 0.020454006216268715
        .init(f: 1.2, d1: 200.0, d2: 300.0, q: 0.07677599779421014),  // scipy 0.07677599779421007
        .init(f: 10.0, d1: 5.0, d2: 1000.0, q: 2.3670251972879245e-09),  // scipy 2.3670251972879324e-09
        .init(f: 1000.0, d1: 4.0, d2: 8.0, q: 7.923645960035423e-11),  // scipy 7.923645960035419e-11
        .init(f: 0.01, d1: 3.0, d2: 3.0, q: 0.998332474073694),  // scipy 0.998332474073694
        .init(f: 4.0, d1: 1.0, d2: 1000000.0, q: 0.045500533851319205),  // scipy 0.04550053385131924
        .init(f: 30.0, d1: 1.0, d2: 1000000.0, q: 4.3214992222543095e-08),  // scipy 4.321499222254313e-08
        .init(f: 3.0, d1: 2.0, d2: 100000.0, q: 0.049791549226419214),  // scipy 0.049791549226419214
        .init(f: 2.0, d1: 3.0, d2: 100000.0, q: 0.11161752285563914),  // scipy 0.11161752285563918
        .init(f: 2.5, d1: 5.0, d2: 10000.0, q: 0.028610504493278763),  // scipy 0.028610504493278725
        .init(f: 1.5, d1: 3.0, d2: 1000000.0, q: 0.21229098979113073),  // scipy 0.2122909897911307
        .init(f: 12.0, d1: 4.0, d2: 200000.0, q: 9.462871922140731e-10),  // scipy 9.462871922183914e-10
    ]

    @Test(arguments: fDistributionCases)
    func f_survival(_ c: FCase) {
        let q = Distributions.fSurvival(c.f, d1: c.d1, d2: c.d2)
        #expect(relativeError(q, c.q) <= tolerance, "q = \(q), expected \(c.q)")
    }

    static let betaCases: [BetaCase] = [
        .init(a: 0.5, b: 0.5, x: 0.3, value: 0.36901011956554536),  // scipy 0.36901011956554536
        .init(a: 2.0, b: 3.0, x: 0.4, value: 0.5248),  // scipy 0.5247999999999999
        .init(a: 10.0, b: 10.0, x: 0.5, value: 0.5),  // scipy 0.5
        .init(a: 1.0, b: 1.0, x: 0.25, value: 0.25),  // scipy 0.25
        .init(a: 0.1, b: 5.0, x: 0.01, value: 0.7690889207843463),  // scipy 0.7690889207843462
        .init(a: 50.0, b: 60.0, x: 0.4, value: 0.12470685834310036),  // scipy 0.12470685834310022
        .init(a: 200.0, b: 0.5, x: 0.99, value: 0.04509410713707969),  // scipy 0.04509410713707966
        .init(a: 500000.0, b: 0.5, x: 0.999999, value: 0.3173105078558956),  // scipy 0.3173105078558957
        .init(a: 1000.0, b: 1000.0, x: 0.45, value: 3.683198869007578e-06),  // scipy 3.6831988690075765e-06
        .init(a: 0.001, b: 0.001, x: 0.5, value: 0.5),  // scipy 0.49999999999999994
        .init(a: 30.0, b: 20.0, x: 0.01, value: 1.5671643161872713e-47),  // scipy 1.5671643161872713e-47
        .init(a: 2.0, b: 800.0, x: 0.001, value: 0.19153153250186425),  // scipy 0.19153153250186433
        .init(a: 20.0, b: 20.0, x: 0.9, value: 0.9999999998966088),  // scipy 0.9999999998966088
        .init(a: 0.5, b: 30.0, x: 0.2, value: 0.9997316878523693),  // scipy 0.9997316878523693
        .init(a: 10000.0, b: 10000.0, x: 0.49, value: 0.0023370593301101496),  // scipy 0.002337059330110092
        .init(a: 15.0, b: 3.0, x: 0.98, value: 0.9955911503660044),  // scipy 0.9955911503660044
    ]

    @Test(arguments: betaCases)
    func regularized_incomplete_beta(_ c: BetaCase) {
        let value = Distributions.regularizedIncompleteBeta(a: c.a, b: c.b, x: c.x)
        #expect(relativeError(value, c.value) <= tolerance, "I = \(value), expected \(c.value)")
    }

    @Test func incomplete_beta_edges() {
        #expect(Distributions.regularizedIncompleteBeta(a: 2, b: 3, x: 0) == 0)
        #expect(Distributions.regularizedIncompleteBeta(a: 2, b: 3, x: 1) == 1)
        #expect(Distributions.regularizedIncompleteBeta(a: 0, b: 3, x: 0.5).isNaN)
        #expect(Distributions.regularizedIncompleteBeta(a: 2, b: 3, x: 1.5).isNaN)
    }

    // The SciPy values beside each case are the reference; keep them on its line.
    // swift-format-ignore
    static let gammaCases: [GammaCase] = [
        .init(a: 0.5, x: 0.1, p: 0.345279153981423, q: 0.654720846018577),  // scipy 0.34527915398142317 0.6547208460185768
        .init(a: 1.0, x: 1.0, p: 0.6321205588285577, q: 0.36787944117144233),  // scipy 0.6321205588285577 0.36787944117144245
        .init(a: 5.0, x: 2.0, p: 0.05265301734371116, q: 0.9473469826562888),  // scipy 0.052653017343711125 0.9473469826562889
        .init(a: 10.0, x: 15.0, p: 0.9301463393005902, q: 0.06985366069940976),  // scipy 0.9301463393005901 0.06985366069940986
        .init(a: 100.0, x: 90.0, p: 0.15822098918643016, q: 0.8417790108135699),  // scipy 0.15822098918643007 0.84177901081357
        .init(a: 100.0, x: 120.0, p: 0.9721362601094793, q: 0.027863739890520663),  // scipy 0.9721362601094793 0.027863739890520652
        .init(a: 10000.0, x: 9000.0, p: 2.073299202433928e-25, q: 1.0),  // scipy 2.0732992024338907e-25 1.0
        .init(a: 0.01, x: 0.5, p: 0.9943732438060329, q: 0.0056267561939671844),  // scipy 0.9943732438060326 0.005626756193967183
        .init(a: 20.0, x: 1.0, p: 1.5875276010732629e-19, q: 1.0),  // scipy 1.5875276010732616e-19 1.0
        .init(a: 3.0, x: 40.0, p: 0.9999999999999964, q: 3.572865928700226e-15),  // scipy 0.9999999999999964 3.572865928700233e-15
        .init(a: 10000.0, x: 10500.0, p: 0.9999995724127545, q: 4.2758724550596475e-07),  // scipy 0.9999995724127545 4.275872455059654e-07
    ]

    @Test(arguments: gammaCases)
    func regularized_gamma_p_and_q(_ c: GammaCase) {
        let p = Distributions.regularizedGammaP(a: c.a, x: c.x)
        let q = Distributions.regularizedGammaQ(a: c.a, x: c.x)
        #expect(relativeError(p, c.p) <= tolerance, "P = \(p), expected \(c.p)")
        #expect(relativeError(q, c.q) <= tolerance, "Q = \(q), expected \(c.q)")
    }
}

// MARK: - Table rows

extension DistributionsTests {
    struct StudentTCase: Sendable, CustomTestStringConvertible {
        var t: Double
        var df: Double
        var p: Double
        var testDescription: String { "t = \(t), df = \(df)" }
    }

    struct StudentTCDFCase: Sendable, CustomTestStringConvertible {
        var t: Double
        var df: Double
        var cdf: Double
        var testDescription: String { "t = \(t), df = \(df)" }
    }

    struct NormalCDFCase: Sendable, CustomTestStringConvertible {
        var z: Double
        var cdf: Double
        var testDescription: String { "z = \(z)" }
    }

    struct NormalQuantileCase: Sendable, CustomTestStringConvertible {
        var p: Double
        var z: Double
        var testDescription: String { "p = \(p)" }
    }

    struct ChiSquaredCase: Sendable, CustomTestStringConvertible {
        var x: Double
        var df: Double
        var q: Double
        var testDescription: String { "x = \(x), df = \(df)" }
    }

    struct FCase: Sendable, CustomTestStringConvertible {
        var f: Double
        var d1: Double
        var d2: Double
        var q: Double
        var testDescription: String { "F = \(f), d1 = \(d1), d2 = \(d2)" }
    }

    struct BetaCase: Sendable, CustomTestStringConvertible {
        var a: Double
        var b: Double
        var x: Double
        var value: Double
        var testDescription: String { "a = \(a), b = \(b), x = \(x)" }
    }

    struct GammaCase: Sendable, CustomTestStringConvertible {
        var a: Double
        var x: Double
        var p: Double
        var q: Double
        var testDescription: String { "a = \(a), x = \(x)" }
    }
}
