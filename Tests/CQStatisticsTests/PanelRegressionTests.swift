import Testing

@testable import CQStatistics

// Expected values are exact rationals, computed with Python's fractions
// module from the definitions (demeaning, RSS/(n − K), the sandwich with its
// small-sample factor); the script is in the comment above each table. The
// fits on real data are checked against pyfixest and R in
// CQCoreTests/PanelRegressionReferenceTests.

private func close(_ actual: Double?, _ expected: Double, _ tolerance: Double = 1e-13) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= tolerance * max(1, abs(expected))
}

struct PanelRegressionTests {
    // Two countries of three years, one term:
    //   x = (1, 2, 4 | 0, 1, 3), y = (2, 3, 7 | 1, 1, 4).
    // Demeaned by country: Sxx = 28/3, Sxy = 13, β = 39/28, RSS = 53/28,
    // K = 2 effects + 1 term; within R² = 507/560, R² = 675/728.
    static let country = [0, 0, 0, 1, 1, 1]
    static let x: [Double] = [1, 2, 4, 0, 1, 3]
    static let y: [Double] = [2, 3, 7, 1, 1, 4]

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var errors: StandardErrors
        /// The exact variance of β̂ and t's degrees of freedom.
        var variance: Double
        var degreesOfFreedom: Int
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // RSS/(n − K)/Sxx = (53/28)/3/(28/3).
        Case(name: "classical", errors: .classical, variance: 53.0 / 784, degreesOfFreedom: 3),
        // n/(n − K)·Σeᵢ²x̃ᵢ²/Sxx².
        Case(name: "HC1", errors: .robust, variance: 107.0 / 1568, degreesOfFreedom: 3),
        // Clustered by country: the countries' scores Σeᵢx̃ᵢ are 3/2 and −3/2;
        // G/(G − 1)·(n − 1)/(n − K′) with K′ = 1 term + 1 for the intercept
        // (the country effects are nested in the clusters).
        Case(
            name: "CRV1 by country (nested)", errors: .clustered(country),
            variance: (9.0 / 4 + 9.0 / 4) / (28.0 / 3 * 28.0 / 3) * 2 * 5 / 4, degreesOfFreedom: 1),
        // Clustered by alternate rows, not nested: K′ = K = 3.
        Case(
            name: "CRV1 by a category across countries", errors: .clustered([0, 1, 0, 1, 0, 1]),
            variance: 135.0 / 784, degreesOfFreedom: 1),
    ]

    @Test(arguments: cases)
    func one_way_effects_match_the_exact_fit(_ reference: Case) throws {
        let fit = PanelRegression.fit(
            response: Self.y, predictors: [("x", Self.x)], effects: [.init(name: "country", levels: Self.country)],
            errors: reference.errors)
        let regression = fit.regression
        let coefficient = try #require(regression.coefficient("x"))
        #expect(regression.coefficients.count == 1 && !regression.intercept)
        #expect(close(coefficient.estimate, 39.0 / 28))
        #expect(close(coefficient.standardError, reference.variance.squareRoot()))
        #expect(regression.testDegreesOfFreedom == reference.degreesOfFreedom)
        #expect(regression.residualDegreesOfFreedom == 3 && regression.absorbedParameters == 2)
        #expect(close(regression.rSquaredWithin, 507.0 / 560))
        #expect(close(regression.rSquared, 675.0 / 728))
        #expect(fit.effects == [.init(name: "country", groups: 2, smallest: 3, mean: 3, largest: 3)])
    }

    // Three countries × three years, both effects:
    //   x = (1, 2, 4 | 0, 3, 3 | 2, 2, 5), y = (2, 3, 7 | 1, 4, 4 | 3, 2, 9).
    // Two-way demeaned (x − x̄ᵢ − x̄ₜ + x̄ on a balanced panel): β = 25/14,
    // RSS = 53/21, K = 3 + 2 + 1; clustered by country K′ = 1 + 2 + 1.
    @Test func two_way_effects_are_removed_exactly() throws {
        let countries = [0, 0, 0, 1, 1, 1, 2, 2, 2]
        let years = [2000, 2001, 2002, 2000, 2001, 2002, 2000, 2001, 2002]
        let x: [Double] = [1, 2, 4, 0, 3, 3, 2, 2, 5]
        let y: [Double] = [2, 3, 7, 1, 4, 4, 3, 2, 9]
        let effects: [PanelRegression.Effect] = [
            .init(name: "country", levels: countries), .init(name: "year", levels: years),
        ]
        let classical = PanelRegression.fit(response: y, predictors: [("x", x)], effects: effects).regression
        #expect(close(classical.coefficient("x")?.estimate, 25.0 / 14))
        #expect(close(classical.coefficient("x")?.standardError, (53.0 / 196).squareRoot()))
        #expect(classical.absorbedParameters == 5 && classical.residualDegreesOfFreedom == 3)
        let clustered = PanelRegression.fit(
            response: y, predictors: [("x", x)], effects: effects, errors: .clustered(countries)
        ).regression
        #expect(close(clustered.coefficient("x")?.standardError, (6.0 / 245).squareRoot()))
        #expect(clustered.testDegreesOfFreedom == 2)
    }

    /// Countries A, B observed only in 2000–2001 and C, D only in 2002–2003:
    /// two disconnected parts, so the effects absorb G + T − 2 = 6
    /// parameters, not G + T − 1.
    @Test func a_disconnected_panel_absorbs_one_parameter_fewer_per_extra_part() {
        let countries = [0, 0, 1, 1, 2, 2, 3, 3]
        let years = [0, 1, 0, 1, 2, 3, 2, 3]
        let x: [Double] = [1, 3, 2, 7, 4, 4, 1, 8]
        let y: [Double] = [2, 1, 5, 4, 3, 9, 2, 6]
        let fit = PanelRegression.fit(
            response: y, predictors: [("x", x)],
            effects: [.init(name: "country", levels: countries), .init(name: "year", levels: years)])
        #expect(fit.regression.absorbedParameters == 6)
        #expect(fit.regression.residualDegreesOfFreedom == 8 - 6 - 1)
    }

    /// Dropping country D's only row leaves year 2003 with one row, which
    /// goes in turn: singletons are dropped until none is left.
    @Test func singletons_are_dropped_until_none_is_left() {
        var active = [Bool](repeating: true, count: 7)
        // Rows: A2000 A2001 B2000 B2001 C2001 C2002 D2002 … C2002 and D2002
        // share 2002; D has one row; after it goes, 2002 has one (C2002),
        // then C has one (C2001) and 2001 still has A and B.
        let countries = [0, 0, 1, 1, 2, 2, 3]
        let years = [2000, 2001, 2000, 2001, 2001, 2002, 2002]
        let dropped = PanelRegression.dropSingletons([countries, years], active: &active)
        #expect(dropped == 3)
        #expect(active == [true, true, true, true, false, false, false])
    }

    /// With one-way effects a country whose response and terms never change
    /// is fitted exactly by its effect: it is dropped and counted, and the
    /// estimate is that of the other countries alone.
    @Test func groups_without_variation_are_dropped_with_one_way_effects() throws {
        let countries = Self.country + [2, 2, 2]
        let fit = PanelRegression.fit(
            response: Self.y + [5, 5, 5], predictors: [("x", Self.x + [1, 1, 1])],
            effects: [.init(name: "country", levels: countries)])
        #expect(fit.droppedConstant == 3 && fit.constantGroups == 1 && fit.droppedSingletons == 0)
        #expect(fit.kept == Array(0..<6))
        #expect(close(fit.regression.coefficient("x")?.estimate, 39.0 / 28))
        #expect(fit.regression.residualDegreesOfFreedom == 3)
    }

    /// A term constant within every country is absorbed by the effects and
    /// reported collinear, not estimated from rounding noise; a response
    /// constant within every country is explained entirely.
    @Test func what_the_effects_absorb_is_named() {
        let levels = Self.country.map { Double($0) * 0.1 + 1e8 }
        let fit = PanelRegression.fit(
            response: Self.y, predictors: [("x", Self.x), ("level", levels)],
            effects: [.init(name: "country", levels: Self.country)])
        #expect(fit.regression.undefined == [.collinear(term: "level", with: [])])
        #expect(close(fit.regression.coefficient("x")?.estimate, 39.0 / 28))
        let explained = PanelRegression.fit(
            response: [1, 1, 1, 2, 2, 2], predictors: [("x", Self.x)],
            effects: [.init(name: "country", levels: Self.country)])
        #expect(explained.regression.undefined.contains(.constantResponse))
        #expect(explained.regression.coefficient("x")?.estimate == 0)
        #expect(explained.regression.coefficient("x")?.t == nil)
    }

    /// One cluster gives no standard errors, and says why.
    @Test func one_cluster_gives_no_standard_errors() {
        let fit = Regression.fit(
            response: Self.y, predictors: [("x", Self.x)], intercept: true,
            errors: .clustered([Int](repeating: 7, count: 6)))
        #expect(fit.undefined.contains(.tooFewClusters(1)))
        #expect(fit.coefficients.allSatisfy { $0.estimate != nil && $0.standardError == nil && $0.p == nil })
    }
}
