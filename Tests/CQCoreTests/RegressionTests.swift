import Glibc  // fopen/fread for the NIST StRD fixtures, log10, pow
import Testing

@testable import CQCore

// Expected values:
// - NIST StRD linear regressions (Norris, Pontius, NoInt1/2, Filip, Longley,
//   Wampler1–5): data and certified values from verbatim copies of the
//   NIST StRD files in Fixtures/strd/ (the CSV data
//   and the JSON's `certified_str`, NIST's printed digits). R 4.2.2's digits
//   of agreement with lm() at its defaults from
//   `Fixtures/make_regression_fixtures.R strd`.
//   The best digits any binary64 program can reach on the data as cq passes
//   them (the exact fit of the binary64 numbers, mpmath at 60 digits) from
//   `Fixtures/make_regression_references.py strd`.
// - summary(lm()) and confint() of R 4.2.2 on small generated data sets, and
//   the data themselves, from `Fixtures/make_regression_fixtures.R lm`. For
//   the two 1e9-offset cases R fits the offset-free data (the subtraction is
//   exact) and maps the intercept back, because lm() on the raw data is good
//   to only ~1e-8 there (or drops the predictor). Every estimate and standard
//   error was checked against the exact least-squares fit (mpmath): R's are
//   within 1e-14.
// - Student t quantiles: R 4.2.2's qt from `make_regression_fixtures.R qt`;
//   where R's qt is itself off by more than 1e-13 (p within 1e-4 of ½;
//   p = 1e-300 with few degrees of freedom; upper tails below 1 degree of
//   freedom, off by up to 3e-4), mpmath at 60 digits from
//   `Fixtures/make_regression_references.py quantiles` instead.

/// |actual − expected| / |expected|, or the absolute difference when expected is 0.
private func relativeError(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected { return 0 }
    if expected == 0 { return abs(actual) }
    return abs(actual - expected) / abs(expected)
}

/// NIST's log relative error, the number of agreeing significant digits:
/// −log₁₀(|x − c|/|c|), or −log₁₀|x| when c = 0; capped at 15 (and 15 when
/// x = c), 0 when x is missing (R's NA) or agrees in no digit.
private func digitsOfAgreement(_ value: Double?, certified: Double) -> Double {
    guard let value, value.isFinite else { return 0 }
    if value == certified { return 15 }
    let error = certified == 0 ? abs(value) : abs(value - certified) / abs(certified)
    return max(0, min(15, -log10(error)))
}

@Suite("Regression against NIST StRD and R")
struct RegressionTests {

    // MARK: - NIST StRD

    static let strdNames = [
        "Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
        "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5",
    ]

    /// R 4.2.2's digits with lm() at its defaults: the smallest over the
    /// coefficients and over their standard errors, then σ̂ and R² (rounded
    /// down to 0.01).
    static let rDigits: [String: Digits] = [
        "Norris": .init(coefficients: 12.47, standardErrors: 14.00, residualSD: 14.13, rSquared: 15.00),
        "Pontius": .init(coefficients: 12.65, standardErrors: 13.18, residualSD: 13.19, rSquared: 15.00),
        "NoInt1": .init(coefficients: 14.71, standardErrors: 14.39, residualSD: 14.52, rSquared: 15.00),
        "NoInt2": .init(coefficients: 15.00, standardErrors: 15.00, residualSD: 15.00, rSquared: 15.00),
        "Filip": .init(coefficients: 0.00, standardErrors: 0.00, residualSD: 0.90, rSquared: 3.02),
        "Longley": .init(coefficients: 12.98, standardErrors: 14.12, residualSD: 14.26, rSquared: 15.00),
        "Wampler1": .init(coefficients: 9.83, standardErrors: 9.98, residualSD: 9.98, rSquared: 15.00),
        "Wampler2": .init(coefficients: 13.55, standardErrors: 14.72, residualSD: 14.72, rSquared: 15.00),
        "Wampler3": .init(coefficients: 9.32, standardErrors: 13.57, residualSD: 14.76, rSquared: 15.00),
        "Wampler4": .init(coefficients: 7.47, standardErrors: 13.57, residualSD: 14.76, rSquared: 15.00),
        "Wampler5": .init(coefficients: 5.47, standardErrors: 13.57, residualSD: 14.80, rSquared: 14.76),
    ]

    /// The most any binary64 program can reach with the data as cq passes
    /// them (the CSV values and x^k by `pow`, rounded to binary64): the
    /// digits of the exact least-squares fit of those numbers (mpmath, 60
    /// digits; rounded down to 0.01). R exceeds it in four places (Norris's
    /// standard errors and σ̂, NoInt2's standard error, Wampler2's
    /// coefficients) only because its rounding errors happen to offset the
    /// data's; there the floor is this figure less 0.05 digits, one rounding
    /// of the result. On Filip the rounding of x^k costs 6 digits: with exact
    /// powers the figure would be 14.
    static let bestDigits: [String: Digits] = [
        "Norris": .init(coefficients: 14.06, standardErrors: 13.91, residualSD: 14.02, rSquared: 15.00),
        "Pontius": .init(coefficients: 13.50, standardErrors: 13.76, residualSD: 13.77, rSquared: 15.00),
        "NoInt1": .init(coefficients: 14.73, standardErrors: 15.00, residualSD: 15.00, rSquared: 15.00),
        "NoInt2": .init(coefficients: 15.00, standardErrors: 14.94, residualSD: 15.00, rSquared: 15.00),
        "Filip": .init(coefficients: 7.60, standardErrors: 7.62, residualSD: 9.57, rSquared: 11.75),
        "Longley": .init(coefficients: 14.61, standardErrors: 14.90, residualSD: 15.00, rSquared: 15.00),
        "Wampler1": .init(coefficients: 15.00, standardErrors: 15.00, residualSD: 15.00, rSquared: 15.00),
        "Wampler2": .init(coefficients: 13.20, standardErrors: 15.00, residualSD: 15.00, rSquared: 15.00),
        "Wampler3": .init(coefficients: 15.00, standardErrors: 14.45, residualSD: 14.82, rSquared: 15.00),
        "Wampler4": .init(coefficients: 15.00, standardErrors: 14.45, residualSD: 14.82, rSquared: 15.00),
        "Wampler5": .init(coefficients: 15.00, standardErrors: 14.45, residualSD: 14.82, rSquared: 15.00),
    ]

    /// What cq reaches (rounded down to a tenth): a change that loses digits
    /// fails here even where R's figure is lower.
    static let cqDigits: [String: Digits] = [
        "Norris": .init(coefficients: 14.0, standardErrors: 13.9, residualSD: 14.0, rSquared: 15.0),
        "Pontius": .init(coefficients: 13.5, standardErrors: 13.7, residualSD: 13.7, rSquared: 15.0),
        "NoInt1": .init(coefficients: 14.7, standardErrors: 15.0, residualSD: 15.0, rSquared: 15.0),
        "NoInt2": .init(coefficients: 15.0, standardErrors: 14.9, residualSD: 15.0, rSquared: 15.0),
        "Filip": .init(coefficients: 7.6, standardErrors: 7.7, residualSD: 9.5, rSquared: 11.7),
        "Longley": .init(coefficients: 14.6, standardErrors: 14.7, residualSD: 15.0, rSquared: 15.0),
        "Wampler1": .init(coefficients: 15.0, standardErrors: 15.0, residualSD: 15.0, rSquared: 15.0),
        "Wampler2": .init(coefficients: 13.2, standardErrors: 14.9, residualSD: 14.9, rSquared: 15.0),
        "Wampler3": .init(coefficients: 15.0, standardErrors: 13.9, residualSD: 14.8, rSquared: 15.0),
        "Wampler4": .init(coefficients: 15.0, standardErrors: 13.9, residualSD: 14.8, rSquared: 15.0),
        "Wampler5": .init(coefficients: 15.0, standardErrors: 13.9, residualSD: 14.8, rSquared: 15.0),
    ]

    /// Filip, where R gets 0, must reach this many digits on the coefficients
    /// and standard errors (the issue's aim; the binary64 best is 7.6).
    static let filipFloor = 7.0

    @Test func nist_strd_certified_values_at_least_r_s_digits_everywhere() throws {
        var table = "dataset    quantity           cq      R   best\n"
        for name in Self.strdNames {
            let problem = try StRDProblem.load(name)
            let fit = Regression.fit(
                response: problem.y, predictors: problem.predictors, intercept: problem.intercept)
            #expect(fit.undefined.allSatisfy { $0 == .perfectFit }, "\(name): \(fit.undefined)")
            #expect(fit.coefficients.count == problem.coefficients.count, "\(name)")
            let digits = Digits(
                coefficients: zip(fit.coefficients, problem.coefficients)
                    .map { digitsOfAgreement($0.estimate, certified: $1) }.min() ?? 0,
                standardErrors: zip(fit.coefficients, problem.standardErrors)
                    .map { digitsOfAgreement($0.standardError, certified: $1) }.min() ?? 0,
                residualSD: digitsOfAgreement(fit.residualStandardError, certified: problem.residualSD),
                rSquared: digitsOfAgreement(fit.rSquared, certified: problem.rSquared))
            let r = try #require(Self.rDigits[name])
            let best = try #require(Self.bestDigits[name])
            let floor = try #require(Self.cqDigits[name])
            for (quantity, keyPath) in Digits.quantities {
                let ours = digits[keyPath: keyPath]
                table +=
                    name.padding(10) + " " + quantity.padding(16) + " " + format(ours, 2).leftPadding(6)
                    + " " + format(r[keyPath: keyPath], 2).leftPadding(6)
                    + " " + format(best[keyPath: keyPath], 2).leftPadding(6) + "\n"
                let target = min(r[keyPath: keyPath], best[keyPath: keyPath] - 0.05)
                #expect(ours >= target, "\(name) \(quantity): cq \(ours) < \(target) (R or binary64 best)")
                #expect(ours >= floor[keyPath: keyPath], "\(name) \(quantity): \(ours) < \(floor[keyPath: keyPath])")
            }
            if name == "Filip" {
                #expect(digits.coefficients >= Self.filipFloor && digits.standardErrors >= Self.filipFloor)
            }
        }
        print(table, terminator: "")
    }

