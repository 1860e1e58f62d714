import Glibc

/// Loads a user's files — `use "path"`, `cq --data path` — into a `Dataset`.
///
/// All or nothing: every file is read and every check made before a dataset
/// is returned, so a failed load throws and leaves nothing half-built.
///
/// Format detection (`detect`), in order:
///
/// 1. A folder holding `indicators.csv` or `observations.csv` → `cq` (both
///    are required; the error names the one missing).
/// 2. A folder holding `WDICSV.csv` or `WDIData.csv`, or `API_….csv` files → `wdi`.
/// 3. A folder holding exactly one `.csv` file → that file, as below.
///    Any other folder is an error listing what was looked for and what is there.
/// 4. A file named `WDICSV.csv`, `WDIData.csv`, `WDICountry.csv`,
///    `WDISeries.csv`, `API_….csv` or `Metadata_…_API_….csv` → `wdi`; a file
///    of a cq folder (`observations.csv` beside `indicators.csv`, …) → `cq`
///    for its folder.
/// 5. Otherwise by content: a zip archive is an error (unpack it first); a
///    first line starting `"Data Source"` (the API preamble), or a header with
///    `Country Code`, `Indicator Code` (or DataBank's `Series Code`) and year
///    columns (`1960` or `1960 [YR1960]`) → `wdi`; a header starting
///    `Entity,Code,Year` with a value column → `owid`; anything else → `table`.
///
/// `as FORMAT` skips detection. Errors name files by the path given joined
/// with the file's name (`mydata/WDICSV.csv:12:7: …`), so callers show them
/// as they are.
public enum DatasetLoader {
    /// The year given to rows of a table without a year column. Such a
    /// dataset has this one year; statements treat it like any single year.
    public static let undatedYear = 0

    public static let cqRequiredFiles = ["indicators.csv", "observations.csv"]
    public static let cqOptionalFiles = ["countries.csv", "memberships.csv"]

    /// Detects the format (unless given), loads, and checks everything before
    /// returning: all or nothing. `reference` (the built-in world dataset)
    /// supplies country names, attributes (continent, wb_region, …, the
    /// derived time-varying `region`) and group memberships for codes the files
    /// don't describe, so `region = "EU"` works on a loaded WDI file.
    public static func load(
        _ path: String, as format: DatasetFormat?, files: DataFiles, reference: Dataset?,
        options: LoadOptions = .none
    ) throws(DataLoadError) -> (Dataset, LoadReport) {
        var reader = FileReader(files)
        let chosen: DatasetFormat
        if let format { chosen = format } else { chosen = try detect(path, reader: &reader) }
        var builder = DatasetBuilder()
        let name = datasetName(path)
        var primary = path

        switch chosen {
        case .cq:
            return try CQFolderLoader.load(
                cqFolder(path, reader: reader), name: name, reader: &reader, reference: reference)
        case .wdi:
            try WDILoader.load(path, reader: &reader, into: &builder)
            primary = reader.read.last ?? path
        case .owid, .table:
            let file = try singleFile(path, reader: reader, format: chosen)
            primary = file
            let binary = file.lowercased().hasSuffix(".dta") || file.lowercased().hasSuffix(".xlsx")
            if chosen == .table, options.isEmpty, !binary,
                let fast = try fastLongForm(file, name: name, reader: &reader, reference: reference)
            {
                return fast
            }
            var bytes = try reader.bytes(file)
            if chosen == .table, StataFile.isStata(bytes) {
                // A Stata file is read as the table it holds.
                let (csv, shape) = try StataFile.csv(bytes, file: file)
                bytes = csv
                builder.shape.append(shape)
            } else if chosen == .table, ExcelWorkbook.isWorkbook(bytes, file: file) {
                // So is an Excel workbook's first sheet.
                let (csv, shape) = try ExcelWorkbook.csv(bytes, file: file, sheet: options.sheet)
                bytes = csv
                builder.shape.append(shape)
            }
            if chosen == .owid {
                try OWIDLoader.load(bytes, file: file, into: &builder, reference: reference)
            } else {
                try TableLoader.load(bytes, file: file, into: &builder, reference: reference, options: options)
            }
            reader.release(file)
        }

        let (dataset, observations) = try builder.build(
            name: name, title: { title($0, format: chosen, name: name) },
            attribution: attribution(builder.indicators, format: chosen),
            reference: reference, noDataFile: primary)
        var report = LoadReport(
            format: chosen, files: reader.read, observations: observations, missingMarkers: builder.missingMarkers,
            aggregatesSkipped: builder.aggregatesSkipped)
        report.shape = builder.shape
        report.entitiesAreCountries = builder.entitiesAreCountries
        return (dataset, report)
    }

