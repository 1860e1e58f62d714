import CQBuiltins
import Foundation
import Testing

@testable import CQCore

/// Fixed effects and robust and clustered standard errors against pyfixest,
/// cross-checked with R (Fixtures/make_panel_references.py and .R, computed
/// from the CSV files under Data/): for every model, the same n, groups,
/// clusters and degrees of freedom, coefficients to 1e-9 relative and
/// standard errors to 1e-8.
struct PanelRegressionReferenceTests {
    struct Reference: Decodable, Sendable, CustomTestStringConvertible {
        struct Groups: Decodable, Sendable {
            var country: Int?
            var year: Int?
        }
        struct Coefficient: Decodable, Sendable {
            var term: String
            var estimate: Double
            var se: Double
            var t: Double
            var p: Double
        }
        var id: String
        var dataset: String
        var statement: String
        var n: Int
        var groups: Groups
        var clusters: Int?
        var se_type: String
        var df: Int
        var dropped_singletons: Int
        var dropped_constant: Int
        var coefficients: [Coefficient]
        var omitted: [String]
        var r2: Double
        var r2_within: Double?

        var testDescription: String { "\(id): \(statement)" }
    }

    static let references: [Reference] = {
        guard let text = try? EBNFGrammar.readText("Tests/CQCoreTests/Fixtures/panel/references.json"),
            let decoded = try? JSONDecoder().decode([Reference].self, from: Data(text.utf8))
        else { return [] }
        return decoded
    }()

    @Test func the_reference_file_holds_every_model() {
        #expect(Self.references.count >= 20)
    }

    static func relative(_ value: Double?, _ expected: Double) -> Double {
        guard let value else { return .infinity }
        return expected == 0 ? abs(value) : abs(value - expected) / abs(expected)
    }

    @Test(arguments: references)
    func agrees_with_pyfixest(_ reference: Reference) throws {
        let dataset = try #require(BuiltinDatasets.load(reference.dataset))
        var session = Session(dataset: dataset, catalog: DatasetCatalog(names: [], load: { _ in nil }))
        let outcome = session.run(reference.statement)
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics.map(\.message))")
        guard case .regression(let result)? = outcome.results.first?.value else {
            Issue.record("no regression for \(reference.statement)")
            return
        }
        let fit = result.fit
        #expect(fit.n == reference.n)
        #expect(fit.testDegreesOfFreedom == reference.df)
        #expect(result.droppedSingletons == reference.dropped_singletons)
        #expect(result.droppedConstant == reference.dropped_constant)
        #expect(result.effects.first { $0.name == "country" }?.groups == reference.groups.country)
        #expect(result.effects.first { $0.name == "year" }?.groups == reference.groups.year)
        let expectedType: StandardErrorType =
            switch reference.se_type {
            case "robust": .robust
            case "cluster": .clustered(clusters: reference.clusters ?? -1)
            default: .classical
            }
        #expect(fit.standardErrorType == expectedType)
        for term in reference.omitted {
            #expect(fit.coefficient(term)?.estimate == nil, "\(term) is left out")
        }
        for expected in reference.coefficients {
            let coefficient = try #require(fit.coefficient(expected.term), "term \(expected.term)")
            #expect(Self.relative(coefficient.estimate, expected.estimate) <= 1e-9, "\(expected.term) estimate")
            #expect(Self.relative(coefficient.standardError, expected.se) <= 1e-8, "\(expected.term) se")
            #expect(Self.relative(coefficient.t, expected.t) <= 1e-8, "\(expected.term) t")
            #expect(Self.relative(coefficient.p, expected.p) <= 1e-6, "\(expected.term) p")
        }
        #expect(Self.relative(fit.rSquared, reference.r2) <= 1e-9, "R²")
        if let within = reference.r2_within {
            #expect(Self.relative(fit.rSquaredWithin, within) <= 1e-9, "within R²")
        } else {
            #expect(fit.rSquaredWithin == nil)
        }
    }
}
