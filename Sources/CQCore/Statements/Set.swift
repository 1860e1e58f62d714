/// `set year = …`, `set method = …`: defaults for the statements that follow.
///
/// The statement's checking, evaluation and presentation, in that order.
extension Checker {
    mutating func checkSet(_ name: Name, _ value: SettingValue) -> Action? {
        guard let setting = Setting(named: name.text) else {
            report(
                .unknownSetting, "there is no setting `\(name.text)`", at: name.range,
                help: Suggestions.choices(for: name.text, among: Settings.names, listedAs: "settings"))
            return nil
        }
        switch setting {
        case .year:
            switch value {
            case .number(let number, let text, let range):
                guard let year = Int(exactly: number) else {
                    report(
                        .invalidSettingValue, "`\(text)` is not a year", at: range,
                        help: ["for example: set year = 2017"])
                    return nil
                }
                guard let years = yearsWithin(year...year, at: range) else { return nil }
                state.settings.years = years
                return .set(SettingResult(setting: .year, value: .years(years)))
            case .years(let filter):
                if filter.first > filter.last {
                    report(
                        .emptyYearRange, "the year range \(filter.first)..\(filter.last) runs backwards",
                        at: filter.range,
                        help: ["write the earlier year first: set year = \(filter.last)..\(filter.first)"])
                    return nil
                }
                guard let years = yearsWithin(filter.first...filter.last, at: filter.range) else { return nil }
                state.settings.years = years
                return .set(SettingResult(setting: .year, value: .years(years)))
            case .word(let word) where word.text.lowercased() == "all":
                state.settings.years = nil
                return .set(SettingResult(setting: .year, value: .allYears))
            case .word, .text:
                report(
                    .invalidSettingValue, "`year` is set to a year, a range or `all`", at: value.range,
                    help: ["for example: set year = 2017, set year = 2000..2020, set year = all"])
                return nil
            }
        case .method:
            let word: Name
            switch value {
            case .word(let name): word = name
            case .text(let text, let range): word = Name(text, range)
            case .number, .years:
                report(
                    .invalidSettingValue, "`method` is set to a correlation method", at: value.range,
                    help: ["methods: " + CorrelationMethod.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")])
                return nil
            }
            guard let method = CorrelationMethod(rawValue: word.text.lowercased()) else {
                reportUnknownMethod(word)
                return nil
            }
            state.settings.method = method
            return .set(SettingResult(setting: .method, value: .method(method)))
        }
    }
}

extension Presenter {
    func presentSetting(_ result: SettingResult, into out: inout Presentation) {
        if format == .csv {
            addRecord([("name", result.setting.rawValue), ("value", result.valueText)], into: &out)
        } else {
            out.add(.note("\(result.setting.rawValue) = \(result.valueText)"))
        }
    }
}

extension JSONWriter {
    /// `{"setting": "year", "value": "2000..2020"}`: the value as `set` takes it.
    static func settingFields(_ result: SettingResult) -> [(String, JSON)] {
        [("setting", .string(result.setting.rawValue)), ("value", .string(result.valueText))]
    }
}
