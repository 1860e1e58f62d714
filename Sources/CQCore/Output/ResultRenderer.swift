/// Turns a statement's result into text in the chosen format. Pure.
public struct ResultRenderer: Sendable {
    public var format: OutputFormat

    public init(format: OutputFormat) {
        self.format = format
    }

    public func render(_ result: StatementResult) -> String {
        if format == .json {
            return JSONWriter.object(for: result.value).serialized() + "\n"
        }
        return TextRenderer(format: format).render(Presenter(format: format).present(result.value))
    }
}

/// Lays results out as headings, tables, facts and notes.
struct Presenter {
    let format: OutputFormat

    private var exact: Bool { format == .csv }

    func present(_ value: ResultValue) -> Presentation {
        var out = Presentation()
        switch value {
        case .correlation(let result): presentCorrelation(result, into: &out)
        case .regression(let result): presentRegression(result, into: &out)
        case .summary(let result): presentSummary(result, into: &out)
        case .count(let result): presentCount(result, into: &out)
        case .ranking(let result): presentRanking(result, into: &out)
        case .table(let table): presentTable(table, into: &out)
        case .explanation(let result): presentExplanation(result, into: &out)
        case .plot(let result): presentPlot(result, into: &out)
        case .description(let description):
            out.add(.heading(description.title))
            out.add(.facts(description.facts))
        case .acknowledgement(let ack):
            if format == .csv {
                let table = Table(columns: ack.fields.map { .init(name: $0.key, alignment: .left) },
                                  rows: [ack.fields.map(\.value)], exactRows: nil)
                out.add(.table(table))
            } else {
                out.add(.note(ack.message))
            }
        }
        return out
    }

    // MARK: - Correlation

    static func methodName(_ method: CorrelationMethod) -> String {
        switch method {
        case .pearson: return "Pearson's r"
        case .spearman: return "Spearman's rho"
        case .kendall: return "Kendall's tau-b"
        }
    }

    private func coefficient(_ value: Double?) -> String {
        guard let value else { return "–" }
        return exact ? NumberFormat.exact(value) : NumberFormat.coefficient(value)
    }

    private func probability(_ value: Double?) -> String {
        guard let value else { return "–" }
        return exact ? NumberFormat.exact(value) : NumberFormat.pValue(value)
    }

    func number(_ value: Double?) -> String {
        guard let value else { return "–" }
        return exact ? NumberFormat.exact(value) : NumberFormat.value(value)
    }

    /// A column of numbers in one format, so its values read alike.
    private func numberColumn(_ values: [Double?]) -> [String] {
        if exact { return values.map { $0.map(NumberFormat.exact) ?? "" } }
        let formatted = NumberFormat.column(values.compactMap { $0 })
        var next = formatted.makeIterator()
        return values.map { $0 == nil ? "–" : next.next()! }
    }

    private func interval(_ estimate: CorrelationEstimate) -> String {
        guard let low = estimate.ciLow, let high = estimate.ciHigh else { return "–" }
        return NumberFormat.coefficient(low) + " to " + NumberFormat.coefficient(high)
    }

    /// Why parts of an estimate are missing, in words.
    static func undefinedNotes(_ estimate: CorrelationEstimate, variables: [String]) -> [String] {
        var notes: [String] = []
        func name(_ index: Int) -> String { index < variables.count ? "`\(variables[index])`" : "a variable" }
        for reason in estimate.undefined {
            switch reason {
            case .tooFewPairs(let part, let needed):
                let what: String
                switch part {
                case .r: what = "r"
                case .statistic, .p: what = "p"
                case .interval: what = "the confidence interval"
                }
                let pairs = "\(estimate.n) complete pair\(estimate.n == 1 ? "" : "s")"
                notes.append("\(what) is undefined with \(pairs) (needs at least \(needed))")
            case .constant(let index):
                notes.append("r is undefined: \(name(index)) has the same value in every pair")
            case .nonFinite(let index):
                notes.append("r is undefined: \(name(index)) has a value too large to compute with")
            case .perfect:
                notes.append("|r| = 1: the points lie on a line, so the t statistic is infinite and p is 0")
            case .noInterval:
                break  // said in the detail line
            case .invalidConfidence:
                notes.append("the confidence level must lie between 0 and 1")
            }
        }
        return notes
    }

