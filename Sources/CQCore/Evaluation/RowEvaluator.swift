import Glibc

/// Computes a checked expression at one cell (country × year) of a dataset.
/// Missing values propagate: a number is `.nan`, text and conditions `nil`,
/// and conditions follow SQL's three-valued logic (`unknown and false` is
/// false, `unknown or true` is true), so `where` keeps a row only when its
/// condition is known to be true.
struct RowEvaluator {
    let dataset: Dataset

    func number(_ expression: TypedExpression, at cell: Int) -> Double {
        switch expression {
        case .number(let value):
            return value
        case .indicator(let index):
            return dataset.indicators[index].values[cell]
        case .year:
            return Double(dataset.year(ofCell: cell))
        case .negate(let operand):
            return -number(operand, at: cell)
        case .arithmetic(let op, let left, let right):
            let l = number(left, at: cell)
            let r = number(right, at: cell)
            // A missing operand makes the result missing, even where IEEE
            // arithmetic would not (pow(nan, 0) is 1).
            guard !l.isNaN, !r.isNaN else { return .nan }
            let result: Double
            switch op {
            case .add: result = l + r
            case .subtract: result = l - r
            case .multiply: result = l * r
            case .divide: result = l / r
            case .power: result = pow(l, r)
            }
            // Division by zero, log of a negative number and overflow give
            // no value rather than an infinity that would poison statistics.
            return result.isFinite ? result : .nan
        case .function(let function, let operand):
            let x = number(operand, at: cell)
            let result: Double
            switch function {
            case .log: result = log(x)
            case .log10: result = log10(x)
            case .sqrt: result = x.squareRoot()
            case .abs: result = Swift.abs(x)
            }
            return result.isFinite ? result : .nan
        case .time(let function, let operand, let argument):
            return time(function, operand, argument, at: cell)
        case .aggregate(let aggregate, let operand, let period):
            guard let period else { return .nan }
            let result = PeriodAggregation.reduce(aggregate, periodValues(operand, period, at: cell))
            return result.isFinite ? result : .nan
        case .text, .attribute, .group, .countryCode, .countryName, .not, .compareNumbers, .compareText,
            .compareBooleans, .logical, .numberIn, .textIn, .between:
            // The checker only asks for numbers from numeric expressions.
            return .nan
        }
    }

    /// The same country's cell in `year`, or nil outside the dataset's years.
    func cell(_ cell: Int, inYear year: Int) -> Int? {
        guard dataset.years.contains(year) else { return nil }
        return dataset.cell(country: dataset.countryIndex(ofCell: cell), year: year)
    }

    /// A time function at one country-year: it reads the country's values in
    /// other years, which may lie outside the statement's own years.
    private func time(_ function: TypedExpression.TimeFunction, _ x: TypedExpression, _ argument: Int, at cell: Int)
        -> Double
    {
        let year = dataset.year(ofCell: cell)
        func value(inYear other: Int) -> Double {
            self.cell(cell, inYear: other).map { number(x, at: $0) } ?? .nan
        }
        let result: Double
        switch function {
        case .lag: result = value(inYear: year - argument)
        case .lead: result = value(inYear: year + argument)
        case .at: result = value(inYear: argument)
        case .diff: result = number(x, at: cell) - value(inYear: year - argument)
        case .growth: result = 100 * (number(x, at: cell) / value(inYear: year - argument) - 1)
        case .index: result = 100 * number(x, at: cell) / value(inYear: argument)
        }
        // A base of zero gives no growth or index rather than an infinity.
        return result.isFinite ? result : .nan
    }

    /// The country's values of `x` in the period's years that pass its
    /// condition, ascending by year.
    func periodValues(_ x: TypedExpression, _ period: TypedExpression.AggregatePeriod, at cell: Int)
        -> [(year: Int, value: Double)]
    {
        var values: [(year: Int, value: Double)] = []
        for year in period.years {
            guard let other = self.cell(cell, inYear: year) else { continue }
            if let filter = period.filter, truth(filter, at: other) != true { continue }
            let value = number(x, at: other)
            if !value.isNaN { values.append((year, value)) }
        }
        return values
    }

    /// The number of the period's years, passing its condition, in which the
    /// country has an input for `x`.
    func periodYearsWithInput(_ x: TypedExpression, _ period: TypedExpression.AggregatePeriod, at cell: Int) -> Int {
        yearsWithInput([(x, period)], in: period.years, at: cell)
    }

    /// The number of `years` in which at least one of the aggregates has an
    /// input for the country, counting only years its period's condition passes.
    func yearsWithInput(
        _ aggregates: [(operand: TypedExpression, period: TypedExpression.AggregatePeriod)], in years: ClosedRange<Int>,
        at cell: Int
    ) -> Int {
        years.count { year in
            guard let other = self.cell(cell, inYear: year) else { return false }
            return aggregates.contains { operand, period in
                (period.filter.map { truth($0, at: other) == true } ?? true) && hasInput(operand, at: other)
            }
        }
    }

    /// True when the expression has an input at this row: one of the
    /// indicators it reads has a value in a year it reads. A row without any
    /// is no candidate at all; with some, it is a candidate whose missing
    /// values the ledger counts.
    func hasInput(_ expression: TypedExpression, at cell: Int) -> Bool {
        switch expression {
        case .indicator(let index):
            return !dataset.indicators[index].values[cell].isNaN
        case .time(let function, let operand, let argument):
            return function.yearsRead(at: dataset.year(ofCell: cell), argument: argument).contains { other in
                self.cell(cell, inYear: other).map { hasInput(operand, at: $0) } ?? false
            }
        case .aggregate(_, let operand, let period):
            guard let period else { return false }
            return periodYearsWithInput(operand, period, at: cell) > 0
        case .number, .text, .attribute, .group, .countryCode, .countryName, .year, .negate, .not, .function,
            .arithmetic, .compareNumbers, .compareText, .compareBooleans, .logical, .numberIn, .textIn, .between:
            return expression.children.contains { hasInput($0, at: cell) }
        }
    }

