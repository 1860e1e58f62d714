/// Resolves every name and type in a program before anything runs.
///
/// The checker threads a copy of the session state through the statements,
/// applying `use`, `let` and `set` as it goes, so a later statement is
/// checked against the dataset and bindings it will really see. It reports
/// every error in the program (one per faulty statement part), in source
/// order, and produces checked statements only when there are none.
public struct Checker {
    public struct Output: Sendable {
        public var statements: [CheckedStatement]
        public var diagnostics: [Diagnostic]
        public var stateAfter: SessionState
    }

    public static func check(
        _ statements: [Statement], in source: SourceFile, state: SessionState, catalog: DatasetCatalog
    ) -> Output {
        var checker = Checker(source: source, state: state, catalog: catalog)
        var checked: [CheckedStatement] = []
        for statement in statements {
            if let action = checker.check(statement) {
                checked.append(CheckedStatement(statement: statement, source: source, action: action, stateAfter: checker.state))
            }
        }
        return Output(statements: checked, diagnostics: checker.diagnostics, stateAfter: checker.state)
    }

    /// Checks one expression on its own, e.g. for completion or `describe`.
    public static func type(of expression: Expression, in source: SourceFile, state: SessionState) -> ValueType? {
        var checker = Checker(source: source, state: state, catalog: DatasetCatalog(names: [], load: { _ in nil }))
        return checker.resolve(expression)?.type
    }

    let source: SourceFile
    var state: SessionState
    let catalog: DatasetCatalog
    var diagnostics: [Diagnostic] = []

    init(source: SourceFile, state: SessionState, catalog: DatasetCatalog) {
        self.source = source
        self.state = state
        self.catalog = catalog
    }

    var dataset: Dataset { state.dataset }

    mutating func report(_ code: DiagnosticCode, _ message: String, at range: SourceRange, help: [String] = []) {
        diagnostics.append(Diagnostic(code, message, source: source, range: range, help: help))
    }

    // MARK: - Statements

    mutating func check(_ statement: Statement) -> Action? {
        let errorsBefore = diagnostics.count
        let action = checkCommand(statement)
        return diagnostics.count == errorsBefore ? action : nil
    }

    mutating func checkCommand(_ statement: Statement) -> Action? {
        let clauses = statement.clauses
        if case .correlate = statement.command {} else if let compare = clauses.compare {
            report(.clauseNotAllowed, "`compare` belongs to `correlate … by …`", at: compare,
                   help: ["for example: correlate gdp_per_capita, rnd by eu compare in 2019"])
            return nil
        }
        switch statement.command {
        case .correlate(let expressions): return checkCorrelate(expressions, clauses)
        case .regress(let response, let terms, let intercept): return checkRegress(response, on: terms, intercept: intercept, clauses)
        case .summarize(let expressions): return checkSummarize(expressions, clauses)
        case .list(let expressions): return checkList(expressions, clauses)
        case .countCountries: return checkCountCountries(clauses)
        case .rank(let expression): return checkRank(expression, clauses)
        case .describe(let subject): return checkDescribe(subject)
        case .indicators: return .indicators(dataset: dataset)
        case .explain(let explained): return checkExplain(explained, statement)
        case .plot(let y, let x): return checkPlot(y: y, x: x, clauses)
        case .countries: return checkCountries(clauses)
        case .bind(let name, let expression): return checkLet(name, expression)
        case .set(let name, let value): return checkSet(name, value)
        case .use(let reference, let formatName): return checkUse(reference, format: formatName)
        }
    }

    func variable(_ expression: Expression, _ typed: (expression: TypedExpression, type: ValueType)) -> Variable {
        Variable(label: source.text(of: expression.range), expression: typed.expression, type: typed.type)
    }