    /// "t = 5.579, df = 8; two-sided p from Student's t; 95% CI by Fisher's z"
    static func detail(_ estimate: CorrelationEstimate) -> String {
        var parts: [String] = []
        if let statistic = estimate.statistic, let kind = estimate.statisticKind {
            // Kendall's T counts concordant pairs: a whole number.
            let shown = kind == .kendallT ? NumberFormat.value(statistic) : NumberFormat.statistic(statistic)
            var text = "\(kind.rawValue) = \(shown)"
            if let df = estimate.degreesOfFreedom { text += ", df = \(NumberFormat.value(df))" }
            parts.append(text)
        }
        if let method = estimate.pMethod, estimate.p != nil {
            switch method {
            case .studentT: parts.append("two-sided p from Student's t")
            case .exact: parts.append("exact two-sided p")
            case .edgeworth: parts.append("two-sided p from the Edgeworth series (AS 89), as R computes it")
            case .normalApproximation(let tieCorrected):
                parts.append("two-sided p from the normal approximation" + (tieCorrected ? ", tie-corrected" : ""))
            }
        }
        if estimate.ciLow != nil {
            parts.append("CI by Fisher's z")
        } else if estimate.undefined.contains(.noInterval(estimate.method)) {
            parts.append("no confidence interval for a rank correlation")
        }
        return parts.joined(separator: "; ")
    }

    static func confidenceLabel(_ estimate: CorrelationEstimate) -> String {
        NumberFormat.value(estimate.confidence * 100) + "% CI"
    }

    private func presentCorrelation(_ result: CorrelationResult, into out: inout Presentation) {
        let method = Presenter.methodName(result.method)
        if result.isMatrix {
            presentMatrix(result, into: &out)
            return
        }
        let pair = result.variables.joined(separator: " and ")
        if result.groupedBy == nil, let group = result.groups.first, format != .csv {
            out.add(.heading("\(method) of \(pair)"))
            let estimate = group.cells.first?.estimate
                ?? CorrelationEstimate.empty(method: result.method)
            let symbol = Presenter.symbol(result.method)
            var line = "  \(symbol) = \(coefficient(estimate.r)), n = \(estimate.n), p = \(probability(estimate.p))"
            if result.method == .pearson { line += ", \(Presenter.confidenceLabel(estimate)) " + interval(estimate) }
            out.add(.note(line))
            let detail = Presenter.detail(estimate)
            if !detail.isEmpty { out.add(.note("  " + detail)) }
            for note in Presenter.undefinedNotes(estimate, variables: result.variables) {
                out.add(.note("  " + note))
            }
            addLedger(group.ledger, into: &out)
            return
        }
        if let by = result.groupedBy {
            out.add(.heading("\(method) of \(pair), by \(by)"))
        }
        var columns: [Table.Column] = []
        if let by = result.groupedBy { columns.append(.init(name: by, alignment: .left)) }
        let pearson = result.method == .pearson
        if format == .csv {
            columns += ["x", "y", "method", "r", "n", "p", "ci_low", "ci_high"].map { .init(name: $0, alignment: .left) }
        } else {
            columns += [.init(name: Presenter.symbol(result.method), alignment: .right), .init(name: "n", alignment: .right),
                        .init(name: "p", alignment: .right)]
            if pearson { columns.append(.init(name: "95% CI", alignment: .right)) }
        }
        var rows: [[String]] = []
        var notes: [String] = []
        for group in result.groups {
            let estimate = group.cells.first?.estimate ?? CorrelationEstimate.empty(method: result.method)
            var row: [String] = group.name.map { [$0] } ?? []
            if format == .csv {
                row += [result.variables[0], result.variables[1], result.method.rawValue, coefficient(estimate.r), String(estimate.n),
                        probability(estimate.p), coefficient(estimate.ciLow), coefficient(estimate.ciHigh)]
            } else {
                row += [coefficient(estimate.r), String(estimate.n), probability(estimate.p)]
                if pearson { row.append(interval(estimate)) }
            }
            rows.append(row.map { $0 == "–" && format == .csv ? "" : $0 })
            if estimate.r == nil, let name = group.name {
                notes += Presenter.undefinedNotes(estimate, variables: result.variables).map { "\(name): \($0)" }
            }
        }
        out.add(.table(Table(columns: columns, rows: rows, exactRows: nil)))
        for note in notes { out.add(.note(note)) }
        if format != .csv {
            // How p was computed: once when every group agrees, else per group
            // (Kendall is exact for a small group and approximate for a large one).
            var methods: [(group: String, text: String)] = []
            var interval: String?
            for group in result.groups {
                guard let estimate = group.cells.first?.estimate, estimate.p != nil else { continue }
                let parts = Presenter.detail(estimate).split(separator: ";").dropFirst().map { String($0.drop(while: { $0 == " " })) }
                // The p-value's method can differ by group; the interval's cannot.
                methods.append((group.name ?? "", parts.filter { !$0.contains("CI") && !$0.contains("interval") }.joined(separator: "; ")))
                interval = interval ?? parts.first { $0.contains("CI") || $0.contains("interval") }
            }
            // The commonest method once, then the groups that differ, so 21
            // years with one exception take two lines, not 21.
            var counts: [String: Int] = [:]
            for method in methods { counts[method.text, default: 0] += 1 }
            if let common = methods.map(\.text).max(by: { counts[$0]! < counts[$1]! }) {
                let exceptions = methods.filter { $0.text != common }
                let lead = exceptions.isEmpty ? common : "\(common) (except as below)"
                out.add(.note(([lead] + (interval.map { [$0] } ?? [])).joined(separator: "; ")))
                for method in exceptions { out.add(.note("\(method.group): \(method.text)")) }
            } else if let interval {
                out.add(.note(interval))
            }
        }
        if format != .csv, result.comparisonAsked {
            for line in Presenter.comparisonLines(result.comparison, by: result.groupedBy ?? "") { out.add(.note(line)) }
        }
        // `by year` makes each group one cross-section: nothing is pooled
        // within a correlation, whatever the statement's years.
        if format != .csv {
            let pooled = result.groups.contains { $0.ledger.maximumYearsPerCountry > 1 }
            for line in Presenter.ledgerLines(result.ledger, inference: pooled) { out.add(.note(line)) }
        }
    }

