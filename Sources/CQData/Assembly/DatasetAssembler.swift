/// Joins what a loader read — countries, indicators with their values on
/// the year axis, the attributes and memberships the files give — with the
/// country reference, and builds the `Dataset`.
///
/// Every loader ends here (the built-in world in `CQLayoutLoader.loadWorld`,
/// the formats that collect into `DatasetBuilder`, and the parallel long-form
/// path in `DatasetAssembler.longForm`), so a country gets the same names,
/// attributes, groups and derived `region` whichever path read its file.
/// What is specific to a format (parsing, its checks, filling the grids)
/// stays with the format; what is about countries is here.
public enum DatasetAssembler {
    /// What the files say about the countries, in the dataset's order (sorted by code).
    struct Countries {
        var codes: [String]
        /// The names the files give; nil: the reference's, else the code.
        var names: [String?]
        /// Static attributes the files give (a countries.csv column, a WDI
        /// region): nil where a country has no value, which the reference
        /// then fills in when it has the attribute.
        var attributes: [(name: String, label: String, texts: [String?])] = []
        /// Attributes read from a table's text columns, already by country or
        /// by cell; they replace any attribute of the same name.
        var columnAttributes: [(name: String, label: String, texts: [String?], perCell: Bool)] = []
        /// The files' group memberships (countries by sorted index); nil:
        /// take the reference's, stretched over the years.
        var memberships: [MembershipSpec]?
    }

    /// The dataset, titled `title` (a caller whose title depends on the
    /// dataset sets it afterwards). `indicators` hold their final values and
    /// are in their final order.
    static func assemble(
        name: String, title: String, attribution: [String], firstYear: Int, lastYear: Int,
        countries given: Countries, indicators: [Indicator], reference: Dataset?
    ) -> Dataset {
        let join = ReferenceJoin(reference, codes: given.codes)
        let countries = given.codes.indices.map { index in
            Country(
                code: given.codes[index],
                name: given.names[index] ?? join?.name(ofCountry: index) ?? given.codes[index])
        }
        var dataset = Dataset(
            name: name, title: title, attribution: attribution, firstYear: firstYear, lastYear: lastYear,
            countries: countries, attributes: [], groups: [], indicators: indicators)
        if let memberships = given.memberships {
            dataset.groups = MembershipSpec.groups(
                memberships, countryCount: countries.count, firstYear: firstYear, lastYear: lastYear)
        } else if let join {
            dataset.groups = join.groups(firstYear: firstYear, lastYear: lastYear)
        }
        dataset.attributes = attributes(
            given, groups: dataset.groups, join: join, stretched: given.memberships == nil,
            firstYear: firstYear, lastYear: lastYear)
        if let join { dataset.attribution.append(join.note(firstYear: firstYear, lastYear: lastYear)) }
        return dataset
    }

    /// The files' static attributes (gaps filled from the reference), the
    /// reference's other static ones, the text columns, then the derived
    /// region unless the files give a `region` of their own. Sorted by name.
    private static func attributes(
        _ given: Countries, groups: [Group], join: ReferenceJoin?, stretched: Bool, firstYear: Int, lastYear: Int
    ) -> [Attribute] {
        var attributes: [String: Attribute] = [:]
        var staticTexts: [String: [String?]] = [:]
        var named = given.attributes.map { (name: $0.name, label: $0.label) }
        for attribute in join?.staticAttributes ?? [] where !named.contains(where: { $0.name == attribute.name }) {
            named.append((attribute.name, attribute.label))
        }
        for (name, label) in named {
            let fromFiles = given.attributes.first { $0.name == name }?.texts
            let fromReference = join?.staticTexts(name)
            let texts: [String?] = given.codes.indices.map { country in
                fromFiles?[country] ?? fromReference?[country] ?? nil
            }
            staticTexts[name] = texts
            attributes[name] = Attribute(name: name, label: label, texts: texts, perCell: false)
        }
        for column in given.columnAttributes {
            attributes[column.name] = Attribute(
                name: column.name, label: column.label, texts: column.texts, perCell: column.perCell)
            // A per-year column leaves the static texts the rule reads as they were.
            if !column.perCell { staticTexts[column.name] = column.texts }
        }

        if attributes[DerivedRegion.name] == nil {
            let wbRegion = staticTexts[DerivedRegion.worldBankRegion]
            let eu = groups.first { $0.name == DerivedRegion.euGroup }?.members
            let cis = groups.first { $0.name == DerivedRegion.cisGroup }?.members
            if wbRegion != nil || eu != nil || cis != nil {
                // Only stretched memberships have years before the reference's first.
                let texts = DerivedRegion.texts(
                    countryCount: given.codes.count, firstYear: firstYear, lastYear: lastYear,
                    eu: eu, cis: cis, wbRegion: wbRegion, unknownBefore: stretched ? join?.unknownRegionBefore : nil)
                attributes[DerivedRegion.name] = Attribute(
                    name: DerivedRegion.name, label: DerivedRegion.label, texts: texts, perCell: true)
            }
        }
        return attributes.values.sorted { $0.name < $1.name }
    }
}
