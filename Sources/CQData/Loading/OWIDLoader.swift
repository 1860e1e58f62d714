/// Our World in Data grapher downloads: `Entity,Code,Year,<value columns>`.
///
/// `Entity` is the name and `Code` the ISO3 code. Rows with an empty code
/// (continents, income groups: "Africa", "High-income countries") or an
/// `OWID_` code (OWID_WRL, OWID_EU27, and historical entities such as
/// OWID_USS) are aggregates, skipped and listed; OWID_KOS is Kosovo, kept as
/// XKX, the World Bank's code. Each value column is an indicator named after
/// the column (`GDP per capita` → `gdp_per_capita`), or, when its values are
/// words (the "Continent" or "World regions according to OWID" column some
/// charts carry), a text attribute.
enum OWIDLoader {
    static func load(
        _ bytes: [UInt8], file: String, into builder: inout DatasetBuilder, reference: Dataset?
    ) throws(DataLoadError) {
        let table = try CSVReader(bytes, file: file).read()
        try TableLoader.loadWide(
            table,
            options: TableLoader.WideOptions(source: "Our World in Data, \(DataPath.basename(file))", owid: true),
            into: &builder, reference: reference)
    }

    /// Whether a header is an OWID grapher header: Entity, Code, Year first.
    static func looksLikeOWID(_ fields: [String]) -> Bool {
        fields.count >= 4 && fields[0] == "Entity" && fields[1] == "Code" && fields[2] == "Year"
    }
}
