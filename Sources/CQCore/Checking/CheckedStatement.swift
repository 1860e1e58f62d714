/// A statement that passed checking, with everything resolved that the
/// evaluator needs: it cannot fail for a reason the checker could have seen.
public struct CheckedStatement: Sendable {
    public var statement: Statement
    public var source: SourceFile
    public var action: Action
    /// The session state once this statement has run.
    public var stateAfter: SessionState
    /// `to "FILE"`: where the result is also written, and how.
    public var file: ResultFile?

    /// The statement as the user wrote it.
    public var text: String { source.text(of: statement.range) }
}

public enum Action: Sendable {
    case correlate(variables: [Variable], method: CorrelationMethod, listwise: Bool, compare: Bool, scope: Scope)
    case regress(response: Variable, terms: [Variable], intercept: Bool, model: RegressionModel, scope: Scope)
    case summarize(variables: [Variable], scope: Scope)
    case list(columns: [Variable], sort: (key: Variable, descending: Bool)?, limit: Int?, scope: Scope)
    case countCountries(scope: Scope)
    case rank(variable: Variable, top: Int?, scope: Scope)
    case describe(DescribeTarget, dataset: Dataset)
    /// `search`: keep the indicators whose id, label or source contains it.
    case indicators(dataset: Dataset, search: String?)
    case countries(scope: Scope)
    case bind(name: String, type: ValueType, text: String)
    case set(SettingResult)
    /// `notes` say what switching changed: bindings set aside, settings cleared.
    case use(Dataset, report: LoadReport?, notes: [DatasetSwitchNote])
    /// `explain correlate x, y`: Pearson's r (Spearman's on ranks) by hand.
    case explainCorrelation(x: Variable, y: Variable, method: CorrelationMethod, scope: Scope)
    /// `explain regress y on x`: the least-squares line by hand.
    case explainRegression(response: Variable, term: Variable, scope: Scope)
    case plot(y: Variable, x: Variable, label: PlotLabel?, fit: Bool, output: String?, overTime: Bool, scope: Scope)
}

/// A regression's fixed effects and standard errors: `with country effects`,
/// `robust`, `cluster by region`.
public struct RegressionModel: Sendable {
    public var countryEffects: Bool
    public var yearEffects: Bool
    public var errors: Errors

    public enum Errors: Sendable {
        case classical
        case robust
        case cluster(Variable)
    }

    public static let pooled = RegressionModel(countryEffects: false, yearEffects: false, errors: .classical)

    public var hasEffects: Bool { countryEffects || yearEffects }

    /// Whether anything differs from pooled least squares with classical errors.
    public var isPooledClassical: Bool {
        if case .classical = errors { return !hasEffects }
        return false
    }
}

/// What `label` writes beside each point of a plot.
public enum PlotLabel: String, Sendable, CaseIterable {
    /// The ISO code: short, so most labels fit.
    case country
    case name
}

/// Something the statement computes over rows: its label is the user's text.
public struct Variable: Sendable {
    public var label: String
    public var expression: TypedExpression
    public var type: ValueType

    public var unit: Unit? {
        if case .number(let unit) = type { return unit }
        return nil
    }
}

/// Which country-years a statement looks at.
public struct Scope: Sendable {
    public var dataset: Dataset
    public var filter: TypedExpression?
    /// The text of the `where` condition, for the sample ledger.
    public var filterText: String?
    public var years: ClosedRange<Int>
    public var yearsChosen: YearsChosen
    public var groupBy: Variable?
    /// A statement of period aggregates: one row per country (its cell in
    /// the last year), `filter` a condition on countries (SQL's HAVING), the
    /// condition on country-years bound into each aggregate.
    public var aggregated = false
    /// In an aggregated statement, the `where` that picks years (bound into
    /// every aggregate too): a country without one such year has no row.
    public var yearFilter: TypedExpression?
    /// Its text, for the ledger.
    public var yearFilterText: String?

    public enum YearsChosen: Sendable, Equatable {
        /// `in` or `during` in the statement.
        case clause
        /// `set year = …` earlier in the session.
        case setting
        /// Neither: every year that has data.
        case all
    }
}

public enum DescribeTarget: Sendable {
    case countries
    case indicator(Int)
    case attribute(Int)
    case group(Int)
    case binding(Binding)
    case country
    case countryName
    case year
    /// `describe growth`: what a time function computes.
    case timeFunction(TypedExpression.TimeFunction)
    /// `describe cagr`: what a period aggregate computes.
    case periodAggregate(TypedExpression.PeriodAggregate)
}
