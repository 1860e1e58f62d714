/// An expression after checking: every name resolved against the dataset,
/// every operand's type known, so evaluation needs no look-ups and no type
/// tests that could fail.
public indirect enum TypedExpression: Sendable, Equatable {
    case number(Double)
    case text(String)
    /// Index into `Dataset.indicators`.
    case indicator(Int)
    /// Index into `Dataset.attributes`.
    case attribute(Int)
    /// Index into `Dataset.groups`.
    case group(Int)
    case countryCode
    case countryName
    case year
    case negate(TypedExpression)
    case not(TypedExpression)
    case arithmetic(ArithmeticOperator, TypedExpression, TypedExpression)
    /// Compares numbers (and years) by value.
    case compareNumbers(ComparisonOperator, TypedExpression, TypedExpression)
    /// Compares text; `=` and `!=` only in practice, but ordering works too.
    case compareText(ComparisonOperator, TypedExpression, TypedExpression)
    case compareBooleans(ComparisonOperator, TypedExpression, TypedExpression)
    case logical(LogicalOperator, TypedExpression, TypedExpression)
    case numberIn(TypedExpression, [TypedExpression], negated: Bool)
    case textIn(TypedExpression, [TypedExpression], negated: Bool)
    case between(TypedExpression, low: TypedExpression, high: TypedExpression, negated: Bool)
    case function(Function, TypedExpression)
    /// A value of the same country in another year (`lag`, `lead`, `at`) or
    /// a comparison with one (`diff`, `growth`, `index`); `argument` is the
    /// step k or the fixed year.
    case time(TimeFunction, TypedExpression, argument: Int)
    /// One value per country over a period. The checker resolves the call
    /// first (`over` nil), then, once the statement's years and its `where`
    /// on country-years are known, binds them into `over`.
    case aggregate(PeriodAggregate, TypedExpression, over: AggregatePeriod?)

    /// The functions a query may call. Each takes one number.
    public enum Function: String, Sendable, CaseIterable {
        /// Natural logarithm, as in R, Stata and gretl.
        case log
        case log10
        case sqrt
        case abs
    }

    /// Functions evaluated along one country's own calendar: `lag` means the
    /// year t − k, never "the previous observation", so a gap stays missing.
    public enum TimeFunction: String, Sendable, CaseIterable {
        /// x in year t − k.
        case lag
        /// x in year t + k.
        case lead
        /// x(t) − x(t − k).
        case diff
        /// 100 · (x(t) / x(t − k) − 1), percent over k years.
        case growth
        /// x in a fixed year.
        case at
        /// 100 · x(t) / x(fixed year).
        case index

        /// The years the function reads at year t.
        public func yearsRead(at year: Int, argument: Int) -> [Int] {
            switch self {
            case .lag: return [year - argument]
            case .lead: return [year + argument]
            case .at: return [argument]
            case .diff, .growth: return [year, year - argument]
            case .index: return [year, argument]
            }
        }

        /// True when the second argument is a year, not a step.
        public var takesYear: Bool {
            switch self {
            case .at, .index: return true
            case .lag, .lead, .diff, .growth: return false
            }
        }
    }

    /// Reductions of a country's values over the statement's years.
    public enum PeriodAggregate: String, Sendable, CaseIterable {
        case mean, median, min, max, sum, count, first, last, cagr, trend
    }

    /// The years an aggregate reduces, and the condition a year must meet.
    public struct AggregatePeriod: Sendable, Equatable {
        public var years: ClosedRange<Int>
        public var filter: TypedExpression?
    }

    /// True when the tree has at most `nodes` nodes and `depth` levels. Stops
    /// counting as soon as either is passed, so it is cheap on any tree.
    public func fits(nodes: Int, depth: Int) -> Bool {
        var budget = nodes
        return fits(budget: &budget, depth: depth)
    }

    private func fits(budget: inout Int, depth: Int) -> Bool {
        budget -= 1
        guard budget >= 0, depth > 0 else { return false }
        switch self {
        case .number, .text, .indicator, .attribute, .group, .countryCode, .countryName, .year:
            return true
        case .negate(let operand), .not(let operand), .function(_, let operand), .time(_, let operand, _),
            .aggregate(_, let operand, _):
            return operand.fits(budget: &budget, depth: depth - 1)
        case .arithmetic(_, let left, let right), .compareNumbers(_, let left, let right),
            .compareText(_, let left, let right), .compareBooleans(_, let left, let right),
            .logical(_, let left, let right):
            return left.fits(budget: &budget, depth: depth - 1) && right.fits(budget: &budget, depth: depth - 1)
        case .numberIn(let value, let members, _), .textIn(let value, let members, _):
            return value.fits(budget: &budget, depth: depth - 1)
                && members.allSatisfy { $0.fits(budget: &budget, depth: depth - 1) }
        case .between(let value, let low, let high, _):
            return value.fits(budget: &budget, depth: depth - 1) && low.fits(budget: &budget, depth: depth - 1)
                && high.fits(budget: &budget, depth: depth - 1)
        }
    }

    /// The operands directly below this node, left to right.
    public var children: [TypedExpression] {
        switch self {
        case .number, .text, .indicator, .attribute, .group, .countryCode, .countryName, .year: return []
        case .negate(let operand), .not(let operand), .function(_, let operand), .time(_, let operand, _),
            .aggregate(_, let operand, _):
            return [operand]
        case .arithmetic(_, let left, let right), .compareNumbers(_, let left, let right),
            .compareText(_, let left, let right), .compareBooleans(_, let left, let right),
            .logical(_, let left, let right):
            return [left, right]
        case .numberIn(let value, let members, _), .textIn(let value, let members, _): return [value] + members
        case .between(let value, let low, let high, _): return [value, low, high]
        }
    }

    /// The same node with each operand replaced by `transform` of it.
    public func mapChildren(_ transform: (TypedExpression) -> TypedExpression) -> TypedExpression {
        switch self {
        case .number, .text, .indicator, .attribute, .group, .countryCode, .countryName, .year: return self
        case .negate(let operand): return .negate(transform(operand))
        case .not(let operand): return .not(transform(operand))
        case .function(let function, let operand): return .function(function, transform(operand))
        case .time(let function, let operand, let argument):
            return .time(function, transform(operand), argument: argument)
        case .aggregate(let aggregate, let operand, let period):
            return .aggregate(aggregate, transform(operand), over: period)
        case .arithmetic(let op, let left, let right): return .arithmetic(op, transform(left), transform(right))
        case .compareNumbers(let op, let left, let right): return .compareNumbers(op, transform(left), transform(right))
        case .compareText(let op, let left, let right): return .compareText(op, transform(left), transform(right))
        case .compareBooleans(let op, let left, let right):
            return .compareBooleans(op, transform(left), transform(right))
        case .logical(let op, let left, let right): return .logical(op, transform(left), transform(right))
        case .numberIn(let value, let members, let negated):
            return .numberIn(transform(value), members.map(transform), negated: negated)
        case .textIn(let value, let members, let negated):
            return .textIn(transform(value), members.map(transform), negated: negated)
        case .between(let value, let low, let high, let negated):
            return .between(transform(value), low: transform(low), high: transform(high), negated: negated)
        }
    }

    /// True when the expression reads other years than its row's.
    public var readsOtherYears: Bool {
        if case .time = self { return true }
        if case .aggregate = self { return true }
        return children.contains { $0.readsOtherYears }
    }

    /// Indexes of the indicators this expression reads, in first-use order.
    public var indicators: [Int] {
        var found: [Int] = []
        collectIndicators(into: &found)
        return found
    }

    private func collectIndicators(into found: inout [Int]) {
        if case .indicator(let index) = self {
            if !found.contains(index) { found.append(index) }
            return
        }
        for child in children { child.collectIndicators(into: &found) }
    }
}
