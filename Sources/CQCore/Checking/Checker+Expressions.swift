/// Expression typing: every node gets a type (number with unit, text,
/// condition, year) or a diagnostic at its own range.
extension Checker {
    typealias Typed = (expression: TypedExpression, type: ValueType)

    mutating func resolve(_ expression: Expression) -> Typed? {
        switch expression.kind {
        case .number(let value, _):
            return (.number(value), .number(nil))
        case .string(let text):
            return (.text(text), .text)
        case .name(let text):
            return resolveName(text, at: expression.range)
        case .negate(let operand):
            guard let typed = resolve(operand) else { return nil }
            guard case .number = arithmeticType(typed.type) else {
                reportNotNumber(operand, typed.type, operation: "negate")
                return nil
            }
            return (.negate(typed.expression), arithmeticType(typed.type))
        case .not(let operand):
            guard let typed = resolve(operand) else { return nil }
            guard typed.type == .boolean else {
                report(
                    .expectedCondition,
                    "`not` needs a condition, but `\(source.text(of: operand.range))` is \(typed.type)",
                    at: operand.range)
                return nil
            }
            return (.not(typed.expression), .boolean)
        case .arithmetic(let op, let left, let right):
            return resolveArithmetic(op, left, right, at: expression.range)
        case .comparison(let op, let left, let right):
            return resolveComparison(op, left, right)
        case .logical(let op, let left, let right):
            let l = resolveCondition(left, for: op.rawValue)
            let r = resolveCondition(right, for: op.rawValue)
            guard let l, let r else { return nil }
            return (.logical(op, l, r), .boolean)
        case .membership(let value, let members, let negated):
            return resolveMembership(value, members, negated: negated)
        case .between(let value, let low, let high, let negated):
            let v = resolve(value)
            let lo = resolve(low)
            let hi = resolve(high)
            guard let v, let lo, let hi else { return nil }
            guard v.type.isNumeric else {
                reportNotNumber(value, v.type, operation: "use `between` on")
                return nil
            }
            guard compatible(v.type, lo.type, value, low), compatible(v.type, hi.type, value, high) else { return nil }
            return (.between(v.expression, low: lo.expression, high: hi.expression, negated: negated), .boolean)
        case .call(let name, let arguments):
            return resolveCall(name, arguments, at: expression.range)
        }
    }

    mutating func resolveCondition(_ expression: Expression, for op: String) -> TypedExpression? {
        guard let typed = resolve(expression) else { return nil }
        guard typed.type == .boolean else {
            report(
                .expectedCondition,
                "`\(op)` joins conditions, but `\(source.text(of: expression.range))` is \(typed.type)",
                at: expression.range, help: ["compare it first, e.g. \(source.text(of: expression.range)) > 0"])
            return nil
        }
        return typed.expression
    }

    mutating func resolveName(_ text: String, at range: SourceRange) -> Typed? {
        switch lookUp(text) {
        case .binding(let binding):
            guard let resolved = binding.resolved else {
                // A definition that failed has its own diagnostic already.
                guard let reason = binding.unavailable else { return nil }
                let location = binding.source.location(of: binding.expression.range.start)
                report(
                    .unknownName, "`\(text)` cannot be computed in `\(dataset.name)`: \(reason)", at: range,
                    help: ["`\(text)` was defined at \(binding.source.name):\(location) as \(binding.text)"])
                return nil
            }
            return (resolved, binding.type)
        case .indicator(let index):
            return (.indicator(index), .number(Unit.of(dataset.indicators[index])))
        case .attribute(let index):
            return (.attribute(index), .text)
        case .group(let index):
            return (.group(index), .boolean)
        case .country:
            return (.countryCode, .text)
        case .countryName:
            return (.countryName, .text)
        case .year:
            return (.year, .year)
        case nil:
            reportUnknownName(text, at: range)
            return nil
        }
    }

