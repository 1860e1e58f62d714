/// `describe name`, `describe countries`, `describe regions`: what a name means.
///
/// The statement's checking, evaluation and presentation, in that order.
extension Checker {
    mutating func checkDescribe(_ subject: DescribeSubject) -> Action? {
        switch subject {
        case .countries: return .describe(.countries, dataset: dataset)
        case .name(let name):
            guard let target = describeTarget(name) else { return nil }
            return .describe(target, dataset: dataset)
        }
    }

    mutating func describeTarget(_ name: Name) -> DescribeTarget? {
        switch lookUp(name.text) {
        case .binding(let binding): return .binding(binding)
        case .indicator(let index): return .indicator(index)
        case .attribute(let index): return .attribute(index)
        case .group(let index): return .group(index)
        case .country: return .country
        case .countryName: return .countryName
        case .year: return .year
        case nil:
            // `describe regions` lists the values of `region`.
            if name.text.lowercased() == "regions",
                let index = dataset.attributes.firstIndex(where: { $0.name == "region" })
            {
                return .attribute(index)
            }
            if let function = TypedExpression.TimeFunction(rawValue: name.text.lowercased()) {
                return .timeFunction(function)
            }
            if let aggregate = TypedExpression.PeriodAggregate(rawValue: name.text.lowercased()) {
                return .periodAggregate(aggregate)
            }
            reportUnknownName(name.text, at: name.range)
            return nil
        }
    }
}

/// `describe` and `indicators`: what the dataset holds and how complete it is.
struct Describer {
    let dataset: Dataset

    func describe(_ target: DescribeTarget) -> DescriptionResult {
        switch target {
        case .countries:
            var facts: [DescriptionFact] = [
                .init(.countries, .count(dataset.countries.count)),
                .init(.years, .years(dataset.years)),
                .init(
                    .attributes, .names([BuiltinName.country, .name].map(\.rawValue) + dataset.attributes.map(\.name))),
                .init(.groups, .names(dataset.groups.map(\.name))),
            ]
            if let index = dataset.attributes.firstIndex(where: { $0.name == "continent" }) {
                let attribute = dataset.attributes[index]
                var counts: [String: Int] = [:]
                for country in dataset.countries.indices {
                    let code = attribute.code(
                        atCell: dataset.cell(country: country, year: dataset.lastYear), yearCount: dataset.yearCount)
                    counts[code == Attribute.missing ? "(none)" : attribute.values[Int(code)], default: 0] += 1
                }
                let sorted = counts.sorted { $0.key < $1.key }.map { (name: $0.key, count: $0.value) }
                facts.append(.init(.byContinent, .counts(sorted, truncated: false), year: dataset.lastYear))
            }
            facts.append(.init(.hint, .text("`countries` lists them; `describe region` shows the regions")))
            return DescriptionResult(title: "countries of `\(dataset.name)`", facts: facts)
        case .indicator(let index):
            return describeIndicator(dataset.indicators[index])
        case .attribute(let index):
            let attribute = dataset.attributes[index]
            var facts: [DescriptionFact] = [
                .init(.label, .text(attribute.label)),
                .init(.type, .text("text")),
                .init(.variesByYear, .flag(attribute.variesByYear)),
                .init(.values, .count(attribute.values.count)),
            ]
            // How many countries hold each value in the latest year.
            var counts = [Int](repeating: 0, count: attribute.values.count)
            for country in dataset.countries.indices {
                let code = attribute.code(
                    atCell: dataset.cell(country: country, year: dataset.lastYear), yearCount: dataset.yearCount)
                if code != Attribute.missing { counts[Int(code)] += 1 }
            }
            let shown = zip(attribute.values, counts).prefix(30).map { (name: $0, count: $1) }
            facts.append(
                .init(.countriesByValue, .counts(shown, truncated: attribute.values.count > 30), year: dataset.lastYear)
            )
            return DescriptionResult(title: attribute.name, facts: facts)
        case .group(let index):
            let group = dataset.groups[index]
            var facts: [DescriptionFact] = [
                .init(.label, .text("member of \(group.label) that year")), .init(.type, .text("condition")),
            ]
            let latest = dataset.lastYear
            let members = (0..<dataset.countries.count).filter {
                group.members[dataset.cell(country: $0, year: latest)]
            }
            facts.append(.init(.members, .count(members.count), year: latest))
            facts.append(.init(.memberCodes, .names(members.map { dataset.countries[$0].code }), year: latest))
            return DescriptionResult(title: group.name, facts: facts)
        case .binding(let binding):
            return DescriptionResult(
                title: binding.name,
                facts: [
                    .init(.definition, .text(binding.text)), .init(.type, .text("\(binding.type)")),
                ])
        case .country:
            return DescriptionResult(
                title: "country",
                facts: [
                    .init(.label, .text("ISO 3166-1 alpha-3 code")), .init(.type, .text("text")),
                    .init(.values, .countries(dataset.countries.count)),
                ])
        case .countryName:
            return DescriptionResult(
                title: "name",
                facts: [
                    .init(.label, .text("country name")), .init(.type, .text("text")),
                    .init(.values, .countries(dataset.countries.count)),
                ])
        case .timeFunction(let function):
            return DescriptionResult(title: function.rawValue, facts: Self.facts(of: function))
        case .periodAggregate(let aggregate):
            return DescriptionResult(title: aggregate.rawValue, facts: Self.facts(of: aggregate))
        case .year:
            return DescriptionResult(
                title: "year",
                facts: [
                    .init(.label, .text("the year of an observation")), .init(.type, .text("year")),
                    .init(.years, .years(dataset.years)),
                ])
        }
    }

