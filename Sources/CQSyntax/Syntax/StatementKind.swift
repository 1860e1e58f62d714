/// The catalogue of cq's statements: one entry per statement, holding what
/// the parser, the clause rules, misspelling hints, completion and `.help`
/// need to know about it. Everything that lists statements derives its list
/// from here, so a new statement is one case, not a dozen edits.
public enum StatementKind: String, Sendable, CaseIterable {
    case correlate
    case regress
    case summarize
    case list
    case countCountries = "count countries"
    case rank
    case describe
    case indicators
    case countries
    case bind = "let"
    case set
    case use
    case explain
    case plot

    /// The statement's name in messages and in JSON output.
    public var name: String { rawValue }

    /// The keyword that starts the statement.
    public var keyword: Keyword {
        switch self {
        case .correlate: return .correlate
        case .regress: return .regress
        case .summarize: return .summarize
        case .list: return .list
        case .countCountries: return .count
        case .rank: return .rank
        case .describe: return .describe
        case .indicators: return .indicators
        case .countries: return .countries
        case .bind: return .let
        case .set: return .set
        case .use: return .use
        case .explain: return .explain
        case .plot: return .plot
        }
    }

    /// The statement that `keyword` starts, if it starts one.
    public init?(keyword: Keyword) {
        guard let kind = StatementKind.allCases.first(where: { $0.keyword == keyword }) else { return nil }
        self = kind
    }

    /// The keywords that start statements, in catalogue order.
    public static let keywords: [Keyword] = allCases.map(\.keyword)

    /// The clauses the statement takes, in the order the grammar lists them.
    /// `explain` takes those of the statement it explains.
    public var clauses: [Clause] {
        switch self {
        case .correlate: return [.filter, .groupBy, .years, .method, .deletion, .output]
        case .regress: return [.filter, .years, .effects, .errors, .output]
        case .summarize: return [.filter, .groupBy, .years, .output]
        case .list: return [.filter, .years, .sort, .limit, .output]
        case .countCountries: return [.filter, .groupBy, .years, .output]
        case .rank: return [.filter, .years, .top, .output]
        case .countries: return [.filter, .years, .output]
        case .plot: return [.filter, .years, .label, .fit, .output]
        case .describe, .indicators, .bind, .set, .use, .explain: return []
        }
    }

    /// The keyword that separates the statement's own parts (`regress y on
    /// x`, `plot y against x`): completion offers it until it is written.
    /// Words that may stand instead of the separator (`plot y over year`).
    public var separatorAlternatives: [String] {
        self == .plot ? ["over"] : []
    }

    public var separator: Keyword? {
        switch self {
        case .regress: return .on
        case .plot: return .against
        case .correlate, .summarize, .list, .countCountries, .rank, .describe, .indicators, .countries, .bind, .set,
            .use, .explain:
            return nil
        }
    }

    /// Words of the statement's own syntax that may follow its last value,
    /// before any clause: `regress y on x without intercept`.
    public var trailingWords: [Keyword] {
        switch self {
        case .regress: return [.without]
        case .correlate, .summarize, .list, .countCountries, .rank, .describe, .indicators, .countries, .bind, .set,
            .use, .explain, .plot:
            return []
        }
    }

    /// What is written right after the statement's keyword, for completion.
    public enum Operand: Sendable {
        /// Numbers: indicators, bindings, `year`.
        case numbers
        /// Any value, text and categories included (`list`).
        case values
        /// The name of a dataset (`use`).
        case dataset
        /// A name to describe (`describe`).
        case described
        /// A setting's name (`set`).
        case setting
        /// A new name (`let`): nothing to offer.
        case newName
        /// A fixed word: `count countries`, `explain correlate`.
        case words([String])
        /// Nothing: the statement may end, or take its clauses.
        case clausesOnly
    }

    public var operand: Operand {
        switch self {
        case .correlate, .regress, .summarize, .rank, .plot: return .numbers
        case .list: return .values
        case .countCountries: return .words(["countries"])
        case .describe: return .described
        case .indicators, .countries: return .clausesOnly
        case .bind: return .newName
        case .set: return .setting
        case .use: return .dataset
        case .explain: return .words([StatementKind.correlate.name, StatementKind.regress.name])
        }
    }

