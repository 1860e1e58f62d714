/// The syntax tree of a cq program, exactly as written: names are not yet
/// resolved and nothing is typed. Every node keeps its source range.

public struct Name: Sendable, Equatable {
    public var text: String
    public var range: SourceRange

    public init(_ text: String, _ range: SourceRange) {
        self.text = text
        self.range = range
    }
}

public struct Statement: Sendable, Equatable {
    public var command: Command
    public var clauses: Clauses
    /// From the first keyword to the last token of the statement.
    public var range: SourceRange
    /// The statement's leading keyword(s), e.g. `count countries`.
    public var keywordRange: SourceRange

    public init(command: Command, clauses: Clauses, range: SourceRange, keywordRange: SourceRange) {
        self.command = command
        self.clauses = clauses
        self.range = range
        self.keywordRange = keywordRange
    }
}

public enum Command: Sendable, Equatable {
    /// `correlate a, b [, c …]`
    case correlate([Expression])
    /// `regress y on x1, x2 … [without intercept]`
    case regress(response: Expression, terms: [Expression], intercept: Bool)
    /// `summarize [a, b …]`; no expressions means every indicator.
    case summarize([Expression])
    /// `list a, b …`
    case list([Expression])
    /// `count countries`
    case countCountries
    /// `rank x`
    case rank(Expression)
    /// `describe name`, `describe countries`
    case describe(DescribeSubject)
    /// `indicators [word]`: the dataset's indicators, or those whose id,
    /// label or source contains the word.
    case indicators(search: Name?)
    /// `countries`
    case countries
    /// `let name = expression`
    case bind(Name, Expression)
    /// `set name = value`
    case set(Name, SettingValue)
    /// `use name`, `use "path" [as format]`
    /// `use "file" as table (entity = "state", separator = ";")`: options
    /// that override what the loader would guess.
    /// `… adding`: the file's indicators join the dataset in use.
    case use(DatasetReference, format: Name?, options: [LoadOptionSyntax] = [], adding: SourceRange? = nil)
    /// `explain correlate …` or `explain regress …`: the statement's
    /// arithmetic, step by step.
    indirect case explain(Command)
    /// `plot y against x`: a scatter plot.
    case plot(y: Expression, x: Expression)

    /// The statement's entry in the catalogue.
    public var kind: StatementKind {
        switch self {
        case .correlate: return .correlate
        case .regress: return .regress
        case .summarize: return .summarize
        case .list: return .list
        case .countCountries: return .countCountries
        case .rank: return .rank
        case .describe: return .describe
        case .indicators: return .indicators
        case .countries: return .countries
        case .bind: return .bind
        case .set: return .set
        case .use: return .use
        case .explain: return .explain
        case .plot: return .plot
        }
    }

    /// The statement's name in messages and in JSON output.
    public var keyword: String { kind.name }
}

public enum DescribeSubject: Sendable, Equatable {
    case name(Name)
    /// `describe countries`: the keyword, so it needs its own case.
    case countries(SourceRange)
}

public enum DatasetReference: Sendable, Equatable {
    /// A built-in dataset: `use paper`.
    case builtin(Name)
    /// A file or folder: `use "WDICSV.csv"`.
    case path(String, SourceRange)
    /// Tables in a database: `use postgres "postgresql://host/db"`; the
    /// range is the location string's.
    case database(engine: Name, location: String, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .builtin(let name): return name.range
        case .path(_, let range): return range
        case .database(let engine, _, let range): return engine.range.joined(range)
        }
    }
}

public enum SettingValue: Sendable, Equatable {
    case number(Double, text: String, range: SourceRange)
    case years(YearFilter)
    case word(Name)
    case text(String, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .number(_, _, let range): return range
        case .years(let filter): return filter.range
        case .word(let name): return name.range
        case .text(_, let range): return range
        }
    }
}

/// The clauses that may follow a statement. Each appears at most once; which
/// ones a statement takes is in the catalogue (`StatementKind.clauses`).
public struct Clauses: Sendable, Equatable {
    public var filter: Expression?
    public var groupBy: Expression?
    /// `by … compare`: test whether the groups' correlations differ.
    public var compare: SourceRange?
    /// `listwise`: only rows with every variable present; `pairwise`
    /// (the default) lets each pair use every row where both are present.
    public var deletion: Deletion?
    public var years: YearFilter?
    public var method: Name?
    public var sort: SortOrder?
    public var limit: CountLimit?
    public var top: CountLimit?
    /// `label country`: what to write beside each point of a plot.
    public var label: Name?
    /// `with fit`: draw the least-squares line.
    public var fit: SourceRange?
    /// `to "file.svg"`: write the plot to a file.
    public var output: OutputFile?
    /// `plot x over year`: join each country's points year to year.
    public var over: SourceRange?
    /// `with country [and year] effects`: absorb a fixed effect per country,
    /// per year, or both (the within estimator).
    public var effects: FixedEffectsClause?
    /// `robust` or `cluster by V`: how a regression's standard errors are
    /// estimated.
    public var errors: StandardErrorClause?