    // MARK: - long form, fast

    /// A long-form table (`iso3,indicator,year,value`, by `TableLoader`'s
    /// column-name rules; see `TableLoader.fastLongFormColumns`) read by
    /// `LongFormParser`: parallel, and without copying the file when `files`
    /// can map it. The dataset and report are those of the slow path
    /// (`TableLoader.load` + `DatasetBuilder.build`).
    ///
    /// nil when the table is not one the fast path reads (decided by its
    /// header alone); the caller then loads through the general path. An
    /// error in the body is thrown from here, with the same message and
    /// position the general path gives: falling back to read a large file a
    /// second time, whole, only to report its last line's error cost 5 GB and
    /// 37 s on a 17-million-row file.
    static func fastLongForm(
        _ file: String, name: String, reader: inout FileReader, reference: Dataset?
    ) throws(DataLoadError) -> (Dataset, LoadReport)? {
        let listed = reader.read
        let loaded = try withLongFormBytes(file, reader: &reader) { bytes, release throws(DataLoadError) in
            try fastLongForm(bytes, file: file, name: name, listed: listed, reference: reference, release: release)
        }
        if loaded != nil { reader.release(file) }
        return loaded
    }

    private static func fastLongForm(
        _ bytes: UnsafeRawBufferPointer, file: String, name: String, listed: [String], reference: Dataset?,
        release: ((Range<Int>) -> Void)?
    ) throws(DataLoadError) -> (Dataset, LoadReport)? {
        // The header as `TableLoader` reads it decides whether this path applies.
        let headerBytes = Array(bytes[..<TableLoader.headerEnd(bytes)])
        guard let header = try? TableLoader.headerOnly(headerBytes, file: file),
            let columns = TableLoader.fastLongFormColumns(header)
        else { return nil }
        let (fields, bodyOffset) = try LongFormParser.header(bytes, file: file)
        guard fields.count == columns.width else { return nil }
        let options = LongFormParser.Options(
            entityDescription: "a country code", indicatorDescription: "an indicator")
        let output = try LongFormParser.parse(
            bytes, bodyOffset: bodyOffset, file: file, columns: columns, options: options, release: release)
        // What the report needs from the parse, before `longForm` consumes it:
        // every marker (aggregates' too) and the aggregates in order of appearance.
        let missingMarkers = output.missingMarkers
        let aggregates = output.entities.filter(WorldBankAggregates.isAggregate)
        let indicators = output.indicators.map { TableLoader.longFormIndicator($0, file: file) }
        var metadata: [String: Indicator] = [:]
        for (text, indicator) in zip(output.indicators, indicators) { metadata[text] = indicator }
        var (dataset, summary) = try DatasetAssembler.longForm(
            consume output, name: name, title: "", attribution: attribution(indicators, format: .table),
            reference: reference, unknownEntities: .keep, skipEntity: WorldBankAggregates.isAggregate,
            metadata: metadata)
        dataset.title = title(dataset, format: .table, name: name)
        let report = LoadReport(
            format: .table, files: listed.contains(file) ? listed : listed + [file],
            observations: summary.observations, missingMarkers: missingMarkers, aggregatesSkipped: aggregates)
        return (dataset, report)
    }

