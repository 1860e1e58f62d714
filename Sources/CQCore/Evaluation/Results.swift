/// What a statement produced, as values. Renderers turn these into tables,
/// Markdown, CSV or JSON; nothing here knows how it will be shown.
package struct StatementResult: Sendable {
    /// The statement as written, e.g. for `.last` or a lesson's code block.
    package var statementText: String
    package var value: ResultValue

    package init(statementText: String, value: ResultValue) {
        self.statementText = statementText
        self.value = value
    }
}

package enum ResultValue: Sendable {
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
    package var statement: String {
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
package struct PairedObservation: Sendable, Equatable {
    package var country: String
    package var name: String
    package var year: Int
    package var x: Double
    package var y: Double
}

package struct ExplanationResult: Sendable {
    package enum Working: Sendable {
        /// Spearman's rho is Pearson's r computed on ranks: `ranks` holds
        /// them, in the order of `observations`.
        case correlation(CorrelationMethod, CorrelationWorking, ranks: [(x: Double, y: Double)]?)
        case regression(RegressionWorking)
    }

    package var working: Working
    /// The first variable (correlate) or the explanatory one (regress): x.
    package var x: String
    package var y: String
    package var xUnit: Unit?
    package var yUnit: Unit?
    package var observations: [PairedObservation]
    package var ledger: SampleLedger
}

package struct PlotResult: Sendable {
    package var x: String
    package var y: String
    package var xUnit: Unit?
    package var yUnit: Unit?
    package var observations: [PairedObservation]
    package var label: PlotLabel?
    /// The least-squares line, when `with fit` asked for it.
    package var fit: RegressionWorking?
    /// `to "file.svg"`: where the front end should write the SVG.
    package var output: String?
    package var datasetName: String
    package var ledger: SampleLedger
}

/// Which rows a statement used and which it had to leave out, and why: the
/// line a careful reader needs next to every statistic.
package struct SampleLedger: Sendable, Equatable {
    package struct Missing: Sendable, Equatable {
        package var variable: String
        package var rows: Int
        /// Codes of the countries with a missing value, sorted.
        package var countries: [String]
    }

    /// Country-years in the selected years with a value for any variable.
    package var candidates: Int
    /// The `where` condition, if any.
    package var filter: String?
    /// Of the candidates, those the filter kept (all of them without a filter).
    package var kept: Int
    /// Kept rows lacking a value, per variable.
    package var missing: [Missing]
    /// Rows with every value present.
    package var used: Int
    /// Countries among the used rows, sorted by code.
    package var countries: [String]
    /// The years among the used rows, ascending.
    package var years: [Int]
    /// The years the statement looked at, and how they were chosen.
    package var yearRange: ClosedRange<Int>
    package var yearsChosen: Scope.YearsChosen
    /// The most years any single country contributes to the used rows.
    package var maximumYearsPerCountry: Int
    /// Kept rows left out of every `by` group because their key is missing.
    package var withoutGroup: Int = 0
    /// For a statement of period aggregates, whose rows are countries.
    package var period: Period?

    package struct Period: Sendable, Equatable {
        package var years: ClosedRange<Int>
        /// The `where` that picked the years, if any.
        package var yearFilter: String?
        /// Years with a value among the used countries: fewest, median, most.
        package var yearsPerCountry: (minimum: Int, median: Double, maximum: Int)

        package static func == (a: Period, b: Period) -> Bool {
            a.years == b.years && a.yearFilter == b.yearFilter && a.yearsPerCountry == b.yearsPerCountry
        }
    }
}

package struct CorrelationResult: Sendable {
    package var variables: [String]
    package var units: [Unit?]
    package var method: CorrelationMethod
    /// The `by` expression, when there is one.
    package var groupedBy: String?
    package var groups: [Group]
    /// The rows of all groups together.
    package var ledger: SampleLedger
    /// True with `listwise`: every cell uses only rows with all variables.
    package var listwise: Bool
    /// `by … compare`: whether the groups' correlations differ; nil when not
    /// asked for, or when fewer than two groups qualify (`comparisonAsked`).
    package var comparison: CorrelationComparison?
    package var comparisonAsked: Bool

    package struct Group: Sendable {
        /// Nil without `by`.
        package var name: String?
        /// One per pair of variables (i < j), in row-major order.
        package var cells: [Cell]
        package var ledger: SampleLedger
    }

    package struct Cell: Sendable {
        package var row: Int
        package var column: Int
        package var estimate: CorrelationEstimate
    }

    package var isMatrix: Bool { variables.count > 2 }
}

package struct RegressionResult: Sendable {
    package var response: String
    package var fit: RegressionFit
    /// The unit of each coefficient, in the fit's order: the response's unit
    /// per unit of the term (the response's own for the intercept).
    package var units: [Unit?]
    package var ledger: SampleLedger
}

package struct SummaryResult: Sendable {
    package var groupedBy: String?
    package var groups: [Group]
    /// The rows of all groups together.
    package var ledger: SampleLedger

    package struct Group: Sendable {
        package var name: String?
        package var rows: [Row]
        package var ledger: SampleLedger
    }

    package struct Row: Sendable {
        package var variable: String
        package var unit: Unit?
        package var summary: Summary
    }
}

package struct CountResult: Sendable {
    package var groupedBy: String?
    package var groups: [Group]
    package var filter: String?
    package var yearRange: ClosedRange<Int>
    /// The condition was on period aggregates: countries, not country-years.
    package var aggregated = false

    package struct Group: Sendable {
        package var name: String?
        /// Distinct countries with at least one selected year.
        package var countries: Int
        package var countryYears: Int
    }
}

package struct RankingResult: Sendable {
    package var variable: String
    package var unit: Unit?
    package var year: Int?
    /// Set when no year was given and cq picked one: the latest year in which
    /// at least half as many countries have a value as in the best-covered
    /// year, so that a year with a handful of early reports is not taken.
    package var chosenYear: ChosenYear?

    package struct ChosenYear: Sendable {
        package var year: Int
        /// Countries with a value in the chosen year, in the latest year with
        /// any value, and in the best-covered year.
        package var countries: Int
        package var latestYear: Int
        package var countriesInLatestYear: Int
        package var countriesInBestYear: Int
    }
    package var rows: [Row]
    /// Rows before `top` cut the list.
    package var totalRows: Int
    /// Rows shown beyond `top` because they tie with the last one.
    package var tiesAtCut: Int
    package var ledger: SampleLedger

    package struct Row: Sendable {
        package var rank: Int
        package var country: String
        package var name: String
        package var year: Int
        package var value: Double
    }
}

package enum Cell: Sendable, Equatable {
    case number(Double)
    case integer(Int)
    case text(String)
    case boolean(Bool)
    case year(Int)
    case missing
}

package struct TableResult: Sendable {
    package var statement: String
    package var title: String?
    package var columns: [String]
    package var rows: [[Cell]]
    /// Rows before `limit` cut the table.
    package var totalRows: Int
    package var ledger: SampleLedger?
    package var notes: [TableNote]
}

/// What a table's footer says, as values; the presenter words them.
package enum TableNote: Sendable, Equatable {
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
package struct DescriptionResult: Sendable {
    package var title: String
    package var facts: [DescriptionFact]
}

package struct DescriptionFact: Sendable {
    /// The fact's JSON key, fixed whatever the data (see README, JSON output).
    package enum Key: String, Sendable, CaseIterable {
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

    package enum Value: Sendable {
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

    package var key: Key
    package var value: Value
    /// The year a count refers to (`countries in 2024`), when it refers to one.
    package var year: Int?

    package init(_ key: Key, _ value: Value, year: Int? = nil) {
        self.key = key
        self.value = value
        self.year = year
    }
}

/// `let name = definition`.
package struct BindingResult: Sendable {
    package var name: String
    /// The definition as the user wrote it.
    package var definition: String
    package var type: ValueType
}

/// `set year = …` or `set method = …`, as it now stands.
package struct SettingResult: Sendable, Equatable {
    package enum Value: Sendable, Equatable {
        /// Statements without a year clause use these years.
        case years(ClosedRange<Int>)
        /// Statements without a year clause use every year with data.
        case allYears
        case method(CorrelationMethod)
    }

    package var setting: Setting
    package var value: Value

    /// The value as `set` would accept it back: `2017`, `2000..2020`, `all`, `spearman`.
    package var valueText: String {
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
package struct DatasetSwitchResult: Sendable {
    package var dataset: String
    package var countries: Int
    package var indicators: Int
    package var years: ClosedRange<Int>
    /// How a file was read; nil for a built-in dataset.
    package var report: LoadReport?
    package var notes: [DatasetSwitchNote]
}

/// What switching datasets changed, besides the data.
package enum DatasetSwitchNote: Sendable, Equatable {
    /// The new dataset has its own `name`; the user's `let name` yields to it.
    case bindingSetAside(name: String)
    /// `set year` chose years the new dataset lacks, so it was cleared.
    case yearSettingCleared(dataset: String, covers: ClosedRange<Int>)
}