    /// What `.help` says about the statement.
    public var help: StatementHelp {
        switch self {
        case .correlate:
            return StatementHelp(
                name: "correlate",
                syntax:
                    "correlate X, Y [, Z …] [where COND] [in YEAR | during Y1..Y2] [by GROUP [compare]] [using pearson|spearman|kendall] [listwise|pairwise]",
                summary:
                    "Correlation with r, n, p and a 95% confidence interval; a matrix for three or more variables; `by … compare` tests whether groups differ.",
                example: "correlate competitiveness, innovation where region = \"EU\"")
        case .regress:
            return StatementHelp(
                name: "regress",
                syntax:
                    "regress Y on X1 [, X2 …] [without intercept] [with country|year|country and year effects] [robust | cluster by GROUP] [where COND] [in YEAR | during Y1..Y2]",
                summary:
                    "Least-squares regression: coefficients with units, standard errors, t, p, R² and F; fixed effects by the within estimator; robust (HC1) or clustered standard errors.",
                example: "regress innovation on competitiveness")
        case .summarize:
            return StatementHelp(
                name: "summarize",
                syntax: "summarize [X, …] [where COND] [in YEAR | during Y1..Y2] [by GROUP]",
                summary: "n, mean, standard deviation, minimum, quartiles and maximum of each variable.",
                example: "summarize gdp_per_capita in 2020 by income_group")
        case .list:
            return StatementHelp(
                name: "list",
                syntax: "list X [, Y …] [where COND] [in YEAR | during Y1..Y2] [sort by X [asc|desc]] [limit N]",
                summary: "The values themselves, one row per country and year.",
                example: "list name, gdp_per_capita where region = \"EU\" in 2020 sort by gdp_per_capita desc limit 5")
        case .countCountries:
            return StatementHelp(
                name: "count",
                syntax: "count countries [where COND] [in YEAR | during Y1..Y2] [by GROUP]",
                summary: "How many countries match, with data in the years asked for.",
                example: "count countries where gdp_per_capita > 30000 in 2020")
        case .rank:
            return StatementHelp(
                name: "rank",
                syntax: "rank X [where COND] [in YEAR | during Y1..Y2] [top N]",
                summary:
                    "Countries ordered by a value, highest first (ties share a rank); the latest well-covered year by default.",
                example: "rank rnd where region = \"EU\" top 5")
        case .describe:
            return StatementHelp(
                name: "describe",
                syntax: "describe NAME | describe countries | describe regions",
                summary: "What an indicator, attribute, group or binding means: its unit, source, coverage and years.",
                example: "describe innovation")
        case .indicators:
            return StatementHelp(
                name: "indicators",
                syntax: "indicators [WORD | \"TEXT\"]",
                summary:
                    "The indicators of the dataset in use, with units and coverage; with a word, those whose id, label or source contains it.",
                example: "indicators gdp")
        case .countries:
            return StatementHelp(
                name: "countries",
                syntax: "countries [where COND] [in YEAR | during Y1..Y2]",
                summary: "The countries (ISO code, name and attributes), optionally filtered.",
                example: "countries where region = \"CIS\"")
        case .bind:
            return StatementHelp(
                name: "let",
                syntax: "let NAME = EXPRESSION",
                summary: "Names an expression for later statements; units follow the arithmetic.",
                example: "let gdp = gdp_per_capita * population")
        case .set:
            return StatementHelp(
                name: "set",
                syntax: "set year = YEAR | Y1..Y2 | all;  set method = pearson|spearman|kendall",
                summary:
                    "Defaults for the statements that follow: the years used without `in`/`during`, the correlation method.",
                example: "set year = 2015..2020")
        case .use:
            return StatementHelp(
                name: "use",
                syntax: "use NAME | use \"PATH\" [as cq|wdi|owid|table] | use postgres \"CONNECTION\" [(schema = …)]",
                summary:
                    "Switches to a built-in dataset, loads your own file or folder, or reads tables in PostgreSQL; `let` bindings follow the new data.",
                example: "use paper")
        case .explain:
            return StatementHelp(
                name: "explain",
                syntax:
                    "explain correlate X, Y [using pearson|spearman] [where COND] [in YEAR | during Y1..Y2] | explain regress Y on X [where …] [in …]",
                summary:
                    "The arithmetic behind r or a fitted line, step by step with the real numbers: means, deviations, sums, the statistic, t and p.",
                example: "explain correlate competitiveness, innovation")
        case .plot:
            return StatementHelp(
                name: "plot",
                syntax:
                    "plot Y against X [where COND] [in YEAR | during Y1..Y2] [label country|name] [with fit] [to \"FILE.svg\"]",
                summary: "A scatter plot: drawn in the terminal, or written as a standalone SVG file with `to`.",
                example: "plot innovation against competitiveness label country with fit")
        }
    }
}

/// What `.help` says about a statement: its syntax, what it does, and an
/// example that runs on the built-in `world` dataset (a test runs them all,
/// so the help never shows a query that fails).
public struct StatementHelp: Sendable, Equatable {
    public var name: String
    public var syntax: String
    public var summary: String
    public var example: String

    public static let all: [StatementHelp] = StatementKind.allCases.map(\.help)

    public static func named(_ name: String) -> StatementHelp? {
        all.first { $0.name == name.lowercased() }
    }
}
