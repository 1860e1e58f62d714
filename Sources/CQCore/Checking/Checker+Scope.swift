/// Which country-years a statement looks at: its `where`, `by` and year
/// clauses, or the `set year` default, checked against the dataset's years.
extension Checker {
    /// The rows a statement looks at: filter, years and grouping.
    mutating func scope(_ clauses: Clauses) -> Scope? {
        var ok = true
        var filter: TypedExpression?
        if let condition = clauses.filter {
            if let typed = resolve(condition) {
                if typed.type == .boolean {
                    filter = typed.expression
                } else {
                    ok = false
                    let text = source.text(of: condition.range)
                    report(
                        .expectedCondition, "`where` needs a condition, but `\(text)` is \(typed.type)",
                        at: condition.range,
                        help: [
                            typed.type.isNumeric ? "compare it: where \(text) > 0" : "compare it: where \(text) = \"…\""
                        ])
                }
            } else {
                ok = false
            }
        }
        var groupBy: Variable?
        if let key = clauses.groupBy {
            if let typed = resolve(key) {
                switch typed.type {
                case .text, .boolean, .year:
                    groupBy = variable(key, typed)
                case .number:
                    ok = false
                    let text = source.text(of: key.range)
                    report(
                        .cannotGroup, "cannot group by `\(text)`: it is \(typed.type), not a category", at: key.range,
                        help: [
                            "group by an attribute such as `region` or `income_group`, or by a condition: by \(text) > 10000"
                        ])
                }
            } else {
                ok = false
            }
        }
        var years = dataset.years
        var chosen = Scope.YearsChosen.all
        if let clause = clauses.years {
            if clause.first > clause.last {
                ok = false
                report(
                    .emptyYearRange, "the year range \(clause.first)..\(clause.last) runs backwards", at: clause.range,
                    help: ["write the earlier year first: during \(clause.last)..\(clause.first)"])
            } else if let selected = yearsWithin(clause.first...clause.last, at: clause.range) {
                years = selected
                chosen = .clause
            } else {
                ok = false
            }
        } else if let setting = state.settings.years {
            years = setting.clamped(to: dataset.years)
            chosen = .setting
        }
        guard ok else { return nil }
        let filterText = clauses.filter.map { source.text(of: $0.range) }
        return Scope(
            dataset: dataset, filter: filter, filterText: filterText, years: years, yearsChosen: chosen,
            groupBy: groupBy)
    }

    mutating func yearsWithin(_ years: ClosedRange<Int>, at range: SourceRange) -> ClosedRange<Int>? {
        guard years.overlaps(dataset.years) else {
            let covered = Checker.span(dataset.years)
            let what = years.count == 1 ? "\(years.lowerBound) is" : "\(years.lowerBound)–\(years.upperBound) are"
            report(
                .yearOutsideData, "\(what) outside the data: `\(dataset.name)` covers \(covered)", at: range,
                help: ["choose a year within \(covered)"])
            return nil
        }
        return years.clamped(to: dataset.years)
    }
}
