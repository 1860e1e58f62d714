/// Period aggregates: `mean(x)`, `median`, `min`, `max`, `sum`, `count`
/// (years with a value), `first`, `last` (earliest and latest year with a
/// value), `cagr` (compound annual growth from first to last, % per year)
/// and `trend` (least-squares slope on the year). A statement that uses one
/// has one row per country: its `where` on country-years picks the years
/// each aggregate reduces (SQL's WHERE); a `where` that itself holds an
/// aggregate picks countries (SQL's HAVING). A value per country-year beside
/// aggregates is an error, except the country's own attributes.
extension Checker {
    mutating func resolveAggregateCall(
        _ aggregate: TypedExpression.PeriodAggregate, _ arguments: [Expression], at range: SourceRange
    ) -> Typed? {
        let name = aggregate.rawValue
        guard arguments.count == 1 else {
            report(
                .wrongArgumentCount, "`\(name)` takes one number, but was given \(arguments.count)", at: range,
                help: ["write \(name)(x): one value per country over the statement's years"])
            return nil
        }
        if let inner = firstAggregate(in: arguments[0]) {
            report(
                .mixedAggregation, "an aggregate inside `\(name)`: both reduce a country's years to one value",
                at: inner.range, help: ["aggregate the yearly values once, e.g. \(name)(growth(x))"])
            return nil
        }
        guard
            let (operand, unit) = numericArgument(
                arguments[0], of: name, hint: "aggregates reduce a country's yearly values, e.g. \(name)(rnd)")
        else { return nil }
        let resultUnit: Unit?
        switch aggregate {
        case .mean, .median, .min, .max, .sum, .first, .last: resultUnit = unit
        case .count: resultUnit = Unit("years")
        case .cagr: resultUnit = Unit("% per year")
        case .trend: resultUnit = (unit ?? .dimensionless).divided(by: Unit("year"))
        }
        return (.aggregate(aggregate, operand, over: nil), .number(resultUnit))
    }

    /// The first call to an aggregate in the syntax tree, for a caret.
    func firstAggregate(in expression: Expression) -> Expression? {
        switch expression.kind {
        case .call(let name, _) where TypedExpression.PeriodAggregate(rawValue: name.text.lowercased()) != nil:
            return expression
        case .name(let text):
            // A binding defined with an aggregate is one.
            if case .binding(let binding)? = lookUp(text), binding.resolved?.containsAggregate == true {
                return expression
            }
            return nil
        case .call, .number, .string, .negate, .not, .arithmetic, .comparison, .logical, .membership, .between:
            return expression.children.lazy.compactMap { firstAggregate(in: $0) }.first
        }
    }

    /// The first part of the tree that is a value per country-year outside
    /// any aggregate (an indicator, `year`, a time function), for a caret.
    func firstPerYearPart(of expression: Expression) -> Expression? {
        switch expression.kind {
        case .call(let name, _):
            let lowered = name.text.lowercased()
            if TypedExpression.PeriodAggregate(rawValue: lowered) != nil { return nil }
            // `at(x, YEAR)` is one value per country, like an attribute.
            if let time = TypedExpression.TimeFunction(rawValue: lowered) { return time == .at ? nil : expression }
        case .name(let text):
            switch lookUp(text) {
            case .indicator?, .year?: return expression
            case .binding(let binding)?:
                return binding.resolved?.readsYearsOutsideAggregates == true ? expression : nil
            case .attribute?, .group?, .country?, .countryName?, nil: return nil
            }
        case .number, .string, .negate, .not, .arithmetic, .comparison, .logical, .membership, .between:
            break
        }
        return expression.children.lazy.compactMap { firstPerYearPart(of: $0) }.first
    }

    /// The expressions of a statement that become its variables.
    private func variableSyntax(_ command: Command) -> [Expression] {
        switch command {
        case .correlate(let expressions), .summarize(let expressions), .list(let expressions): return expressions
        case .regress(let response, let terms, _): return [response] + terms
        case .rank(let expression): return [expression]
        case .plot(let y, let x): return [y, x]
        case .explain(let inner): return variableSyntax(inner)
        case .countCountries, .describe, .indicators, .countries, .bind, .set, .use: return []
        }
    }

