extension TypedExpression {
    /// Every aggregate in the tree, with its operand and period (bound ones).
    public var aggregates: [(operand: TypedExpression, period: AggregatePeriod)] {
        switch self {
        case .aggregate(_, let operand, let period?): return [(operand, period)]
        case .aggregate(_, _, nil): return []
        case .number, .text, .indicator, .attribute, .group, .countryCode, .countryName, .year: return []
        case .negate(let operand), .not(let operand), .function(_, let operand), .time(_, let operand, _):
            return operand.aggregates
        case .arithmetic(_, let left, let right), .compareNumbers(_, let left, let right),
            .compareText(_, let left, let right), .compareBooleans(_, let left, let right),
            .logical(_, let left, let right):
            return left.aggregates + right.aggregates
        case .numberIn(let value, let members, _), .textIn(let value, let members, _):
            return value.aggregates + members.flatMap(\.aggregates)
        case .between(let value, let low, let high, _):
            return value.aggregates + low.aggregates + high.aggregates
        }
    }
}
