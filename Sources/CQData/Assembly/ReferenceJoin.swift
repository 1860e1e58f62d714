/// The reference dataset (the built-in `world`) joined to a new dataset's
/// countries by code: what it can say about countries the files do not
/// describe — names, static attributes, group memberships.
///
/// Its years rarely match the new dataset's, so memberships are stretched:
/// after the reference's last year a country keeps its memberships of that
/// year (the latest known); before its first year nothing is known, and no
/// country counts as a member. `note` says so in the attribution.
struct ReferenceJoin {
    let source: Dataset
    /// For each new country (sorted by code), its index in `source`, or nil.
    let matches: [Int?]

    /// nil when there is no reference or it knows none of the codes: then
    /// nothing is taken from it (and the attribution does not mention it).
    init?(_ source: Dataset?, codes: [String]) {
        guard let source else { return nil }
        let matches = codes.map { source.countryIndex(code: $0) }
        guard matches.contains(where: { $0 != nil }) else { return nil }
        self.source = source
        self.matches = matches
    }

    func name(ofCountry country: Int) -> String? {
        matches[country].map { source.countries[$0].name }
    }

    /// The reference's static attributes (those that do not vary by year).
    var staticAttributes: [Attribute] { source.attributes.filter { !$0.variesByYear } }

    /// A static attribute's value for each new country; nil where the country
    /// is unknown, or the reference has no such static attribute.
    func staticTexts(_ name: String) -> [String?]? {
        guard let attribute = source.attribute(named: name), !attribute.variesByYear else { return nil }
        return matches.map { match in
            match.flatMap { attribute.staticText(ofCountry: $0, yearCount: source.yearCount) }
        }
    }

    /// The reference's groups over `firstYear…lastYear`, stretched as the
    /// type's comment says: the membership-stretching rule, stated once.
    func groups(firstYear: Int, lastYear: Int) -> [Group] {
        let yearCount = lastYear - firstYear + 1
        return source.groups.map { group in
            var members = [Bool](repeating: false, count: matches.count * yearCount)
            for (country, match) in matches.enumerated() {
                guard let match else { continue }
                for year in firstYear...lastYear where year >= source.firstYear {
                    members[country * yearCount + (year - firstYear)] =
                        group.members[source.cell(country: match, year: min(year, source.lastYear))]
                }
            }
            return Group(name: group.name, label: group.label, members: members)
        }
    }

    /// For each new country, the first year its derived region is known.
    /// Before the reference's first year membership is unknown, so a country
    /// that was in the EU or CIS in that year has no known region before it
    /// (it may have joined later than the axis starts); any other country's
    /// region is its World Bank region throughout (`Int.min`).
    var unknownRegionBefore: [Int] {
        matches.map { match in
            guard let match else { return Int.min }
            let cell = source.cell(country: match, year: source.firstYear)
            let member = [DerivedRegion.euGroup, DerivedRegion.cisGroup].contains {
                source.group(named: $0)?.members[cell] == true
            }
            return member ? source.firstYear : Int.min
        }
    }

    /// The attribution line saying what was taken from the reference and how
    /// its years were stretched over `firstYear…lastYear`.
    func note(firstYear: Int, lastYear: Int) -> String {
        var note =
            "Country names, attributes and group memberships not given by the files are those of the built-in"
            + " `\(source.name)` dataset (\(source.firstYear)–\(source.lastYear))."
        if lastYear > source.lastYear {
            note += " After \(source.lastYear) a country keeps its \(source.lastYear) memberships."
        }
        if firstYear < source.firstYear {
            note +=
                " Before \(source.firstYear) no country counts as a member of any group, and `region` is unknown"
                + " for countries that were in the EU or CIS in \(source.firstYear)."
        }
        return note
    }
}
