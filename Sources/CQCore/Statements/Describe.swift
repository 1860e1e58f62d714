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
            if name.text.lowercased() == "regions", let index = dataset.attributes.firstIndex(where: { $0.name == "region" }) {
                return .attribute(index)
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
            var facts: [(String, String)] = [
                ("countries", "\(dataset.countries.count)"),
                ("years", dataset.years.yearSpan),
                ("attributes", ([BuiltinName.country, .name].map(\.rawValue) + dataset.attributes.map(\.name)).joined(separator: ", ")),
                ("groups", dataset.groups.map(\.name).joined(separator: ", ")),
            ]
            if let index = dataset.attributes.firstIndex(where: { $0.name == "continent" }) {
                let attribute = dataset.attributes[index]
                var counts: [String: Int] = [:]
                for country in dataset.countries.indices {
                    let code = attribute.code(atCell: dataset.cell(country: country, year: dataset.lastYear), yearCount: dataset.yearCount)
                    counts[code == Attribute.missing ? "(none)" : attribute.values[Int(code)], default: 0] += 1
                }
                facts.append(("by continent", counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
            }
            facts.append(("", "`countries` lists them; `describe region` shows the regions"))
            return DescriptionResult(title: "countries of `\(dataset.name)`", facts: facts)
        case .indicator(let index):
            return describeIndicator(dataset.indicators[index])
        case .attribute(let index):
            let attribute = dataset.attributes[index]
            var facts: [(String, String)] = [
                ("label", attribute.label),
                ("type", "text"),
                ("varies by year", attribute.variesByYear ? "yes" : "no"),
                ("values", "\(attribute.values.count)"),
            ]
            // How many countries hold each value in the latest year.
            var counts = [Int](repeating: 0, count: attribute.values.count)
            for country in dataset.countries.indices {
                let code = attribute.code(atCell: dataset.cell(country: country, year: dataset.lastYear), yearCount: dataset.yearCount)
                if code != Attribute.missing { counts[Int(code)] += 1 }
            }
            let shown = zip(attribute.values, counts).prefix(30).map { "\"\($0)\" \($1)" }.joined(separator: ", ")
            facts.append(("countries in \(dataset.lastYear)", shown + (attribute.values.count > 30 ? ", …" : "")))
            return DescriptionResult(title: attribute.name, facts: facts)
        case .group(let index):
            let group = dataset.groups[index]
            var facts: [(String, String)] = [("label", "member of \(group.label) that year"), ("type", "condition")]
            let latest = dataset.lastYear
            let members = (0..<dataset.countries.count).filter { group.members[dataset.cell(country: $0, year: latest)] }
            facts.append(("members in \(latest)", "\(members.count)"))
            facts.append(("", members.map { dataset.countries[$0].code }.joined(separator: ", ")))
            return DescriptionResult(title: group.name, facts: facts)
        case .binding(let binding):
            return DescriptionResult(title: binding.name, facts: [
                ("definition", binding.text), ("type", "\(binding.type)"),
            ])
        case .country:
            return DescriptionResult(title: "country", facts: [
                ("label", "ISO 3166-1 alpha-3 code"), ("type", "text"), ("values", "\(dataset.countries.count) countries"),
            ])
        case .countryName:
            return DescriptionResult(title: "name", facts: [
                ("label", "country name"), ("type", "text"), ("values", "\(dataset.countries.count) countries"),
            ])
        case .year:
            return DescriptionResult(title: "year", facts: [
                ("label", "the year of an observation"), ("type", "year"),
                ("years", "\(dataset.firstYear)–\(dataset.lastYear)"),
            ])
        }
    }

    func coverage(_ indicator: Indicator) -> (observations: Int, countries: Int, years: ClosedRange<Int>?) {
        var observations = 0
        var countries = 0
        var firstYear = Int.max, lastYear = Int.min
        for country in 0..<dataset.countries.count {
            var any = false
            for year in dataset.years where !indicator.values[dataset.cell(country: country, year: year)].isNaN {
                observations += 1
                any = true
                firstYear = min(firstYear, year)
                lastYear = max(lastYear, year)
            }
            if any { countries += 1 }
        }
        return (observations, countries, observations > 0 ? firstYear...lastYear : nil)
    }

    private func describeIndicator(_ indicator: Indicator) -> DescriptionResult {
        let covered = coverage(indicator)
        var facts: [(String, String)] = [
            ("label", indicator.label),
            ("unit", indicator.unit),
        ]
        // The unit as arithmetic sees it, when it says more than the text.
        let typed = Unit.of(indicator).description
        if typed != indicator.unit, !indicator.unit.isEmpty {
            facts.append(("in arithmetic", typed))
        }
        facts.append(("kind", indicator.kind))
        if indicator.minimum != nil || indicator.maximum != nil {
            let low = indicator.minimum.map(NumberFormat.value) ?? "−∞"
            let high = indicator.maximum.map(NumberFormat.value) ?? "∞"
            facts.append(("bounds", "\(low) to \(high)"))
        }
        facts.append(("source", indicator.source))
        facts.append(("licence", indicator.license))
        if !indicator.url.isEmpty { facts.append(("url", indicator.url)) }
        if let years = covered.years {
            let span = years.yearSpan
            let possible = covered.countries * years.count
            let share = possible > 0 ? Double(possible - covered.observations) / Double(possible) * 100 : 0
            facts.append(("coverage", "\(covered.observations) observations, \(covered.countries) countries, \(span)"))
            facts.append(("missing", "\(NumberFormat.percent(share)) of those countries × years"))
        } else {
            facts.append(("coverage", "no observations"))
        }
        if !indicator.note.isEmpty { facts.append(("note", indicator.note)) }
        return DescriptionResult(title: indicator.id, facts: facts)
    }
}
