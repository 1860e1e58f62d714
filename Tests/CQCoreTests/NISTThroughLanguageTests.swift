import CQBuiltins
import CQCore
import Foundation
import Testing

/// The NIST StRD datasets (certified values, public domain) run the way a
/// user would run them: each CSV loads through cq's own `use "file"` (a plain
/// table), and `summarize y` or `regress y on …` computes the statistics —
/// the model's terms written in cq exactly as NIST states them (`x^2`, …).
///
/// Digits of agreement are the log relative error, capped at 15 (NIST's
/// LRE). Each must reach R 4.2's (from the issue, or `lm()` measured here);
/// the test prints the whole table.
struct NISTThroughLanguageTests {
    struct Certified: Decodable {
        struct Values: Decodable {
            var mean: Double?
            var sd: Double?
            var coef: [Double]?
            var coef_sd: [Double]?
            var residual_sd: Double?
            var r_squared: Double?
        }
        var name: String
        var kind: String
        var terms: [String]?
        var intercept: Bool?
        var certified: Values
    }

    /// The digits each dataset must reach: R 4.2's (measured here with lm()
    /// and mean/sd), except where R's exceeds the best any binary64 program
    /// can reach on these inputs (the exact fit of the binary64 data, by
    /// mpmath; see RegressionTests) — there the best minus 0.05, because R's
    /// surplus is rounding errors that happened to cancel. Filip: R gives 0;
    /// Householder QR with refinement reaches 7.6.
    /// (first, second) = (mean, sd) or (coefficients, their standard errors).
    static let floors: [String: (first: Double, second: Double)] = [
        "Lew": (15, 15), "Lottery": (15, 15), "Mavro": (15, 13.0), "Michelso": (15, 13.7),
        "NumAcc1": (15, 15), "NumAcc2": (15, 15), "NumAcc3": (15, 9.4), "NumAcc4": (15, 8.2), "PiDigits": (15, 15),
        "Norris": (12.47, 13.86), "Pontius": (12.65, 13.18), "NoInt1": (14.71, 14.39), "NoInt2": (15, 14.89),
        "Filip": (7.0, 7.0), "Longley": (12.98, 14.12), "Wampler1": (9.83, 9.98), "Wampler2": (13.15, 14.72),
        "Wampler3": (9.32, 13.57), "Wampler4": (7.47, 13.57), "Wampler5": (5.47, 13.57),
    ]

    static let names = [
        "Lew", "Lottery", "Mavro", "Michelso", "NumAcc1", "NumAcc2", "NumAcc3", "NumAcc4", "PiDigits",
        "Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
        "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5",
    ]

    static func digits(_ estimate: Double?, _ certified: Double) -> Double {
        guard let estimate, estimate.isFinite else { return 0 }
        let error = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
        return error == 0 ? 15 : min(15, max(0, -log10(error)))
    }

    static func run(_ name: String) throws -> (first: Double, second: Double, line: String) {
        let folder = DataFixtures.packageRoot + "/Tests/CQCoreTests/Fixtures/strd"
        let json = try Data(contentsOf: URL(fileURLWithPath: folder + "/\(name).json"))
        let model = try JSONDecoder().decode(Certified.self, from: json)
        let catalog = DatasetCatalog(
            names: [], load: { _ in nil },
            loadFile: { path, format, options in
                do throws(DataLoadError) {
                    let (dataset, report) = try DatasetLoader.load(
                        path, as: format, files: FixtureFiles.files, reference: nil, options: options)
                    return .success(LoadedDataset(dataset: dataset, report: report))
                } catch {
                    return .failure(DataFileProblem(error: error, lineText: nil))
                }
            })
        var session = Session(dataset: BuiltinWorld.dataset, catalog: catalog)
        let statement: String
        if model.kind == "univariate" {
            statement = "summarize y"
        } else {
            let terms = (model.terms ?? []).filter { $0 != "1" }
            statement =
                "regress y on " + terms.joined(separator: ", ") + (model.intercept == false ? " without intercept" : "")
        }
        let outcome = session.run("use \"\(folder)/\(name).csv\" as table\n" + statement)
        guard outcome.diagnostics.isEmpty, let value = outcome.results.last?.value else {
            throw Failure(message: "\(name): \(outcome.diagnostics.map { $0.message })")
        }
        switch value {
        case .summary(let result):
            let summary = try #require(result.groups.first?.rows.first?.summary)
            let mean = digits(summary.mean, model.certified.mean!)
            let sd = digits(summary.sd, model.certified.sd!)
            return (mean, sd, "\(name): mean \(format(mean)), sd \(format(sd))")
        case .regression(let result):
            let fit = result.fit
            let coefficients = zip(fit.coefficients, model.certified.coef!).map { digits($0.estimate, $1) }.min() ?? 0
            let errors = zip(fit.coefficients, model.certified.coef_sd!).map { digits($0.standardError, $1) }.min() ?? 0
            let residual = digits(fit.residualStandardError, model.certified.residual_sd!)
            let r2 = digits(fit.rSquared, model.certified.r_squared!)
            return (
                coefficients, errors,
                "\(name): coefficients \(format(coefficients)), their sd \(format(errors)), residual sd \(format(residual)), R² \(format(r2))  [\(statement)]"
            )
        default:
            throw Failure(message: "\(name): unexpected result")
        }
    }

    struct Failure: Error {
        var message: String
    }

    static func format(_ digits: Double) -> String {
        let tenths = Int((digits * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    @Test func all_twenty_datasets_through_use_and_the_language() throws {
        var lines: [String] = []
        for name in NISTThroughLanguageTests.names {
            let result = try NISTThroughLanguageTests.run(name)
            lines.append(result.line)
            let floor = try #require(NISTThroughLanguageTests.floors[name])
            #expect(result.first >= floor.first, "\(result.line)")
            #expect(result.second >= floor.second, "\(result.line)")
        }
        print("NIST StRD through `use` and the language (digits of agreement):\n  " + lines.joined(separator: "\n  "))
    }
}