    /// Resolves each expression and requires a number (a year counts).
    mutating func numericVariables(_ expressions: [Expression], for statement: String) -> [Variable]? {
        var variables: [Variable] = []
        for expression in expressions {
            guard let typed = resolve(expression) else { continue }
            guard typed.type.isNumeric else {
                let text = source.text(of: expression.range)
                var help: [String] = []
                switch typed.type {
                case .text where statement != "rank":
                    help.append("to compare groups, put the category in a `by` clause: \(statement) … by \(text)")
                case .text:
                    help.append("`rank` orders countries by a number; `where \(text) = \"…\"` picks a group")
                case .boolean:
                    help.append("a condition belongs in a `where` clause")
                case .number, .year:
                    break
                }
                if let hint = Suggestions.didYouMean(Suggestions.closest(to: text, among: dataset.indicators.map(\.id))) {
                    help.append(hint)
                }
                report(.expectedNumber, "`\(statement)` needs numbers, but `\(text)` is \(typed.type)", at: expression.range, help: help)
                continue
            }
            variables.append(variable(expression, typed))
        }
        return variables.count == expressions.count ? variables : nil
    }

    /// `correlate x, x` is almost always a slip.
    mutating func distinct(_ variables: [Variable]?, _ expressions: [Expression]) {
        guard let variables else { return }
        var seen: [String: Int] = [:]
        for (index, variable) in variables.enumerated() {
            let key = variable.label.lowercased()
            if let first = seen[key] {
                let location = source.location(of: expressions[first].range.start)
                report(.duplicateColumn, "`\(variable.label)` appears twice", at: expressions[index].range,
                       help: ["it is already variable \(first + 1), at \(location)"])
            } else {
                seen[key] = index
            }
        }
    }

    mutating func correlationMethod(_ name: Name?) -> CorrelationMethod? {
        guard let name else { return state.settings.method }
        if let method = CorrelationMethod(rawValue: name.text.lowercased()) { return method }
        reportUnknownMethod(name)
        return nil
    }

    mutating func reportUnknownMethod(_ name: Name) {
        let methods = CorrelationMethod.allCases.map(\.rawValue)
        var help: [String] = []
        if let hint = Suggestions.didYouMean(Suggestions.closest(to: name.text, among: methods)) { help.append(hint) }
        help.append("methods: " + methods.map { "`\($0)`" }.joined(separator: ", "))
        report(.unknownMethod, "no correlation method is named `\(name.text)`", at: name.range, help: help)
    }

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
                    report(.expectedCondition, "`where` needs a condition, but `\(text)` is \(typed.type)", at: condition.range,
                           help: [typed.type.isNumeric ? "compare it: where \(text) > 0" : "compare it: where \(text) = \"…\""])
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
                    report(.cannotGroup, "cannot group by `\(text)`: it is \(typed.type), not a category", at: key.range,
                           help: ["group by an attribute such as `region` or `income_group`, or by a condition: by \(text) > 10000"])
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
                report(.emptyYearRange, "the year range \(clause.first)..\(clause.last) runs backwards", at: clause.range,
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
        return Scope(dataset: dataset, filter: filter, filterText: filterText, years: years, yearsChosen: chosen, groupBy: groupBy)
    }

    mutating func yearsWithin(_ years: ClosedRange<Int>, at range: SourceRange) -> ClosedRange<Int>? {
        guard years.overlaps(dataset.years) else {
            let covered = Checker.span(dataset.years)
            let what = years.count == 1 ? "\(years.lowerBound) is" : "\(years.lowerBound)–\(years.upperBound) are"
            report(.yearOutsideData, "\(what) outside the data: `\(dataset.name)` covers \(covered)", at: range,
                   help: ["choose a year within \(covered)"])
            return nil
        }
        return years.clamped(to: dataset.years)
    }

    /// Limits on what a binding may expand to (see `bind`).
    static let maximumExpansion = 10_000
    static let maximumExpansionDepth = 256

    /// "2000–2024", or "only 2017" for a single year.
    static func span(_ years: ClosedRange<Int>) -> String {
        years.count == 1 ? "only \(years.lowerBound)" : "\(years.lowerBound)–\(years.upperBound)"
    }

    // MARK: - Names

    enum Resolution {
        case binding(Binding)
        case indicator(Int)
        case attribute(Int)
        case group(Int)
        case country
        case countryName
        case year
    }

    /// Names are matched exactly first, then ignoring case (`GDP_per_capita`
    /// finds `gdp_per_capita`), the way the keywords are.
    func lookUp(_ text: String) -> Resolution? {
        if let found = lookUpExactly(text) { return found }
        let lowered = text.lowercased()
        return lowered == text ? nil : lookUpExactly(lowered)
    }