    public init() {}

    public var isEmpty: Bool {
        filter == nil && groupBy == nil && years == nil && method == nil && sort == nil && limit == nil && top == nil
            && deletion == nil && label == nil && fit == nil && output == nil && over == nil && effects == nil
            && errors == nil
    }
}

/// `with country effects`, `with year effects` or `with country and year
/// effects` (either order).
public struct FixedEffectsClause: Sendable, Equatable {
    public var country: Bool
    public var year: Bool
    public var range: SourceRange

    public init(country: Bool, year: Bool, range: SourceRange) {
        self.country = country
        self.year = year
        self.range = range
    }
}

/// `robust` (heteroskedasticity-robust, HC1) or `cluster by V` (one-way
/// cluster-robust by the values of V).
public enum StandardErrorClause: Sendable, Equatable {
    case robust(SourceRange)
    case cluster(Expression, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .robust(let range): return range
        case .cluster(_, let range): return range
        }
    }
}

public struct OutputFile: Sendable, Equatable {
    public var path: String
    public var range: SourceRange

    public init(path: String, range: SourceRange) {
        self.path = path
        self.range = range
    }
}

public struct Deletion: Sendable, Equatable {
    public var listwise: Bool
    public var range: SourceRange

    public init(listwise: Bool, range: SourceRange) {
        self.listwise = listwise
        self.range = range
    }
}

public struct YearFilter: Sendable, Equatable {
    public var first: Int
    public var last: Int
    public var range: SourceRange

    public init(first: Int, last: Int, range: SourceRange) {
        self.first = first
        self.last = last
        self.range = range
    }
}

public struct SortOrder: Sendable, Equatable {
    public var key: Expression
    public var descending: Bool
    public var range: SourceRange

    public init(key: Expression, descending: Bool, range: SourceRange) {
        self.key = key
        self.descending = descending
        self.range = range
    }
}

public struct CountLimit: Sendable, Equatable {
    public var count: Int
    public var range: SourceRange

    public init(count: Int, range: SourceRange) {
        self.count = count
        self.range = range
    }
}

public struct Expression: Sendable, Equatable {
    public let kind: ExpressionKind
    public let range: SourceRange
    /// The depth of the tree rooted here. The checker and evaluator recurse
    /// this deep, so the parser refuses trees deeper than
    /// `Parser.maximumNesting`. Stored, so that checking it costs nothing.
    public let height: Int

    public init(_ kind: ExpressionKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
        height = (Self.children(of: kind).map(\.height).max() ?? 0) + 1
    }

    /// The expressions directly below this one, left to right.
    public var children: [Expression] { Self.children(of: kind) }

    private static func children(of kind: ExpressionKind) -> [Expression] {
        switch kind {
        case .number, .string, .name: return []
        case .negate(let operand), .not(let operand): return [operand]
        case .arithmetic(_, let left, let right), .comparison(_, let left, let right), .logical(_, let left, let right):
            return [left, right]
        case .membership(let value, let members, _): return [value] + members
        case .between(let value, let low, let high, _): return [value, low, high]
        case .call(_, let arguments): return arguments
        }
    }
}

public indirect enum ExpressionKind: Sendable, Equatable {
    case number(Double, text: String)
    case string(String)
    case name(String)
    case negate(Expression)
    case not(Expression)
    case arithmetic(ArithmeticOperator, Expression, Expression)
    case comparison(ComparisonOperator, Expression, Expression)
    case logical(LogicalOperator, Expression, Expression)
    /// `x [not] in (a, b, …)`
    case membership(Expression, [Expression], negated: Bool)
    /// `x [not] between low and high`
    case between(Expression, low: Expression, high: Expression, negated: Bool)
    case call(Name, [Expression])
}

public enum ArithmeticOperator: String, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case power = "^"
}

public enum ComparisonOperator: String, Sendable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
}

public enum LogicalOperator: String, Sendable, CaseIterable {
    case and, or
}

/// One `name = "value"` of `use … as table (…)`.
public struct LoadOptionSyntax: Sendable, Equatable {
    public var name: Name
    public var value: String
    public var valueRange: SourceRange

    public init(name: Name, value: String, valueRange: SourceRange) {
        self.name = name
        self.value = value
        self.valueRange = valueRange
    }
}
