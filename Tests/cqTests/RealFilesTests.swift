import Foundation
import Testing

/// Files written by the real tools users have — R's write.csv, write.csv2
/// and write.table, pandas with the Gapminder table — load without options,
/// and a query on each gives what R or pandas computed on the same data
/// (Fixtures/data/real-files/make_real_files.R and
/// make_gapminder_files.py wrote both the files and the references).
struct RealFilesTests {
    static let folder = "Tests/CQCoreTests/Fixtures/data/real-files/"

    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var query: String
        /// The key of the JSON result that holds the figure, and the
        /// reference's (case, statistic).
        var key: String
        var reference: (String, String)
        var shape: String
        var testDescription: String { file + ": " + query }
    }

    static let cases: [Case] = [
        Case(
            file: "r-write-csv.csv", query: "correlate gdp_per_capita, life_expectancy", key: "r",
            reference: ("r-write-csv", "r"), shape: "row names"),
        Case(
            file: "r-write-csv2.csv", query: "correlate gdp_per_capita, life_expectancy in 2017", key: "r",
            reference: ("r-write-csv2", "r"), shape: "decimal comma"),
        Case(
            file: "r-write-table.tsv", query: "count countries", key: "count",
            reference: ("r-write-table", "n"), shape: "separator `tab`"),
        Case(
            file: "r-wide-years.csv", query: "summarize r_wide_years in 2016", key: "mean",
            reference: ("r-wide-years", "mean"), shape: "years as columns (5, 2015–2019)"),
        Case(
            file: "gapminder-long.csv", query: "correlate log(gdppercap), lifeexp in 2007", key: "r",
            reference: ("gapminder-long", "r"), shape: "entity `country`"),
        Case(
            file: "gapminder-long.csv", query: "correlate log(gdppercap), lifeexp in 2007", key: "n",
            reference: ("gapminder-long", "n"), shape: "entity `country`"),
        Case(
            file: "gapminder-wide.csv", query: "summarize gapminder_wide in 1952", key: "mean",
            reference: ("gapminder-wide", "mean"), shape: "years as columns (12, 1952–2007)"),
        Case(
            file: "gapminder-wide.csv", query: "summarize gapminder_wide in 1952", key: "n",
            reference: ("gapminder-wide", "n"), shape: "left aside: `continent`"),
        Case(
            file: "gapminder.xlsx", query: "correlate log(gdppercap), lifeexp in 2007", key: "r",
            reference: ("gapminder-long", "r"), shape: "Excel sheet `Gapminder`"),
        Case(
            file: "gapminder-wide.xlsx", query: "summarize gapminder_wide in 1952", key: "mean",
            reference: ("gapminder-wide", "mean"), shape: "Excel sheet `Life expectancy`, years as columns"),
        Case(
            file: "gapminder.dta", query: "correlate log(gdppercap), lifeexp in 2007", key: "r",
            reference: ("gapminder-long", "r"), shape: "Stata file (format 118), 6 variables"),
        Case(
            file: "gapminder-117.dta", query: "summarize lifeexp in 1952", key: "mean",
            reference: ("gapminder-117", "mean"), shape: "Stata file (format 117)"),
        Case(
            file: "gapminder-117.dta", query: "summarize lifeexp in 1952", key: "n",
            reference: ("gapminder-117", "n"), shape: "Stata file (format 117)"),
    ]

    static let references: [String: Double] = {
        var values: [String: Double] = [:]
        for name in ["references-r.csv", "references-pandas.csv"] {
            let url = Binary.packageRoot.appendingPathComponent(folder + name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let parts = line.split(separator: ",").map { $0.replacingOccurrences(of: "\"", with: "") }
                guard parts.count == 3, let value = Double(parts[2]) else { continue }
                values[parts[0] + " " + parts[1]] = value
            }
        }
        return values
    }()

    @Test(arguments: cases)
    func a_file_written_by_a_real_tool_gives_the_tools_result(_ reference: Case) throws {
        let expected = try #require(Self.references[reference.reference.0 + " " + reference.reference.1])
        let run = try Binary.run(["--data", Self.folder + reference.file, "-f", "json", "-e", reference.query])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains(reference.shape), "\(run.stderr)")
        let object = try #require(
            JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
        // summarize gives rows; correlate and count give the figure itself.
        let holder = (object["rows"] as? [[String: Any]])?.first ?? object
        let value = try #require((holder[reference.key] as? NSNumber)?.doubleValue, "\(object)")
        #expect(abs(value - expected) <= 1e-12 * max(1, abs(expected)), "\(value) against \(expected)")
    }
}