    /// The digits of agreement of one fit.
    struct Digits: Sendable {
        var coefficients: Double
        var standardErrors: Double
        var residualSD: Double
        var rSquared: Double

        static var quantities: [(String, KeyPath<Digits, Double>)] {
            [
                ("coefficients", \.coefficients), ("standard errors", \.standardErrors),
                ("residual sd", \.residualSD), ("R²", \.rSquared),
            ]
        }
    }

    /// A NIST StRD linear regression: the design built from its terms as cq
    /// builds `x^k` (Glibc `pow`), and its certified values.
    struct StRDProblem {
        var y: [Double]
        var predictors: [(name: String, values: [Double])]
        var intercept: Bool
        var coefficients: [Double]
        var standardErrors: [Double]
        var residualSD: Double
        var rSquared: Double

        static func load(_ name: String) throws -> StRDProblem {
            let table = try Self.csv(try fixture("\(name).csv"))
            let json = try JSONValue.parse(try fixture("\(name).json"))
            let certified = try #require(json["certified_str"])
            let terms = try #require(json["terms"]?.array).compactMap(\.string)
            var predictors: [(name: String, values: [Double])] = []
            for term in terms where term != "1" {
                let parts = term.split(separator: "^")
                let column = try #require(table[String(parts[0])], "\(name): no column for \(term)")
                let power = parts.count == 2 ? try #require(Double(String(parts[1]))) : 1
                predictors.append((term, power == 1 ? column : column.map { pow($0, power) }))
            }
            func numbers(_ key: String) throws -> [Double] {
                try #require(certified[key]?.array).map { try #require($0.string.flatMap(Double.init)) }
            }
            // (#require on a Bool? would be ambiguous: unwrap, or check it?)
            guard let intercept = json["intercept"]?.bool else { throw MissingField(name: "\(name): intercept") }
            return StRDProblem(
                y: try #require(table["y"]), predictors: predictors,
                intercept: intercept,
                coefficients: try numbers("coef"), standardErrors: try numbers("coef_sd"),
                residualSD: try #require(certified["residual_sd"]?.string.flatMap(Double.init)),
                rSquared: try #require(certified["r_squared"]?.string.flatMap(Double.init)))
        }

        struct MissingField: Error, CustomStringConvertible {
            var name: String
            var description: String { "missing \(name)" }
        }

        /// A numeric CSV with a header line, as columns by name.
        static func csv(_ text: String) throws -> [String: [Double]] {
            let lines = text.split(whereSeparator: \.isNewline)
            let header = try #require(lines.first).split(separator: ",").map { String($0).trimmed }
            var columns = [[Double]](repeating: [], count: header.count)
            for line in lines.dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                try #require(fields.count == header.count, "\(line)")
                for (index, field) in fields.enumerated() {
                    columns[index].append(try #require(Double(String(field).trimmed), "\(line)"))
                }
            }
            return Dictionary(uniqueKeysWithValues: zip(header, columns))
        }

        /// A file in Fixtures/strd/ next to this source file.
        static func fixture(_ name: String) throws -> String {
            let here = #filePath
            let directory = here[..<(here.lastIndex(of: "/") ?? here.startIndex)]
            let path = "\(directory)/Fixtures/strd/\(name)"
            let file = try #require(fopen(path, "r"), "cannot open \(path)")
            defer { fclose(file) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = fread(&chunk, 1, chunk.count, file)
                if count == 0 { break }
                bytes += chunk[..<count]
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    // MARK: - Against R's summary(lm())

    /// Relative tolerances: 1e-10 for estimates and statistics, 1e-8 for
    /// p-values (as for correlations), on data where R's QR is itself good to
    /// about 1e-14. A missing value must be missing in both.
    static let tolerance = 1e-10
    static let pTolerance = 1e-8

    static let rCases: [RCase] = [
        .init(
            "simple", intercept: true, confidence: 0.95,
            y: [3.65705, 3.04015, 5.35169, 7.27936, 3.58419, 6.18656, 8.23516, 5.69383],
            x: [
                ("x", [2.65509, 3.72124, 5.72853, 9.08208, 2.01682, 8.9839, 9.44675, 6.60798])
            ],
            coefficients: [
                .init(
                    "(Intercept)", 1.8781997387130913, 0.5890057680883921, 3.188762895835054, 0.01886578216987832,
                    0.43695454438485926, 3.319444933041323),
                .init(
                    "x", 0.5804520068407735, 0.08855954656681184, 6.554369679420885, 0.0006037140145141558,
                    0.36375460281441685, 0.7971494108671301),
            ],
            rSquared: 0.8774503844008158, adjustedRSquared: 0.8570254484676184,
            f: 42.95976189451175, fDF: (1, 6), fP: 0.00060371401451416,
            sigma: 0.7027290497791036, residualDF: 6),
        .init(
            "two predictors", intercept: true, confidence: 0.95,
            y: [
                5.30017, 5.9775, 7.47959, 7.10929, 5.8138, 7.00076, 7.13559, 5.69116, 8.40887, 7.73816, 4.17416,
                4.93586,
            ],
            x: [
                (
                    "x1",
                    [
                        41.0309, 51.8485, 65.8785, 38.6962, 49.1975, 51.3242, 57.0795, 47.603, 69.8447, 48.6121,
                        54.1765, 59.8175,
                    ]
                ),
                (
                    "x2",
                    [
                        2.6073, 1.96033, 4.78223, 0.688931, 3.8786, 3.03581, 4.01283, 3.43227, 5.09082, 1.80007,
                        4.58964, 4.95465,
                    ]
                ),
            ],
            coefficients: [
                .init(
                    "(Intercept)", 0.658765701846925, 1.9619442858870182, 0.33577187007075954, 0.744737936910758,
                    -3.779460617483402, 5.096992021177252),
                .init(
                    "x1", 0.17642278084936827, 0.05228563067243384, 3.3742115870160543, 0.008201967031774145,
                    0.058144466912300546, 0.294701094786436),
                .init(
                    "x2", -1.0576612850347646, 0.3401243722180671, -3.1096309803893045, 0.012526312868502493,
                    -1.8270760698901078, -0.28824650017942144),
            ],
            rSquared: 0.5667172678422147, adjustedRSquared: 0.4704322162515957,
            f: 5.885828157954997, fDF: (2, 9), fP: 0.02319910419519223,
            sigma: 0.9238615334485143, residualDF: 9),
        .init(
            "collinear", intercept: true, confidence: 0.95,
            y: [9.42152, 15.0577, 15.7963, 3.33353, 13.5155, 14.2589, 18.1606, 22.0121, 2.92792, 17.8632],
            x: [
                ("x1", [15, 19, 21, 14, 21, 20, 20, 26, 14, 26]),
                ("x2", [4, 3, 4, 6, 5, 4, 3, 4, 7, 5]),
                ("x3", [19, 22, 25, 20, 26, 24, 23, 30, 21, 31]),
            ],
            coefficients: [
                .init(
                    "(Intercept)", 2.5738958276994484, 2.2964322319231067, 1.1208237682433086, 0.2993370885027837,
                    -2.8563035200452753, 8.004095175444172),
                .init(
                    "x1", 1.045197540081128, 0.07742485125377013, 13.499509823471996, 2.8747650471319465e-06,
                    0.8621168591304991, 1.2282782210317569),
                .init(
                    "x2", -2.18334235850879, 0.2654184898088951, -8.226037153933119, 7.62610445943183e-05,
                    -2.8109573563320356, -1.5557273606855442),
                .init("x3", nil, nil, nil, nil, nil, nil),
            ],
            rSquared: 0.9830014206684891, adjustedRSquared: 0.9781446837166288,
            f: 202.3995597068456, fDF: (2, 7), fP: 6.403894852240131e-07,
            sigma: 0.925263556146516, residualDF: 7),
        .init(
            "constant predictor", intercept: true, confidence: 0.95,
            y: [1.99362, 0.0241115, 0.906864, 0.979038, 1.59048, 0.723627, -1.11222, 0.951882, 1.85234],
            x: [
                ("x", [0.216755, -0.542493, 0.891145, 0.595981, 1.63562, 0.689275, -1.28125, -0.213145, 1.89654]),
                ("k", [7.25, 7.25, 7.25, 7.25, 7.25, 7.25, 7.25, 7.25, 7.25]),
            ],
            coefficients: [
                .init(
                    "(Intercept)", 0.55246558483109, 0.22824504252495179, 2.420493250234315, 0.046058807396898806,
                    0.012751821970762633, 1.0921793476914172),
                .init(
                    "x", 0.7554601079202676, 0.21735034889322005, 3.4757713146870093, 0.010325057722743598,
                    0.2415082018352066, 1.2694120140053287),
                .init("k", nil, nil, nil, nil, nil, nil),
            ],
            rSquared: 0.6331426523299842, adjustedRSquared: 0.5807344598056963,
            f: 12.080986232001067, fDF: (1, 7), fP: 0.01032505772274359,
            sigma: 0.6240975024629501, residualDF: 7),
        .init(
            "n = p + 1", intercept: true, confidence: 0.95,
            y: [-0.138986, -0.597313, -2.18397, 0.240817, -0.259355],
            x: [
                ("x1", [-0.840855, 1.38436, -1.25549, 0.0701428, 1.71144]),
                ("x2", [-0.602908, -0.472166, -0.635371, -0.285774, 0.138108]),
                ("x3", [1.22763, -0.801779, -1.08039, -0.157534, -1.07176]),
            ],
            coefficients: [
                .init(
                    "(Intercept)", 0.10975994187734682, 0.7950664511805766, 0.13805128076322012, 0.9126658425678547,
                    -9.992517165686902, 10.212037049441594),
                .init(
                    "x1", 0.37324706770060084, 0.42343813895122195, 0.8814677596710228, 0.5400540330209775,
                    -5.007044618918414, 5.7535387543196155),
                .init(
                    "x2", 1.228458597651653, 1.7175356503903934, 0.7152448901846237, 0.6047327605187394,
                    -20.594901017887647, 23.051818213190952),
                .init(
                    "x3", 0.8515715132470008, 0.4031200591904351, 2.112451349995253, 0.2814678983749267,
                    -4.2705544920855285, 5.973697518579531),
            ],
            rSquared: 0.860925000584422, adjustedRSquared: 0.443700002337688,
            f: 2.063454980411545, fDF: (3, 1), fP: 0.46357825739275993,
            sigma: 0.702032173870471, residualDF: 1),
        .init(
            "n = p", intercept: true, confidence: 0.95,
            y: [-0.138986, -0.597313, -2.18397, 0.240817],
            x: [
                ("x1", [-0.840855, 1.38436, -1.25549, 0.0701428]),
                ("x2", [-0.602908, -0.472166, -0.635371, -0.285774]),
                ("x3", [1.22763, -0.801779, -1.08039, -0.157534]),
            ],
            coefficients: [
                .init("(Intercept)", 1.4289185188723135, nil, nil, nil, nil, nil),
                .init("x1", 0.2838462750344477, nil, nil, nil, nil, nil),
                .init("x2", 3.7962710959975894, nil, nil, nil, nil, nil),
                .init("x3", 0.7816453285334275, nil, nil, nil, nil, nil),
            ],
            rSquared: 1, adjustedRSquared: nil,
            f: nil, fDF: nil, fP: nil,
            sigma: nil, residualDF: 0),
        .init(
            "n < p", intercept: true, confidence: 0.95,
            y: [-0.138986, -0.597313, -2.18397],
            x: [
                ("x1", [-0.840855, 1.38436, -1.25549]),
                ("x2", [-0.602908, -0.472166, -0.635371]),
                ("x3", [1.22763, -0.801779, -1.08039]),
            ],
            coefficients: [
                .init("(Intercept)", 145.24337117371005, nil, nil, nil, nil, nil),
                .init("x1", -15.656782758127246, nil, nil, nil, nil, nil),
                .init("x2", 262.9712016423652, nil, nil, nil, nil, nil),
                .init("x3", nil, nil, nil, nil, nil, nil),
            ],
            rSquared: 1, adjustedRSquared: nil,
            f: nil, fDF: nil, fP: nil,
            sigma: nil, residualDF: 0),
        .init(
            "n = 3", intercept: true, confidence: 0.95,
            y: [1.5, 2.25, 4.5],
            x: [
                ("x", [1, 2, 4])
            ],
            coefficients: [
                .init(
                    "(Intercept)", 0.3749999999999995, 0.2454951265154911, 1.5275252316519468, 0.36901011956554525,
                    -2.7443113392389398, 3.494311339238939),
                .init(
                    "x", 1.017857142857143, 0.09278843611976113, 10.96965511460291, 0.05787465669838999,
                    -0.16113172363000894, 2.196846009344295),
            ],
            rSquared: 0.9917582417582418, adjustedRSquared: 0.9835164835164836,
            f: 120.33333333333378, fDF: (1, 1), fP: 0.05787465669838999,
            sigma: 0.2004459314343179, residualDF: 1),
        .init(
            "no intercept", intercept: false, confidence: 0.95,
            y: [6.03715, 7.6205, 3.91102, 4.12332, 6.99406, 8.48942, 8.37172],
            x: [
                ("x", [3.42507, 4.75057, 2.05741, 2.52038, 4.22993, 4.9123, 4.83173])
            ],
            coefficients: [
                .init(
                    "x", 1.6966008441722717, 0.02835766978710903, 59.82864096060252, 1.4653439254913631e-09,
                    1.627212125899339, 1.7659895624452044)
            ],
            rSquared: 0.9983265774845467, adjustedRSquared: 0.9980476737319711,
            f: 3579.466279192685, fDF: (1, 6), fP: 1.4653439254913683e-09,
            sigma: 0.29775942850246623, residualDF: 6),
        .init(
            "no intercept, two predictors", intercept: false, confidence: 0.95,
            y: [1.88164, -1.93889, -1.84466, -1.32073, -1.46533, -0.593051, 0.473771, 0.0455524, -1.51236, 2.46422],
            x: [
                (
                    "x1",
                    [
                        2.28725, -1.19677, -0.694293, -0.412293, -0.970673, -0.94728, 0.748139, -0.116955, 0.152658,
                        2.18998,
                    ]
                ),
                (
                    "x2",
                    [
                        0.639449, 0.295223, 0.996704, 0.906021, 0.988739, 0.0656457, 0.627039, 0.490475, 0.971024,
                        0.362221,
                    ]
                ),
            ],
            coefficients: [
                .init(
                    "x1", 1.1198127804692426, 0.1272891691228849, 8.797392489758307, 2.1901143572035126e-05,
                    0.8262834301051676, 1.4133421308333176),
                .init(
                    "x2", -0.9137094118031979, 0.21712247923208816, -4.2082672187365215, 0.002962870827135975,
                    -1.4143947467581737, -0.41302407684822195),
            ],
            rSquared: 0.9200205917558314, adjustedRSquared: 0.9000257396947893,
            f: 46.012873160906956, fDF: (2, 8), fP: 4.0917844363647125e-05,
            sigma: 0.4850355982778736, residualDF: 8),
        .init(
            "response offset 1e9", intercept: true, confidence: 0.95,
            y: [
                1000000005.48768, 1000000002.32359, 1000000008.50755, 1000000004.81139, 1000000003.26494,
                1000000007.86733, 1000000003.78253, 1000000011.6086, 1000000007.93527, 1000000007.80317,
            ],
            x: [
                ("x", [1.39889, 0.62347, 2.39897, 1.95561, 0.964528, 2.15678, 0.87262, 2.79681, 2.30744, 1.93347])
            ],
            coefficients: [
                .init(
                    "(Intercept)", 999999999.921628, 0.8926834997432068, 1120217860.2038598, 4.5164591044222914e-70,
                    999999997.8630961, 1000000001.9801598),
                .init(
                    "x", 3.68644317931949, 0.4761179289304509, 7.742710272643374, 5.5210833085988786e-05,
                    2.5885132663610273, 4.784373092277953),
            ],
            rSquared: 0.8822656140609447, adjustedRSquared: 0.8675488158185628,
            f: 59.949562366097254, fDF: (1, 8), fP: 5.5210833085988786e-05,
            sigma: 1.0482591957369003, residualDF: 8),
        .init(
            "predictor offset 1e9", intercept: true, confidence: 0.95,
            y: [1.21039, -0.734737, 2.50491, 1.62354, 6.59049, -2.58695, 7.69049, 0.309533, 2.89555, 0.840761],
            x: [
                (
                    "x",
                    [
                        999999998.46641, 999999998.36708, 999999999.71693, 999999999.44479, 1000000000.872614,
                        999999997.62625, 1000000002.38397, 999999999.9636194, 999999999.503831, 999999999.274126,
                    ]
                )
            ],
            coefficients: [
                .init(
                    "(Intercept)", -2130235809.0795581, 325219571.26425, -6.5501464158461795, 0.00017844702164195516,
                    -2880193485.2642446, -1380278132.8948717),
                .init(
                    "x", 2.13023581204708, 0.32521957140670854, 6.550146422101638, 0.0001784470204720047,
                    1.3802781355338838, 2.8801934885602765),
            ],
            rSquared: 0.8428427179685302, adjustedRSquared: 0.8231980577145964,
            f: 42.904418150970855, fDF: (1, 8), fP: 0.00017844702047200518,
            sigma: 1.3146997749921683, residualDF: 8),
        .init(
            "perfect fit", intercept: true, confidence: 0.95,
            y: [5, 8, 11, 17, 23, 29],
            x: [
                ("x", [1, 2, 3, 5, 7, 9])
            ],
            coefficients: [
                .init(
                    "(Intercept)", 1.9999999999999978, 8.420095538512361e-16, 2375269960836278.5,
                    1.8849478735570937e-61, 1.9999999999999953, 2),
                .init(
                    "x", 3.0000000000000004, 1.5865336657569558e-16, 18_909_148_067_580_788, 4.69313881429829e-65, 3,
                    3.000000000000001),
            ],
            rSquared: 1, adjustedRSquared: 1,
            f: 3.5755588064169435e+32, fDF: (1, 4), fP: 4.693138814298158e-65,
            sigma: 1.0934428697813143e-15, residualDF: 4),
        .init(
            "weak fit", intercept: true, confidence: 0.95,
            y: [
                0.0893473, -0.954944, -0.19515, 0.925521, 0.482979, -0.596311, -2.18529, -0.674866, -2.11906, -1.2652,
                -0.373662, -0.687555, -0.872159, -0.101761, -0.253781,
            ],
            x: [
                (
                    "x",
                    [
                        0.0187462, -0.184253, -1.37133, -0.599168, 0.294545, 0.389794, -1.20808, -0.363676, -1.62667,
                        -0.256478, 1.10178, 0.755782, -0.238234, 0.987445, 0.74139,
                    ]
                )
            ],
            coefficients: [
                .init(
                    "(Intercept)", -0.5384631924543718, 0.2039401242561944, -2.640300403945727, 0.020384344931907005,
                    -0.9790490446925812, -0.09787734021616229),
                .init(
                    "x", 0.4523490356846635, 0.2475238900332439, 1.8274964716493038, 0.09066167433440792,
                    -0.0823938180688994, 0.9870918894382263),
            ],
            rSquared: 0.2043938684688967, adjustedRSquared: 0.14319339681265808,
            f: 3.339743353890656, fDF: (1, 13), fP: 0.09066167433440783,
            sigma: 0.7835520241454467, residualDF: 13),
        .init(
            "quadratic", intercept: true, confidence: 0.95,
            y: [
                2.06682, 5.11722, 0.590741, 4.59092, 3.91627, 2.00431, 3.48842, 1.65033, 1.25492, 3.344, 2.71203,
                0.994561,
            ],
            x: [
                (
                    "x",
                    [
                        -0.613751, -1.99741, 0.553042, -1.92976, -1.67655, 2.77425, -1.56752, -0.550125, 2.4035,
                        -1.38392, -1.12444, 0.203751,
                    ]
                ),
                (
                    "x^2",
                    [
                        0.37669029000100007, 3.9896467080999996, 0.30585545376400003, 3.7239736575999998, 2.8108199025,
                        7.6964630624999995, 2.4571189504, 0.30263751562499996, 5.776812250000001, 1.9152345664000001,
                        1.2643653136000002, 0.041514470000999996,
                    ]
                ),
            ],
            coefficients: [
                .init(
                    "(Intercept)", 1.0650625541442855, 0.0827633727394556, 12.868766930235802, 4.2362459386606415e-07,
                    0.8778387976843884, 1.2522863106041826),
                .init(
                    "x", -0.9774128928559328, 0.03486565173803367, -28.033690584642322, 4.5448131018796884e-10,
                    -1.0562844766707533, -0.8985413090411123),
                .init(
                    "x^2", 0.46155298118342736, 0.0234050279800636, 19.720249066849146, 1.0280264140363001e-08,
                    0.40860712949283406, 0.5144988328740207),
            ],
            rSquared: 0.9894449462157618, adjustedRSquared: 0.9870993787081533,
            f: 421.836055882524, fDF: (2, 9), fP: 1.2751815716347336e-09,
            sigma: 0.1654097698262786, residualDF: 9),
        .init(
            "90% intervals", intercept: true, confidence: 0.9,
            y: [
                -1.06352, 2.45599, -0.0431621, -0.882439, -1.19417, 0.619441, 1.54105, -2.75852, 0.937802, 1.52382,
                -1.30739, -1.05483, -1.16329, 0.0314652, -0.360815, -1.26384, -0.0282488, -0.174865, 0.99872, -0.439853,
            ],
            x: [
                (
                    "x1",
                    [
                        -1.48057, 1.57717, -0.956744, -0.920005, -1.99764, -0.272296, -0.315349, -0.628255, -0.106464,
                        0.428015, -0.77772, -1.29388, -0.779567, 0.0119518, -0.152416, -0.703464, 1.18888, 0.340512,
                        0.506968, -0.293305,
                    ]
                ),
                (
                    "x2",
                    [
                        0.223641, 2.0072, 1.01198, -0.302459, -1.02524, -0.267385, -0.199106, 0.131123, 0.1458,
                        0.362065, 0.673981, 2.07204, -0.541029, -1.07049, -0.372457, -0.485141, 0.274784, -0.479513,
                        0.798105, -1.00445,
                    ]
                ),
                (
                    "x3",
                    [
                        0.104984, -1.15599, 0.578135, -1.59563, -0.308504, 0.449466, -0.977053, 0.189998, 0.731453,
                        -0.492599, -0.0426849, -0.112671, 0.456827, 2.02033, -1.05089, 0.734652, 0.53925, -1.31427,
                        -0.250039, 0.314205,
                    ]
                ),
            ],
            coefficients: [
                .init(
                    "(Intercept)", 0.09868972379884836, 0.23826915912736082, 0.4141942841460914, 0.68423130244931,
                    -0.31730051168167905, 0.5146799592793757),
                .init(
                    "x1", 0.9182821579145137, 0.26519003876483216, 3.462732469860367, 0.0032062089143288027,
                    0.4552911981239274, 1.3812731177051),
                .init(
                    "x2", 0.1496788703453048, 0.2646477523675391, 0.5655777122846404, 0.5795266218015934,
                    -0.312365320476381, 0.6117230611669905),
                .init(
                    "x3", -0.16089793783731252, 0.2629361795698978, -0.6119277236799591, 0.5491832218735109,
                    -0.6199539216508378, 0.29815804597621265),
            ],
            rSquared: 0.4872377971322817, adjustedRSquared: 0.3910948840945845,
            f: 5.067849326983032, fDF: (3, 16), fP: 0.011757341527535414,
            sigma: 0.9707913897669425, residualDF: 16),
        .init(
            "intercept only", intercept: true, confidence: 0.95,
            y: [10.5543, 9.71973, 11.7752, 10.1873, 11.1425, 10.4155],
            x: [],
            coefficients: [
                .init(
                    "(Intercept)", 10.632421666666671, 0.29723277107811935, 35.771364066286736, 3.213636678230216e-07,
                    9.86836050437741, 11.396482828955932)
            ],
            rSquared: 0, adjustedRSquared: 0,
            f: nil, fDF: nil, fP: nil,
            sigma: 0.7280686239748738, residualDF: 5),
    ]

    @Test(arguments: rCases)
    func agrees_with_summary_lm_of_r(_ expected: RCase) {
        let fit = Regression.fit(
            response: expected.y, predictors: expected.x, intercept: expected.intercept,
            confidence: expected.confidence)
        let perfect = expected.name == "perfect fit"
        #expect(fit.coefficients.map(\.term) == expected.coefficients.map(\.term))
        for (ours, theirs) in zip(fit.coefficients, expected.coefficients) {
            let label = "\(expected.name) \(theirs.term)"
            close(ours.estimate, theirs.estimate, Self.tolerance, label + " estimate")
            if perfect {
                // R divides by a standard error of ~1e-16 made of rounding
                // noise; cq's residuals are exactly 0 (see `perfectFitIsExact`).
                #expect(ours.standardError == 0 && ours.t == nil && ours.p == 0, "\(label)")
                #expect(ours.ciLow == ours.estimate && ours.ciHigh == ours.estimate, "\(label)")
                continue
            }
            close(ours.standardError, theirs.standardError, Self.tolerance, label + " se")
            close(ours.t, theirs.t, Self.tolerance, label + " t")
            close(ours.p, theirs.p, Self.pTolerance, label + " p")
            close(ours.ciLow, theirs.ciLow, Self.tolerance, label + " ci low")
            close(ours.ciHigh, theirs.ciHigh, Self.tolerance, label + " ci high")
        }
        close(fit.rSquared, expected.rSquared, Self.tolerance, "\(expected.name) R²")
        close(fit.adjustedRSquared, expected.adjustedRSquared, Self.tolerance, "\(expected.name) adjusted R²")
        #expect(fit.residualDegreesOfFreedom == expected.residualDF, "\(expected.name)")
        if perfect {
            #expect(fit.residualStandardError == 0 && fit.f == nil && fit.fP == 0, "\(expected.name)")
            #expect(fit.undefined == [.perfectFit], "\(expected.name)")
            return
        }
        close(fit.residualStandardError, expected.sigma, Self.tolerance, "\(expected.name) σ")
        close(fit.f, expected.f, Self.tolerance, "\(expected.name) F")
        close(fit.fP, expected.fP, Self.pTolerance, "\(expected.name) F p")
        #expect(fit.fNumeratorDegreesOfFreedom == expected.fDF?.0, "\(expected.name)")
        #expect(fit.fDenominatorDegreesOfFreedom == expected.fDF?.1, "\(expected.name)")
    }

    private func close(_ actual: Double?, _ expected: Double?, _ tolerance: Double, _ label: String) {
        guard let expected else {
            #expect(actual == nil, "\(label): expected missing, got \(String(describing: actual))")
            return
        }
        guard let actual else {
            Issue.record("\(label): missing, expected \(expected)")
            return
        }
        #expect(relativeError(actual, expected) <= tolerance, "\(label): \(actual) vs R \(expected)")
    }

    struct RCase: Sendable, CustomTestStringConvertible {
        struct Row: Sendable {
            var term: String
            var estimate, standardError, t, p, ciLow, ciHigh: Double?
            init(
                _ term: String, _ estimate: Double?, _ standardError: Double?, _ t: Double?, _ p: Double?,
                _ ciLow: Double?, _ ciHigh: Double?
            ) {
                self.term = term
                self.estimate = estimate
                self.standardError = standardError
                self.t = t
                self.p = p
                self.ciLow = ciLow
                self.ciHigh = ciHigh
            }
        }
        var name: String
        var intercept: Bool
        var confidence: Double
        var y: [Double]
        var x: [(name: String, values: [Double])]
        var coefficients: [Row]
        var rSquared, adjustedRSquared, f: Double?
        var fDF: (Int, Int)?
        var fP, sigma: Double?
        var residualDF: Int

        init(
            _ name: String, intercept: Bool, confidence: Double, y: [Double],
            x: [(String, [Double])], coefficients: [Row], rSquared: Double?, adjustedRSquared: Double?,
            f: Double?, fDF: (Int, Int)?, fP: Double?, sigma: Double?, residualDF: Int
        ) {
            self.name = name
            self.intercept = intercept
            self.confidence = confidence
            self.y = y
            self.x = x.map { (name: $0.0, values: $0.1) }
            self.coefficients = coefficients
            self.rSquared = rSquared
            self.adjustedRSquared = adjustedRSquared
            self.f = f
            self.fDF = fDF
            self.fP = fP
            self.sigma = sigma
            self.residualDF = residualDF
        }

        var testDescription: String { name }
    }

    // MARK: - Student t quantile

    static let quantileCases: [QuantileCase] = [
        .init(p: 1e-300, df: 1, t: -3.183098861837907e+299),
        .init(p: 1e-100, df: 1, t: -3.183098861837907e+99),
        .init(p: 1e-20, df: 1, t: -3.183098861837907e+19),
        .init(p: 1e-08, df: 1, t: -31830988.618379056),
        .init(p: 0.001, df: 1, t: -318.30883898555044),
        .init(p: 0.01, df: 1, t: -31.820515953773956),
        .init(p: 0.025, df: 1, t: -12.706204736174707),
        .init(p: 0.05, df: 1, t: -6.313751514675044),
        .init(p: 0.1, df: 1, t: -3.077683537175254),
        .init(p: 0.2, df: 1, t: -1.3763819204711736),
        .init(p: 0.25, df: 1, t: -1),
        .init(p: 0.3, df: 1, t: -0.726542528005361),
        .init(p: 0.45, df: 1, t: -0.15838444032453633),
        .init(p: 0.6, df: 1, t: 0.32491969623290634),
        .init(p: 0.75, df: 1, t: 1),
        .init(p: 0.9, df: 1, t: 3.0776835371752544),
        .init(p: 0.95, df: 1, t: 6.313751514675038),
        .init(p: 0.975, df: 1, t: 12.706204736174694),
        .init(p: 0.99, df: 1, t: 31.820515953773928),
        .init(p: 0.999999, df: 1, t: 318309.88617359026),
        .init(p: 1e-100, df: 1.5, t: -2.422663101134634e+66),
        .init(p: 1e-20, df: 1.5, t: -11245005997832.137),
        .init(p: 1e-08, df: 1.5, t: -112450.05997355733),
        .init(p: 0.001, df: 1.5, t: -52.18443000899266),
        .init(p: 0.01, df: 1.5, t: -11.1973161795684),
        .init(p: 0.025, df: 1.5, t: -6.016663104427932),
        .init(p: 0.05, df: 1.5, t: -3.705180820096751),
        .init(p: 0.1, df: 1.5, t: -2.196398417565537),
        .init(p: 0.2, df: 1.5, t: -1.1533643782954701),
        .init(p: 0.25, df: 1.5, t: -0.872594662541571),
        .init(p: 0.3, df: 1.5, t: -0.6517954826023573),
        .init(p: 0.45, df: 1.5, t: -0.14762664346094753),
        .init(p: 0.4999, df: 1.5, t: -0.0002934832285618364),
        .init(p: 0.6, df: 1.5, t: 0.30074539256979543),
        .init(p: 0.75, df: 1.5, t: 0.872594662541571),
        .init(p: 0.9, df: 1.5, t: 2.1963984175655376),
        .init(p: 0.95, df: 1.5, t: 3.7051808200967495),
        .init(p: 0.975, df: 1.5, t: 6.016663104427929),
        .init(p: 0.99, df: 1.5, t: 11.197316179568393),
        .init(p: 0.999999, df: 1.5, t: 5219.469324606887),
        .init(p: 1e-300, df: 2, t: -7.071067811865475e+149),
        .init(p: 1e-100, df: 2, t: -7.071067811865475e+49),
        .init(p: 1e-20, df: 2, t: -7071067811.865476),
        .init(p: 1e-08, df: 2, t: -7071.067705799458),
        .init(p: 0.001, df: 2, t: -22.327124770119873),
        .init(p: 0.01, df: 2, t: -6.964556734283273),
        .init(p: 0.025, df: 2, t: -4.302652729749464),
        .init(p: 0.05, df: 2, t: -2.919985580353726),
        .init(p: 0.1, df: 2, t: -1.8856180831641265),
        .init(p: 0.2, df: 2, t: -1.060660171779821),
        .init(p: 0.25, df: 2, t: -0.8164965809277259),
        .init(p: 0.3, df: 2, t: -0.6172133998483676),
        .init(p: 0.45, df: 2, t: -0.1421338109037392),
        .init(p: 0.4999, df: 2, t: -0.0002828427181314423),
        .init(p: 0.500001, df: 2, t: 2.8284271248331806e-06),
        .init(p: 0.6, df: 2, t: 0.28867513459481314),
        .init(p: 0.75, df: 2, t: 0.8164965809277259),
        .init(p: 0.9, df: 2, t: 1.885618083164127),
        .init(p: 0.95, df: 2, t: 2.919985580353724),
        .init(p: 0.975, df: 2, t: 4.302652729749462),
        .init(p: 0.99, df: 2, t: 6.964556734283271),
        .init(p: 0.999999, df: 2, t: 707.1057205157671),
        .init(p: 1e-100, df: 3, t: -2.2257698238224483e+33),
        .init(p: 1e-20, df: 3, t: -4795275.720468976),
        .init(p: 1e-08, df: 3, t: -479.52506957973867),
        .init(p: 0.001, df: 3, t: -10.214531852407385),
        .init(p: 0.01, df: 3, t: -4.5407028585681335),
        .init(p: 0.025, df: 3, t: -3.182446305283709),
        .init(p: 0.05, df: 3, t: -2.3533634348018255),
        .init(p: 0.1, df: 3, t: -1.6377443536962089),
        .init(p: 0.2, df: 3, t: -0.9784723123633045),
        .init(p: 0.25, df: 3, t: -0.7648923284043452),
        .init(p: 0.3, df: 3, t: -0.5843897274398187),
        .init(p: 0.45, df: 3, t: -0.13659819935369893),
        .init(p: 0.6, df: 3, t: 0.27667066233268983),
        .init(p: 0.75, df: 3, t: 0.7648923284043452),
        .init(p: 0.9, df: 3, t: 1.637744353696209),
        .init(p: 0.95, df: 3, t: 2.3533634348018246),
        .init(p: 0.975, df: 3, t: 3.1824463052837078),
        .init(p: 0.99, df: 3, t: 4.540702858568132),
        .init(p: 0.999999, df: 3, t: 103.29946777942895),
        .init(p: 1e-100, df: 4.5, t: -2.4112532495592103e+22),
        .init(p: 1e-20, df: 4.5, t: -40222.12836181789),
        .init(p: 1e-08, df: 4.5, t: -86.63397656799833),
        .init(p: 0.001, df: 4.5, t: -6.421242884295792),
        .init(p: 0.01, df: 4.5, t: -3.527050890626095),
        .init(p: 0.025, df: 4.5, t: -2.6589123472044034),
        .init(p: 0.05, df: 4.5, t: -2.0655758888785245),
        .init(p: 0.1, df: 4.5, t: -1.5008853175085566),
        .init(p: 0.2, df: 4.5, t: -0.928965568576009),
        .init(p: 0.25, df: 4.5, t: -0.7328666862359947),
        .init(p: 0.3, df: 4.5, t: -0.5635058039393779),
        .init(p: 0.45, df: 4.5, t: -0.13291007210202008),
        .init(p: 0.6, df: 4.5, t: 0.2687518355421753),
        .init(p: 0.75, df: 4.5, t: 0.7328666862359947),
        .init(p: 0.9, df: 4.5, t: 1.5008853175085568),
        .init(p: 0.95, df: 4.5, t: 2.0655758888785236),
        .init(p: 0.975, df: 4.5, t: 2.6589123472044025),
        .init(p: 0.99, df: 4.5, t: 3.5270508906260947),
        .init(p: 0.999999, df: 4.5, t: 31.08135658294985),
        .init(p: 1e-100, df: 7, t: -387862584049540.06),
        .init(p: 1e-20, df: 7, t: -1445.791980811437),
        .init(p: 1e-08, df: 7, t: -27.802283188119898),
        .init(p: 0.001, df: 7, t: -4.785289628638334),
        .init(p: 0.01, df: 7, t: -2.9979515668685277),
        .init(p: 0.025, df: 7, t: -2.3646242515927844),
        .init(p: 0.05, df: 7, t: -1.8945786050900069),
        .init(p: 0.1, df: 7, t: -1.4149239276505083),
        .init(p: 0.2, df: 7, t: -0.896029644313765),
        .init(p: 0.25, df: 7, t: -0.7111417780817866),
        .init(p: 0.3, df: 7, t: -0.5491096579472851),
        .init(p: 0.45, df: 7, t: -0.13029279659177737),
        .init(p: 0.6, df: 7, t: 0.2631668613520228),
        .init(p: 0.75, df: 7, t: 0.7111417780817866),
        .init(p: 0.9, df: 7, t: 1.4149239276505086),
        .init(p: 0.95, df: 7, t: 1.8945786050900062),
        .init(p: 0.975, df: 7, t: 2.3646242515927844),
        .init(p: 0.99, df: 7, t: 2.9979515668685273),
        .init(p: 0.999999, df: 7, t: 14.241469651921152),
        .init(p: 1e-100, df: 10, t: -25645257189.48202),
        .init(p: 1e-20, df: 10, t: -256.4346993185262),
        .init(p: 1e-08, df: 10, t: -15.895687652513544),
        .init(p: 0.001, df: 10, t: -4.143700494046589),
        .init(p: 0.01, df: 10, t: -2.763769458112696),
        .init(p: 0.025, df: 10, t: -2.2281388519862744),
        .init(p: 0.05, df: 10, t: -1.8124611228116763),
        .init(p: 0.1, df: 10, t: -1.3721836411103354),
        .init(p: 0.2, df: 10, t: -0.8790578285505888),
        .init(p: 0.25, df: 10, t: -0.6998120613124317),
        .init(p: 0.3, df: 10, t: -0.5415280387550159),
        .init(p: 0.45, df: 10, t: -0.12889018929327373),
        .init(p: 0.6, df: 10, t: 0.26018482949208016),
        .init(p: 0.75, df: 10, t: 0.6998120613124317),
        .init(p: 0.9, df: 10, t: 1.3721836411103356),
        .init(p: 0.95, df: 10, t: 1.8124611228116756),
        .init(p: 0.975, df: 10, t: 2.228138851986274),
        .init(p: 0.99, df: 10, t: 2.7637694581126957),
        .init(p: 0.999999, df: 10, t: 9.751995490909856),
        .init(p: 1e-300, df: 30, t: -50178575360.50523),
        .init(p: 1e-100, df: 30, t: -10810.645001144016),
        .init(p: 1e-20, df: 30, t: -22.65887837194018),
        .init(p: 1e-08, df: 30, t: -7.556534651885402),
        .init(p: 0.001, df: 30, t: -3.3851848668293054),
        .init(p: 0.01, df: 30, t: -2.457261542400592),
        .init(p: 0.025, df: 30, t: -2.042272456301238),
        .init(p: 0.05, df: 30, t: -1.697260886593958),
        .init(p: 0.1, df: 30, t: -1.3104150253913953),
        .init(p: 0.2, df: 30, t: -0.8537672614712977),
        .init(p: 0.25, df: 30, t: -0.6827556933212923),
        .init(p: 0.3, df: 30, t: -0.5300190039065046),
        .init(p: 0.45, df: 30, t: -0.1267296131320735),
        .init(p: 0.6, df: 30, t: 0.2556053649519128),
        .init(p: 0.75, df: 30, t: 0.6827556933212923),
        .init(p: 0.9, df: 30, t: 1.3104150253913955),
        .init(p: 0.95, df: 30, t: 1.697260886593957),
        .init(p: 0.975, df: 30, t: 2.0422724563012378),
        .init(p: 0.99, df: 30, t: 2.4572615424005915),
        .init(p: 0.999999, df: 30, t: 5.871117120408624),
        .init(p: 1e-300, df: 100, t: -9682.734287069565),
        .init(p: 1e-100, df: 100, t: -96.31474307783091),
        .init(p: 1e-20, df: 100, t: -11.694684673177001),
        .init(p: 1e-08, df: 100, t: -6.101573472029796),
        .init(p: 0.001, df: 100, t: -3.1737394937387826),
        .init(p: 0.01, df: 100, t: -2.3642173662384818),
        .init(p: 0.025, df: 100, t: -1.983971518523552),
        .init(p: 0.05, df: 100, t: -1.6602343260853236),
        .init(p: 0.1, df: 100, t: -1.2900747613465124),
        .init(p: 0.2, df: 100, t: -0.8452304244910155),
        .init(p: 0.25, df: 100, t: -0.6769510430114709),
        .init(p: 0.3, df: 100, t: -0.5260762706003459),
        .init(p: 0.45, df: 100, t: -0.12598088204153957),
        .init(p: 0.4999, df: 100, t: -0.000251290260708213),
        .init(p: 0.500001, df: 100, t: 2.5129025804459113e-06),
        .init(p: 0.6, df: 100, t: 0.25402218245822766),
        .init(p: 0.75, df: 100, t: 0.6769510430114709),
        .init(p: 0.9, df: 100, t: 1.2900747613465124),
        .init(p: 0.95, df: 100, t: 1.6602343260853394),
        .init(p: 0.975, df: 100, t: 1.9839715185235516),
        .init(p: 0.99, df: 100, t: 2.3642173662384813),
        .init(p: 0.999999, df: 100, t: 5.048830877221448),
        .init(p: 1e-300, df: 1000, t: -54.29138855305174),
        .init(p: 1e-100, df: 1000, t: -23.930617087826445),
        .init(p: 1e-20, df: 1000, t: -9.467044815255925),
        .init(p: 1e-08, df: 1000, t: -5.657912337679104),
        .init(p: 0.001, df: 1000, t: -3.098402163912922),
        .init(p: 0.01, df: 1000, t: -2.330082674755513),
        .init(p: 0.025, df: 1000, t: -1.9623390808264078),
        .init(p: 0.05, df: 1000, t: -1.6463788172854645),
        .init(p: 0.1, df: 1000, t: -1.2823987214609247),
        .init(p: 0.2, df: 1000, t: -0.8419808221624285),
        .init(p: 0.25, df: 1000, t: -0.6747351646070093),
        .init(p: 0.3, df: 1000, t: -0.5245677073092267),
        .init(p: 0.45, df: 1000, t: -0.12569326251871632),
        .init(p: 0.4999, df: 1000, t: -0.0002507255036228889),
        .init(p: 0.500001, df: 1000, t: 2.5072550100085785e-06),
        .init(p: 0.6, df: 1000, t: 0.25341451583949876),
        .init(p: 0.75, df: 1000, t: 0.6747351646070093),
        .init(p: 0.9, df: 1000, t: 1.2823987214609247),
        .init(p: 0.95, df: 1000, t: 1.6463788172854634),
        .init(p: 0.975, df: 1000, t: 1.9623390808264076),
        .init(p: 0.99, df: 1000, t: 2.330082674755513),
        .init(p: 0.999999, df: 1000, t: 4.78160862045244),
        .init(p: 1e-300, df: 10000, t: -38.35638432100424),
        .init(p: 1e-100, df: 10000, t: -21.516974193914965),
        .init(p: 1e-20, df: 10000, t: -9.282474153254302),
        .init(p: 1e-08, df: 10000, t: -5.616563428916868),
        .init(p: 0.001, df: 10000, t: -3.0910475160306117),
        .init(p: 0.01, df: 10000, t: -2.326720838669475),
        .init(p: 0.025, df: 10000, t: -1.960201239890626),
        .init(p: 0.05, df: 10000, t: -1.645006018069243),
        .init(p: 0.1, df: 10000, t: -1.2816362297304777),
        .init(p: 0.2, df: 10000, t: -0.8416571791416526),
        .init(p: 0.25, df: 10000, t: -0.6745142844835924),
        .init(p: 0.3, df: 10000, t: -0.5244172283454667),
        .init(p: 0.45, df: 10000, t: -0.12566453803858169),
        .init(p: 0.4999, df: 10000, t: -0.0002506690967374758),
        .init(p: 0.500001, df: 10000, t: 2.5066909411957973e-06),
        .init(p: 0.6, df: 10000, t: 0.2533538434457268),
        .init(p: 0.75, df: 10000, t: 0.6745142844835924),
        .init(p: 0.9, df: 10000, t: 1.2816362297304777),
        .init(p: 0.95, df: 10000, t: 1.6450060180692418),
        .init(p: 0.975, df: 10000, t: 1.9602012398906257),
        .init(p: 0.99, df: 10000, t: 2.326720838669475),
        .init(p: 0.999999, df: 10000, t: 4.756229685050959),
        .init(p: 1e-300, df: 1_000_000, t: -37.059820872774395),
        .init(p: 1e-100, df: 1_000_000, t: -21.27586598549061),
        .init(p: 1e-20, df: 1_000_000, t: -9.262541065291655),
        .init(p: 1e-08, df: 1_000_000, t: -5.612046834369282),
        .init(p: 0.001, df: 1_000_000, t: -3.0902404563165193),
        .init(p: 0.01, df: 1_000_000, t: -2.3263516031208047),
        .init(p: 0.025, df: 1_000_000, t: -1.9599663568141066),
        .init(p: 0.05, df: 1_000_000, t: -1.6448551507220404),
        .init(p: 0.1, df: 1_000_000, t: -1.2815524121299389),
        .init(p: 0.2, df: 1_000_000, t: -0.8416215930139839),
        .init(p: 0.25, df: 1_000_000, t: -0.6744899955310873),
        .init(p: 0.3, df: 1_000_000, t: -0.5244006798602087),
        .init(p: 0.45, df: 1_000_000, t: -0.12566137876648747),
        .init(p: 0.4999, df: 1_000_000, t: -0.0002506628927537268),
        .init(p: 0.500001, df: 1_000_000, t: 2.506628901362853e-06),
        .init(p: 0.6, df: 1_000_000, t: 0.25334717053784167),
        .init(p: 0.75, df: 1_000_000, t: 0.6744899955310873),
        .init(p: 0.9, df: 1_000_000, t: 1.2815524121299389),
        .init(p: 0.95, df: 1_000_000, t: 1.644855150722039),
        .init(p: 0.975, df: 1_000_000, t: 1.9599663568141066),
        .init(p: 0.99, df: 1_000_000, t: 2.3263516031208047),
        .init(p: 0.999999, df: 1_000_000, t: 4.75345234827387),
        .init(p: 1e-300, df: 1_000_000_000, t: -37.04710902029432),
        .init(p: 1e-100, df: 1_000_000_000, t: -21.27345597316152),
        .init(p: 1e-20, df: 1_000_000_000, t: -9.262340290770219),
        .init(p: 1e-08, df: 1_000_000_000, t: -5.612001289764665),
        .init(p: 0.001, df: 1_000_000_000, t: -3.090232314317942),
        .init(p: 0.01, df: 1_000_000_000, t: -2.326347877769915),
        .init(p: 0.025, df: 1_000_000_000, t: -1.959963986912325),
        .init(p: 0.05, df: 1_000_000_000, t: -1.6448536284752417),
        .init(p: 0.1, df: 1_000_000_000, t: -1.2815515663911856),
        .init(p: 0.2, df: 1_000_000_000, t: -0.8416212339323551),
        .init(p: 0.25, df: 1_000_000_000, t: -0.6744897504414166),
        .init(p: 0.3, df: 1_000_000_000, t: -0.5244005128751927),
        .init(p: 0.45, df: 1_000_000_000, t: -0.1256613468869854),
        .init(p: 0.4999, df: 1_000_000_000, t: -0.0002506628301506732),
        .init(p: 0.500001, df: 1_000_000_000, t: 2.5066282753323626e-06),
        .init(p: 0.6, df: 1_000_000_000, t: 0.2533471032032018),
        .init(p: 0.75, df: 1_000_000_000, t: 0.6744897504414166),
        .init(p: 0.9, df: 1_000_000_000, t: 1.2815515663911856),
        .init(p: 0.95, df: 1_000_000_000, t: 1.6448536284752406),
        .init(p: 0.975, df: 1_000_000_000, t: 1.9599639869123249),
        .init(p: 0.99, df: 1_000_000_000, t: 2.326347877769915),
        .init(p: 0.999999, df: 1_000_000_000, t: 4.753424336856401),
    ]

    static let quantileCasesWhereRIsOff: [QuantileCase] = [
        .init(p: 0.4999, df: 1, t: -0.0003141592756943707),  // R -0.0003141592756945358, off by 5.3e-13
        .init(p: 0.500001, df: 1, t: 3.1415926536904674e-06),  // R 3.1415926536487307e-06, off by 1.3e-11
        .init(p: 1e-300, df: 1.5, t: -5.219469427344636e+199),  // R -5.271851249109608e+199, off by 0.01
        .init(p: 0.500001, df: 1.5, t: 2.9348322154920773e-06),  // R 2.934832215491192e-06, off by 3.0e-13
        .init(p: 1e-300, df: 3, t: -1.033110836044653e+100),  // R -1.0331108439132092e+100, off by 7.6e-9
        .init(p: 0.4999, df: 3, t: -0.00027206990911047337),  // R -0.0002720699091105723, off by 3.6e-13
        .init(p: 0.500001, df: 3, t: 2.7206990464340377e-06),  // R 2.720699046459061e-06, off by 9.2e-12
        .init(p: 1e-300, df: 4.5, t: -6.7094554006634836e+66),  // R -6.70945541713909e+66, off by 2.5e-9
        .init(p: 0.4999, df: 4.5, t: -0.0002648678148282035),  // R -0.00026486781482810837, off by 3.6e-13
        .init(p: 0.500001, df: 4.5, t: 2.648678110510481e-06),  // R 2.6486781104993443e-06, off by 4.2e-12
        .init(p: 1e-300, df: 7, t: -1.4457941326481904e+43),  // R -1.4457941326765118e+43, off by 2.0e-11
        .init(p: 0.4999, df: 7, t: -0.00025974603090254505),  // R -0.0002597460309024743, off by 2.7e-13
        .init(p: 0.500001, df: 7, t: 2.59746027572368e-06),  // R 2.5974602756556083e-06, off by 2.6e-11
        .init(p: 1e-300, df: 10, t: -2.564525718948198e+30),  // R -2.564525718917962e+30, off by 1.2e-11
        .init(p: 0.4999, df: 10, t: -0.00025699780660494995),  // R -0.000256997806604864, off by 3.3e-13
        .init(p: 0.500001, df: 10, t: 2.5699780350075056e-06),  // R 2.569978035025187e-06, off by 6.9e-12
        .init(p: 0.4999, df: 30, t: -0.00025276002539339365),  // R -0.0002527600253933647, off by 1.1e-13
        .init(p: 0.500001, df: 30, t: 2.5276002261988227e-06),  // R 2.527600226198535e-06, off by 1.1e-13
        .init(p: 0.999999999999, df: 0.2, t: 7.509116470700989e+57),  // R 7.510158679786487e+57, off by 0.00014
        .init(p: 0.999999999998, df: 0.14, t: 5.112795913490386e+80),  // R 5.114316654114199e+80, off by 0.0003
        .init(p: 0.9999999999, df: 0.3, t: 6.478783638974156e+31),  // R 6.47880162124206e+31, off by 2.8e-6
        .init(p: 0.999999, df: 0.7, t: 70219760.0295476),  // R 70219760.03233135, off by 4.0e-11
    ]

    @Test func student_t_quantile_agrees_with_r_qt_to_1e_12() {
        for item in Self.quantileCases {
            let t = Distributions.studentTQuantile(item.p, degreesOfFreedom: item.df)
            #expect(relativeError(t, item.t) <= 1e-12, "qt(\(item.p), \(item.df)) = \(item.t), cq \(t)")
        }
    }

    @Test func student_t_quantile_where_r_qt_is_off_agrees_with_mpmath() {
        for item in Self.quantileCasesWhereRIsOff {
            let t = Distributions.studentTQuantile(item.p, degreesOfFreedom: item.df)
            #expect(relativeError(t, item.t) <= 1e-12, "t(\(item.p), \(item.df)) = \(item.t), cq \(t)")
        }
    }

    @Test func student_t_quantile_edges_symmetry_and_round_trip() {
        #expect(Distributions.studentTQuantile(0, degreesOfFreedom: 3) == -.infinity)
        #expect(Distributions.studentTQuantile(1, degreesOfFreedom: 3) == .infinity)
        #expect(Distributions.studentTQuantile(0.5, degreesOfFreedom: 3) == 0)
        #expect(Distributions.studentTQuantile(-0.1, degreesOfFreedom: 3).isNaN)
        #expect(Distributions.studentTQuantile(1.1, degreesOfFreedom: 3).isNaN)
        #expect(Distributions.studentTQuantile(.nan, degreesOfFreedom: 3).isNaN)
        #expect(Distributions.studentTQuantile(0.3, degreesOfFreedom: 0).isNaN)
        #expect(Distributions.studentTQuantile(0.3, degreesOfFreedom: -1).isNaN)
        #expect(
            Distributions.studentTQuantile(0.975, degreesOfFreedom: .infinity)
                == Distributions.normalQuantile(0.975))
        for df in [1.0, 2.5, 12, 300, 1e7] {
            for p in [1e-250, 1e-12, 0.003, 0.2, 0.31, 0.4999999] {
                let lower = Distributions.studentTQuantile(p, degreesOfFreedom: df)
                let upper = Distributions.studentTQuantile(1 - p, degreesOfFreedom: df)
                // 1 − (1 − p) is exact, so the two tails are the same problem.
                #expect(upper == -Distributions.studentTQuantile(1 - (1 - p), degreesOfFreedom: df))
                let back = Distributions.studentTCDF(lower, degreesOfFreedom: df)
                #expect(relativeError(back, p) <= 1e-12, "df \(df), p \(p): \(back)")
            }
        }
    }

    struct QuantileCase: Sendable {
        var p: Double
        var df: Double
        var t: Double
    }

    // MARK: - Behaviour

    @Test func a_collinear_term_is_named_left_out_and_reported_like_r_s_na() throws {
        let x1 = [1.0, 2, 3, 4, 5, 6]
        let x2 = [2.0, 1, 4, 3, 6, 5]
        let sum = zip(x1, x2).map { $0 + 3 * $1 }
        let y = [1.1, 2.3, 2.9, 4.2, 4.8, 6.3]
        let fit = Regression.fit(
            response: y, predictors: [("x1", x1), ("x2", x2), ("x1 + 3 x2", sum)], intercept: true)
        #expect(fit.rank == 3)
        #expect(fit.residualDegreesOfFreedom == 3)
        #expect(fit.undefined == [.collinear(term: "x1 + 3 x2", with: ["x1", "x2"])])
        let aliased = try #require(fit.coefficient("x1 + 3 x2"))
        #expect(aliased.estimate == nil && aliased.standardError == nil && aliased.p == nil)
        #expect(fit.coefficient("x2")?.estimate != nil)
    }

    @Test func a_constant_predictor_is_collinear_with_the_intercept_not_without_one() {
        let x = [0.5, 1.5, 2.0, 3.25, 4.0]
        let k = [2.5, 2.5, 2.5, 2.5, 2.5]
        let y = [1.0, 2.0, 2.5, 4.0, 4.5]
        let with = Regression.fit(response: y, predictors: [("x", x), ("k", k)], intercept: true)
        #expect(with.undefined == [.collinear(term: "k", with: ["(Intercept)"])])
        let without = Regression.fit(response: y, predictors: [("x", x), ("k", k)], intercept: false)
        #expect(without.undefined == [])
        #expect(without.coefficient("k")?.estimate != nil)
    }

    @Test func columns_jointly_too_close_to_dependent_the_last_kept_term_is_reported_collinear() throws {
        // Found by fuzzing. No column is within 10⁻¹¹ of the earlier ones
        // except x3, yet x0, x1, x2, x4 have a condition number near 10¹⁸:
        // the refinement diverges with x4 and converges without it. Expected
        // values: the exact least-squares fit on x0, x1, x2 (mpmath, 400 digits).
        let y = [4.62, 1.51, 0.58, 0.29]
        let xs: [(name: String, values: [Double])] = [
            ("x0", [1.0, -5.281366380020921e+19, 1000000000.2988174, -67.38]),
            ("x1", [76.28, 6.879048218589566e+77, 0.0, -66.66]),
            ("x2", [999999997.7757732, -3.51, 3.3515470100227027e-192, -94.93]),
            ("x3", [-47.06, 5.5824690985062556e+225, 1.0, -71.05]),
            ("x4", [1.0, 36.58, -11.22, -8.202497001406515e-119]),
        ]
        let fit = Regression.fit(response: y, predictors: xs, intercept: false)
        #expect(
            fit.undefined == [
                .collinear(term: "x3", with: ["x1"]), .collinear(term: "x4", with: ["x0", "x1", "x2"]),
            ])
        let expected = [5.7999998028645372e-10, 4.4529305495647914e-68, 4.6199999821661826e-9]
        for (coefficient, value) in zip(fit.coefficients, expected) {
            #expect(relativeError(try #require(coefficient.estimate), value) <= 1e-12, "\(coefficient.term)")
        }
        #expect(relativeError(try #require(fit.rSquared), 0.99650237982776929) <= 1e-12)
    }

    @Test func a_zero_predictor_is_collinear_with_nothing() {
        let fit = Regression.fit(
            response: [1, 2, 4], predictors: [("x", [1, 2, 3]), ("zero", [0, 0, 0])], intercept: false)
        #expect(fit.undefined == [.collinear(term: "zero", with: [])])
    }

    @Test func an_exact_fit_has_zero_residuals_p_0_and_no_t() {
        let x = [1.0, 2, 3, 5, 7, 9]
        let fit = Regression.fit(response: x.map { 2 + 3 * $0 }, predictors: [("x", x)], intercept: true)
        #expect(fit.coefficients.map(\.estimate) == [2, 3])
        #expect(fit.residualStandardError == 0)
        #expect(fit.rSquared == 1 && fit.adjustedRSquared == 1)
        #expect(fit.f == nil && fit.fP == 0)
        #expect(fit.undefined == [.perfectFit])
    }

    @Test func a_constant_response_r_and_f_undefined() {
        let fit = Regression.fit(
            response: [4.5, 4.5, 4.5, 4.5], predictors: [("x", [1, 2, 3, 5])], intercept: true)
        #expect(fit.coefficients.map(\.estimate) == [4.5, 0])
        #expect(fit.rSquared == nil && fit.adjustedRSquared == nil && fit.f == nil && fit.fP == nil)
        #expect(fit.undefined == [.constantResponse])
    }

    /// mtcars' `cyl` where cyl = 4 (R: `lm(cyl ~ mpg, subset = cyl == 4)`):
    /// the solve leaves a slope of rounding noise and an intercept t near
    /// 10³⁰. The fit is exact: slope 0, intercept 4, standard errors 0, and
    /// t, p and the intervals undefined, never made of noise.
    @Test func a_constant_response_has_exact_estimates_and_no_tests() {
        let mpg = [22.8, 24.4, 22.8, 32.4, 30.4, 33.9, 21.5, 27.3, 26, 30.4, 21.4]
        let fit = Regression.fit(
            response: [Double](repeating: 4, count: mpg.count), predictors: [("mpg", mpg)], intercept: true,
            errors: .robust)
        #expect(fit.coefficients.map(\.estimate) == [4, 0])
        #expect(fit.coefficients.map(\.standardError) == [0, 0])
        #expect(fit.coefficients.allSatisfy { $0.t == nil && $0.p == nil && $0.ciLow == nil && $0.ciHigh == nil })
        #expect(fit.residualStandardError == 0 && fit.f == nil && fit.fP == nil)
        #expect(fit.undefined == [.constantResponse])
        let origin = Regression.fit(response: [0, 0, 0], predictors: [("x", [1, 2, 4])], intercept: false)
        #expect(origin.coefficients.map(\.estimate) == [0] && origin.coefficients[0].t == nil)
        #expect(origin.undefined == [.constantResponse])
    }

    /// R's `swiss`: a term that differs from an earlier one by 10⁻⁹ of
    /// another keeps its place (cq's tolerance is 10⁻¹¹), but the fit says
    /// that R's `lm` (10⁻⁷) would drop it and how ill-conditioned the
    /// design is; a well-conditioned fit warns about nothing.
    @Test func a_nearly_collinear_term_is_kept_with_a_warning() {
        let education = [12.0, 9, 5, 7, 15, 7, 7, 8, 7, 13, 6, 12, 7, 12, 5, 2, 8, 28, 20, 9]
        let agriculture = [
            17.0, 45.1, 39.7, 36.5, 43.5, 35.3, 70.2, 67.8, 53.3, 45.2, 64.5, 62, 67.5, 60.7, 69.3, 72.6, 34, 19.4,
            15.2, 73,
        ]
        let fertility = [
            80.2, 83.1, 92.5, 85.8, 76.9, 76.1, 83.8, 92.4, 82.4, 82.9, 87.1, 64.1, 66.9, 68.9, 61.7, 68.3, 71.7, 55.7,
            54.3, 65.1,
        ]
        let shifted = zip(education, agriculture).map { $0 + 1e-9 * $1 }
        let fit = Regression.fit(
            response: fertility, predictors: [("education", education), ("shifted", shifted)], intercept: true)
        #expect(fit.coefficients.allSatisfy { $0.estimate != nil })
        guard case .nearlyCollinear(let term, let remainder, let condition)? = fit.warnings.first else {
            Issue.record("no warning: \(fit.warnings)")
            return
        }
        #expect(term == "shifted" && fit.warnings.count == 1)
        #expect(remainder > Regression.collinearityTolerance && remainder < Regression.nearCollinearityWarning)
        #expect(condition > 1e7)
        let plain = Regression.fit(
            response: fertility, predictors: [("education", education), ("agriculture", agriculture)],
            intercept: true)
        #expect(plain.warnings.isEmpty)
    }

    @Test func too_few_observations_estimates_only_and_the_reason() {
        let fit = Regression.fit(
            response: [1, 3], predictors: [("x", [0, 1]), ("z", [5, 2])], intercept: true)
        #expect(fit.coefficients.map(\.estimate) == [1, 2, nil])
        #expect(fit.coefficients.allSatisfy { $0.standardError == nil && $0.p == nil && $0.ciLow == nil })
        #expect(fit.residualStandardError == nil && fit.adjustedRSquared == nil && fit.f == nil)
        #expect(
            fit.undefined == [
                .collinear(term: "z", with: ["(Intercept)", "x"]), .noResidualDegreesOfFreedom(n: 2, rank: 2),
            ])
        let empty = Regression.fit(response: [], predictors: [("x", [])], intercept: true)
        #expect(empty.coefficients.allSatisfy { $0.estimate == nil })
        #expect(empty.undefined.contains(.noResidualDegreesOfFreedom(n: 0, rank: 0)))
    }

