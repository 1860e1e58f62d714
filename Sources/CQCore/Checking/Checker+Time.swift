/// Time functions: `lag(x)`, `lag(x, k)`, `lead`, `diff`, `growth` take a
/// step of k ≥ 1 years (default 1); `at(x, YEAR)` and `index(x, YEAR)` a
/// year the dataset covers. Both are whole numbers written out, so the
/// checker knows them before anything runs. Units: `lag`, `lead`, `at` and
/// `diff` keep x's; `growth` is %; `index` is "index, YEAR = 100".
extension Checker {
    mutating func resolveTimeCall(
        _ function: TypedExpression.TimeFunction, _ arguments: [Expression], at range: SourceRange
    )
        -> Typed?
    {
        let name = function.rawValue
        let usage = function.takesYear ? "\(name)(x, YEAR)" : "\(name)(x) or \(name)(x, k)"
        guard arguments.count == (function.takesYear ? 2 : arguments.count), (1...2).contains(arguments.count) else {
            report(
                .wrongArgumentCount,
                "`\(name)` takes \(function.takesYear ? "a number and a year" : "a number and an optional step"), but was given \(arguments.count) argument\(arguments.count == 1 ? "" : "s")",
                at: range, help: ["write \(usage)"])
            return nil
        }
        let example = "\(name)(gdp_per_capita\(function.takesYear ? ", 2000" : ""))"
        guard
            let (operand, unit) = numericArgument(
                arguments[0], of: name,
                hint: "time functions follow a country's values along its years, e.g. \(example)")
        else { return nil }
        var argument = 1
        if arguments.count == 2 {
            guard let whole = wholeNumber(arguments[1]) else {
                report(
                    .invalidTimeArgument,
                    "the \(function.takesYear ? "year" : "step") of `\(name)` must be a whole number written out",
                    at: arguments[1].range,
                    help: ["for example: \(function.takesYear ? "\(name)(x, 2000)" : "\(name)(x, 5)")"])
                return nil
            }
            argument = whole
        }
        if function.takesYear {
            guard yearsWithin(argument...argument, at: arguments[1].range) != nil else { return nil }
        } else {
            let span = dataset.yearCount
            guard argument >= 1 else {
                let other = function == .lead ? "lag" : "lead"
                var help = ["k counts years, at least 1"]
                if argument < 0, function == .lag || function == .lead {
                    help.append("to look the other way, write \(other)(x, \(-argument))")
                }
                report(
                    .invalidTimeArgument, "the step of `\(name)` must be at least 1, not \(argument)",
                    at: arguments[1].range, help: help)
                return nil
            }
            guard argument < span else {
                report(
                    .invalidTimeArgument,
                    "no two years of `\(dataset.name)` are \(argument) apart: it covers \(Checker.span(dataset.years))",
                    at: arguments[1].range, help: ["choose a step below \(span)"])
                return nil
            }
        }
        let resultUnit: Unit?
        switch function {
        case .lag, .lead, .at, .diff: resultUnit = unit
        case .growth: resultUnit = Unit("%")
        case .index: resultUnit = Unit("index, \(argument) = 100")
        }
        return (.time(function, operand, argument: argument), .number(resultUnit))
    }

    /// The value of a whole number written out (`5`, `-1`, `2000`), or nil.
    private func wholeNumber(_ expression: Expression) -> Int? {
        switch expression.kind {
        case .number(let value, _): return Int(exactly: value)
        case .negate(let inner):
            guard case .number(let value, _) = inner.kind, let whole = Int(exactly: value) else { return nil }
            return -whole
        case .string, .name, .not, .arithmetic, .comparison, .logical, .membership, .between, .call: return nil
        }
    }
}
