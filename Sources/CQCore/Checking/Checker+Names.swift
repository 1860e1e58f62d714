/// Name resolution: bindings first, then the dataset's indicators, the
/// built-in names, attributes and groups; exact spelling first, then
/// ignoring case. Unknown names get the closest candidates as hints.
extension Checker {
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
        switch BuiltinName(rawValue: text)?.meaning {
        case .countryCode?: return .country
        case .countryName?: return .countryName
        case .year?: return .year
        case nil: break
        }
        if let index = dataset.attributes.firstIndex(where: { $0.name == text }) { return .attribute(index) }
        if let index = dataset.groups.firstIndex(where: { $0.name == text }) { return .group(index) }
        return nil
    }

    /// Every name valid in an expression, for suggestions.
    public static func names(in state: SessionState) -> [String] {
        state.dataset.indicators.map(\.id) + state.dataset.attributes.map(\.name) + state.dataset.groups.map(\.name)
            + BuiltinName.offered.map(\.rawValue) + state.bindings.keys.sorted()
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
}
