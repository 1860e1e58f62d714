import CQCore

/// A load's report kept beside its dataset in the binary cache, so a load
/// from the cache says what the parse said: the format, the missing
/// markers, the aggregates skipped, how a table was read.
enum CachedReport {
    private static let separator: Character = "\u{1F}"
    private static let listSeparator: Character = "\u{1E}"

    static func encode(_ report: LoadReport) -> String {
        [
            "2", report.format.rawValue, String(report.observations), String(report.missingMarkers),
            report.aggregatesSkipped.joined(separator: String(listSeparator)),
            report.shape.joined(separator: String(listSeparator)),
            report.entitiesAreCountries ? "countries" : "entities",
        ].joined(separator: String(separator))
    }

    /// The report of a cached load. A cache written without a note gives
    /// the format `detectedFormat` names and the observations `count` finds
    /// in the dataset, and no other counts (never guessed ones).
    static func decode(
        _ note: String, files: [String], count: () -> Int, detectedFormat: () -> DatasetFormat
    ) -> LoadReport {
        let fields = note.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        func list(_ index: Int) -> [String] {
            guard fields.count > index, !fields[index].isEmpty else { return [] }
            return fields[index].split(separator: listSeparator).map(String.init)
        }
        guard fields.count == 7, fields[0] == "2", let format = DatasetFormat(rawValue: fields[1]),
            let observations = Int(fields[2]), let markers = Int(fields[3])
        else {
            return LoadReport(
                format: detectedFormat(), files: files, observations: count(), missingMarkers: 0,
                aggregatesSkipped: [])
        }
        var report = LoadReport(
            format: format, files: files, observations: observations, missingMarkers: markers,
            aggregatesSkipped: list(4))
        report.shape = list(5)
        report.entitiesAreCountries = fields[6] == "countries"
        return report
    }
}
