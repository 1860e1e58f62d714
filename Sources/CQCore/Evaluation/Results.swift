/// What a statement produced, as values. Renderers turn these into tables,
/// Markdown, CSV or JSON; nothing here knows how it will be shown.
public struct StatementResult: Sendable {
    /// The statement as written, e.g. for `.last` or a lesson's code block.
    public var statementText: String
    public var value: ResultValue
    /// `to "FILE"`: the front end writes the result there too.
    public var file: ResultFile?

    public init(statementText: String, value: ResultValue, file: ResultFile? = nil) {
        self.statementText = statementText
        self.value = value
        self.file = file
    }
}

public enum ResultValue: Sendable {
    case correlation(CorrelationResult)
    case regression(RegressionResult)
    case summary(SummaryResult)
    case count(CountResult)
    case ranking(RankingResult)
    /// `list`, `indicators`, `countries`: rows and columns.
    case table(TableResult)
    /// `describe`: labelled facts.
    case description(DescriptionResult)
    /// `let`: the binding as defined.
    case binding(BindingResult)
    /// `set`: the setting as it now stands.
    case setting(SettingResult)
    /// `use`: the dataset now in use, and what switching changed.
    case datasetSwitch(DatasetSwitchResult)
    /// `explain`: the working of a statistic.
    case explanation(ExplanationResult)
    /// `plot`: the points of a scatter plot.
    case plot(PlotResult)

    /// The statement keyword, used as `"statement"` in JSON output.
    public var statement: String {
        switch self {
        case .correlation: return "correlate"
        case .regression: return "regress"
        case .summary: return "summarize"
        case .count: return "count"
        case .ranking: return "rank"
        case .table(let table): return table.statement
        case .description: return "describe"
        case .binding: return StatementKind.bind.name
        case .setting: return StatementKind.set.name
        case .datasetSwitch: return StatementKind.use.name
        case .explanation: return "explain"
        case .plot: return "plot"
        }
    }
}

/// One country-year of a two-variable sample.
public struct PairedObservation: Sendable, Equatable {
    public var country: String
    public var name: String
    public var year: Int
    public var x: Double
    public var y: Double
}

public struct ExplanationResult: Sendable {
    public enum Working: Sendable {
        /// Spearman's rho is Pearson's r computed on ranks: `ranks` holds
        /// them, in the order of `observations`.
        case correlation(CorrelationMethod, CorrelationWorking, ranks: [(x: Double, y: Double)]?)
        case regression(RegressionWorking)
    }

    public var working: Working
    /// The first variable (correlate) or the explanatory one (regress): x.
    public var x: String
    public var y: String
    public var xUnit: Unit?
    public var yUnit: Unit?
    public var observations: [PairedObservation]
    public var ledger: SampleLedger
}

public struct PlotResult: Sendable {
    public var x: String
    public var y: String
    public var xUnit: Unit?
    public var yUnit: Unit?
    public var observations: [PairedObservation]
    public var label: PlotLabel?
    /// The least-squares line, when `with fit` asked for it.
    public var fit: RegressionWorking?
    /// `to "file.svg"`: where the front end should write the SVG.
    public var output: String?
    public var datasetName: String
    public var ledger: SampleLedger
    /// `plot x over year`: each country's points joined year to year.
    public var overTime = false
}

/// Which rows a statement used and which it had to leave out, and why: the
/// line a careful reader needs next to every statistic.
public struct SampleLedger: Sendable, Equatable {
    public struct Missing: Sendable, Equatable {
        public var variable: String
        public var rows: Int
        /// Codes of the countries with a missing value, sorted.
        public var countries: [String]
    }

    /// Country-years in the selected years with a value for any variable.
    public var candidates: Int
    /// The `where` condition, if any.
    public var filter: String?
    /// Of the candidates, those the filter kept (all of them without a filter).
    public var kept: Int
    /// Kept rows lacking a value, per variable.
    public var missing: [Missing]
    /// Rows with every value present.
    public var used: Int
    /// Countries among the used rows, sorted by code.
    public var countries: [String]
    /// The years among the used rows, ascending.
    public var years: [Int]
    /// The years the statement looked at, and how they were chosen.
    public var yearRange: ClosedRange<Int>
    public var yearsChosen: Scope.YearsChosen
    /// The most years any single country contributes to the used rows.
    public var maximumYearsPerCountry: Int
    /// Kept rows left out of every `by` group because their key is missing.
    public var withoutGroup: Int = 0
    /// For a statement of period aggregates, whose rows are countries.
    public var period: Period?
    /// For a pairwise matrix, whose cells use different rows.
    public var pairwise: Pairwise?