    /// Turns a checked statement that uses aggregates into one row per
    /// country; reports a value per country-year beside them. Statements
    /// without aggregates come back unchanged.
    mutating func bindAggregates(_ action: Action, _ statement: Statement) -> Action? {
        let clauses = statement.clauses
        let expressions = variableSyntax(statement.command) + (clauses.sort.map { [$0.key] } ?? [])
        let filterIsHaving = clauses.filter.flatMap { firstAggregate(in: $0) } != nil
        guard expressions.contains(where: { firstAggregate(in: $0) != nil }) || filterIsHaving else { return action }
        var ok = true
        for expression in expressions + (filterIsHaving ? [clauses.filter!] : []) {
            if let part = firstPerYearPart(of: expression) {
                let text = source.text(of: part.range)
                report(
                    .mixedAggregation,
                    "`\(text)` has a value per country-year, but this statement has one row per country (it uses period aggregates)",
                    at: part.range,
                    help: [
                        "aggregate it too, e.g. mean(\(text)) or last(\(text)), or drop the aggregates for one row per country-year"
                    ])
                ok = false
            }
        }
        if let key = clauses.groupBy, let part = firstPerYearPart(of: key) {
            report(
                .mixedAggregation,
                "cannot group countries by `\(source.text(of: part.range))`: it changes from year to year",
                at: part.range, help: ["group by a country attribute such as `region` or `income_group`"])
            ok = false
        }
        if case .cluster(let key, _)? = clauses.errors, let part = firstPerYearPart(of: key) {
            report(
                .mixedAggregation,
                "cannot cluster countries by `\(source.text(of: part.range))`: it changes from year to year",
                at: part.range, help: ["cluster by a country attribute such as `income_group`"])
            ok = false
        }
        guard ok else { return nil }
        func bind(_ scope: Scope) -> (TypedExpression.AggregatePeriod, Scope) {
            var scope = scope
            let period = TypedExpression.AggregatePeriod(
                years: scope.years, filter: filterIsHaving ? nil : scope.filter)
            if !filterIsHaving {
                scope.yearFilter = scope.filter
                scope.filter = nil
                scope.yearFilterText = scope.filterText
                scope.filterText = nil
            }
            scope.aggregated = true
            return (period, scope)
        }
        func bound(_ variable: Variable, _ period: TypedExpression.AggregatePeriod) -> Variable {
            var variable = variable
            variable.expression = variable.expression.bindingAggregates(to: period)
            return variable
        }
        switch action {
        case .correlate(let variables, let method, let listwise, let compare, let scope):
            let (period, scope) = bind(scope)
            return .correlate(
                variables: variables.map { bound($0, period) }, method: method, listwise: listwise, compare: compare,
                scope: scope.bindingFilter(to: period))
        case .regress(let response, let terms, let intercept, let model, let scope):
            if let effects = clauses.effects {
                report(
                    .mixedAggregation,
                    "fixed effects need several rows per country, but period aggregates give one row per country",
                    at: effects.range,
                    help: [
                        "drop the effects for a cross-section of period aggregates, or the aggregates for a panel of country-years"
                    ])
                return nil
            }
            let (period, scope) = bind(scope)
            var model = model
            if case .cluster(let key) = model.errors { model.errors = .cluster(bound(key, period)) }
            return .regress(
                response: bound(response, period), terms: terms.map { bound($0, period) }, intercept: intercept,
                model: model, scope: scope.bindingFilter(to: period))
        case .summarize(let variables, let scope):
            let (period, scope) = bind(scope)
            return .summarize(variables: variables.map { bound($0, period) }, scope: scope.bindingFilter(to: period))
        case .list(let columns, let sort, let limit, let scope):
            let (period, scope) = bind(scope)
            return .list(
                columns: columns.map { bound($0, period) }, sort: sort.map { (bound($0.key, period), $0.descending) },
                limit: limit, scope: scope.bindingFilter(to: period))
        case .countCountries(let scope):
            let (period, scope) = bind(scope)
            return .countCountries(scope: scope.bindingFilter(to: period))
        case .rank(let variable, let top, let scope):
            let (period, scope) = bind(scope)
            return .rank(variable: bound(variable, period), top: top, scope: scope.bindingFilter(to: period))
        case .explainCorrelation(let x, let y, let method, let scope):
            let (period, scope) = bind(scope)
            return .explainCorrelation(
                x: bound(x, period), y: bound(y, period), method: method, scope: scope.bindingFilter(to: period))
        case .explainRegression(let response, let term, let scope):
            let (period, scope) = bind(scope)
            return .explainRegression(
                response: bound(response, period), term: bound(term, period), scope: scope.bindingFilter(to: period))
        case .plot(let y, let x, let label, let fit, let output, let overTime, let scope):
            let (period, scope) = bind(scope)
            return .plot(
                y: bound(y, period), x: bound(x, period), label: label, fit: fit, output: output, overTime: overTime,
                scope: scope.bindingFilter(to: period))
        case .describe, .indicators, .countries, .bind, .set, .use:
            return action
        }
    }
}

extension Scope {
    /// A HAVING condition's aggregates reduce the same years.
    fileprivate func bindingFilter(to period: TypedExpression.AggregatePeriod) -> Scope {
        var scope = self
        scope.filter = scope.filter?.bindingAggregates(to: period)
        return scope
    }
}

extension TypedExpression {
    /// True when the tree holds a period aggregate.
    public var containsAggregate: Bool {
        if case .aggregate = self { return true }
        return children.contains { $0.containsAggregate }
    }

    /// True when the tree reads an indicator, the year or a time function
    /// outside any aggregate; `at(x, YEAR)` is one value per country.
    public var readsYearsOutsideAggregates: Bool {
        if case .aggregate = self { return false }
        if case .time(let function, _, _) = self { return function != .at }
        if case .indicator = self { return true }
        if case .year = self { return true }
        return children.contains { $0.readsYearsOutsideAggregates }
    }

    /// The tree with every aggregate bound to `period`.
    func bindingAggregates(to period: AggregatePeriod) -> TypedExpression {
        if case .aggregate(let aggregate, let operand, _) = self { return .aggregate(aggregate, operand, over: period) }
        return mapChildren { $0.bindingAggregates(to: period) }
    }
}

extension Checker {
    /// The number a function of one value is applied to, with its unit; an
    /// error at the argument when it is text or a condition.
    mutating func numericArgument(_ argument: Expression, of name: String, hint: String) -> (TypedExpression, Unit?)? {
        guard let typed = resolve(argument) else { return nil }
        guard case .number(let unit) = arithmeticType(typed.type) else {
            let text = source.text(of: argument.range)
            report(
                .expectedNumber, "`\(name)` needs a number, but `\(text)` is \(typed.type)", at: argument.range,
                help: [hint])
            return nil
        }
        return (typed.expression, unit)
    }
}
