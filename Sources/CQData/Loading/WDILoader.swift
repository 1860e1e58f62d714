/// The World Bank's World Development Indicators as people download them.
///
/// - The bulk download (`WDI_CSV.zip`, unpacked): `WDICSV.csv` (older
///   releases: `WDIData.csv`), wide — `Country Name, Country Code, Indicator
///   Name, Indicator Code, 1960, …, 2023` — with `WDICountry.csv` (Country
///   Code, Short Name, Table Name, …, Region, Income Group, …) and
///   `WDISeries.csv` (Series Code, Topic, Indicator Name, …, Unit of measure,
///   …, Source, …, License Type).
/// - The per-indicator downloads: `API_<code>_DS2_en_csv_v2_<n>.csv`, the same
///   wide table after 4 preamble lines ("Data Source", blank, "Last Updated
///   Date", blank) and with a comma ending every line, beside
///   `Metadata_Country_API_….csv` (Country Code, Region, IncomeGroup,
///   SpecialNotes, TableName) and `Metadata_Indicator_API_….csv`
///   (INDICATOR_CODE, INDICATOR_NAME, SOURCE_NOTE, SOURCE_ORGANIZATION).
/// - A DataBank export in the same wide shape (`Series Name`, `Series Code`,
///   year columns `2000 [YR2000]`, `..` for missing) read as a single file.
///
/// The metadata files are optional. Aggregates ("Euro area", "World") are
/// the codes whose `Region` is empty in the country metadata, or, for codes
/// it does not list, the codes in `WorldBankAggregates`: skipped and listed.
enum WDILoader {
    static let bulkDataNames = ["WDICSV.csv", "WDIData.csv"]
    static let bulkCountryName = "WDICountry.csv"
    static let bulkSeriesName = "WDISeries.csv"

    /// The files of one load.
    struct Files {
        var data: [String]
        /// Country and series metadata, in the order to read them (a code's
        /// first description wins).
        var countries: [String] = []
        var series: [String] = []
    }

    static func isAPIData(_ name: String) -> Bool {
        name.hasPrefix("API_") && DataPath.hasCSVExtension(name)
    }

    /// The files for a folder or a file path, or an error listing what was looked for.
    static func files(for path: String, reader: FileReader) throws(DataLoadError) -> Files {
        if reader.kind(path) == .directory {
            let names = reader.list(path) ?? []
            if let bulk = bulkDataNames.first(where: names.contains) {
                return bulkFiles(folder: path, data: bulk, names: names)
            }
            let api = names.filter(isAPIData)
            if !api.isEmpty {
                return apiFiles(folder: path, data: api, names: names)
            }
            // A folder with one CSV (a DataBank export, say) read `as wdi`.
            let csvs = names.filter(DataPath.hasCSVExtension)
            if csvs.count == 1 { return Files(data: [DataPath.join(path, csvs[0])]) }
            throw DataLoadError(
                file: path, line: 0, column: 0,
                message:
                    "no World Bank WDI files in this folder: looked for WDICSV.csv or WDIData.csv (the bulk download, with WDICountry.csv and WDISeries.csv), API_….csv (per-indicator downloads), or a single .csv file"
                    + DatasetLoader.foundList(names))
        }
        let folder = DataPath.folder(path)
        let name = DataPath.basename(path)
        let names = reader.list(folder) ?? []
        if bulkDataNames.contains(name) { return bulkFiles(folder: folder, data: name, names: names) }
        if name == bulkCountryName || name == bulkSeriesName,
            let bulk = bulkDataNames.first(where: names.contains)
        {
            return bulkFiles(folder: folder, data: bulk, names: names)
        }
        for prefix in ["Metadata_Country_", "Metadata_Indicator_"] where name.hasPrefix(prefix) {
            let data = String(name.dropFirst(prefix.count))
            if names.contains(data) { return apiFiles(folder: folder, data: [data], names: names) }
        }
        if isAPIData(name) { return apiFiles(folder: folder, data: [name], names: names) }
        return Files(data: [path])
    }

    private static func bulkFiles(folder: String, data: String, names: [String]) -> Files {
        var files = Files(data: [DataPath.join(folder, data)])
        if names.contains(bulkCountryName) { files.countries = [DataPath.join(folder, bulkCountryName)] }
        if names.contains(bulkSeriesName) { files.series = [DataPath.join(folder, bulkSeriesName)] }
        return files
    }

    private static func apiFiles(folder: String, data: [String], names: [String]) -> Files {
        var files = Files(data: data.map { DataPath.join(folder, $0) })
        for name in data {
            if names.contains("Metadata_Country_" + name) {
                files.countries.append(DataPath.join(folder, "Metadata_Country_" + name))
            }
            if names.contains("Metadata_Indicator_" + name) {
                files.series.append(DataPath.join(folder, "Metadata_Indicator_" + name))
            }
        }
        return files
    }

    // MARK: - metadata

    struct CountryInfo {
        var name: String
        var region: String
        var incomeGroup: String
    }

    struct SeriesInfo {
        var name: String
        var unit: String
        var source: String
        var license: String
    }

