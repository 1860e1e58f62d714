/// What `.help` says about each statement: its syntax, what it does, and an
/// example that runs on the built-in `world` dataset (a test runs them all,
/// so the help never shows a query that fails).
public struct StatementHelp: Sendable, Equatable {
    public var name: String
    public var syntax: String
    public var summary: String
    public var example: String

    public static let all: [StatementHelp] = [
        StatementHelp(
            name: "correlate",
            syntax: "correlate X, Y [, Z …] [where COND] [in YEAR | during Y1..Y2] [by GROUP [compare]] [using pearson|spearman|kendall] [listwise|pairwise]",
            summary: "Correlation with r, n, p and a 95% confidence interval; a matrix for three or more variables; `by … compare` tests whether groups differ.",
            example: "correlate competitiveness, innovation where region = \"EU\""),
        StatementHelp(
            name: "regress",
            syntax: "regress Y on X1 [, X2 …] [without intercept] [where COND] [in YEAR | during Y1..Y2]",
            summary: "Least-squares regression: coefficients with units, standard errors, t, p, R² and F.",
            example: "regress innovation on competitiveness"),
        StatementHelp(
            name: "summarize",
            syntax: "summarize [X, …] [where COND] [in YEAR | during Y1..Y2] [by GROUP]",
            summary: "n, mean, standard deviation, minimum, quartiles and maximum of each variable.",
            example: "summarize gdp_per_capita in 2020 by income_group"),
        StatementHelp(
            name: "list",
            syntax: "list X [, Y …] [where COND] [in YEAR | during Y1..Y2] [sort by X [asc|desc]] [limit N]",
            summary: "The values themselves, one row per country and year.",
            example: "list name, gdp_per_capita where region = \"EU\" in 2020 sort by gdp_per_capita desc limit 5"),
        StatementHelp(
            name: "count",
            syntax: "count countries [where COND] [in YEAR | during Y1..Y2] [by GROUP]",
            summary: "How many countries match, with data in the years asked for.",
            example: "count countries where gdp_per_capita > 30000 in 2020"),
        StatementHelp(
            name: "rank",
            syntax: "rank X [where COND] [in YEAR | during Y1..Y2] [top N]",
            summary: "Countries ordered by a value, highest first (ties share a rank); the latest well-covered year by default.",
            example: "rank rnd where region = \"EU\" top 5"),
        StatementHelp(
            name: "describe",
            syntax: "describe NAME | describe countries | describe regions",
            summary: "What an indicator, attribute, group or binding means: its unit, source, coverage and years.",
            example: "describe innovation"),
        StatementHelp(
            name: "indicators",
            syntax: "indicators",
            summary: "The indicators of the dataset in use, with units and coverage.",
            example: "indicators"),
        StatementHelp(
            name: "countries",
            syntax: "countries [where COND] [in YEAR | during Y1..Y2]",
            summary: "The countries (ISO code, name and attributes), optionally filtered.",
            example: "countries where region = \"CIS\""),
        StatementHelp(
            name: "let",
            syntax: "let NAME = EXPRESSION",
            summary: "Names an expression for later statements; units follow the arithmetic.",
            example: "let gdp = gdp_per_capita * population"),
        StatementHelp(
            name: "set",
            syntax: "set year = YEAR | Y1..Y2 | all;  set method = pearson|spearman|kendall",
            summary: "Defaults for the statements that follow: the years used without `in`/`during`, the correlation method.",
            example: "set year = 2015..2020"),
        StatementHelp(
            name: "use",
            syntax: "use NAME | use \"PATH\" [as cq|wdi|owid|table]",
            summary: "Switches to a built-in dataset or loads your own file or folder; `let` bindings follow the new data.",
            example: "use paper"),
        StatementHelp(
            name: "explain",
            syntax: "explain correlate X, Y [using pearson|spearman] [where COND] [in YEAR | during Y1..Y2] | explain regress Y on X [where …] [in …]",
            summary: "The arithmetic behind r or a fitted line, step by step with the real numbers: means, deviations, sums, the statistic, t and p.",
            example: "explain correlate competitiveness, innovation"),
        StatementHelp(
            name: "plot",
            syntax: "plot Y against X [where COND] [in YEAR | during Y1..Y2] [label country|name] [with fit] [to \"FILE.svg\"]",
            summary: "A scatter plot: drawn in the terminal, or written as a standalone SVG file with `to`.",
            example: "plot innovation against competitiveness label country with fit"),
    ]

    public static func named(_ name: String) -> StatementHelp? {
        all.first { $0.name == name.lowercased() }
    }
}
