/// `use "mine.csv" adding`: a file's indicators placed beside the dataset in
/// use, matched by country and year, instead of replacing it. The dataset
/// keeps its countries, years, attributes and groups; each added indicator
/// gets a value where the file has one for a country and year the dataset
/// has. What did not match is counted, never dropped silently.
public struct IndicatorAddition: Sendable, Equatable {
    /// The ids of the indicators added.
    public var indicators: [String]
    /// The file's entities with a value that are countries of the dataset.
    public var matchedEntities: Int
    /// The file's entities with a value that the dataset does not have.
    public var unmatchedEntities: [String]
    /// Values of matched entities in years outside the dataset's.
    public var valuesOutsideYears: Int
    /// Values placed.
    public var values: Int

    /// Why an addition cannot be made.
    public struct Conflict: Error, Sendable, Equatable {
        public var message: String
        public var help: String
    }

    /// `base` with `other`'s indicators added, and what matched.
    public static func adding(_ other: Dataset, to base: Dataset) -> Result<(Dataset, IndicatorAddition), Conflict> {
        for indicator in other.indicators where base.indicator(named: indicator.id) != nil {
            return .failure(
                Conflict(
                    message: "`\(indicator.id)` is already an indicator of `\(base.name)`",
                    help: "rename the file's column (or its indicator) so that both can be used"))
        }
        var addition = IndicatorAddition(
            indicators: other.indicators.map(\.id), matchedEntities: 0, unmatchedEntities: [], valuesOutsideYears: 0,
            values: 0)
        var added = other.indicators.map { indicator in
            var copy = indicator
            copy.values = [Double](repeating: .nan, count: base.cellCount)
            return copy
        }
        for (entity, country) in other.countries.enumerated() {
            let hasValue = other.indicators.contains { indicator in
                other.years.contains { !indicator.values[other.cell(country: entity, year: $0)].isNaN }
            }
            guard hasValue else { continue }
            guard let target = base.countryIndex(code: country.code) else {
                addition.unmatchedEntities.append(country.name.isEmpty ? country.code : country.name)
                continue
            }
            addition.matchedEntities += 1
            for (position, indicator) in other.indicators.enumerated() {
                for year in other.years {
                    let value = indicator.values[other.cell(country: entity, year: year)]
                    guard !value.isNaN else { continue }
                    guard base.years.contains(year) else {
                        addition.valuesOutsideYears += 1
                        continue
                    }
                    added[position].values[base.cell(country: target, year: year)] = value
                    addition.values += 1
                }
            }
        }
        addition.unmatchedEntities.sort()
        var merged = base
        merged.indicators += added
        merged.indicators.sort { $0.id < $1.id }
        merged.name = base.name + "+" + other.name
        merged.attribution += other.attribution
        return .success((merged, addition))
    }
}