    /// The format `load` would use for a path.
    public static func detect(_ path: String, files: DataFiles) throws(DataLoadError) -> DatasetFormat {
        var reader = FileReader(files)
        return try detect(path, reader: &reader)
    }

    // MARK: - detection

    static func detect(_ path: String, reader: inout FileReader) throws(DataLoadError) -> DatasetFormat {
        switch reader.kind(path) {
        case nil:
            throw DataLoadError(file: path, line: 0, column: 0, message: "no such file or folder")
        case .directory:
            let names = reader.list(path) ?? []
            if cqRequiredFiles.contains(where: names.contains) { return .cq }
            if WDILoader.bulkDataNames.contains(where: names.contains) || names.contains(where: WDILoader.isAPIData) {
                return .wdi
            }
            let csvs = names.filter(DataPath.hasCSVExtension)
            if csvs.count == 1 { return try detectFile(DataPath.join(path, csvs[0]), reader: &reader) }
            throw DataLoadError(
                file: path, line: 0, column: 0,
                message: "no recognisable data files in this folder: looked for indicators.csv and observations.csv"
                    + " (the cq layout), WDICSV.csv or WDIData.csv (the World Bank bulk download), API_….csv"
                    + " (World Bank per-indicator downloads), or a single .csv file (an Our World in Data file or a"
                    + " table)" + foundList(names))
        case .file:
            return try detectFile(path, reader: &reader)
        }
    }

    static func foundList(_ names: [String]) -> String {
        if names.isEmpty { return "; the folder is empty" }
        let shown = names.prefix(12).joined(separator: ", ")
        return "; found " + shown + (names.count > 12 ? ", … (\(names.count) files)" : "")
    }

    private static func detectFile(_ path: String, reader: inout FileReader) throws(DataLoadError) -> DatasetFormat {
        let name = DataPath.basename(path)
        if WDILoader.bulkDataNames.contains(name) || name == WDILoader.bulkCountryName
            || name == WDILoader.bulkSeriesName || WDILoader.isAPIData(name)
            || (name.hasPrefix("Metadata_") && name.contains("API_"))
        {
            return .wdi
        }
        if (cqRequiredFiles + cqOptionalFiles).contains(name) {
            let folder = DataPath.folder(path)
            if cqRequiredFiles.allSatisfy({ reader.isFile(DataPath.join(folder, $0)) }) { return .cq }
        }
        let bytes = try detectionBytes(path, reader: &reader)
        try rejectArchive(bytes, path: path)
        if WDILoader.preambleEnd(bytes, from: TextBytes.contentStart(bytes)) != nil { return .wdi }
        // The header decides; a header that does not parse is the table loader's to report.
        guard let header = try? TableLoader.headerOnly(bytes, file: path) else { return .table }
        let fields = header.header.fields.map { $0.trimmingSpaces }
        if OWIDLoader.looksLikeOWID(fields) { return .owid }
        if fields.contains("Country Code"), fields.contains("Indicator Code") || fields.contains("Series Code"),
            fields.contains(where: { WDILoader.yearOfColumn($0) != nil })
        {
            return .wdi
        }
        return .table
    }

    /// What detection reads of a file: with a mapping, a copy of its start
    /// only (at least 64 KiB, and through the header line, all that
    /// `detectFile` looks at), so a large file is not read in full just to
    /// pick its format; otherwise the whole file (kept for the load).
    private static func detectionBytes(_ path: String, reader: inout FileReader) throws(DataLoadError) -> [UInt8] {
        if let withMappedBytes = reader.files.withMappedBytes {
            var prefix: [UInt8]?
            try? withMappedBytes(path) { bytes in
                prefix = Array(bytes[..<min(bytes.count, max(TableLoader.headerEnd(bytes) + 1, 64 << 10))])
            }
            if let prefix { return prefix }
        }
        return try reader.peek(path)
    }