    func text(_ expression: TypedExpression, at cell: Int) -> String? {
        switch expression {
        case .text(let value):
            return value
        case .attribute(let index):
            let attribute = dataset.attributes[index]
            let code = attribute.code(atCell: cell, yearCount: dataset.yearCount)
            return code == Attribute.missing ? nil : attribute.values[Int(code)]
        case .countryCode:
            return dataset.countries[dataset.countryIndex(ofCell: cell)].code
        case .countryName:
            return dataset.countries[dataset.countryIndex(ofCell: cell)].name
        case .number, .indicator, .year, .group, .negate, .not, .arithmetic, .compareNumbers, .compareText,
            .compareBooleans, .logical, .numberIn, .textIn, .between, .function, .time, .aggregate:
            return nil
        }
    }

    func truth(_ expression: TypedExpression, at cell: Int) -> Bool? {
        switch expression {
        case .group(let index):
            return dataset.groups[index].members[cell]
        case .not(let operand):
            return truth(operand, at: cell).map { !$0 }
        case .logical(.and, let left, let right):
            let l = truth(left, at: cell)
            if l == false { return false }
            let r = truth(right, at: cell)
            if r == false { return false }
            return l == nil || r == nil ? nil : true
        case .logical(.or, let left, let right):
            let l = truth(left, at: cell)
            if l == true { return true }
            let r = truth(right, at: cell)
            if r == true { return true }
            return l == nil || r == nil ? nil : false
        case .compareNumbers(let op, let left, let right):
            let l = number(left, at: cell)
            let r = number(right, at: cell)
            guard !l.isNaN, !r.isNaN else { return nil }
            return compare(op, l, r)
        case .compareText(let op, let left, let right):
            guard let l = text(left, at: cell), let r = text(right, at: cell) else { return nil }
            return compare(op, l, r)
        case .compareBooleans(let op, let left, let right):
            guard let l = truth(left, at: cell), let r = truth(right, at: cell) else { return nil }
            return compare(op, l ? 1 : 0, r ? 1 : 0)
        case .numberIn(let value, let members, let negated):
            // SQL's rule: found is true; not found is false only when no
            // member is missing, otherwise unknown.
            let v = number(value, at: cell)
            guard !v.isNaN else { return nil }
            let values = members.map { number($0, at: cell) }
            if values.contains(v) { return !negated }
            return values.contains(where: \.isNaN) ? nil : negated
        case .textIn(let value, let members, let negated):
            guard let v = text(value, at: cell) else { return nil }
            let values = members.map { text($0, at: cell) }
            if values.contains(v) { return !negated }
            return values.contains(nil) ? nil : negated
        case .between(let value, let low, let high, let negated):
            let v = number(value, at: cell)
            let lo = number(low, at: cell)
            let hi = number(high, at: cell)
            guard !v.isNaN, !lo.isNaN, !hi.isNaN else { return nil }
            return (lo <= v && v <= hi) != negated
        case .number, .text, .indicator, .attribute, .countryCode, .countryName, .year, .negate, .arithmetic, .function,
            .time, .aggregate:
            return nil
        }
    }

    /// The value of any expression as a table cell.
    func cell(_ variable: Variable, at cell: Int) -> Cell {
        switch variable.type {
        case .number:
            let value = number(variable.expression, at: cell)
            return value.isNaN ? .missing : .number(value)
        case .year:
            let value = number(variable.expression, at: cell)
            return value.isNaN ? .missing : .year(Int(value))
        case .text:
            return text(variable.expression, at: cell).map(Cell.text) ?? .missing
        case .boolean:
            return truth(variable.expression, at: cell).map(Cell.boolean) ?? .missing
        }
    }

    /// The `by` group a row belongs to; nil when its key is missing.
    func groupKey(_ variable: Variable, at cell: Int) -> GroupKey? {
        switch variable.type {
        case .text:
            return text(variable.expression, at: cell).map(GroupKey.text)
        case .year, .number:
            let value = number(variable.expression, at: cell)
            return value.isNaN ? nil : .year(Int(value))
        case .boolean:
            return truth(variable.expression, at: cell).map(GroupKey.condition)
        }
    }

    private func compare<T: Comparable>(_ op: ComparisonOperator, _ l: T, _ r: T) -> Bool {
        switch op {
        case .equal: return l == r
        case .notEqual: return l != r
        case .less: return l < r
        case .lessEqual: return l <= r
        case .greater: return l > r
        case .greaterEqual: return l >= r
        }
    }
}

/// A `by` group's key, typed so that groups sort by value (years as numbers,
/// a condition's "yes" before its "no") rather than by their printed text.
enum GroupKey: Hashable, Comparable {
    case year(Int)
    case text(String)
    case condition(Bool)

    /// The group's name in results: the text, the year's digits, yes or no.
    var name: String {
        switch self {
        case .year(let year): return String(year)
        case .text(let text): return text
        case .condition(let holds): return holds ? "yes" : "no"
        }
    }

    static func < (a: GroupKey, b: GroupKey) -> Bool {
        switch (a, b) {
        case (.year(let x), .year(let y)): return x < y
        case (.text(let x), .text(let y)): return x < y
        case (.condition(let x), .condition(let y)): return x && !y
        // One `by` gives keys of one kind; this order only makes `<` total.
        case (.year, _): return true
        case (.text, .condition): return true
        case (.text, _), (.condition, _): return false
        }
    }
}