    /// "compare: z = 1.234, p = 0.217: Fisher's z test that EU and CIS …"
    static func comparisonLines(_ comparison: CorrelationComparison?, by: String) -> [String] {
        guard let comparison else {
            return ["compare: needs at least two groups with n ≥ 4 and |r| < 1"]
        }
        var lines: [String] = []
        switch comparison.test {
        case .fisherZ:
            lines.append("compare: z = \(NumberFormat.statistic(comparison.statistic)), p = \(NumberFormat.pValue(comparison.p)): "
                         + "Fisher's z test of equal correlations in the groups of `\(by)` (\(comparison.groups.joined(separator: ", ")))")
        case .homogeneity(let df):
            lines.append("compare: Q = \(NumberFormat.statistic(comparison.statistic)), df = \(df), p = \(NumberFormat.pValue(comparison.p)): "
                         + "chi-square test of equal correlations in the \(comparison.groups.count) groups of `\(by)` (Fisher's z)")
        }
        if !comparison.excluded.isEmpty {
            lines.append("not in the test: " + comparison.excluded.map { "\($0.group) (\($0.reason))" }.joined(separator: ", "))
        }
        return lines
    }

    private func presentMatrix(_ result: CorrelationResult, into out: inout Presentation) {
        let method = Presenter.methodName(result.method)
        for group in result.groups {
            var title = "\(method) matrix, \(result.listwise ? "listwise" : "pairwise") deletion"
            if let name = group.name, let by = result.groupedBy { title += " — \(by) = \(name)" }
            if format == .csv {
                var columns = ["x", "y", "method", "r", "n", "p", "ci_low", "ci_high"]
                if result.groupedBy != nil { columns.insert(result.groupedBy!, at: 0) }
                let rows: [[String]] = group.cells.map { cell in
                    let e = cell.estimate
                    var row = [result.variables[cell.row], result.variables[cell.column], result.method.rawValue,
                               coefficient(e.r), String(e.n), probability(e.p), coefficient(e.ciLow), coefficient(e.ciHigh)]
                    if let name = group.name { row.insert(name, at: 0) }
                    return row.map { $0 == "–" ? "" : $0 }
                }
                out.add(.table(Table(columns: columns.map { .init(name: $0, alignment: .left) }, rows: rows, exactRows: nil)))
                continue
            }
            out.add(.heading(title))
            let count = result.variables.count
            func lookup(_ row: Int, _ column: Int) -> CorrelationEstimate? {
                group.cells.first { $0.row == column && $0.column == row }?.estimate
            }
            func triangle(_ caption: String, _ cell: (CorrelationEstimate) -> String) -> Table {
                var columns: [Table.Column] = [.init(name: caption, alignment: .left)]
                columns += result.variables.dropLast().map { .init(name: $0, alignment: .right) }
                var rows: [[String]] = []
                for row in 1..<count {
                    var line = [result.variables[row]]
                    for column in 0..<(count - 1) {
                        line.append(column < row ? lookup(row, column).map(cell) ?? "" : "")
                    }
                    rows.append(line)
                }
                return Table(columns: columns, rows: rows, exactRows: nil)
            }
            out.add(.table(triangle("r") { estimate in
                coefficient(estimate.r) + Presenter.stars(estimate.p)
            }))
            out.add(.note(""))
            out.add(.table(triangle("p") { probability($0.p) }))
            out.add(.note(""))
            out.add(.table(triangle("n") { String($0.n) }))
            out.add(.note("significance: * p < 0.05, ** p < 0.01, *** p < 0.001 (two-sided, not adjusted for multiple comparisons)"))
            if format != .csv {
                for line in Presenter.ledgerLines(group.ledger, pairwise: !result.listwise) { out.add(.note(line)) }
            }
        }
    }

