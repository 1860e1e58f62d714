import CQBuiltins
import Glibc
import Testing

@testable import CQCore

/// `explain` does the arithmetic the textbook way; its numbers must be the
/// ones the statistics engine prints and the published references certify.
struct WorkingTests {
    /// Table 1 of the paper: competitiveness (x) and innovation (y).
    static let paperX = [5.2, 5.9, 5.0, 5.7, 5.2, 5.5, 4.6, 5.5, 4.6, 5.9]
    static let paperY = [53.1, 67.69, 52.54, 58.39, 54.18, 60.89, 23.72, 54.72, 38.76, 61.4]

    @Test func the_papers_correlation_matches_r_and_the_engine() throws {
        let working = CorrelationWorking(x: Self.paperX, y: Self.paperY)
        // R 4.2 cor.test(x, y): r = 0.8919277913137542, t = 5.5791160817909615,
        // p = 0.0005228408360806784 (CorrelationTests keeps the full case).
        #expect(abs(try #require(working.r) - 0.8919277913137542) < 1e-14)
        #expect(abs(try #require(working.t) - 5.5791160817909615) < 1e-12)
        #expect(abs(try #require(working.p) - 0.0005228408360806784) < 1e-15)
        let engine = Correlation.estimate(Self.paperX, Self.paperY, method: .pearson)
        #expect(abs(try #require(working.r) - (try #require(engine.r))) < 1e-12)
        #expect(abs(try #require(working.t) - (try #require(engine.statistic))) < 1e-10)
        #expect(abs(try #require(working.p) - (try #require(engine.p))) < 1e-12)
        #expect(working.degreesOfFreedom == 8)
        #expect(abs(working.sxx - 2.049) < 1e-12)
        #expect(abs(working.sumY - 525.39) < 1e-12)
    }

    /// NIST StRD Norris: a straight line with certified values to 15 digits.
    @Test func norris_line_matches_nists_certified_values() throws {
        let problem = try RegressionTests.StRDProblem.load("Norris")
        let working = RegressionWorking(x: problem.predictors[0].values, y: problem.y)
        func digits(_ value: Double?, _ certified: Double) throws -> Double {
            let value = try #require(value)
            return value == certified ? 15 : -log10(abs(value - certified) / abs(certified))
        }
        #expect(try digits(working.intercept, problem.coefficients[0]) > 11)
        #expect(try digits(working.slope, problem.coefficients[1]) > 13)
        #expect(try digits(working.slopeStandardError, problem.standardErrors[1]) > 11)
        #expect(try digits(working.residualStandardError, problem.residualSD) > 11)
        #expect(try digits(working.rSquared, problem.rSquared) > 13)
    }

    /// The same numbers as `regress` on data of many shapes.
    /// (x, y, relative tolerance). With x near 10⁹ the textbook intercept
    /// ȳ − b·x̄ cancels 9 digits, which the engine's centred QR avoids: the
    /// explanation is then right to 8 digits, more than it prints.
    static let shapes: [([Double], [Double], Double)] = [
        ([1.0, 2, 3, 4, 5], [2.0, 4.1, 5.9, 8.2, 9.9], 1e-12),
        ([1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 5], [3.0, 1, 4, 1], 1e-7),
        (WorkingTests.paperX, WorkingTests.paperY, 1e-12),
        ([0.001, 0.002, 0.0035, 0.004, 0.007, 0.011], [-5.0, -3, -2.5, 0, 1, 7], 1e-12),
    ]

    @Test(arguments: WorkingTests.shapes)
    func regression_agrees_with_the_engine(_ x: [Double], _ y: [Double], _ tolerance: Double) throws {
        let working = RegressionWorking(x: x, y: y)
        let fit = Regression.fit(response: y, predictors: [("x", x)], intercept: true)
        func close(_ a: Double?, _ b: Double?, _ what: String) throws {
            let a = try #require(a, "\(what)")
            let b = try #require(b, "\(what)")
            #expect(abs(a - b) <= tolerance * max(1, abs(b)), "\(what): \(a) vs \(b)")
        }
        try close(working.intercept, fit.coefficients[0].estimate, "intercept")
        try close(working.slope, fit.coefficients[1].estimate, "slope")
        try close(working.slopeStandardError, fit.coefficients[1].standardError, "SE(slope)")
        try close(working.t, fit.coefficients[1].t, "t")
        try close(working.p, fit.coefficients[1].p, "p")
        try close(working.rSquared, fit.rSquared, "R²")
        try close(working.residualStandardError, fit.residualStandardError, "s")
        let correlation = CorrelationWorking(x: x, y: y)
        let engine = Correlation.estimate(x, y, method: .pearson)
        try close(correlation.r, engine.r, "r")
        try close(correlation.p, engine.p, "p(r)")
    }

    static let degenerate: [([Double], [Double])] = [
        ([], []), ([1.0], [2.0]), ([1.0, 1, 1], [1.0, 2, 3]), ([1.0, 2], [3.0, 5]), ([1.0, 2, 3], [2.0, 4, 6]),
    ]

    @Test(arguments: WorkingTests.degenerate)
    func degenerate_samples_are_undefined_not_nan(_ x: [Double], _ y: [Double]) {
        let correlation = CorrelationWorking(x: x, y: y)
        let regression = RegressionWorking(x: x, y: y)
        for value in [
            correlation.r, correlation.t, correlation.p, regression.slope, regression.t, regression.p,
            regression.rSquared,
        ] {
            #expect(value.map { !$0.isNaN } ?? true)
        }
    }

    @Test func explain_prints_the_engines_figures() throws {
        let world = try #require(BuiltinDatasets.load("world"))
        var session = Session(dataset: world, catalog: DatasetCatalog(names: ["world"], load: { _ in world }))
        let explained = session.run("explain correlate competitiveness, innovation")
        let plain = session.run("correlate competitiveness, innovation")
        let renderer = ResultRenderer(format: .table)
        let text = try renderer.render(#require(explained.results.first))
        #expect(text.contains("= 0.892\n"))
        #expect(text.contains("so r = 0.892, n = 10, p = 0.000523"))
        #expect(try renderer.render(#require(plain.results.first)).contains("r = 0.892, n = 10, p = 0.000523"))
    }
}
