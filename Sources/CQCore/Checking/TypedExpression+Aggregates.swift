extension TypedExpression {
    /// Every aggregate in the tree, with its operand and period (bound ones).
    public var aggregates: [(operand: TypedExpression, period: AggregatePeriod)] {
        if case .aggregate(_, let operand, let period) = self { return period.map { [(operand, $0)] } ?? [] }
        return children.flatMap(\.aggregates)
    }
}
