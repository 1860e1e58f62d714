/// The syntax tree of a cq program, exactly as written: names are not yet
/// resolved and nothing is typed. Every node keeps its source range.

package struct Name: Sendable, Equatable {
    package var text: String
    package var range: SourceRange

    package init(_ text: String, _ range: SourceRange) {
        self.text = text
        self.range = range
    }
}

package struct Statement: Sendable, Equatable {
    package var command: Command
    package var clauses: Clauses
    /// From the first keyword to the last token of the statement.
    package var range: SourceRange
    /// The statement's leading keyword(s), e.g. `count countries`.
    package var keywordRange: SourceRange

    package init(command: Command, clauses: Clauses, range: SourceRange, keywordRange: SourceRange) {
        self.command = command
        self.clauses = clauses
        self.range = range
        self.keywordRange = keywordRange
    }
}

package enum Command: Sendable, Equatable {
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
    case use(DatasetReference, format: Name?)
    /// `explain correlate …` or `explain regress …`: the statement's
    /// arithmetic, step by step.
    indirect case explain(Command)
    /// `plot y against x`: a scatter plot.
    case plot(y: Expression, x: Expression)

    /// The statement's entry in the catalogue.
    package var kind: StatementKind {
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
    package var keyword: String { kind.name }
}

package enum DescribeSubject: Sendable, Equatable {
    case name(Name)
    /// `describe countries`: the keyword, so it needs its own case.
    case countries(SourceRange)
}

package enum DatasetReference: Sendable, Equatable {
    /// A built-in dataset: `use paper`.
    case builtin(Name)
    /// A file or folder: `use "WDICSV.csv"`.
    case path(String, SourceRange)

    package var range: SourceRange {
        switch self {
        case .builtin(let name): return name.range
        case .path(_, let range): return range
        }
    }
}

package enum SettingValue: Sendable, Equatable {
    case number(Double, text: String, range: SourceRange)
    case years(YearFilter)
    case word(Name)
    case text(String, range: SourceRange)

    package var range: SourceRange {
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
package struct Clauses: Sendable, Equatable {
    package var filter: Expression?
    package var groupBy: Expression?
    /// `by … compare`: test whether the groups' correlations differ.
    package var compare: SourceRange?
    /// `listwise`: only rows with every variable present; `pairwise`
    /// (the default) lets each pair use every row where both are present.
    package var deletion: Deletion?
    package var years: YearFilter?
    package var method: Name?
    package var sort: SortOrder?
    package var limit: CountLimit?
    package var top: CountLimit?
    /// `label country`: what to write beside each point of a plot.
    package var label: Name?
    /// `with fit`: draw the least-squares line.
    package var fit: SourceRange?
    /// `to "file.svg"`: write the plot to a file.
    package var output: OutputFile?

    package init() {}

    package var isEmpty: Bool {
        filter == nil && groupBy == nil && years == nil && method == nil && sort == nil && limit == nil && top == nil
            && deletion == nil && label == nil && fit == nil && output == nil
    }
}

package struct OutputFile: Sendable, Equatable {
    package var path: String
    package var range: SourceRange

    package init(path: String, range: SourceRange) {
        self.path = path
        self.range = range
    }
}

package struct Deletion: Sendable, Equatable {
    package var listwise: Bool
    package var range: SourceRange

    package init(listwise: Bool, range: SourceRange) {
        self.listwise = listwise
        self.range = range
    }
}

package struct YearFilter: Sendable, Equatable {
    package var first: Int
    package var last: Int
    package var range: SourceRange

    package init(first: Int, last: Int, range: SourceRange) {
        self.first = first
        self.last = last
        self.range = range
    }
}

package struct SortOrder: Sendable, Equatable {
    package var key: Expression
    package var descending: Bool
    package var range: SourceRange

    package init(key: Expression, descending: Bool, range: SourceRange) {
        self.key = key
        self.descending = descending
        self.range = range
    }
}

package struct CountLimit: Sendable, Equatable {
    package var count: Int
    package var range: SourceRange

    package init(count: Int, range: SourceRange) {
        self.count = count
        self.range = range
    }
}

package struct Expression: Sendable, Equatable {
    package let kind: ExpressionKind
    package let range: SourceRange
    /// The depth of the tree rooted here. The checker and evaluator recurse
    /// this deep, so the parser refuses trees deeper than
    /// `Parser.maximumNesting`. Stored, so that checking it costs nothing.
    package let height: Int

    package init(_ kind: ExpressionKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
        switch kind {
        case .number, .string, .name:
            height = 1
        case .negate(let operand), .not(let operand):
            height = operand.height + 1
        case .arithmetic(_, let left, let right), .comparison(_, let left, let right), .logical(_, let left, let right):
            height = max(left.height, right.height) + 1
        case .membership(let value, let members, _):
            height = max(value.height, members.map(\.height).max() ?? 0) + 1
        case .between(let value, let low, let high, _):
            height = max(value.height, low.height, high.height) + 1
        case .call(_, let arguments):
            height = (arguments.map(\.height).max() ?? 0) + 1
        }
    }
}

package indirect enum ExpressionKind: Sendable, Equatable {
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

package enum ArithmeticOperator: String, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case power = "^"
}

package enum ComparisonOperator: String, Sendable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
}

package enum LogicalOperator: String, Sendable, CaseIterable {
    case and, or
}
