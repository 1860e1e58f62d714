/// `let name = expression`: a binding, unit-checked, that follows the session across `use`.
///
/// The statement's checking, evaluation and presentation, in that order.
extension Checker {
    mutating func checkLet(_ name: Name, _ expression: Expression) -> Action? {
        if let existing = lookUp(name.text) {
            let what: String
            switch existing {
            case .binding: what = ""
            case .indicator: what = "an indicator"
            case .attribute: what = "an attribute"
            case .group: what = "a group"
            case .country, .countryName, .year: what = "a built-in name"
            }
            if !what.isEmpty {
                report(
                    .nameTaken, "`\(name.text)` is already \(what) in `\(dataset.name)`", at: name.range,
                    help: ["choose another name, e.g. `my_\(name.text)`"])
                return nil
            }
        }
        guard let typed = resolve(expression) else {
            // Remember the name, so that later uses are not reported as
            // unknown: one mistake, one message.
            state.bindings[name.text] = Binding(
                name: name.text, expression: expression, source: source, type: .number(nil),
                resolved: nil, unavailable: nil)
            return nil
        }
        // References inline the definition, so a chain of bindings could
        // grow without bound; refuse what evaluation could not afford.
        guard typed.expression.fits(nodes: Checker.maximumExpansion, depth: Checker.maximumExpansionDepth) else {
            report(
                .nestingTooDeep,
                "`\(name.text)` would expand to more than \(Checker.maximumExpansion) operations or \(Checker.maximumExpansionDepth) levels",
                at: expression.range,
                help: ["bindings are copied into every expression that uses them; simplify the definition"])
            return nil
        }
        let binding = Binding(
            name: name.text, expression: expression, source: source, type: typed.type,
            resolved: typed.expression, unavailable: nil)
        state.bindings[name.text] = binding
        state.definitions.append(binding)
        return .bind(name: name.text, type: typed.type, text: source.text(of: expression.range))
    }
}

extension Presenter {
    func presentBinding(_ result: BindingResult, into out: inout Presentation) {
        if format == .csv {
            addRecord(
                [("name", result.name), ("definition", result.definition), ("type", "\(result.type)")], into: &out)
        } else {
            out.add(.note("\(result.name) = \(result.definition)  (\(result.type))"))
        }
    }
}

extension JSONWriter {
    /// `{"name", "definition", "type", "unit"}`; `unit` is null unless the
    /// binding is a number, "" for a pure number.
    static func bindingFields(_ result: BindingResult) -> [(String, JSON)] {
        var unit: JSON = .null
        if case .number(let u) = result.type {
            unit = .string(u.map { $0.isDimensionless ? "" : $0.description } ?? "")
        }
        return [
            ("name", .string(result.name)), ("definition", .string(result.definition)),
            ("type", .string("\(result.type)")), ("unit", unit),
        ]
    }
}