    /// What `describe lag` says: the definition, the unit, how gaps behave.
    static func facts(of function: TypedExpression.TimeFunction) -> [DescriptionFact] {
        let (usage, definition, unit): (String, String, String)
        switch function {
        case .lag:
            (usage, definition, unit) = (
                "lag(x), lag(x, k)", "x of the same country in year t − k (k ≥ 1, default 1)", "x's"
            )
        case .lead: (usage, definition, unit) = ("lead(x), lead(x, k)", "x of the same country in year t + k", "x's")
        case .diff:
            (usage, definition, unit) = ("diff(x), diff(x, k)", "x(t) − x(t − k): the change over k years", "x's")
        case .growth:
            (usage, definition, unit) = (
                "growth(x), growth(x, k)", "100 · (x(t) / x(t − k) − 1): percent change over k years", "%"
            )
        case .at:
            (usage, definition, unit) = (
                "at(x, YEAR)", "x of the same country in a fixed year, the same in every year", "x's"
            )
        case .index: (usage, definition, unit) = ("index(x, YEAR)", "100 · x(t) / x(YEAR)", "index, YEAR = 100")
        }
        return [
            .init(.label, .text(usage)), .init(.type, .text("time function")), .init(.definition, .text(definition)),
            .init(.unit, .text(unit)),
            .init(
                .note,
                .text(
                    "years are calendar years: a year without a value gives no value, never the nearest one; the years read may lie outside the statement's"
                )),
        ]
    }

    /// What `describe mean` says.
    static func facts(of aggregate: TypedExpression.PeriodAggregate) -> [DescriptionFact] {
        let (definition, unit): (String, String)
        switch aggregate {
        case .mean: (definition, unit) = ("the mean of a country's values over the statement's years", "x's")
        case .median: (definition, unit) = ("the median of a country's values over the statement's years", "x's")
        case .min: (definition, unit) = ("the smallest of a country's values over the statement's years", "x's")
        case .max: (definition, unit) = ("the largest of a country's values over the statement's years", "x's")
        case .sum: (definition, unit) = ("the sum of a country's values over the statement's years", "x's")
        case .count: (definition, unit) = ("how many of the statement's years have a value", "years")
        case .first: (definition, unit) = ("the value in the earliest year with one", "x's")
        case .last: (definition, unit) = ("the value in the latest year with one", "x's")
        case .cagr:
            (definition, unit) = (
                "100 · ((last / first)^(1 / years between them) − 1): compound annual growth; needs two years with positive values",
                "% per year"
            )
        case .trend:
            (definition, unit) = ("the least-squares slope of the values on the year; needs two years", "x's per year")
        }
        return [
            .init(.label, .text("\(aggregate.rawValue)(x)")), .init(.type, .text("period aggregate")),
            .init(.definition, .text(definition)), .init(.unit, .text(unit)),
            .init(
                .note,
                .text(
                    "one value per country: a statement of aggregates has one row per country; `where` on country-years picks the years, `where` on an aggregate picks countries"
                )),
        ]
    }

    func coverage(_ indicator: Indicator) -> (observations: Int, countries: Int, years: ClosedRange<Int>?) {
        var observations = 0
        var countries = 0
        var lastCountry = -1
        var firstYear = Int.max
        var lastYear = Int.min
        indicator.forEachCellWithValue { cell in
            observations += 1
            let country = dataset.countryIndex(ofCell: cell)
            if country != lastCountry {
                countries += 1
                lastCountry = country
            }
            let year = dataset.year(ofCell: cell)
            firstYear = min(firstYear, year)
            lastYear = max(lastYear, year)
        }
        return (observations, countries, observations > 0 ? firstYear...lastYear : nil)
    }

