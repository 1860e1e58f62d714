/// The derived, time-varying `region` attribute: "EU" in the years a country
/// is a member of the `eu` group, else "CIS" in its `cis` years, else its
/// World Bank region. Queries compare regions across years (`by region`), so a
/// country moves to "EU" the year it joins.
///
/// The only statement of the rule; every loader's dataset gets it through
/// `DatasetAssembler`.
enum DerivedRegion {
    static let name = "region"
    static let label = "EU, else CIS, else World Bank region, by year"
    /// The groups and the static attribute the rule reads.
    static let euGroup = "eu", cisGroup = "cis", worldBankRegion = "wb_region"

    /// The region by cell (country-major, as `Dataset.cell`). `unknownBefore`
    /// (by country) blanks the years before it: membership there is unknown,
    /// so is the region (see `ReferenceJoin.unknownRegionBefore`).
    static func texts(
        countryCount: Int, firstYear: Int, lastYear: Int,
        eu: [Bool]?, cis: [Bool]?, wbRegion: [String?]?, unknownBefore: [Int]?
    ) -> [String?] {
        let yearCount = lastYear - firstYear + 1
        let cellCount = countryCount * yearCount
        var texts: [String?] = []
        texts.reserveCapacity(cellCount)
        for cell in 0..<cellCount {
            let country = cell / yearCount
            if let unknownBefore, firstYear + cell % yearCount < unknownBefore[country] {
                texts.append(nil)
            } else if eu?[cell] == true {
                texts.append("EU")
            } else if cis?[cell] == true {
                texts.append("CIS")
            } else {
                texts.append(wbRegion?[country] ?? nil)
            }
        }
        return texts
    }
}