    func lookUpExactly(_ text: String) -> Resolution? {
        if let binding = state.bindings[text] { return .binding(binding) }
        if let index = dataset.indicators.firstIndex(where: { $0.id == text }) { return .indicator(index) }
        switch text {
        case "country", "iso3": return .country
        case "name": return .countryName
        case "year": return .year
        default: break
        }
        if let index = dataset.attributes.firstIndex(where: { $0.name == text }) { return .attribute(index) }
        if let index = dataset.groups.firstIndex(where: { $0.name == text }) { return .group(index) }
        return nil
    }

    /// Every name valid in an expression, for suggestions.
    public static func names(in state: SessionState) -> [String] {
        state.dataset.indicators.map(\.id) + state.dataset.attributes.map(\.name) + state.dataset.groups.map(\.name)
            + ["country", "name", "year"] + state.bindings.keys.sorted()
    }

    mutating func reportUnknownName(_ text: String, at range: SourceRange) {
        var help: [String] = []
        let candidates = Checker.names(in: state)
        if let hint = Suggestions.didYouMean(Suggestions.closest(to: text, among: candidates)) {
            help.append(hint)
        } else if let group = dataset.groups.first(where: { $0.label.lowercased() == text.lowercased() }) {
            help.append("did you mean the group `\(group.name)`?")
        }
        if let attribute = dataset.attributes.first(where: { $0.values.contains(text) }) {
            help.append("`\(text)` is a value of `\(attribute.name)`: write \(attribute.name) = \"\(text)\"")
        }
        if ["true", "false", "yes", "no"].contains(text.lowercased()) {
            help = ["a group is a condition on its own: `where eu`, `where not eu`"]
        }
        if help.isEmpty {
            help.append("`indicators` lists the indicators of `\(dataset.name)`")
        }
        report(.unknownName, "unknown name `\(text)`", at: range, help: help)
    }