    /// What the cells of a pairwise matrix used: each cell has its own rows
    /// (the country-years where both of its variables have a value).
    public struct Pairwise: Sendable, Equatable {
        public struct Cell: Sendable, Equatable {
            public var x: String
            public var y: String
            public var n: Int
            /// The years of its rows; nil when it has none.
            public var years: ClosedRange<Int>?
            /// The most years any country contributes to it.
            public var maximumYearsPerCountry: Int
        }
        public var cells: [Cell]
        /// The years of the rows with a value of any variable.
        public var keptYears: ClosedRange<Int>?
    }

    public struct Period: Sendable, Equatable {
        public var years: ClosedRange<Int>
        /// The `where` that picked the years, if any.
        public var yearFilter: String?
        /// Years with a value among the used countries: fewest, median, most.
        public var yearsPerCountry: (minimum: Int, median: Double, maximum: Int)

        public static func == (a: Period, b: Period) -> Bool {
            a.years == b.years && a.yearFilter == b.yearFilter && a.yearsPerCountry == b.yearsPerCountry
        }
    }
}

public struct CorrelationResult: Sendable {
    public var variables: [String]
    public var units: [Unit?]
    public var method: CorrelationMethod
    /// The `by` expression, when there is one.
    public var groupedBy: String?
    public var groups: [Group]
    /// The rows of all groups together.
    public var ledger: SampleLedger
    /// True with `listwise`: every cell uses only rows with all variables.
    public var listwise: Bool
    /// `by … compare`: whether the groups' correlations differ; nil when not
    /// asked for, or when fewer than two groups qualify (`comparisonAsked`).
    public var comparison: CorrelationComparison?
    public var comparisonAsked: Bool

    public struct Group: Sendable {
        /// Nil without `by`.
        public var name: String?
        /// One per pair of variables (i < j), in row-major order.
        public var cells: [Cell]
        public var ledger: SampleLedger
    }

    public struct Cell: Sendable {
        public var row: Int
        public var column: Int
        public var estimate: CorrelationEstimate
    }

    public var isMatrix: Bool { variables.count > 2 }
}

public struct RegressionResult: Sendable {
    public var response: String
    public var fit: RegressionFit
    /// The unit of each coefficient, in the fit's order: the response's unit
    /// per unit of the term (the response's own for the intercept).
    public var units: [Unit?]
    public var ledger: SampleLedger
    /// The absorbed fixed effects, if any: groups and observations per group.
    public var effects: [PanelRegression.EffectSummary] = []
    /// Observations the effects made useless (see `PanelRegression`):
    /// singletons, and those of groups without variation.
    public var droppedSingletons = 0
    public var droppedConstant = 0
    public var constantGroups = 0
    /// `cluster by …`: what the standard errors are clustered by.
    public var clusteredBy: String?
    /// True when each country's rows all fall in one cluster (`cluster by
    /// country`, or by a fixed attribute of countries).
    public var clustersHoldCountries = false
}

public struct SummaryResult: Sendable {
    public var groupedBy: String?
    public var groups: [Group]
    /// The rows of all groups together.
    public var ledger: SampleLedger

    public struct Group: Sendable {
        public var name: String?
        public var rows: [Row]
        public var ledger: SampleLedger
    }

    public struct Row: Sendable {
        public var variable: String
        public var unit: Unit?
        public var summary: Summary
    }
}

public struct CountResult: Sendable {
    public var groupedBy: String?
    public var groups: [Group]
    public var filter: String?
    public var yearRange: ClosedRange<Int>
    /// The condition was on period aggregates: countries, not country-years.
    public var aggregated = false

    public struct Group: Sendable {
        public var name: String?
        /// Distinct countries with at least one selected year.
        public var countries: Int
        public var countryYears: Int
    }
}

public struct RankingResult: Sendable {
    public var variable: String
    public var unit: Unit?
    public var year: Int?
    /// Set when no year was given and cq picked one: the latest year in which
    /// at least half as many countries have a value as in the best-covered
    /// year, so that a year with a handful of early reports is not taken.
    public var chosenYear: ChosenYear?

    public struct ChosenYear: Sendable {
        public var year: Int
        /// Countries with a value in the chosen year, in the latest year with
        /// any value, and in the best-covered year.
        public var countries: Int
        public var latestYear: Int
        public var countriesInLatestYear: Int
        public var countriesInBestYear: Int
    }
    public var rows: [Row]
    /// Rows before `top` cut the list.
    public var totalRows: Int
    /// Rows shown beyond `top` because they tie with the last one.
    public var tiesAtCut: Int
    public var ledger: SampleLedger