    static func symbol(_ method: CorrelationMethod) -> String {
        switch method {
        case .pearson: return "r"
        case .spearman: return "rho"
        case .kendall: return "tau"
        }
    }

    static func stars(_ p: Double?) -> String {
        guard let p else { return "" }
        if p < 0.001 { return "***" }
        if p < 0.01 { return "**" }
        if p < 0.05 { return "*" }
        return ""
    }

    // MARK: - Regression

    private func presentRegression(_ result: RegressionResult, into out: inout Presentation) {
        let fit = result.fit
        let terms = fit.coefficients.filter { $0.term != Regression.interceptTerm }.map(\.term)
        if format != .csv {
            out.add(.heading("Linear regression of \(result.response) on \(terms.joined(separator: ", "))"
                             + (fit.intercept ? "" : ", without intercept") + " (least squares by QR)"))
        }
        var columns: [Table.Column] = [.init(name: "term", alignment: .left)]
        columns += ["estimate", "se", "t", "p"].map { .init(name: $0, alignment: .right) }
        if format == .csv {
            columns += ["ci_low", "ci_high"].map { .init(name: $0, alignment: .right) }
        } else {
            columns.append(.init(name: NumberFormat.value(fit.confidence * 100) + "% CI", alignment: .right))
        }
        columns.append(.init(name: "unit", alignment: .left))
        let estimates = numberColumn(fit.coefficients.map(\.estimate))
        let errors = numberColumn(fit.coefficients.map(\.standardError))
        let lows = numberColumn(fit.coefficients.map(\.ciLow))
        let highs = numberColumn(fit.coefficients.map(\.ciHigh))
        var rows: [[String]] = []
        for (index, coefficient) in fit.coefficients.enumerated() {
            var row = [coefficient.term, estimates[index], errors[index],
                       coefficient.t.map { exact ? NumberFormat.exact($0) : NumberFormat.statistic($0) } ?? "–",
                       probability(coefficient.p)]
            if format == .csv {
                row += [lows[index], highs[index]]
            } else {
                row.append(coefficient.ciLow == nil ? "–" : lows[index] + " to " + highs[index])
            }
            let unit = index < result.units.count ? result.units[index] : nil
            row.append(unit.map { $0.isDimensionless ? "" : $0.description } ?? "")
            rows.append(row.map { $0 == "–" && format == .csv ? "" : $0 })
        }
        out.add(.table(Table(columns: columns, rows: rows, exactRows: nil)))
        guard format != .csv else { return }
        var summary = "n = \(fit.n)"
        if let r2 = fit.rSquared { summary += ", R² = \(NumberFormat.coefficient(r2))" }
        if let adjusted = fit.adjustedRSquared { summary += ", adjusted R² = \(NumberFormat.coefficient(adjusted))" }
        if let f = fit.f, let d1 = fit.fNumeratorDegreesOfFreedom, let d2 = fit.fDenominatorDegreesOfFreedom {
            summary += ", F = \(NumberFormat.statistic(f)) on \(d1) and \(d2) df, p = \(probability(fit.fP))"
        }
        if let se = fit.residualStandardError {
            summary += ", residual SE = \(NumberFormat.value(se)) on \(fit.residualDegreesOfFreedom) df"
        }
        out.add(.note(summary))
        for reason in fit.undefined {
            switch reason {
            case .nonFinite(let term):
                out.add(.note("nothing estimated: \(term.map { "`\($0)`" } ?? "the response") has a value too large to compute with"))
            case .collinear(let term, let others):
                out.add(.note("`\(term)` is left out: it is a linear combination of \(others.map { "`\($0)`" }.joined(separator: ", "))"))
            case .noResidualDegreesOfFreedom(let n, let rank):
                out.add(.note("with n = \(n) and \(rank) coefficients nothing is left to estimate the error: no standard errors, t, p or F"))
            case .perfectFit:
                out.add(.note("the fit is exact (all residuals are 0): t and F are infinite, p is 0"))
            case .constantResponse:
                out.add(.note("`\(result.response)` is constant here: R² and F are undefined"))
            case .noTermsToTest:
                break
            case .invalidConfidence:
                out.add(.note("the confidence level must lie between 0 and 1"))
            }
        }
        addLedger(result.ledger, into: &out)
    }

