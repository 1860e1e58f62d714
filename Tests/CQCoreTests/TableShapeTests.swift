import Testing

@testable import CQCore
@testable import CQData

/// The shapes of the tables users have: R's and Excel's dialects, years as
/// columns, row names, entities that are not countries. Each case is the
/// text a tool writes, loaded as `use "file"` would, with what must come
/// out of it and the line that says how it was read.
struct TableShapeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        /// "ENTITY INDICATOR YEAR VALUE" observations that must be there.
        var observations: [String]
        /// Words the load report's shape must contain.
        var shape: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "R write.csv: row names under an empty heading",
            text: "\"\",\"gdp\",\"life\"\n\"Germany\",46794.9,81.3\n\"France\",40380.1,82.7\n",
            observations: ["DEU gdp 0 46794.9", "FRA life 0 82.7"], shape: ["row names"]),
        Case(
            name: "R write.csv2 and European Excel: semicolons, decimal comma, thousands dots",
            text: "country;year;gdp;life\nGermany;2019;46.794,9;81,3\nFrance;2019;40.380,1;82,7\n",
            observations: ["DEU gdp 2019 46794.9", "FRA life 2019 82.7"],
            shape: ["separator `;`", "decimal comma", "entity `country`"]),
        Case(
            name: "R write.table with tabs: the header one field short",
            text: "gdp\tlife\nGermany\t46794.9\t81.3\nFrance\t40380.1\t82.7\n",
            observations: ["DEU gdp 0 46794.9", "FRA life 0 82.7"], shape: ["separator `tab`", "row names"]),
        Case(
            name: "years as columns, R's X1990 headings",
            text: "country,X1990,X2000,X2010\nGermany,1.5,2.5,\nJapan,3,NA,4\n",
            observations: ["DEU file 1990 1.5", "DEU file 2000 2.5", "JPN file 2010 4"],
            shape: ["years as columns (3, 1990–2010)", "1 indicator"]),
        Case(
            name: "DataBank: indicator per row, 2019 [YR2019], notes below",
            text:
                "Country Name,Country Code,Series Name,Series Code,2019 [YR2019],2020 [YR2020],Unit\nGermany,DEU,GDP,NY.GDP,1,2,usd\nGermany,DEU,Life,SP.LE,3,..,years\n\n,,,,,,\n",
            observations: ["DEU ny_gdp 2019 1", "DEU sp_le 2019 3"],
            shape: ["years as columns", "2 indicators", "left aside: `Unit`"]),
        Case(
            name: "a title above the header is skipped",
            text: "Exports of goods, 2019\n\ncountry;value\nGermany;1,5\nFrance;2,5\n",
            observations: ["DEU value 0 1.5"], shape: ["line above the header skipped"]),
        Case(
            name: "US states are not countries, Georgia included",
            text: "state,year,x\nGeorgia,1976,1\nTexas,1976,2\nOhio,1976,3\n",
            observations: ["Georgia x 1976 1", "Texas x 1976 2"], shape: ["`state` holds no country names"]),
    ]

    /// `use "file" as table (…)` overrides every guess.
    @Test func options_override_the_guesses() throws {
        let world = try DataFixtures.world()
        let bytes = Array("Region|Yr|x\nNorth|1990|1\nSouth|1990|2\nNorth|1991|3\n".utf8)
        let files = DataFiles(read: { _ in bytes }, kind: { _ in .file }, list: { _ in nil })
        let options = LoadOptions(entity: "region", year: "Yr", separator: UInt8(ascii: "|"))
        let (dataset, report) = try DatasetLoader.load(
            "file.csv", as: .table, files: files, reference: world, options: options)
        #expect(dataset.countries.map(\.code) == ["North", "South"])
        #expect(dataset.years == 1990...1991)
        #expect(report.shape.contains("entity `Region`"))
        let wrong = LoadOptions(entity: "Regio")
        #expect(throws: DataLoadError.self) {
            try DatasetLoader.load("file.csv", as: .table, files: files, reference: world, options: wrong)
        }
    }

    @Test(arguments: cases)
    func a_table_loads_with_its_shape_named(_ reference: Case) throws {
        let world = try DataFixtures.world()
        let bytes = Array(reference.text.utf8)
        let files = DataFiles(read: { _ in bytes }, kind: { _ in .file }, list: { _ in nil })
        let (dataset, report) = try DatasetLoader.load("file.csv", as: .table, files: files, reference: world)
        let shape = report.shape.joined(separator: ", ")
        for word in reference.shape {
            #expect(shape.contains(word), "shape: \(shape)")
        }
        for observation in reference.observations {
            let parts = observation.split(separator: " ").map(String.init)
            let country = try #require(dataset.countries.firstIndex { $0.code == parts[0] }, "\(parts[0])")
            let indicator = try #require(dataset.indicators.firstIndex { $0.id == parts[1] }, "\(parts[1])")
            let year = try #require(Int(parts[2]))
            let cell = dataset.cell(country: country, year: year)
            #expect(dataset.indicators[indicator].values[cell] == Double(parts[3]), "\(observation)")
        }
    }

    @Test(arguments: [
        ("1990", 1990), ("X1990", 1990), ("1990 [YR1990]", 1990), ("YR2001", 2001), (" 2020 ", 2020),
    ])
    func year_headings(_ text: String, _ year: Int) {
        #expect(TableLoader.yearHeading(text) == year)
    }

    @Test(arguments: ["gdp", "19900", "X19", "1990a", "0999", ""])
    func not_year_headings(_ text: String) {
        #expect(TableLoader.yearHeading(text) == nil)
    }

    @Test(arguments: [("1,5", "1.5"), ("-1.234,5", "-1234.5"), ("12", "12"), ("1,5E-03", "1.5E-03")])
    func decimal_comma_numbers(_ text: String, _ standard: String) {
        #expect(TableDialect.decimalCommaNumber(Array(text.utf8)) == Array(standard.utf8))
    }

    @Test(arguments: ["1.23,4", "abc", "1,", "12.34"])
    func not_decimal_comma_numbers(_ text: String) {
        #expect(TableDialect.decimalCommaNumber(Array(text.utf8)) == nil)
    }

    /// A Stata file cq cannot read says why, and never crashes: an old
    /// format, or a file cut short.
    @Test func a_stata_file_cq_cannot_read_says_why() throws {
        let old = Array("<stata_dta><header><release>115</release><byteorder>LSF</byteorder>".utf8)
        #expect(throws: DataLoadError.self) { try StataFile.csv(old, file: "old.dta") }
        do {
            _ = try StataFile.csv(old, file: "old.dta")
        } catch {
            #expect(error.message.contains("format 115") && error.message.contains("Stata 13 or later"))
        }
        let whole = try DataFixtures.read("Tests/CQCoreTests/Fixtures/data/real-files/gapminder-117.dta")
        for length in [20, 200, 600, whole.count / 2] {
            #expect(throws: DataLoadError.self) { try StataFile.csv(Array(whole.prefix(length)), file: "cut.dta") }
        }
        let (csv, shape) = try StataFile.csv(whole, file: "gapminder-117.dta")
        #expect(shape == "Stata file (format 117), 6 variables")
        let lines = String(decoding: csv, as: UTF8.self).split(separator: "\n")
        #expect(lines.first == "\"country\",\"continent\",\"year\",\"lifeExp\",\"pop\",\"gdpPercap\"")
        // Afghanistan 1952's life expectancy is Stata's missing `.`: an empty cell.
        #expect(lines[1].hasPrefix("\"Afghanistan\",\"Asia\",1952,,"))
    }

    @Test(arguments: [("A1", 0), ("B12", 1), ("Z3", 25), ("AA3", 26), ("AZ1", 51)])
    func excel_column_letters(_ reference: String, _ index: Int) {
        #expect(ExcelWorkbook.columnIndex(reference) == index)
    }

    @Test func xml_text_is_decoded() {
        #expect(XML.decode(Array("C&amp;A &lt;b&gt; &quot;x&quot; &#233;&#x41;".utf8)) == "C&A <b> \"x\" éA")
        let cells = XML.elementsWithContent("c", in: Array(#"<cols/><c r="B2" t="s"><v>3</v></c><c r="C2"/>"#.utf8))
        #expect(cells.count == 2 && cells[0].0["r"] == "B2" && cells[0].0["t"] == "s" && cells[1].1.isEmpty)
    }

    /// A workbook cut short or not a workbook at all is an error, never a crash.
    @Test func a_damaged_workbook_says_so() throws {
        let whole = try DataFixtures.read("Tests/CQCoreTests/Fixtures/data/real-files/gapminder-wide.xlsx")
        for bytes in [Array(whole.prefix(whole.count / 2)), Array(whole.dropLast(30)), [0x50, 0x4B, 0x03, 0x04]] {
            #expect(throws: DataLoadError.self) { try ExcelWorkbook.csv(bytes, file: "book.xlsx") }
        }
        let (csv, shape) = try ExcelWorkbook.csv(whole, file: "book.xlsx")
        #expect(shape == "Excel sheet `Life expectancy`")
        #expect(String(decoding: csv, as: UTF8.self).hasPrefix("country,continent,1952,1957,"))
    }

    /// `sheet = "…"` picks a workbook's sheet by name (case ignored); a name
    /// it lacks lists the sheets it has.
    @Test func a_sheet_is_chosen_by_name() throws {
        let world = try DataFixtures.world()
        let path = "Tests/CQCoreTests/Fixtures/data/real-files/gapminder-two-sheets.xlsx"
        let bytes = try DataFixtures.read(path)
        let files = DataFiles(read: { _ in bytes }, kind: { _ in .file }, list: { _ in nil })
        let (dataset, report) = try DatasetLoader.load(
            "book.xlsx", as: .table, files: files, reference: world, options: LoadOptions(sheet: "life expectancy"))
        #expect(report.shape.first == "Excel sheet `Life expectancy`")
        #expect(dataset.indicators.map(\.id) == ["book"])
        do {
            _ = try DatasetLoader.load(
                "book.xlsx", as: .table, files: files, reference: world, options: LoadOptions(sheet: "Data"))
            Issue.record("a missing sheet loaded")
        } catch {
            #expect(error.message.contains("no sheet `Data`; its sheets: `About`, `Life expectancy`"))
        }
    }
}
