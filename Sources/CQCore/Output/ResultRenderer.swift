/// Turns a statement's result into text in the chosen format. Pure.
public struct ResultRenderer: Sendable {
    public var format: OutputFormat
    /// The terminal's width, for the table format; nil for no limit.
    public var width: Int?

    public init(format: OutputFormat, width: Int? = nil) {
        self.format = format
        self.width = width
    }

    public func render(_ result: StatementResult) -> String {
        if format == .json {
            return JSONWriter.object(for: result.value).serialized() + "\n"
        }
        var presentation = Presenter(format: format).present(result.value)
        // A plot says where its SVG goes itself; other results say it here.
        if let file = result.file, file.kind != .svg, format != .csv {
            presentation.add(.note("written to \(file.path)"))
        }
        return TextRenderer(format: format, width: width).render(presentation)
    }
}

/// Lays results out as headings, tables, facts and notes.
struct Presenter {
    let format: OutputFormat

    var exact: Bool { format == .csv }

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
        case .description(let result): presentDescription(result, into: &out)
        case .binding(let result): presentBinding(result, into: &out)
        case .setting(let result): presentSetting(result, into: &out)
        case .datasetSwitch(let result): presentDatasetSwitch(result, into: &out)
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

    /// How a missing value is shown: a dash to read, nothing in CSV.
    var missing: String { exact ? "" : NumberFormat.missing }

    func coefficient(_ value: Double?) -> String {
        guard let value else { return missing }
        return exact ? NumberFormat.exact(value) : NumberFormat.coefficient(value)
    }

    func probability(_ value: Double?) -> String {
        guard let value else { return missing }
        return exact && value >= NumberFormat.smallestPrintedP ? NumberFormat.exact(value) : NumberFormat.pValue(value)
    }

    /// "= 0.0123", "< 1e-300" or "= –", to follow "p " in a sentence.
    func probabilityRelation(_ value: Double?) -> String {
        guard let value, value < NumberFormat.smallestPrintedP else { return "= " + probability(value) }
        return NumberFormat.pRelation(value)
    }

    func number(_ value: Double?) -> String {
        guard let value else { return missing }
        return exact ? NumberFormat.exact(value) : NumberFormat.value(value)
    }

    /// A column of numbers in one format, so its values read alike.
    func numberColumn(_ values: [Double?]) -> [String] {
        if exact { return values.map { $0.map(NumberFormat.exact) ?? "" } }
        let formatted = NumberFormat.column(values.compactMap { $0 })
        var next = formatted.makeIterator()
        return values.map { $0 == nil ? missing : next.next()! }
    }