    // MARK: - Ledger

    func addLedger(_ ledger: SampleLedger, into out: inout Presentation) {
        guard format != .csv else { return }
        for line in Presenter.ledgerLines(ledger) { out.add(.note(line)) }
    }

    static func yearText(_ years: [Int], fallback: ClosedRange<Int>) -> String {
        let first = years.first ?? fallback.lowerBound
        let last = years.last ?? fallback.upperBound
        // A table without a year column is loaded as year 0: say "undated".
        if first == DatasetLoader.undatedYear, last == DatasetLoader.undatedYear { return "(undated)" }
        return "in " + (first...last).yearSpan
    }

    static func countryList(_ codes: [String], limit: Int = 12) -> String {
        codes.count <= limit ? codes.joined(separator: ", ") : codes.prefix(limit).joined(separator: ", ") + ", … (\(codes.count))"
    }

    /// One line that says which rows a statistic used, what the filter kept,
    /// and what went for a missing value; a second when years were pooled.
    /// `inference`: the statistic assumes independent observations (a p-value,
    /// a confidence interval), so pooled years deserve a warning.
    static func ledgerLines(_ ledger: SampleLedger, pairwise: Bool = false, inference: Bool = true) -> [String] {
        if pairwise {
            // Each cell of a matrix has its own n; say what was available
            // and what was missing, not a listwise count no cell used.
            var line = "sample: \(ledger.kept) country-year\(ledger.kept == 1 ? "" : "s") \(yearText(ledger.years, fallback: ledger.yearRange))"
            if let filter = ledger.filter { line += " where `\(filter)` (of \(ledger.candidates))" }
            if ledger.missing.isEmpty {
                line += "; no missing values"
            } else {
                line += "; missing: " + ledger.missing.map { "\($0.variable) \($0.rows)" }.joined(separator: ", ")
                line += "; each cell uses every country-year with both values (n), \(ledger.used) have all"
            }
            var lines = [line]
            if ledger.maximumYearsPerCountry > 1 {
                lines.append("note: years are pooled, with up to \(ledger.maximumYearsPerCountry) per country, so observations are not independent; `in YEAR` gives one cross-section")
            }
            return lines
        }
        var line = "sample: \(ledger.used) country-year\(ledger.used == 1 ? "" : "s") \(yearText(ledger.years, fallback: ledger.yearRange))"
        if ledger.used > 0, ledger.countries.count <= 12, ledger.countries.count < ledger.used || ledger.filter != nil {
            line += " (\(countryList(ledger.countries)))"
        } else if ledger.countries.count != ledger.used {
            line += ", \(ledger.countries.count) countries"
        }
        if let filter = ledger.filter {
            line += "; `\(filter)` kept \(ledger.kept) of \(ledger.candidates)"
        }
        let dropped = ledger.kept - ledger.used
        if dropped == 0 {
            line += "; none dropped for a missing value"
        } else {
            let parts = ledger.missing.map { missing in
                "\(missing.variable) \(missing.rows) (\(countryList(missing.countries, limit: 6)))"
            }
            line += "; \(dropped) dropped for a missing value: " + parts.joined(separator: ", ")
        }
        if ledger.withoutGroup > 0 {
            line += "; \(ledger.withoutGroup) in no group (their `by` value is missing)"
        }
        var lines = [line]
        if inference, ledger.maximumYearsPerCountry > 1 { lines.append(pooledNote(ledger)) }
        return lines
    }