    /// Zip archives (the WDI bulk download comes as one) are not read: say so.
    private static func rejectArchive(_ bytes: [UInt8], path: String) throws(DataLoadError) {
        // An Excel workbook is a zip archive cq reads (`ExcelWorkbook`).
        if path.lowercased().hasSuffix(".xlsx") { return }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            throw DataLoadError(
                file: path, line: 0, column: 0,
                message: "this is a zip archive; unpack it and use the folder (or a .csv file inside it)")
        }
    }

    // MARK: - paths

    /// The folder of a cq layout, with its two required files present.
    private static func cqFolder(_ path: String, reader: FileReader) throws(DataLoadError) -> String {
        let folder: String
        switch reader.kind(path) {
        case nil: throw DataLoadError(file: path, line: 0, column: 0, message: "no such file or folder")
        case .directory: folder = path
        case .file: folder = DataPath.folder(path)
        }
        for required in cqRequiredFiles where !reader.isFile(DataPath.join(folder, required)) {
            throw DataLoadError(
                file: DataPath.join(folder, required), line: 0, column: 0,
                message: "missing file: a cq-layout folder needs indicators.csv and observations.csv"
                    + " (countries.csv and memberships.csv are optional)")
        }
        return folder
    }

    /// The one CSV file an OWID or table load reads.
    private static func singleFile(_ path: String, reader: FileReader, format: DatasetFormat) throws(DataLoadError)
        -> String
    {
        switch reader.kind(path) {
        case nil:
            throw DataLoadError(file: path, line: 0, column: 0, message: "no such file or folder")
        case .file:
            return path
        case .directory:
            let names = reader.list(path) ?? []
            let csvs = names.filter(DataPath.hasCSVExtension)
            if csvs.count == 1 { return DataPath.join(path, csvs[0]) }
            throw DataLoadError(
                file: path, line: 0, column: 0,
                message: "`as \(format.rawValue)` reads one .csv file; this folder has "
                    + (csvs.isEmpty ? "none" : "\(csvs.count): " + csvs.prefix(12).joined(separator: ", "))
                    + "; name the file")
        }
    }

    // MARK: - names

    static func datasetName(_ path: String) -> String {
        let base = DataPath.basename(path)
        let lowered = base.lowercased()
        let tabular =
            DataPath.hasCSVExtension(base)
            || [".tsv", ".tab", ".txt", ".dta", ".xlsx"].contains { lowered.hasSuffix($0) }
        let name = tabular ? DataPath.stem(base) : base
        return name.isEmpty || name == "." ? "data" : name
    }

    static func title(_ dataset: Dataset, format: DatasetFormat, name: String) -> String {
        let rows = dataset.countries.first.map { $0.code.hasPrefix("R") && $0.name.hasPrefix("row ") } ?? false
        let entities = rows ? "\(dataset.countries.count) rows" : "\(dataset.countries.count) countries"
        let years = dataset.yearSpan
        let indicators = "\(dataset.indicators.count) indicator" + (dataset.indicators.count == 1 ? "" : "s")
        let what: String
        switch format {
        case .cq: what = "cq layout"
        case .wdi: what = "World Bank WDI"
        case .owid: what = "Our World in Data"
        case .table: what = "table"
        }
        return "\(name) (\(what)): \(indicators), \(entities), \(years)"
    }

    /// One line per distinct source (the part before any ";") and licence.
    static func attribution(_ indicators: [Indicator], format: DatasetFormat) -> [String] {
        var lines: [String] = []
        for indicator in indicators {
            var line: String
            switch format {
            case .wdi:
                line = "World Bank, World Development Indicators"
            case .owid:
                line = "Our World in Data (ourworldindata.org); see each chart's page for its original sources"
            case .cq, .table:
                guard let head = indicator.source.split(separator: ";").first else { continue }
                line = String(head)
            }
            if !indicator.license.isEmpty { line += ", " + indicator.license }
            line += "."
            if !lines.contains(line) { lines.append(line) }
        }
        return lines
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
