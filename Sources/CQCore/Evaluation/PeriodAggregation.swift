import CQStatistics
import Glibc

/// The period aggregates of one country's values: `values` are (year, value)
/// pairs in ascending year, only those with a value.
enum PeriodAggregation {
    static func reduce(_ aggregate: TypedExpression.PeriodAggregate, _ values: [(year: Int, value: Double)]) -> Double {
        if aggregate == .count { return Double(values.count) }
        guard let first = values.first, let last = values.last else { return .nan }
        switch aggregate {
        case .count: return Double(values.count)
        case .sum: return CompensatedSum(values.map(\.value)).value
        case .mean: return CompensatedSum(values.map(\.value)).value / Double(values.count)
        case .min: return values.map(\.value).min()!
        case .max: return values.map(\.value).max()!
        case .median: return Descriptive.quantile(sorted: values.map(\.value).sorted(), probability: 0.5) ?? .nan
        case .first: return first.value
        case .last: return last.value
        case .cagr:
            // Compound annual growth from the first year with a value to the
            // last, over the years between them; undefined for one year or a
            // base that is not positive.
            let span = last.year - first.year
            guard span > 0, first.value > 0, last.value > 0 else { return .nan }
            return 100 * (pow(last.value / first.value, 1 / Double(span)) - 1)
        case .trend:
            // Least-squares slope on the year, with both centred first.
            guard values.count >= 2 else { return .nan }
            let meanYear = Double(values.map(\.year).reduce(0, +)) / Double(values.count)
            let meanValue = CompensatedSum(values.map(\.value)).value / Double(values.count)
            var sxy = CompensatedSum()
            var sxx = CompensatedSum()
            for (year, value) in values {
                let dx = Double(year) - meanYear
                sxy.add(dx * (value - meanValue))
                sxx.add(dx * dx)
            }
            return sxx.value > 0 ? sxy.value / sxx.value : .nan
        }
    }
}