    static func pooledNote(_ ledger: SampleLedger) -> String {
        "note: years are pooled, with up to \(ledger.maximumYearsPerCountry) per country, so observations are not independent; `in YEAR` gives one cross-section"
    }

    // MARK: - Other results

    private func presentSummary(_ result: SummaryResult, into out: inout Presentation) {
        var columns: [Table.Column] = []
        if let by = result.groupedBy { columns.append(.init(name: by, alignment: .left)) }
        columns.append(.init(name: "variable", alignment: .left))
        columns += ["n", "mean", "sd", "min", "p25", "median", "p75", "max"].map { .init(name: $0, alignment: .right) }
        columns.append(.init(name: "unit", alignment: .left))
        let all = result.groups.flatMap { group in group.rows.map { (group.name, $0) } }
        // Each statistic is a column; each column gets one number format.
        let statistics: [[String]] = [\Summary.mean, \.sd, \.min, \.p25, \.median, \.p75, \.max].map { path in
            numberColumn(all.map { $0.1.summary[keyPath: path] })
        }
        var rows: [[String]] = []
        for (index, (name, row)) in all.enumerated() {
            var line: [String] = name.map { [$0] } ?? []
            line += [row.variable, String(row.summary.n)]
            line += statistics.map { $0[index] }
            line.append(row.unit.map { $0.isDimensionless ? "" : $0.description } ?? "")
            rows.append(line)
        }
        if format != .csv { out.add(.heading("summary" + (result.groupedBy.map { " by \($0)" } ?? ""))) }
        out.add(.table(Table(columns: columns, rows: rows, exactRows: nil)))
        if format != .csv {
            out.add(.note("sd with n − 1; quantiles as R's type 7 (linear interpolation)"))
            addLedgerRowsOnly(result.ledger, into: &out)
        }
    }

    /// For statements whose rows need not be complete (summaries, lists,
    /// rankings): how many rows, of how many. No note on pooled years: these
    /// describe rows, they test nothing that assumes independent ones.
    private func addLedgerRowsOnly(_ ledger: SampleLedger, shown: Int? = nil, what: String = "", into out: inout Presentation) {
        let count = shown ?? ledger.kept
        var line = "rows: \(count) country-year\(count == 1 ? "" : "s")\(what) \(Presenter.yearText(ledger.years, fallback: ledger.yearRange))"
        if let filter = ledger.filter {
            line += "; `\(filter)` kept \(ledger.kept) of \(ledger.candidates)"
        } else if count < ledger.candidates {
            line += " (of \(ledger.candidates))"
        }
        if ledger.withoutGroup > 0 {
            line += "; \(ledger.withoutGroup) in no group (their `by` value is missing)"
        }
        out.add(.note(line))
    }

    private func presentCount(_ result: CountResult, into out: inout Presentation) {
        let years = "in " + result.yearRange.yearSpan
        if result.groupedBy == nil, let group = result.groups.first, format != .csv {
            var line = "\(group.countries) countr\(group.countries == 1 ? "y" : "ies")"
            if let filter = result.filter { line += " where `\(filter)`" }
            line += " " + years
            if result.yearRange.count > 1 { line += " (in at least one of those years; \(group.countryYears) country-years)" }
            out.add(.note(line))
            return
        }
        var columns: [Table.Column] = []
        if let by = result.groupedBy { columns.append(.init(name: by, alignment: .left)) }
        columns += [.init(name: "countries", alignment: .right), .init(name: "country_years", alignment: .right)]
        let rows = result.groups.map { group -> [String] in
            (group.name.map { [$0] } ?? []) + [String(group.countries), String(group.countryYears)]
        }
        if format != .csv {
            out.add(.heading("countries" + (result.groupedBy.map { " by \($0)" } ?? "") + " " + years))
        }
        out.add(.table(Table(columns: columns, rows: rows, exactRows: nil)))
        if format != .csv, result.groupedBy != nil, result.yearRange.count > 1 {
            out.add(.note("a country counts in every group it belonged to in those years"))
        }
    }