    private func describeIndicator(_ indicator: Indicator) -> DescriptionResult {
        let covered = coverage(indicator)
        var facts: [DescriptionFact] = [.init(.label, .text(indicator.label)), .init(.unit, .text(indicator.unit))]
        // The unit as arithmetic sees it, when it says more than the text.
        let typed = Unit.of(indicator).description
        if typed != indicator.unit, !indicator.unit.isEmpty {
            facts.append(.init(.unitInArithmetic, .text(typed)))
        }
        facts.append(.init(.kind, .text(indicator.kind)))
        if indicator.minimum != nil || indicator.maximum != nil {
            facts.append(.init(.bounds, .bounds(low: indicator.minimum, high: indicator.maximum)))
        }
        facts.append(.init(.source, .text(indicator.source)))
        facts.append(.init(.licence, .text(indicator.license)))
        if !indicator.url.isEmpty { facts.append(.init(.url, .text(indicator.url))) }
        if let years = covered.years {
            facts.append(
                .init(
                    .coverage, .coverage(observations: covered.observations, countries: covered.countries, years: years)
                ))
            let possible = covered.countries * years.count
            let share = possible > 0 ? Double(possible - covered.observations) / Double(possible) * 100 : 0
            facts.append(.init(.missingShare, .missingShare(share)))
        } else {
            facts.append(.init(.coverage, .noObservations))
        }
        if !indicator.note.isEmpty { facts.append(.init(.note, .text(indicator.note))) }
        return DescriptionResult(title: indicator.id, facts: facts)
    }
}

extension Presenter {
    func presentDescription(_ result: DescriptionResult, into out: inout Presentation) {
        out.add(.heading(result.title))
        out.add(.facts(result.facts.map { (Presenter.label(of: $0), Presenter.text(of: $0)) }))
    }

    /// The fact's label on screen; unlabelled facts continue the one above.
    static func label(of fact: DescriptionFact) -> String {
        switch fact.key {
        case .byContinent: return "by continent"
        case .variesByYear: return "varies by year"
        case .countriesByValue: return "countries in \(fact.year.map(String.init) ?? "the latest year")"
        case .members: return "members in \(fact.year.map(String.init) ?? "the latest year")"
        case .memberCodes, .hint: return ""
        case .unitInArithmetic: return "in arithmetic"
        case .missingShare: return "missing"
        case .countries, .years, .attributes, .groups, .label, .type, .values, .definition, .unit, .kind, .bounds,
            .source,
            .licence, .url, .coverage, .note:
            return fact.key.rawValue
        }
    }

    static func text(of fact: DescriptionFact) -> String {
        switch fact.value {
        case .text(let text): return text
        case .count(let count): return String(count)
        case .countries(let count): return "\(count) countries"
        case .flag(let flag): return flag ? "yes" : "no"
        case .years(let years): return years.yearSpan
        case .names(let names): return names.joined(separator: ", ")
        case .counts(let counts, let truncated):
            // An attribute's values are quoted, as a condition writes them.
            let quote = fact.key == .countriesByValue ? "\"" : ""
            return counts.map { "\(quote)\($0.name)\(quote) \($0.count)" }.joined(separator: ", ")
                + (truncated ? ", …" : "")
        case .bounds(let low, let high):
            return "\(low.map(NumberFormat.value) ?? "−∞") to \(high.map(NumberFormat.value) ?? "∞")"
        case .coverage(let observations, let countries, let years):
            return "\(observations) observations, \(countries) countries, \(years.yearSpan)"
        case .noObservations:
            return "no observations"
        case .missingShare(let share):
            return "\(NumberFormat.percent(share)) of those countries × years"
        }
    }
}

extension JSONWriter {
    /// `name`, then each fact under its fixed key; a fact about one year
    /// adds `<key>_year`. Counts per value are objects, year ranges
    /// `[first, last]`, bounds `[low, high]` (null for none).
    static func descriptionFields(_ result: DescriptionResult) -> [(String, JSON)] {
        var fields: [(String, JSON)] = [("name", .string(result.title))]
        for fact in result.facts {
            let value: JSON
            switch fact.value {
            case .text(let text): value = .string(text)
            case .count(let count), .countries(let count): value = .integer(count)
            case .flag(let flag): value = .bool(flag)
            case .years(let years): value = .array([.integer(years.lowerBound), .integer(years.upperBound)])
            case .names(let names): value = .array(names.map { .string($0) })
            case .counts(let counts, _): value = .object(counts.map { ($0.name, .integer($0.count)) })
            case .bounds(let low, let high): value = .array([.optional(low), .optional(high)])
            case .coverage(let observations, let countries, let years):
                value = .object([
                    ("observations", .integer(observations)), ("countries", .integer(countries)),
                    ("years", .array([.integer(years.lowerBound), .integer(years.upperBound)])),
                ])
            case .noObservations:
                value = .object([("observations", .integer(0)), ("countries", .integer(0)), ("years", .null)])
            case .missingShare(let share): value = .number(share)
            }
            fields.append((fact.key.rawValue, value))
            if let year = fact.year { fields.append((fact.key.rawValue + "_year", .integer(year))) }
        }
        return fields
    }
}
