/// The rules that join a loaded dataset's countries to the country reference
/// (the built-in world's attributes and group memberships), written once for
/// every loader: cq's own folders, WDI and OWID files, tables and long files.
enum ReferenceJoin {
    /// The name and label of the region every dataset derives.
    static let regionName = "region"
    static let regionLabel = "EU, else CIS, else World Bank region, by year"

    /// The reference's groups over the new dataset's years, for the countries
    /// that match a reference country (`matches[country]`). A year before the
    /// reference's first has no members (nobody knows); a year after its last
    /// keeps that year's memberships.
    static func stretchedGroups(from source: Dataset, matches: [Int?], years: ClosedRange<Int>) -> [Group] {
        let yearCount = years.count
        return source.groups.map { group in
            var members = [Bool](repeating: false, count: matches.count * yearCount)
            for (country, match) in matches.enumerated() {
                guard let match else { continue }
                for year in years where year >= source.firstYear {
                    members[country * yearCount + (year - years.lowerBound)] =
                        group.members[source.cell(country: match, year: min(year, source.lastYear))]
                }
            }
            return Group(name: group.name, label: group.label, members: members)
        }
    }

    /// A static attribute of the reference, as text per matched country.
    static func referenceTexts(of attribute: Attribute, in source: Dataset, matches: [Int?]) -> [String?] {
        matches.map { match in
            guard let match else { return nil }
            let code = attribute.code(atCell: match * source.yearCount, yearCount: source.yearCount)
            return code == Attribute.missing ? nil : attribute.values[Int(code)]
        }
    }

    /// For each country, the first year whose region can be known when the
    /// memberships come from the reference: a country in the EU or CIS in the
    /// reference's first year has no known region before it (it may have
    /// joined earlier or later); others are known in every year.
    static func regionKnownFrom(source: Dataset, matches: [Int?]) -> [Int] {
        matches.map { match in
            guard let match else { return Int.min }
            let cell = source.cell(country: match, year: source.firstYear)
            let member = ["eu", "cis"].contains { source.group(named: $0)?.members[cell] == true }
            return member ? source.firstYear : Int.min
        }
    }

    /// The derived `region` of each country-year: "EU" for a member of the EU
    /// that year, else "CIS" for a member of the CIS, else the country's World
    /// Bank region; unknown before `knownFrom[country]`.
    static func region(
        eu: [Bool]?, cis: [Bool]?, wbRegion: [String?]?, countries: Int, years: ClosedRange<Int>,
        knownFrom: [Int]? = nil
    ) -> Attribute {
        let yearCount = years.count
        var texts: [String?] = []
        texts.reserveCapacity(countries * yearCount)
        for cell in 0..<(countries * yearCount) {
            let country = cell / yearCount
            if let knownFrom, years.lowerBound + cell % yearCount < knownFrom[country] {
                texts.append(nil)
            } else if eu?[cell] == true {
                texts.append("EU")
            } else if cis?[cell] == true {
                texts.append("CIS")
            } else {
                texts.append(wbRegion?[country] ?? nil)
            }
        }
        return CQLayoutLoader.makeAttribute(name: regionName, label: regionLabel, texts: texts, perCell: true)
    }
}