    private func presentRanking(_ result: RankingResult, into out: inout Presentation) {
        if format != .csv {
            var heading = "rank by \(result.variable)"
            if let year = result.year { heading += " in \(year)" }
            heading += ", highest first"
            out.add(.heading(heading))
        }
        var columns: [Table.Column] = [.init(name: "rank", alignment: .right), .init(name: "country", alignment: .left),
                                       .init(name: "name", alignment: .left)]
        // CSV always names the year; tables do when the rows span years.
        let showYear = result.year == nil || format == .csv
        if showYear { columns.append(.init(name: "year", alignment: .right)) }
        columns.append(.init(name: result.variable, alignment: .right))
        let values = numberColumn(result.rows.map(\.value))
        let rows = result.rows.enumerated().map { index, row -> [String] in
            var line = [String(row.rank), row.country, row.name]
            if showYear { line.append(String(row.year)) }
            line.append(values[index])
            return line
        }
        out.add(.table(Table(columns: columns, rows: rows, exactRows: nil)))
        guard format != .csv else { return }
        if let unit = result.unit, !unit.isDimensionless { out.add(.note("unit: \(unit)")) }
        if let chosen = result.chosenYear {
            if chosen.year == chosen.latestYear {
                out.add(.note("\(chosen.year) is the latest year with data (\(chosen.countries) countries); `in YEAR` ranks another"))
            } else {
                out.add(.note("\(chosen.year) is the latest year in which at least half as many countries report \(result.variable) as in the best year: \(chosen.countries) countries, against \(chosen.countriesInLatestYear) in \(chosen.latestYear); `in YEAR` ranks another"))
            }
        }
        if result.rows.count < result.totalRows {
            var note = "showing \(result.rows.count) of \(result.totalRows)"
            if result.tiesAtCut > 0 { note += ", including \(result.tiesAtCut) tied with the last place" }
            out.add(.note(note))
        }
        addLedgerRowsOnly(result.ledger, shown: result.totalRows, what: " with a value", into: &out)
    }

    private func presentTable(_ table: TableResult, into out: inout Presentation) {
        if let title = table.title, format != .csv { out.add(.heading(title)) }
        let columns = table.columns.enumerated().map { index, name -> Table.Column in
            let numeric = table.rows.contains { row in
                switch row[index] {
                case .number, .integer, .year: return true
                case .text, .boolean, .missing: return false
                }
            }
            return .init(name: name, alignment: numeric ? .right : .left)
        }
        var rows = table.rows.map { $0.map(render) }
        for index in table.columns.indices {
            let numbers = table.rows.map { row -> Double? in
                if case .number(let value) = row[index] { return value }
                return nil
            }
            guard numbers.contains(where: { $0 != nil }) else { continue }
            let formatted = numberColumn(numbers)
            for (position, value) in numbers.enumerated() where value != nil {
                rows[position][index] = formatted[position]
            }
        }
        out.add(.table(Table(columns: columns, rows: rows, exactRows: nil)))
        if format != .csv {
            for note in table.notes { out.add(.note(note)) }
            if let ledger = table.ledger { addLedgerRowsOnly(ledger, into: &out) }
        }
    }

    private func render(_ cell: Cell) -> String {
        switch cell {
        case .number(let value): return number(value)
        case .integer(let value): return String(value)
        case .year(let value): return String(value)
        case .text(let text): return text
        case .boolean(let value): return value ? "yes" : "no"
        case .missing: return format == .csv ? "" : "–"
        }
    }
}

extension CorrelationEstimate {
    static func empty(method: CorrelationMethod) -> CorrelationEstimate {
        Correlation.estimate([], [], method: method)
    }
}
