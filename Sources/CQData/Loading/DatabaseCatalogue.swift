/// The dataset of a database's catalogue (`use postgres "…"`): its tables
/// `countries`, `memberships` and `indicators`, fetched as CSV text, read
/// by the cq folder's own readers, so a country, a group or an indicator
/// means in a database what it means in the folder with the same rows.
///
/// Every indicator's grid is missing (one shared array, so a catalogue of
/// thousands of indicators costs one grid): each statement fills the grids
/// of the indicators it reads.
public enum DatabaseCatalogue {
    public struct Tables {
        /// `iso3,name,…`: every country, its static attributes as columns.
        public var countries: [UInt8]
        /// `id[,label,unit,…]`: the indicators.csv of a cq folder.
        public var indicators: [UInt8]
        /// `iso3,group,from_year,to_year`; nil: the database has no groups.
        public var memberships: [UInt8]?

        public init(countries: [UInt8], indicators: [UInt8], memberships: [UInt8]?) {
            self.countries = countries
            self.indicators = indicators
            self.memberships = memberships
        }
    }

    /// `origin` names the tables in messages ("postgres:countries" …).
    public static func dataset(
        _ tables: Tables, name: String, title: String, years: ClosedRange<Int>,
        origin: (String) -> String
    ) throws(DataLoadError) -> Dataset {
        let countryTable = try CSVReader(tables.countries, file: origin("countries")).read()
        let (countries, _, rows) = try CQLayoutLoader.readCountries(countryTable)
        let indicators = try CQLayoutLoader.readFolderIndicators(
            CSVReader(tables.indicators, file: origin("indicators")).read())
        var facts = DatasetAssembler.Countries(codes: countries.map(\.code), names: countries.map(\.name))
        facts.attributes = CQFolderLoader.countryAttributes(countryTable, rows: rows)
        if let memberships = tables.memberships {
            var index: [String: Int] = [:]
            for (position, country) in countries.enumerated() { index[country.code] = position }
            facts.memberships = try CQLayoutLoader.readMemberships(
                CSVReader(memberships, file: origin("memberships")).read(), countryIndex: index)
        } else {
            facts.memberships = []
        }
        let missing = [Double](repeating: .nan, count: countries.count * years.count)
        let empty = indicators.sorted { $0.id < $1.id }.map { indicator in
            var item = indicator
            item.values = missing
            return item
        }
        return DatasetAssembler.assemble(
            name: name, title: title, attribution: DatasetLoader.attribution(indicators, format: .cq),
            firstYear: years.lowerBound, lastYear: years.upperBound, countries: facts, indicators: empty,
            reference: nil)
    }

    /// Appends one CSV field, as the readers that turn other formats into
    /// CSV write it (`CSVField`): the catalogue's tables reach cq as CSV.
    public static func appendField(_ text: String, to output: inout [UInt8]) {
        CSVField.append(Array(text.utf8), to: &output)
    }
}
