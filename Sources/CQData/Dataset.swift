/// A dataset of countries × indicators × years, held indicator-major.
///
/// Every per-country-year quantity (indicator values, time-varying attributes,
/// group memberships) is a dense array over the same grid of cells:
/// `cell = countryIndex * yearCount + (year - firstYear)`. A query touches only
/// the arrays of the indicators it names, each contiguous in memory.
public struct Dataset: Sendable, Equatable {
    /// Short name used by `use NAME`, e.g. "world".
    public var name: String
    /// One line saying what this is, shown by `.datasets` and `describe`.
    public var title: String
    /// Sources and licences, one per line, shown with the data.
    public var attribution: [String]
    /// The year axis. Every grid has `countries.count * yearCount` cells.
    public var firstYear: Int
    public var lastYear: Int
    /// Countries sorted by code.
    public var countries: [Country]
    /// Text attributes (continent, wb_region, region, …), sorted by name.
    public var attributes: [Attribute]
    /// Boolean, time-varying memberships (eu, oecd, …), sorted by name.
    public var groups: [Group]
    /// Indicators, sorted by id.
    public var indicators: [Indicator]

    public init(
        name: String, title: String, attribution: [String],
        firstYear: Int, lastYear: Int,
        countries: [Country], attributes: [Attribute], groups: [Group], indicators: [Indicator]
    ) {
        self.name = name
        self.title = title
        self.attribution = attribution
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.countries = countries
        self.attributes = attributes
        self.groups = groups
        self.indicators = indicators
    }

    public var yearCount: Int { lastYear - firstYear + 1 }
    public var cellCount: Int { countries.count * yearCount }
    public var years: ClosedRange<Int> { firstYear...lastYear }

    @inline(__always)
    public func cell(country: Int, year: Int) -> Int {
        country * yearCount + (year - firstYear)
    }
    @inline(__always)
    public func countryIndex(ofCell cell: Int) -> Int { cell / yearCount }
    @inline(__always)
    public func year(ofCell cell: Int) -> Int { firstYear + cell % yearCount }

    public func indicator(named id: String) -> Indicator? {
        indicators.first { $0.id == id }
    }
    public func attribute(named name: String) -> Attribute? {
        attributes.first { $0.name == name }
    }
    public func group(named name: String) -> Group? {
        groups.first { $0.name == name }
    }
    /// The dataset with these indicators' grids laid out (`Indicator.settled`).
    public func settling(_ indexes: [Int]) -> Dataset {
        var copy = self
        for index in indexes where copy.indicators.indices.contains(index) {
            copy.indicators[index] = copy.indicators[index].settled
        }
        return copy
    }

    public func countryIndex(code: String) -> Int? {
        var low = 0
        var high = countries.count
        while low < high {
            let mid = (low + high) / 2
            if countries[mid].code < code { low = mid + 1 } else { high = mid }
        }
        return low < countries.count && countries[low].code == code ? low : nil
    }
}

public struct Country: Sendable, Equatable {
    /// ISO 3166-1 alpha-3 code, e.g. "DEU".
    public var code: String
    /// English short name, e.g. "Germany".
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// A categorical text attribute. Values are stored as indexes into `values`;
/// `Attribute.missing` marks a country (or country-year) without a value.
public struct Attribute: Sendable, Equatable {
    public static let missing: Int32 = -1

    public enum Codes: Sendable, Equatable {
        /// One code per country: the attribute does not change over time.
        case perCountry([Int32])
        /// One code per cell of the country × year grid.
        case perCell([Int32])
    }

    /// The name used in queries, e.g. "region".
    public var name: String
    /// What it means, for `describe` and completion.
    public var label: String
    /// Distinct values, sorted.
    public var values: [String]
    public var codes: Codes

    public init(name: String, label: String, values: [String], codes: Codes) {
        self.name = name
        self.label = label
        self.values = values
        self.codes = codes
    }

    public var variesByYear: Bool {
        if case .perCell = codes { return true }
        return false
    }

    /// The value code at a cell, or `Attribute.missing`.
    @inline(__always)
    public func code(atCell cell: Int, yearCount: Int) -> Int32 {
        switch codes {
        case .perCountry(let byCountry): return byCountry[cell / yearCount]
        case .perCell(let byCell): return byCell[cell]
        }
    }
}

/// A group of countries whose membership can change from year to year
/// (EU, OECD, …): `members[cell]` is true when the country was a member that year.
public struct Group: Sendable, Equatable {
    /// The flag used in queries, lowercase: "eu", "oecd", "brics", …
    public var name: String
    /// How people write it: "EU", "OECD", …
    public var label: String
    public var members: [Bool]

    public init(name: String, label: String, members: [Bool]) {
        self.name = name
        self.label = label
        self.members = members
    }
}