    /// True when values of the two types can be compared; reports otherwise.
    mutating func compatible(_ a: ValueType, _ b: ValueType, _ left: Expression, _ right: Expression) -> Bool {
        switch (a, b) {
        case (.text, .text), (.boolean, .boolean), (.year, .year), (.year, .number(nil)), (.number(nil), .year):
            return true
        case (.number(let lu), .number(let ru)):
            if let lu, let ru, lu != ru {
                report(
                    .unitMismatch, "cannot compare \(lu) with \(ru)", at: left.range.joined(right.range),
                    help: [
                        "`\(source.text(of: left.range))` is in \(lu) and `\(source.text(of: right.range))` in \(ru)"
                    ])
                return false
            }
            return true
        case (.text, _), (.boolean, _), (.year, _), (.number, _):
            let l = source.text(of: left.range)
            let r = source.text(of: right.range)
            var help: [String] = []
            if a == .text, b.isNumeric {
                help.append("text values are written in double quotes, e.g. \(l) = \"…\"")
                if let values = valuesHint(for: left) { help.append(values) }
            } else if b == .text, a.isNumeric {
                help.append("`\(l)` is a number; compare it with a number, e.g. \(l) > 2")
            }
            report(
                .typeMismatch, "cannot compare `\(l)` (\(a)) with `\(r)` (\(b))", at: left.range.joined(right.range),
                help: help)
            return false
        }
    }

    mutating func resolveComparison(_ op: ComparisonOperator, _ left: Expression, _ right: Expression) -> Typed? {
        let l = resolve(left)
        let r = resolve(right)
        guard let l, let r, compatible(l.type, r.type, left, right) else { return nil }
        switch l.type {
        case .text:
            // `name < "B"` compares with any text; only `=` and `!=` must
            // name a value that exists.
            if op == .equal || op == .notEqual {
                guard checkValue(l.expression, left, against: r.expression, right),
                    checkValue(r.expression, right, against: l.expression, left)
                else { return nil }
            }
            return (.compareText(op, l.expression, r.expression), .boolean)
        case .boolean:
            return (.compareBooleans(op, l.expression, r.expression), .boolean)
        case .number, .year:
            // `year = 1990` on data from 2000 selects nothing, as `in 1990` would.
            if op == .equal {
                for (side, other) in [(l, right), (r, left)] {
                    if side.type == .year, case .number(let value) = (side == l ? r : l).expression,
                        let year = Int(exactly: value), !dataset.years.contains(year)
                    {
                        _ = yearsWithin(year...year, at: other.range)
                        return nil
                    }
                }
            }
            return (.compareNumbers(op, l.expression, r.expression), .boolean)
        }
    }

    mutating func resolveMembership(_ value: Expression, _ members: [Expression], negated: Bool) -> Typed? {
        guard let v = resolve(value) else { return nil }
        var typedMembers: [TypedExpression] = []
        var ok = true
        for member in members {
            guard let m = resolve(member), compatible(v.type, m.type, value, member) else {
                ok = false
                continue
            }
            if v.type == .text, !checkValue(v.expression, value, against: m.expression, member) { ok = false }
            typedMembers.append(m.expression)
        }
        guard ok else { return nil }
        switch v.type {
        case .text:
            return (.textIn(v.expression, typedMembers, negated: negated), .boolean)
        case .number, .year:
            return (.numberIn(v.expression, typedMembers, negated: negated), .boolean)
        case .boolean:
            report(
                .typeMismatch, "`in (…)` lists values, but `\(source.text(of: value.range))` is a condition",
                at: value.range)
            return nil
        }
    }

