import CQBuiltins
import Foundation
import Testing

@testable import CQCore

/// cq's time functions against pandas (Fixtures/make_time_references.py,
/// computed from the CSV files under Data/): for every case, the same
/// country-years have a value, and each agrees to 1e-12 relative.
struct TimeFunctionReferenceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var dataset: String
        var expression: String
        var years: ClosedRange<Int>
        var expected: [String: Double]
        var testDescription: String { "\(id): \(expression) in \(dataset)" }
    }

    static let cases: [Case] = {
        guard let text = try? EBNFGrammar.readText("Tests/CQCoreTests/Fixtures/time/references.csv") else { return [] }
        var byID: [String: Case] = [:]
        var order: [String] = []
        for line in text.split(separator: "\n").dropFirst() {
            // case,dataset,"expression",first,last,iso3,year,value (the expression is quoted: it may hold commas).
            let quoted = line.split(separator: "\"", omittingEmptySubsequences: false)
            guard quoted.count == 3 else { continue }
            let head = quoted[0].split(separator: ",").map(String.init)
            let tail = quoted[2].split(separator: ",").map(String.init)
            guard head.count == 2, tail.count == 5, let first = Int(tail[0]), let last = Int(tail[1]),
                let year = Int(tail[3]), let value = Double(tail[4])
            else { continue }
            if byID[head[0]] == nil {
                order.append(head[0])
                byID[head[0]] = Case(
                    id: head[0], dataset: head[1], expression: String(quoted[1]), years: first...last, expected: [:])
            }
            byID[head[0]]!.expected["\(tail[2]) \(year)"] = value
        }
        return order.map { byID[$0]! }
    }()

    @Test func the_reference_file_holds_every_case() {
        #expect(Self.cases.count == 22)
        #expect(Self.cases.allSatisfy { !$0.expected.isEmpty })
    }

    @Test(arguments: cases)
    func agrees_with_pandas(_ reference: Case) throws {
        let dataset = try #require(BuiltinDatasets.load(reference.dataset))
        var session = Session(dataset: dataset, catalog: DatasetCatalog(names: [], load: { _ in nil }))
        let query =
            "list country, year, \(reference.expression) during \(reference.years.lowerBound)..\(reference.years.upperBound)"
        let outcome = session.run(query)
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics.map(\.message))")
        guard case .table(let table)? = outcome.results.first?.value else {
            Issue.record("no table for \(query)")
            return
        }
        var found: [String: Double] = [:]
        for row in table.rows {
            guard case .text(let country) = row[0], case .number(let value) = row[2] else { continue }
            let year: Int
            switch row[1] {
            case .year(let y), .integer(let y): year = y
            case .number, .text, .boolean, .missing: continue
            }
            found["\(country) \(year)"] = value
        }
        #expect(Set(found.keys) == Set(reference.expected.keys), "the same country-years have a value")
        var worst = 0.0
        for (key, expected) in reference.expected {
            guard let value = found[key] else { continue }
            let error = expected == 0 ? abs(value) : abs(value - expected) / abs(expected)
            worst = max(worst, error)
        }
        #expect(worst <= 1e-12, "largest relative difference \(worst)")
    }
}

/// cq's period aggregates against pandas (the same script): for every case,
/// the same countries have a value, each equal to 1e-12 relative.
struct PeriodAggregateReferenceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var dataset: String
        var query: String
        var expected: [String: Double]
        var testDescription: String { "\(id): \(query)" }
    }

    static let cases: [Case] = {
        guard let text = try? EBNFGrammar.readText("Tests/CQCoreTests/Fixtures/time/aggregates.csv") else { return [] }
        var byID: [String: Case] = [:]
        var order: [String] = []
        for line in text.split(separator: "\n").dropFirst() {
            // case,dataset,"expression",first,last,"where","having",iso3,value
            let parts = line.split(separator: "\"", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 7 else { continue }
            let head = parts[0].split(separator: ",").map(String.init)
            let years = parts[2].split(separator: ",").map(String.init)
            let tail = parts[6].split(separator: ",").map(String.init)
            guard head.count == 2, years.count == 2, tail.count == 2, let value = Double(tail[1]) else { continue }
            if byID[head[0]] == nil {
                let conditions = [parts[3], parts[5]].filter { !$0.isEmpty }
                let filter = conditions.isEmpty ? "" : " where " + conditions.joined(separator: " and ")
                order.append(head[0])
                byID[head[0]] = Case(
                    id: head[0], dataset: head[1],
                    query: "list country, \(parts[1])\(filter) during \(years[0])..\(years[1])", expected: [:])
            }
            byID[head[0]]!.expected[tail[0]] = value
        }
        return order.map { byID[$0]! }
    }()

    @Test func the_reference_file_holds_every_case() {
        #expect(Self.cases.count == 20)
        #expect(Self.cases.allSatisfy { !$0.expected.isEmpty })
    }

    @Test(arguments: cases)
    func agrees_with_pandas(_ reference: Case) throws {
        let dataset = try #require(BuiltinDatasets.load(reference.dataset))
        var session = Session(dataset: dataset, catalog: DatasetCatalog(names: [], load: { _ in nil }))
        let outcome = session.run(reference.query)
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics.map(\.message))")
        guard case .table(let table)? = outcome.results.first?.value else {
            Issue.record("no table for \(reference.query)")
            return
        }
        #expect(table.columns.count == 2, "one row per country, no year column")
        var found: [String: Double] = [:]
        for row in table.rows {
            guard case .text(let country) = row[0], case .number(let value) = row[1] else { continue }
            found[country] = value
        }
        #expect(Set(found.keys) == Set(reference.expected.keys), "the same countries have a value")
        var worst = 0.0
        for (country, expected) in reference.expected {
            guard let value = found[country] else { continue }
            worst = max(worst, expected == 0 ? abs(value) : abs(value - expected) / abs(expected))
        }
        #expect(worst <= 1e-12, "largest relative difference \(worst)")
    }
}
