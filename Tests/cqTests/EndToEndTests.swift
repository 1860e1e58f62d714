import Foundation
import Testing

/// The real binary, as a user runs it. Expected statistics are R 4.2's
/// `cor.test` on the same numbers (and the paper's reported r = 0.89).
struct EndToEndTests {
    @Test func the_papers_result() throws {
        let run = try Binary.run(["-e", "correlate competitiveness, innovation"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("r = 0.892, n = 10, p = 0.000523"), "\(run.stdout)")
        #expect(run.stdout.contains("none dropped for a missing value"))
    }

    @Test func the_papers_result_within_the_EU() throws {
        let run = try Binary.run(["-e", "correlate competitiveness, innovation where region = \"EU\""])
        #expect(run.status == 0)
        #expect(run.stdout.contains("r = 0.804, n = 4, p = 0.196"), "\(run.stdout)")
        #expect(run.stdout.contains("(AUT, DEU, FRA, GBR)"))
        #expect(run.stdout.contains("`region = \"EU\"` kept 4 of 10"))
    }

    @Test func the_ledger_names_the_country_dropped_for_a_missing_value() throws {
        let run = try Binary.run(["-e", "use paper", "-e", "correlate competitiveness, rnd"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("n = 9"), "\(run.stdout)")
        #expect(run.stdout.contains("1 dropped for a missing value: rnd 1 (IND)"), "\(run.stdout)")
    }

    @Test func json_uses_the_usual_names() throws {
        let run = try Binary.run([
            "--format", "json", "-e", "correlate competitiveness, innovation", "-e", "count countries where eu in 2020",
        ])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let correlation = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(correlation?["statement"] as? String == "correlate")
        #expect(correlation?["method"] as? String == "pearson")
        #expect((correlation?["n"] as? Int) == 10)
        let r = try #require(correlation?["r"] as? Double)
        #expect(abs(r - 0.8919) < 1e-4)
        for key in ["p", "ci_low", "ci_high"] { #expect(correlation?[key] is Double, "\(key)") }
        let count = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        #expect(count?["count"] as? Int == 27)
    }

    @Test func three_mistakes_three_diagnostics_and_nothing_runs() throws {
        let script = """
            count countries
            correlate competitiveness, inovation
            count countries where region = "Europe"
            list country, gdp_per_capita + rnd in 2019
            """
        let run = try Binary.run(["-"], stdin: script)
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty, "something ran: \(run.stdout)")
        #expect(run.stderr.contains("<stdin>:2:28: error[E301]: unknown name `inovation`"), "\(run.stderr)")
        #expect(run.stderr.contains("help: did you mean `innovation`?"))
        #expect(run.stderr.contains("<stdin>:3:32: error[E501]: no country has region \"Europe\""))
        #expect(run.stderr.contains("<stdin>:4:15: error[E402]: cannot add % of GDP to current US$ per person"))
        #expect(
            run.stderr.contains(
                """
                  2 | correlate competitiveness, inovation
                    |                            ^~~~~~~~~
                """))
        #expect(run.stderr.contains("cq: 3 errors; nothing was run"))
    }

    @Test func statements_from_standard_input() throws {
        let run = try Binary.run([], stdin: "count countries where region = \"EU\" in 2017\n")
        #expect(run.status == 0)
        #expect(run.stdout == "28 countries where `region = \"EU\"` in 2017\n")
    }

    @Test(arguments: [
        (["--frobnicate"], Int32(64), "cq: unknown option '--frobnicate'"),
        (["--format", "xml", "-e", "indicators"], 64, "cq: unknown format 'xml'"),
        (["no-such-file.cq"], 66, "cq: cannot open 'no-such-file.cq': No such file or directory"),
        (["-e"], 64, "cq: -e needs a value"),
        (["--dataset", "mars", "-e", "indicators"], 64, "cq: no built-in dataset 'mars'"),
    ])
    func exit_codes(_ arguments: [String], _ status: Int32, _ message: String) throws {
        let run = try Binary.run(arguments)
        #expect(run.status == status)
        #expect(run.stderr.hasPrefix(message), "\(run.stderr)")
    }

    @Test func help_and_version() throws {
        let help = try Binary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("usage: cq [options] [FILE.cq ...]"))
        #expect(help.stdout.contains("built-in dataset: world (default), paper\n"), "\(help.stdout)")
        #expect(help.stdout.contains(" or extended (34 indicators, 1950–2025)\n"), "\(help.stdout)")
        let version = try Binary.run(["--version"])
        #expect(version.stdout.hasPrefix("cq "))
    }