    /// A text literal compared with an attribute must be one of its values:
    /// a misspelt region would otherwise select nothing, silently.
    mutating func checkValue(
        _ attribute: TypedExpression, _ attributeSyntax: Expression,
        against literal: TypedExpression, _ literalSyntax: Expression
    ) -> Bool {
        guard case .text(let text) = literal else { return true }
        let values: [String]
        let what: String
        switch attribute {
        case .attribute(let index):
            values = dataset.attributes[index].values
            what = dataset.attributes[index].name
        case .countryCode:
            values = dataset.countries.map(\.code)
            what = "country"
        case .countryName:
            values = dataset.countries.map(\.name)
            what = "name"
        case .number, .text, .indicator, .group, .year, .negate, .not, .arithmetic, .compareNumbers, .compareText,
            .compareBooleans, .logical, .numberIn, .textIn, .between, .function, .time, .aggregate:
            return true
        }
        if values.contains(text) { return true }
        var help: [String] = []
        if case .countryCode = attribute {
            // Users type the name where cq wants the ISO code.
            let lowered = text.lowercased()
            let byName =
                dataset.countries.filter { $0.name.lowercased() == lowered }
                + dataset.countries.filter { $0.name.lowercased() != lowered && $0.code.lowercased() == lowered }
            let close =
                byName.isEmpty
                ? Suggestions.closest(to: text, among: dataset.countries.map(\.name)).compactMap { name in
                    dataset.countries.first { $0.name == name }
                }
                : byName
            if !close.isEmpty {
                help.append(Suggestions.didYouMean(close.map { "\"\($0.code)\" (\($0.name))" }, quote: { $0 })!)
            }
            help.append("`country` holds ISO 3166 alpha-3 codes; `name` holds country names")
        } else {
            let caseless = values.filter { $0.lowercased() == text.lowercased() }
            let close = caseless.isEmpty ? Suggestions.closest(to: text, among: values) : caseless
            if let hint = Suggestions.didYouMean(close, quote: { "\"\($0)\"" }) { help.append(hint) }
            if let all = valuesHint(for: attributeSyntax) { help.append(all) }
        }
        let message: String
        switch attribute {
        case .countryCode: message = "no country has the code \"\(text)\" in `\(dataset.name)`"
        case .countryName: message = "no country is named \"\(text)\" in `\(dataset.name)`"
        case .attribute, .number, .text, .indicator, .group, .year, .negate, .not, .arithmetic, .compareNumbers,
            .compareText, .compareBooleans, .logical, .numberIn, .textIn, .between, .function, .time, .aggregate:
            message = "no country has \(what) \"\(text)\" in `\(dataset.name)`"
        }
        report(.unknownValue, message, at: literalSyntax.range, help: help)
        return false
    }

    /// "regions: "EU", "CIS", …" when the list is short enough to read.
    func valuesHint(for expression: Expression) -> String? {
        guard case .name(let text) = expression.kind, case .attribute(let index)? = lookUp(text) else { return nil }
        let attribute = dataset.attributes[index]
        guard attribute.values.count <= 16 else { return nil }
        return "values of `\(attribute.name)`: " + attribute.values.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    mutating func resolveCall(_ name: Name, _ arguments: [Expression], at range: SourceRange) -> Typed? {
        if let time = TypedExpression.TimeFunction(rawValue: name.text.lowercased()) {
            return resolveTimeCall(time, arguments, at: range)
        }
        if let aggregate = TypedExpression.PeriodAggregate(rawValue: name.text.lowercased()) {
            return resolveAggregateCall(aggregate, arguments, at: range)
        }
        guard let function = TypedExpression.Function(rawValue: name.text.lowercased()) else {
            let names =
                TypedExpression.Function.allCases.map(\.rawValue)
                + TypedExpression.TimeFunction.allCases.map(\.rawValue)
                + TypedExpression.PeriodAggregate.allCases.map(\.rawValue)
            var help: [String] = []
            if let hint = Suggestions.didYouMean(Suggestions.closest(to: name.text, among: names)) { help.append(hint) }
            help.append("functions: " + names.map { "`\($0)`" }.joined(separator: ", "))
            report(.unknownFunction, "there is no function `\(name.text)`", at: name.range, help: help)
            return nil
        }
        guard arguments.count == 1 else {
            report(
                .wrongArgumentCount, "`\(function.rawValue)` takes one number, but was given \(arguments.count)",
                at: range)
            return nil
        }
        guard let argument = resolve(arguments[0]) else { return nil }
        guard case .number(let unit) = arithmeticType(argument.type) else {
            reportNotNumber(arguments[0], argument.type, operation: "take `\(function.rawValue)` of")
            return nil
        }
        let resultUnit: Unit?
        switch function {
        case .abs:
            resultUnit = unit
        case .log, .log10:
            // log(x) of a quantity is a number in "log units": comparable
            // with other logs of the same unit, not with the unit itself.
            resultUnit = unit.map { $0.isDimensionless ? $0 : Unit("\(function.rawValue)(\($0))") }
        case .sqrt:
            resultUnit = unit.map { $0.isDimensionless ? $0 : Unit("√(\($0))") }
        }
        return (.function(function, argument.expression), .number(resultUnit))
    }
}
