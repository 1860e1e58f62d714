/// A group as a memberships file gives it, before the year axis is known:
/// each interval says a country is a member in year y when from ≤ y < to
/// (an open end reaching the edge of the axis).
///
/// The one place the intervals become per-cell membership, for the built-in
/// world (`CQLayoutLoader.loadWorld`) and a user's cq folder alike.
struct MembershipSpec {
    var name: String
    var label: String
    var intervals: [(country: Int, from: Int?, to: Int?)]

    /// The same group with each interval's country renumbered (a loader's
    /// entity index → the dataset's sorted country index).
    func renumbered(_ country: (Int) -> Int) -> MembershipSpec {
        MembershipSpec(name: name, label: label, intervals: intervals.map { (country($0.country), $0.from, $0.to) })
    }

    /// Membership by cell over `firstYear…lastYear`; the parts of intervals
    /// outside the axis are dropped.
    func group(countryCount: Int, firstYear: Int, lastYear: Int) -> Group {
        let yearCount = lastYear - firstYear + 1
        var members = [Bool](repeating: false, count: countryCount * yearCount)
        for interval in intervals {
            let from = max(interval.from ?? firstYear, firstYear)
            let to = min(interval.to ?? (lastYear + 1), lastYear + 1)
            if from >= to { continue }
            for year in from..<to { members[interval.country * yearCount + (year - firstYear)] = true }
        }
        return Group(name: name, label: label, members: members)
    }

    /// Every group, sorted by name (the order `describe` lists them in).
    static func groups(_ specs: [MembershipSpec], countryCount: Int, firstYear: Int, lastYear: Int) -> [Group] {
        specs.map { $0.group(countryCount: countryCount, firstYear: firstYear, lastYear: lastYear) }
            .sorted { $0.name < $1.name }
    }
}
