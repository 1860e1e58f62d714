/// Unit algebra for arithmetic: sums need equal units, products and
/// quotients combine them, powers need a whole exponent written out.
extension Checker {
    /// Years take part in arithmetic as numbers counted in years.
    func arithmeticType(_ type: ValueType) -> ValueType {
        type == .year ? .number(Unit("year")) : type
    }

    mutating func reportNotNumber(_ expression: Expression, _ type: ValueType, operation: String) {
        let text = source.text(of: expression.range)
        report(.expectedNumber, "cannot \(operation) `\(text)`: it is \(type)", at: expression.range)
    }

    mutating func resolveArithmetic(
        _ op: ArithmeticOperator, _ left: Expression, _ right: Expression, at range: SourceRange
    ) -> Typed? {
        let l = resolve(left)
        let r = resolve(right)
        guard let l, let r else { return nil }
        let verb: String
        switch op {
        case .add: verb = "add"
        case .subtract: verb = "subtract"
        case .multiply: verb = "multiply"
        case .divide: verb = "divide"
        case .power: verb = "raise"
        }
        var ok = true
        for (expression, typed) in [(left, l), (right, r)] where !typed.type.isNumeric {
            reportNotNumber(expression, typed.type, operation: verb)
            ok = false
        }
        guard ok, case .number(let lu) = arithmeticType(l.type), case .number(let ru) = arithmeticType(r.type) else {
            return nil
        }
        let unit: Unit?
        let tooLarge = { [source] (checker: inout Checker) in
            checker.report(
                .unitMismatch, "the unit of `\(source.text(of: range))` would need a power beyond \(Unit.maximumPower)",
                at: range, help: ["no quantity is measured in such a unit; check the exponent"])
        }
        switch op {
        case .add, .subtract:
            if let lu, let ru, lu != ru {
                report(
                    .unitMismatch, "cannot \(verb) \(ru) \(op == .add ? "to" : "from") \(lu)", at: range,
                    help: [
                        "`\(source.text(of: left.range))` is in \(lu) and `\(source.text(of: right.range))` in \(ru)",
                        "convert one first, or compare them with `correlate`",
                    ])
                return nil
            }
            unit = lu ?? ru
        case .multiply, .divide:
            switch (lu, ru) {
            case (let l?, let r?):
                guard let combined = op == .multiply ? l.multiplied(by: r) : l.divided(by: r) else {
                    tooLarge(&self)
                    return nil
                }
                unit = combined
            case (let l?, nil): unit = l
            case (nil, let r?): unit = op == .multiply ? r : Unit.dimensionless.divided(by: r)
            case (nil, nil): unit = nil
            }
        case .power:
            if let ru, !ru.isDimensionless {
                report(
                    .unitMismatch,
                    "an exponent must be a pure number, but `\(source.text(of: right.range))` is in \(ru)",
                    at: right.range)
                return nil
            }
            if let lu, !lu.isDimensionless {
                let literal: Double?
                switch r.expression {
                case .number(let value): literal = value
                case .negate(.number(let value)): literal = -value
                case .text, .indicator, .attribute, .group, .countryCode, .countryName, .year, .negate, .not,
                    .arithmetic,
                    .compareNumbers, .compareText, .compareBooleans, .logical, .numberIn, .textIn, .between, .function,
                    .time, .aggregate:
                    literal = nil
                }
                guard let exponent = literal, let whole = Int(exactly: exponent) else {
                    report(
                        .unitMismatch,
                        "a quantity in \(lu) can only be raised to a whole number written out, such as 2",
                        at: right.range)
                    return nil
                }
                guard let raised = lu.raised(to: whole) else {
                    tooLarge(&self)
                    return nil
                }
                unit = raised
            } else {
                unit = lu
            }
        }
        return (.arithmetic(op, l.expression, r.expression), .number(unit))
    }
}