    public struct Row: Sendable {
        public var rank: Int
        public var country: String
        public var name: String
        public var year: Int
        public var value: Double
    }
}

public enum Cell: Sendable, Equatable {
    case number(Double)
    case integer(Int)
    case text(String)
    case boolean(Bool)
    case year(Int)
    case missing
}

public struct TableResult: Sendable {
    public var statement: String
    public var title: String?
    public var columns: [String]
    public var rows: [[Cell]]
    /// Rows before `limit` cut the table.
    public var totalRows: Int
    public var ledger: SampleLedger?
    public var notes: [TableNote]
}

/// What a table's footer says, as values; the presenter words them.
public enum TableNote: Sendable, Equatable {
    /// `limit` cut the rows.
    case showing(Int, of: Int)
    /// `countries` over several years shows each country's region as of its
    /// latest selected year.
    case regionAsOfLatestYear(upTo: Int)
    /// `indicators WORD`: how many of the dataset's indicators matched.
    case matched(Int, of: Int, search: String)
    /// `indicators WORD` matched none.
    case noMatch(search: String, dataset: String, indicators: Int)
    /// Where to read more about an indicator.
    case describeHint
}

/// `describe`: what a name means, as typed facts. The presenter words
/// them; JSON takes each fact's key, which never depends on the data.
public struct DescriptionResult: Sendable {
    public var title: String
    public var facts: [DescriptionFact]
}

public struct DescriptionFact: Sendable {
    /// The fact's JSON key, fixed whatever the data (see README, JSON output).
    public enum Key: String, Sendable, CaseIterable {
        case countries, years, attributes, groups
        case byContinent = "by_continent"
        case label, type
        case variesByYear = "varies_by_year"
        case values
        case countriesByValue = "countries_by_value"
        case members
        case memberCodes = "member_codes"
        case definition, unit
        case unitInArithmetic = "unit_in_arithmetic"
        case kind, bounds, source, licence, url, coverage
        case missingShare = "missing_share"
        case note, hint
    }

    public enum Value: Sendable {
        case text(String)
        case count(Int)
        /// "218 countries"
        case countries(Int)
        case flag(Bool)
        case years(ClosedRange<Int>)
        case names([String])
        /// Countries per value, in the values' order; `truncated` when more
        /// values exist than are listed.
        case counts([(name: String, count: Int)], truncated: Bool)
        case bounds(low: Double?, high: Double?)
        case coverage(observations: Int, countries: Int, years: ClosedRange<Int>)
        /// An indicator without a single observation.
        case noObservations
        /// Percent of the covered countries × years without a value.
        case missingShare(Double)
    }

    public var key: Key
    public var value: Value
    /// The year a count refers to (`countries in 2024`), when it refers to one.
    public var year: Int?

    public init(_ key: Key, _ value: Value, year: Int? = nil) {
        self.key = key
        self.value = value
        self.year = year
    }
}

/// `let name = definition`.
public struct BindingResult: Sendable {
    public var name: String
    /// The definition as the user wrote it.
    public var definition: String
    public var type: ValueType
}

/// `set year = …` or `set method = …`, as it now stands.
public struct SettingResult: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        /// Statements without a year clause use these years.
        case years(ClosedRange<Int>)
        /// Statements without a year clause use every year with data.
        case allYears
        case method(CorrelationMethod)
    }

    public var setting: Setting
    public var value: Value

    /// The value as `set` would accept it back: `2017`, `2000..2020`, `all`, `spearman`.
    public var valueText: String {
        switch value {
        case .years(let years) where years.count == 1: return String(years.lowerBound)
        case .years(let years): return "\(years.lowerBound)..\(years.upperBound)"
        case .allYears: return "all"
        case .method(let method): return method.rawValue
        }
    }
}

/// `use`: the dataset switched to, how a file was read, and what the
/// switch changed in the session.
public struct DatasetSwitchResult: Sendable {
    public var dataset: String
    public var countries: Int
    public var indicators: Int
    public var years: ClosedRange<Int>
    /// How a file was read; nil for a built-in dataset.
    public var report: LoadReport?
    public var notes: [DatasetSwitchNote]
}

/// What switching datasets changed, besides the data.
public enum DatasetSwitchNote: Sendable, Equatable {
    /// The new dataset has its own `name`; the user's `let name` yields to it.
    case bindingSetAside(name: String)
    /// `set year` chose years the new dataset lacks, so it was cleared.
    case yearSettingCleared(dataset: String, covers: ClosedRange<Int>)
    /// `use "file" adding`: the file's indicators joined `dataset`.
    case indicatorsAdded(IndicatorAddition, to: String)
    /// `use postgres "…"`: the values stay there (where, without a password).
    case inDatabase(String)
}