    func interval(_ estimate: CorrelationEstimate) -> String {
        guard let low = estimate.ciLow, let high = estimate.ciHigh else { return missing }
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

    /// "t = 5.579, df = 8; two-sided p from Student's t; CI by Fisher's z"
    static func detail(_ estimate: CorrelationEstimate) -> String {
        [statisticText(estimate), pMethodText(estimate), intervalMethodText(estimate)].compactMap { $0 }.joined(
            separator: "; ")
    }

    /// "t = 5.579, df = 8"
    static func statisticText(_ estimate: CorrelationEstimate) -> String? {
        guard let statistic = estimate.statistic, let kind = estimate.statisticKind else { return nil }
        // Kendall's T counts concordant pairs: a whole number.
        let shown = kind == .kendallT ? NumberFormat.value(statistic) : NumberFormat.statistic(statistic)
        var text = "\(kind.rawValue) = \(shown)"
        if let df = estimate.degreesOfFreedom { text += ", df = \(NumberFormat.value(df))" }
        return text
    }

    /// How p was computed: "two-sided p from Student's t".
    static func pMethodText(_ estimate: CorrelationEstimate) -> String? {
        guard let method = estimate.pMethod, estimate.p != nil else { return nil }
        switch method {
        case .studentT: return "two-sided p from Student's t"
        case .exact: return "exact two-sided p"
        case .edgeworth: return "two-sided p from the Edgeworth series (AS 89), as R computes it"
        case .normalApproximation(let tieCorrected):
            return "two-sided p from the normal approximation" + (tieCorrected ? ", tie-corrected" : "")
        }
    }

    /// How the interval was computed, or why there is none.
    static func intervalMethodText(_ estimate: CorrelationEstimate) -> String? {
        if estimate.ciLow != nil { return "CI by Fisher's z" }
        if estimate.undefined.contains(.noInterval(estimate.method)) {
            return "no confidence interval for a rank correlation"
        }
        return nil
    }

    static func confidenceLabel(_ estimate: CorrelationEstimate) -> String {
        NumberFormat.value(estimate.confidence * 100) + "% CI"
    }

    // MARK: - Regression

    // MARK: - Ledger

    func addLedger(_ ledger: SampleLedger, into out: inout Presentation) {
        guard format != .csv else { return }
        for line in Presenter.ledgerLines(ledger) { out.add(.note(line)) }
    }

    /// "12 country-years in 2019", or for period aggregates "12 countries over 2000–2019".
    static func rowsText(_ count: Int, _ ledger: SampleLedger, what: String = "") -> String {
        if let period = ledger.period {
            return "\(count) countr\(count == 1 ? "y" : "ies")\(what) over \(period.years.yearSpan)"
        }
        return
            "\(count) country-year\(count == 1 ? "" : "s")\(what) \(yearText(ledger.years, fallback: ledger.yearRange))"
    }

    /// What each country's aggregates reduced: how many years, which ones.
    static func periodText(_ period: SampleLedger.Period) -> String {
        let counts = period.yearsPerCountry
        var text = "period: one row per country, aggregated over \(period.years.yearSpan)"
        if let filter = period.yearFilter { text += " in the years where `\(filter)`" }
        text += "; years with a value per country: "
        text +=
            counts.minimum == counts.maximum
            ? "\(counts.minimum)"
            : "\(counts.minimum) to \(counts.maximum), median \(NumberFormat.value(counts.median))"
        return text
    }

    static func yearText(_ years: [Int], fallback: ClosedRange<Int>) -> String {
        let first = years.first ?? fallback.lowerBound
        let last = years.last ?? fallback.upperBound
        // A table without a year column is loaded as year 0: say "undated".
        if first == DatasetLoader.undatedYear, last == DatasetLoader.undatedYear { return "(undated)" }
        return "in " + (first...last).yearSpan
    }

    static func countryList(_ codes: [String], limit: Int = 12) -> String {
        codes.count <= limit
            ? codes.joined(separator: ", ") : codes.prefix(limit).joined(separator: ", ") + ", … (\(codes.count))"
    }

    /// One line that says which rows a statistic used, what the filter kept,
    /// and what went for a missing value; a second when years were pooled.
    /// `inference`: the statistic assumes independent observations (a p-value,
    /// a confidence interval), so pooled years deserve a warning.
    static func ledgerLines(_ ledger: SampleLedger, pairwise: Bool = false, inference: Bool = true) -> [String] {
        if pairwise, let cells = ledger.pairwise {
            return pairwiseLedgerLines(ledger, cells)
        }
        var line = "sample: \(rowsText(ledger.used, ledger))"
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
        if let period = ledger.period { lines.append(periodText(period)) }
        if inference, ledger.maximumYearsPerCountry > 1 { lines.append(pooledNote(ledger)) }
        return lines
    }

    /// A pairwise matrix: the rows with any value, then the cells' range
    /// of n and years (the smallest and the largest cell named), and the
    /// pooling note whenever any cell pools years.
    static func pairwiseLedgerLines(_ ledger: SampleLedger, _ pairwise: SampleLedger.Pairwise) -> [String] {
        func span(_ years: ClosedRange<Int>?) -> String {
            years.map { "in " + $0.yearSpan } ?? "in no year"
        }
        var line = "sample: \(ledger.kept) country-year\(ledger.kept == 1 ? "" : "s") \(span(pairwise.keptYears))"
        line += " with a value of any variable"
        if let filter = ledger.filter { line += " where `\(filter)` (of \(ledger.candidates))" }
        if !ledger.missing.isEmpty {
            line += "; missing: " + ledger.missing.map { "\($0.variable) \($0.rows)" }.joined(separator: ", ")
        }
        var lines = [line]
        let ordered = pairwise.cells.sorted { $0.n < $1.n }
        if let smallest = ordered.first, let largest = ordered.last {
            func describe(_ cell: SampleLedger.Pairwise.Cell) -> String {
                "\(cell.n) (\(cell.x) × \(cell.y), \(span(cell.years)))"
            }
            var cellsLine = "each cell uses the country-years where both of its variables have a value: n = "
            cellsLine +=
                smallest.n == largest.n && smallest.years == largest.years
                ? "\(smallest.n) in every cell, \(span(smallest.years))"
                : describe(smallest) + " to " + describe(largest)
            cellsLine += "; \(ledger.used) country-year\(ledger.used == 1 ? " has" : "s have") all"
            lines.append(cellsLine)
        }
        let pooled = pairwise.cells.filter { $0.maximumYearsPerCountry > 1 }
        if let most = pooled.map(\.maximumYearsPerCountry).max() {
            let which =
                pooled.count == pairwise.cells.count ? "every cell" : "\(pooled.count) of \(pairwise.cells.count) cells"
            lines.append(
                "note: years are pooled in \(which), with up to \(most) per country, so observations are not independent; `in YEAR` gives one cross-section"
            )
        }
        return lines
    }

    static func pooledNote(_ ledger: SampleLedger) -> String {
        "note: years are pooled, with up to \(ledger.maximumYearsPerCountry) per country, so observations are not independent; `in YEAR` gives one cross-section"
    }

    // MARK: - Other results

    /// For statements whose rows need not be complete (summaries, lists,
    /// rankings): how many rows, of how many. No note on pooled years: these
    /// describe rows, they test nothing that assumes independent ones.
    func addLedgerRowsOnly(_ ledger: SampleLedger, shown: Int? = nil, what: String = "", into out: inout Presentation) {
        let count = shown ?? ledger.kept
        var line = "rows: " + Presenter.rowsText(count, ledger, what: what)
        if let filter = ledger.filter {
            line += "; `\(filter)` kept \(ledger.kept) of \(ledger.candidates)"
        } else if count < ledger.candidates {
            line += " (of \(ledger.candidates))"
        }
        if ledger.withoutGroup > 0 {
            line += "; \(ledger.withoutGroup) in no group (their `by` value is missing)"
        }
        out.add(.note(line))
        if let period = ledger.period { out.add(.note(Presenter.periodText(period))) }
    }

    func presentTable(_ table: TableResult, into out: inout Presentation) {
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
        out.add(.table(Table(columns: columns, rows: table.rows.map { $0.map(tableCell) })))
        if format != .csv {
            for note in table.notes { out.add(.note(Presenter.text(of: note))) }
            if let ledger = table.ledger { addLedgerRowsOnly(ledger, into: &out) }
        }
    }

    func tableCell(_ cell: Cell) -> TableCell {
        switch cell {
        case .number(let value): return .value(value)
        case .integer(let value), .year(let value): return .integer(value)
        case .text(let text): return .text(text)
        case .boolean(let value): return .text(value ? "yes" : "no")
        case .missing: return .missing
        }
    }
}

extension CorrelationEstimate {
    static func empty(method: CorrelationMethod) -> CorrelationEstimate {
        Correlation.estimate([], [], method: method)
    }
}

extension Presenter {
    static func text(of note: TableNote) -> String {
        switch note {
        case .showing(let shown, let total): return "showing \(shown) of \(total) rows"
        case .regionAsOfLatestYear(let year):
            return "region as of each country's latest selected year (up to \(year))"
        case .matched(let count, let total, let search):
            return "\(count) of \(total) indicators have \"\(search)\" in their id, label or source"
        case .noMatch(let search, let dataset, let total):
            return
                "no indicator of `\(dataset)` has \"\(search)\" in its id, label or source; `indicators` lists all \(total)"
        case .describeHint: return "`describe NAME` shows an indicator's source, licence and coverage"
        }
    }
}

extension Presenter {
    /// One record as a one-row table of named fields: how CSV shows what
    /// `let`, `set` and `use` did.
    func addRecord(_ fields: [(name: String, value: String)], into out: inout Presentation) {
        out.add(
            .table(
                Table(columns: fields.map { .init(name: $0.name, alignment: .left) }, textRows: [fields.map(\.value)])))
    }
}