    static func readCountries(_ bytes: [UInt8], file: String, into result: inout [String: CountryInfo])
        throws(DataLoadError)
    {
        let table = try read(bytes, file: file)
        let columns = HeaderColumns(table)
        let what = "World Bank country metadata"
        let code = try columns.require(["Country Code"], in: what)
        let region = try columns.require(["Region"], in: what)
        let income = columns.find(["Income Group", "IncomeGroup"])
        let name = columns.find(["Table Name", "TableName", "Short Name", "Country Name"])
        try checkNamelessColumns(table)
        for record in table.records.indices {
            let key = try table.nonEmpty(record, code, "a country code")
            if result[key] != nil { continue }
            result[key] = CountryInfo(
                name: name.map { table.text(record, $0) } ?? "", region: table.text(record, region),
                incomeGroup: income.map { table.text(record, $0) } ?? "")
        }
    }

    static func readSeries(_ bytes: [UInt8], file: String, into result: inout [String: SeriesInfo])
        throws(DataLoadError)
    {
        let table = try read(bytes, file: file)
        let columns = HeaderColumns(table)
        let code = try columns.require(["Series Code", "INDICATOR_CODE"], in: "World Bank series metadata")
        let name = columns.find(["Indicator Name", "INDICATOR_NAME"])
        let unit = columns.find(["Unit of measure"])
        let source = columns.find(["Source", "SOURCE_ORGANIZATION"])
        let license = columns.find(["License Type"])
        try checkNamelessColumns(table)
        for record in table.records.indices {
            let key = try table.nonEmpty(record, code, "a series code")
            if result[key] != nil { continue }
            result[key] = SeriesInfo(
                name: name.map { table.text(record, $0) } ?? "", unit: unit.map { table.text(record, $0) } ?? "",
                source: source.map { table.text(record, $0) } ?? "",
                license: license.map { table.text(record, $0) } ?? "")
        }
    }

    /// World Bank files end every line with a comma: a last column without a
    /// name, which must stay empty.
    static func checkNamelessColumns(_ table: CSVTable) throws(DataLoadError) {
        for column in table.header.fields.indices where table.header.fields[column].isEmpty {
            for record in table.records.indices where !table.text(record, column).isEmpty {
                throw table.error(record, column, "a value in a column without a name in the header")
            }
        }
    }

    /// Reads a World Bank CSV, passing over the preamble the API files put
    /// before the header (lines before the one starting with "Country Name").
    static func read(_ bytes: [UInt8], file: String) throws(DataLoadError) -> CSVTable {
        try CSVReader(withoutPreamble(bytes, file: file), file: file).read()
    }

    /// The same, one record at a time (the data files can be large).
    static func stream(_ bytes: [UInt8], file: String) throws(DataLoadError) -> CSVRecordStream {
        try CSVRecordStream(CSVReader(withoutPreamble(bytes, file: file), file: file))
    }

    /// The bytes with the API preamble's text dropped but its line breaks
    /// kept, so every position reported is the position in the real file.
    static func withoutPreamble(_ bytes: [UInt8], file: String) throws(DataLoadError) -> [UInt8] {
        let bom = TextBytes.byteOrderMarkLength(bytes)
        guard let headerStart = preambleEnd(bytes, from: bom), headerStart > bom else { return bytes }
        // The preamble is dropped unread: check it is text, as the rest will be.
        if let bad = TextBytes.firstInvalidUTF8(Array(bytes[..<headerStart])) {
            throw CSVReader(bytes, file: file).error(at: bad, TextBytes.invalidUTF8Message(bytes[bad]))
        }
        var kept = Array(bytes[..<bom])
        kept.reserveCapacity(bytes.count)
        for byte in bytes[bom..<headerStart] where TextBytes.isLineEnd(byte) { kept.append(byte) }
        kept += bytes[headerStart...]
        return kept
    }

    /// Where the header starts when lines before it are a preamble: the start
    /// of the first of the first ten lines that begins with `"Country Name"`
    /// after a line beginning `"Data Source"`; nil when there is no preamble.
    static func preambleEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard startsLine(bytes, at: start, with: "Data Source") else { return nil }
        var index = start
        var lines = 0
        while index < bytes.count, lines < 10 {
            index = bytes.withUnsafeBufferPointer { TextBytes.nextLineStart($0.baseAddress!, index, $0.count) }
            lines += 1
            if startsLine(bytes, at: index, with: "Country Name") { return index }
        }
        return nil
    }

    private static func startsLine(_ bytes: [UInt8], at index: Int, with text: String) -> Bool {
        let plain = Array(text.utf8)
        let quoted = [UInt8(ascii: "\"")] + plain + [UInt8(ascii: "\"")]
        return bytes[index...].starts(with: quoted) || bytes[index...].starts(with: plain)
    }

    // MARK: - loading

    static func load(
        _ path: String, reader: inout FileReader, into builder: inout DatasetBuilder, reading: Reading = Reading()
    ) throws(DataLoadError) {
        let files = try files(for: path, reader: reader)
        var countries: [String: CountryInfo] = [:]
        for file in files.countries { try readCountries(reader.bytes(file), file: file, into: &countries) }
        var series: [String: SeriesInfo] = [:]
        for file in files.series { try readSeries(reader.bytes(file), file: file, into: &series) }
        var state = LoadState()
        for file in files.data {
            var records = try stream(reader.bytes(file), file: file)
            reader.release(file)
            try loadData(
                &records, countries: countries, series: series, state: &state, into: &builder, reading: reading)
        }
    }

}