    // MARK: - Expressions

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
                report(.expectedCondition, "`not` needs a condition, but `\(source.text(of: operand.range))` is \(typed.type)",
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
            report(.expectedCondition, "`\(op)` joins conditions, but `\(source.text(of: expression.range))` is \(typed.type)",
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
                report(.unknownName, "`\(text)` cannot be computed in `\(dataset.name)`: \(reason)", at: range,
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

    /// Years take part in arithmetic as numbers counted in years.
    func arithmeticType(_ type: ValueType) -> ValueType {
        type == .year ? .number(Unit("year")) : type
    }

    mutating func reportNotNumber(_ expression: Expression, _ type: ValueType, operation: String) {
        let text = source.text(of: expression.range)
        report(.expectedNumber, "cannot \(operation) `\(text)`: it is \(type)", at: expression.range)
    }

    mutating func resolveArithmetic(_ op: ArithmeticOperator, _ left: Expression, _ right: Expression, at range: SourceRange) -> Typed? {
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
        guard ok, case .number(let lu) = arithmeticType(l.type), case .number(let ru) = arithmeticType(r.type) else { return nil }
        let unit: Unit?
        let tooLarge = { [source] (checker: inout Checker) in
            checker.report(.unitMismatch, "the unit of `\(source.text(of: range))` would need a power beyond \(Unit.maximumPower)",
                           at: range, help: ["no quantity is measured in such a unit; check the exponent"])
        }
        switch op {
        case .add, .subtract:
            if let lu, let ru, lu != ru {
                report(.unitMismatch, "cannot \(verb) \(ru) \(op == .add ? "to" : "from") \(lu)", at: range,
                       help: ["`\(source.text(of: left.range))` is in \(lu) and `\(source.text(of: right.range))` in \(ru)",
                              "convert one first, or compare them with `correlate`"])
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
                report(.unitMismatch, "an exponent must be a pure number, but `\(source.text(of: right.range))` is in \(ru)", at: right.range)
                return nil
            }
            if let lu, !lu.isDimensionless {
                let literal: Double?
                switch r.expression {
                case .number(let value): literal = value
                case .negate(.number(let value)): literal = -value
                case .text, .indicator, .attribute, .group, .countryCode, .countryName, .year, .negate, .not, .arithmetic,
                     .compareNumbers, .compareText, .compareBooleans, .logical, .numberIn, .textIn, .between, .function:
                    literal = nil
                }
                guard let exponent = literal, let whole = Int(exactly: exponent) else {
                    report(.unitMismatch, "a quantity in \(lu) can only be raised to a whole number written out, such as 2",
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

    /// True when values of the two types can be compared; reports otherwise.
    mutating func compatible(_ a: ValueType, _ b: ValueType, _ left: Expression, _ right: Expression) -> Bool {
        switch (a, b) {
        case (.text, .text), (.boolean, .boolean), (.year, .year), (.year, .number(nil)), (.number(nil), .year):
            return true
        case (.number(let lu), .number(let ru)):
            if let lu, let ru, lu != ru {
                report(.unitMismatch, "cannot compare \(lu) with \(ru)", at: left.range.joined(right.range),
                       help: ["`\(source.text(of: left.range))` is in \(lu) and `\(source.text(of: right.range))` in \(ru)"])
                return false
            }
            return true
        case (.text, _), (.boolean, _), (.year, _), (.number, _):
            let l = source.text(of: left.range), r = source.text(of: right.range)
            var help: [String] = []
            if a == .text, b.isNumeric {
                help.append("text values are written in double quotes, e.g. \(l) = \"…\"")
                if let values = valuesHint(for: left) { help.append(values) }
            } else if b == .text, a.isNumeric {
                help.append("`\(l)` is a number; compare it with a number, e.g. \(l) > 2")
            }
            report(.typeMismatch, "cannot compare `\(l)` (\(a)) with `\(r)` (\(b))", at: left.range.joined(right.range), help: help)
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
                      checkValue(r.expression, right, against: l.expression, left) else { return nil }
            }
            return (.compareText(op, l.expression, r.expression), .boolean)
        case .boolean:
            return (.compareBooleans(op, l.expression, r.expression), .boolean)
        case .number, .year:
            // `year = 1990` on data from 2000 selects nothing, as `in 1990` would.
            if op == .equal {
                for (side, other) in [(l, right), (r, left)] {
                    if side.type == .year, case .number(let value) = (side == l ? r : l).expression,
                       let year = Int(exactly: value), !dataset.years.contains(year) {
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
            report(.typeMismatch, "`in (…)` lists values, but `\(source.text(of: value.range))` is a condition", at: value.range)
            return nil
        }
    }

    /// A text literal compared with an attribute must be one of its values:
    /// a misspelt region would otherwise select nothing, silently.
    mutating func checkValue(_ attribute: TypedExpression, _ attributeSyntax: Expression,
                                     against literal: TypedExpression, _ literalSyntax: Expression) -> Bool {
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
             .compareBooleans, .logical, .numberIn, .textIn, .between, .function:
            return true
        }
        if values.contains(text) { return true }
        var help: [String] = []
        if case .countryCode = attribute {
            // Users type the name where cq wants the ISO code.
            let lowered = text.lowercased()
            let byName = dataset.countries.filter { $0.name.lowercased() == lowered }
                + dataset.countries.filter { $0.name.lowercased() != lowered && $0.code.lowercased() == lowered }
            let close = byName.isEmpty
                ? Suggestions.closest(to: text, among: dataset.countries.map(\.name)).compactMap { name in dataset.countries.first { $0.name == name } }
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
             .compareText, .compareBooleans, .logical, .numberIn, .textIn, .between, .function:
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
        guard let function = TypedExpression.Function(rawValue: name.text.lowercased()) else {
            let names = TypedExpression.Function.allCases.map(\.rawValue)
            var help: [String] = []
            if let hint = Suggestions.didYouMean(Suggestions.closest(to: name.text, among: names)) { help.append(hint) }
            help.append("functions: " + names.map { "`\($0)`" }.joined(separator: ", "))
            report(.unknownFunction, "there is no function `\(name.text)`", at: name.range, help: help)
            return nil
        }
        guard arguments.count == 1 else {
            report(.wrongArgumentCount, "`\(function.rawValue)` takes one number, but was given \(arguments.count)", at: range)
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