    @Test func non_finite_values_stop_the_fit_and_are_named() {
        let fit = Regression.fit(
            response: [1, .nan, 3], predictors: [("x", [1, 2, 3]), ("z", [1, .infinity, 0])], intercept: true)
        #expect(fit.undefined == [.nonFinite(term: nil), .nonFinite(term: "z")])
        #expect(fit.coefficients.allSatisfy { $0.estimate == nil })
        #expect(fit.rSquared == nil)
    }

    @Test func invalid_confidence_leaves_only_the_intervals_out() {
        let fit = Regression.fit(
            response: [1, 2.5, 2.9, 4.4], predictors: [("x", [1, 2, 3, 4])], intercept: true, confidence: 1)
        #expect(fit.undefined == [.invalidConfidence])
        #expect(fit.coefficients.allSatisfy { $0.p != nil && $0.ciLow == nil && $0.ciHigh == nil })
    }

    @Test func without_terms_there_is_no_f_test() {
        let y = [1.0, 2, 4]
        let interceptOnly = Regression.fit(response: y, predictors: [], intercept: true)
        #expect(interceptOnly.undefined == [.noTermsToTest])
        #expect(interceptOnly.rSquared == 0 && interceptOnly.f == nil)
        let nothing = Regression.fit(response: y, predictors: [], intercept: false)
        #expect(nothing.coefficients.isEmpty && nothing.undefined == [.noTermsToTest])
        // R: summary(lm(y ~ 0))$sigma = √(Σy²/n).
        #expect(nothing.residualStandardError == (21.0 / 3).squareRoot())
    }