    /// `world` lists 218 economies, but Taiwan has no value of any
    /// indicator: it is not counted, nor are country-years without data
    /// (5450 were counted before, 5425 have a value).
    @Test func count_countries_counts_only_countries_with_data() throws {
        let run = try Binary.run(["-e", "count countries", "-e", "countries where country = \"TWN\""])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.hasPrefix("217 countries in 2000–2024 (in at least one of those years; 5425 country-years)\n"))
        #expect(!run.stdout.contains("Taiwan"))
    }

    /// A pairwise matrix's ledger names the rows each cell used: the
    /// competitiveness cells hold 10 country-years of 2017, the income ×
    /// life-expectancy cell 5241 pooled over 2000–2024. It used to say "in
    /// 2017" (the years of the 10 complete rows) with no pooling note.
    @Test func a_pairwise_matrix_ledger_describes_each_cells_rows() throws {
        let run = try Binary.run(["-e", "correlate competitiveness, gdp_per_capita, life_expectancy"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("sample: 5425 country-years in 2000–2024 with a value of any variable"))
        #expect(
            run.stdout.contains(
                "n = 10 (competitiveness × gdp_per_capita, in 2017) to 5241 (gdp_per_capita × life_expectancy, in 2000–2024)"
            ))
        #expect(run.stdout.contains("note: years are pooled in 1 of 3 cells, with up to 25 per country"))
        let extended = try Binary.run(["-d", "extended", "-e", "correlate gdp_per_capita, gini, co2_per_capita"])
        #expect(!extended.stdout.contains("in 1965–2014 with"), "the years of the complete rows are not the sample's")
        #expect(extended.stdout.contains("note: years are pooled in every cell"))
    }

    /// `to "FILE"` writes any result in the format its extension names, and
    /// refuses an extension cq cannot write before anything runs (a plot
    /// `to "x.png"` used to get SVG bytes and a success message).
    @Test func results_go_to_files_by_extension() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cq-to-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Binary.run(
            [
                "-e", "list country, rnd where country in (\"AUT\", \"DEU\") in 2019 to \"rnd.csv\"",
                "-e", "correlate rnd, gdp_per_capita in 2019 to \"r.json\"",
                "-e", "summarize rnd in 2019 to \"rnd.md\"",
            ], directory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("written to rnd.csv") && run.stdout.contains("written to r.json"))
        let csv = try String(contentsOf: folder.appendingPathComponent("rnd.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("country,rnd\nAUT,"))
        let json = try String(contentsOf: folder.appendingPathComponent("r.json"), encoding: .utf8)
        #expect(json.hasPrefix("{\"statement\":\"correlate\""))
        let markdown = try String(contentsOf: folder.appendingPathComponent("rnd.md"), encoding: .utf8)
        #expect(markdown.contains("| variable |") || markdown.contains("|---"))
        let png = try Binary.run(["-e", "plot rnd against gdp_per_capita in 2019 to \"x.png\""], directory: folder)
        #expect(png.status == 65)
        #expect(png.stderr.contains("error[E410]: cq cannot write .png files"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.png").path))
    }

    /// For editors and CI: `--check` runs nothing and exits 0 or 65, and with
    /// `--format json` diagnostics are JSON lines on standard error (they
    /// were gcc-style text whatever the format).
    @Test func check_only_and_json_diagnostics() throws {
        let fine = try Binary.run(["--check", "-e", "correlate gdp_per_capita, rnd in 2019"])
        #expect(fine.status == 0 && fine.stdout.isEmpty)
        #expect(fine.stderr == "cq: 1 statement checked, no errors\n")
        let wrong = try Binary.run(["--check", "-f", "json", "-e", "correlate gdp_per_capita, inovation"])
        #expect(wrong.status == 65 && wrong.stdout.isEmpty)
        let object = try #require(
            JSONSerialization.jsonObject(with: Data(wrong.stderr.utf8)) as? [String: Any], "\(wrong.stderr)")
        #expect(object["code"] as? String == "E301")
        #expect(object["file"] as? String == "-e" && object["line"] as? Int == 1 && object["column"] as? Int == 27)
        #expect(object["end_column"] as? Int == 36)
        #expect((object["help"] as? [String])?.first == "did you mean `innovation`?")
    }

    /// In CSV and JSON standard output is data: `--data`'s load report goes
    /// to standard error (it came out as a first CSV table, or a JSON line).
    @Test func the_data_load_report_stays_out_of_machine_output() throws {
        let file = Binary.packageRoot.appendingPathComponent("Tests/CQCoreTests/Fixtures/strd/Norris.csv").path
        for format in ["csv", "json"] {
            let run = try Binary.run(["--data", file, "-f", format, "-e", "count countries"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stdout.contains("Norris"), "\(format): \(run.stdout)")
            #expect(run.stderr.contains("using `Norris`"))
        }
    }

    /// With many indicators loaded, a word finds them (in ids, labels and
    /// sources); a one-indicator file says "1 indicator".
    @Test func indicators_can_be_searched() throws {
        let run = try Binary.run(["-e", "indicators gdp"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("gdp_per_capita ") && !run.stdout.contains("life_expectancy"))
        let file = Binary.packageRoot.appendingPathComponent("Tests/CQCoreTests/Fixtures/strd/Norris.csv").path
        let one = try Binary.run(["-e", "use \"\(file)\""])
        #expect(one.stdout.contains(" indicators, ") || one.stdout.contains(" indicator, "))
    }

    /// A user's own indicator beside the built-in ones (`use … adding`),
    /// names matched in the spellings users type ("Viet Nam", "Egypt, Arab
    /// Rep."): the correlation with GDP per capita equals pandas' on the same
    /// data (Fixtures/data/own/make_own_reference.py).
    @Test func an_own_indicator_added_to_world_correlates_as_pandas_does() throws {
        let folder = "Tests/CQCoreTests/Fixtures/data/own/"
        let reference = try String(
            contentsOf: Binary.packageRoot.appendingPathComponent(folder + "reference.csv"), encoding: .utf8)
        var expected: [String: Double] = [:]
        for line in reference.split(separator: "\n").dropFirst() {
            let parts = line.split(separator: ",")
            expected[String(parts[0])] = Double(parts[1])
        }
        let run = try Binary.run([
            "-f", "json", "-e", "use \"\(folder)own-index.csv\" adding", "-e",
            "correlate own_index, gdp_per_capita in 2019",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        let added = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let notes = try #require(added["notes"] as? [[String: Any]])
        #expect(notes.first?["unmatched_entities"] as? [String] == ["Atlantis"])
        let result = try #require(JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(result["n"] as? Int == Int(expected["n"] ?? -1))
        let r = try #require(result["r"] as? Double)
        #expect(abs(r - expected["r"]!) <= 1e-12 * abs(expected["r"]!))
        let p = try #require(result["p"] as? Double)
        #expect(abs(p - expected["p"]!) <= 1e-9 * expected["p"]!)
    }

    @Test func the_extended_dataset_is_built_in() throws {
        let run = try Binary.run(["-d", "extended", "-e", "count countries"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "218 countries in 1950–2025 (in at least one of those years; 15023 country-years)\n")
        let used = try Binary.run(["-e", "use extended", "-e", "count countries where region = \"CIS\" in 2020"])
        #expect(used.status == 0, "\(used.stderr)")
        #expect(
            used.stdout
                == "using `extended`: 218 countries, 34 indicators, 1950–2025\n\n10 countries where `region = \"CIS\"` in 2020\n"
        )
        let unknown = try Binary.run(["-d", "mars", "-e", "count countries"])
        #expect(
            unknown.stderr.hasPrefix("cq: no built-in dataset 'mars'; datasets: world, paper, extended\n"),
            "\(unknown.stderr)")
    }

    @Test func invalid_utf8_is_an_error_with_its_position() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cq-bad-\(getpid()).cq")
        try Data("count countries\nlist \u{22}a".utf8 + [0xFF, 0x22]).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let run = try Binary.run([path.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("\(path.path):2:8: error[E105]: the file is not valid UTF-8"), "\(run.stderr)")
    }

    @Test func several_e_arguments_are_numbered_in_diagnostics() throws {
        let run = try Binary.run(["-e", "count countries", "-e", "rank inovation"])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("-e#2:1:6: error[E301]"), "\(run.stderr)")
    }

    @Test func no_colour_unless_a_terminal() throws {
        let run = try Binary.run(["-e", "rank nope"], environment: ["NO_COLOR": ""])
        #expect(!run.stderr.contains("\u{1B}["))
    }
}

/// Loading a user's files through the real binary.
struct LoadingEndToEndTests {
    @Test func data_flag_and_use_load_a_folder() throws {
        let run = try Binary.run([
            "--data", "Data/world-extended", "-e", "count countries where tfp_level_rel_usa > 0 in 2019",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.hasPrefix(
                "using `world-extended`: 218 countries, 34 indicators, 1950–2025\nloaded as cq: 252515 observations\n"))
    }

    @Test func a_wdi_download_loads_and_its_aggregates_are_not_countries() throws {
        let run = try Binary.run(["-e", "use \"Tests/CQCoreTests/Fixtures/data/wdi-bulk\"", "-e", "count countries"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2 aggregates skipped (EMU, WLD)"))
        #expect(run.stdout.contains("4 countries"))
    }

    /// A cq folder exported from WDI carries the aggregates among its rows
    /// but not in countries.csv: they are skipped and named, as in a long
    /// file, rather than failing the load.
    @Test func a_folders_aggregate_rows_are_skipped_unless_countries_csv_lists_them() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cq-aggregates-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = [
            "indicators.csv": "id,label,unit\nx,X,%\n",
            "countries.csv": "iso3,name\nDEU,Germany\nFRA,France\n",
            "observations.csv":
                "iso3,indicator,year,value\nDEU,x,2019,1\nEUU,x,2019,5\nFRA,x,2019,2\nOWID_WRL,x,2019,9\nWLD,x,2019,7\n",
        ]
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let run = try Binary.run(["--data", folder.path, "-e", "summarize x"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("loaded as cq: 2 observations, 3 aggregates skipped (EUU, OWID_WRL, WLD)"))
        #expect(run.stdout.contains("using `\(folder.lastPathComponent)`: 2 countries"), "\(run.stdout)")
        // Listed in countries.csv, an aggregate code is one of its countries.
        try "iso3,name\nDEU,Germany\nEUU,European Union\nFRA,France\nOWID_WRL,World\nWLD,World\n".write(
            to: folder.appendingPathComponent("countries.csv"), atomically: true, encoding: .utf8)
        let listed = try Binary.run(["--data", folder.path, "-e", "count countries"])
        #expect(listed.stdout.contains("5 countries"), "\(listed.stdout)")
    }

    @Test func a_bad_file_points_at_its_line_and_nothing_runs() throws {
        let path = "Tests/CQCoreTests/Fixtures/data/malformed/table-non-numeric-cell.csv"
        let run = try Binary.run(["-e", "count countries", "-e", "use \"\(path)\""])
        // A data file that cannot be read is exit 66, as documented (it was 65).
        #expect(run.status == 66)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr.hasPrefix(
                """
                \(path):3:10: error[E701]: expected a number or a missing-value marker (empty, NA, .., -), found `abc`
                  3 | FRA,2019,abc
                    |          ^~~
                  help: nothing was loaded: `world` is still in use
                """), "\(run.stderr)")
    }
}