    @Test func a_coefficient_beyond_binary64_range_is_not_estimated() {
        let fit = Regression.fit(
            response: [1e300, 2.5e300, 2.9e300], predictors: [("x", [1e-10, 2e-10, 3e-10])], intercept: false)
        #expect(fit.undefined == [.nonFinite(term: "x")])
        #expect(fit.coefficients[0].estimate == nil && fit.coefficients[0].t == nil)
        #expect(fit.rSquared == nil && fit.residualStandardError == nil)
    }

    @Test func scaling_y_or_x_by_two_rescales_the_results_exactly() throws {
        let x = [0.3, 1.7, 2.2, 3.9, 5.1, 6.4]
        let y = [1.2, 2.9, 3.1, 5.6, 6.0, 8.3]
        let big = Double(sign: .plus, exponent: 300, significand: 1)
        let plain = Regression.fit(response: y, predictors: [("x", x)], intercept: true)
        let scaled = Regression.fit(
            response: y.map { $0 * big }, predictors: [("x", x.map { $0 / big })], intercept: true)
        let slope = try #require(plain.coefficients[1].estimate)
        #expect(scaled.coefficients[1].estimate == slope * big * big)
        #expect(scaled.coefficients[1].p == plain.coefficients[1].p)
        #expect(scaled.rSquared == plain.rSquared)
    }
}

extension String {
    fileprivate var trimmed: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " || $0 == "\r" }.reversed())
    }

    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    fileprivate func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

/// Digits rounded down to `places` decimals, for the table.
private func format(_ digits: Double, _ places: Int) -> String {
    var scale = 1
    for _ in 0..<places { scale *= 10 }
    let scaled = Int((digits * Double(scale)).rounded(.down))
    let fraction = String(scaled % scale)
    return "\(scaled / scale)." + String(repeating: "0", count: places - fraction.count) + fraction
}

/// Just enough JSON to read the StRD fixtures' certified values.
private indirect enum JSONValue: Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    struct SyntaxError: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "JSON syntax error at byte \(offset)" }
    }

    static func parse(_ text: String) throws -> JSONValue {
        var parser = Parser(bytes: Array(text.utf8))
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw SyntaxError(offset: parser.index) }
        return value
    }

    private struct Parser {
        var bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        mutating func expect(_ byte: UInt8) throws {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { throw SyntaxError(offset: index) }
            index += 1
        }

        mutating func value() throws -> JSONValue {
            skipSpace()
            guard index < bytes.count else { throw SyntaxError(offset: index) }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [String: JSONValue] = [:]
                skipSpace()
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                repeat {
                    skipSpace()
                    guard case .string(let key) = try value() else { throw SyntaxError(offset: index) }
                    try expect(UInt8(ascii: ":"))
                    members[key] = try value()
                    skipSpace()
                    index += 1
                } while bytes[index - 1] == UInt8(ascii: ",")
                guard bytes[index - 1] == UInt8(ascii: "}") else { throw SyntaxError(offset: index - 1) }
                return .object(members)
            case UInt8(ascii: "["):
                index += 1
                var items: [JSONValue] = []
                skipSpace()
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                repeat {
                    items.append(try value())
                    skipSpace()
                    index += 1
                } while bytes[index - 1] == UInt8(ascii: ",")
                guard bytes[index - 1] == UInt8(ascii: "]") else { throw SyntaxError(offset: index - 1) }
                return .array(items)
            case UInt8(ascii: "\""):
                // The fixtures' strings have no escapes but \" and \\.
                index += 1
                var text: [UInt8] = []
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    text.append(bytes[index])
                    index += 1
                }
                index += 1
                return .string(String(decoding: text, as: UTF8.self))
            default:
                let start = index
                while index < bytes.count, !",]} \n\r\t".utf8.contains(bytes[index]) { index += 1 }
                let word = String(decoding: bytes[start..<index], as: UTF8.self)
                switch word {
                case "true": return .bool(true)
                case "false": return .bool(false)
                case "null": return .null
                default:
                    guard let number = Double(word) else { throw SyntaxError(offset: start) }
                    return .number(number)
                }
            }
        }
    }
}
