import Foundation
import Glibc
import Testing

/// The interactive session end to end: the real binary on a pseudo-terminal,
/// driven by keystrokes. Each test has its own state directory, so history
/// starts empty and never touches the user's.
@Suite(.serialized)
struct ReplTests {
    let state: URL

    init() throws {
        state = FileManager.default.temporaryDirectory.appendingPathComponent("cq-repl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
    }

    private func start(_ arguments: [String] = [], columns: UInt16 = 100) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            arguments: arguments,
            environment: [
                "XDG_STATE_HOME": state.path, "HOME": state.path,
            ], columns: columns)
        try terminal.expect("Ctrl-D to leave.")
        try terminal.expect("cq> ")
        return terminal
    }

    /// Ctrl-D at a fresh prompt. (Typed while a statement still runs, the
    /// terminal is in cooked mode and takes it as end-of-file for that read:
    /// a person sees the prompt first, and so does the test.)
    private func leave(_ cq: PseudoTerminal) throws {
        try cq.expect("cq> ")
        cq.type(Self.endOfInput)
        #expect(cq.waitForExit() == 0)
    }

    private static let up = "\u{1B}[A"
    private static let interrupt = "\u{3}"
    private static let endOfInput = "\u{4}"

    @Test func tab_completes_a_partial_name_from_the_data() throws {
        let cq = try start()
        cq.type("correlate compet\t")
        try cq.expect("itiveness")
        cq.type(", innova\t\r")
        try cq.expect("r = 0.892")
        try cq.expect("n = 10")
        try leave(cq)
    }

    /// Readline's space after a unique match used to land inside the
    /// parenthesis and in the result's title: `log(rnd )`.
    @Test func a_name_completed_inside_parentheses_takes_no_space_and_the_title_none() throws {
        let cq = try start()
        cq.type("list log(rn\t")
        try cq.expect("log(rnd")
        cq.type(") in 2019 limit 1\r")
        // The column's name, then its rule: not `log(rnd )`.
        try cq.expect("log(rnd)\r\n--------")
        try leave(cq)
    }

    /// Inside `use "` Tab completes file names, a directory at a time, and
    /// closes the string after a file; after `.read` it completes the script.
    @Test func tab_completes_file_names_after_use_and_read() throws {
        let folder = state.appendingPathComponent("my data")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "country,year,score\nAUT,2019,1\nDEU,2019,2\nFRA,2019,4\n".write(
            to: folder.appendingPathComponent("scores.csv"), atomically: true, encoding: .utf8)
        try "rank score top 1\n".write(
            to: state.appendingPathComponent("setup.cq"), atomically: true, encoding: .utf8)
        let cq = try start()
        cq.type("use \"\(state.path)/my\t")
        try cq.expect("data/")
        cq.type("sc\t")
        try cq.expect("ores.csv\"")
        cq.type("\r")
        try cq.expect("3 countries")
        try cq.expect("cq> ")
        cq.type(".read \(state.path)/se\t")
        try cq.expect("tup.cq")
        cq.type("\r")
        try cq.expect("FRA")
        try leave(cq)
    }

    @Test func tab_completes_a_quoted_region_value() throws {
        let cq = try start()
        cq.type("count countries where region = \"Sub\t")
        try cq.expect("Saharan Africa\"")
        cq.type("\r")
        try cq.expect("countries")
        try leave(cq)
    }

    @Test func tab_lists_quoted_values_whole_and_completes_across_spaces() throws {
        let cq = try start()
        cq.type("count countries where region = \"E\t\t")
        try cq.expect("\"Europe & Central Asia\"")
        cq.type("urope & C\t")
        try cq.expect("entral Asia\"")
        cq.type("\r")
        try cq.expect("countries where `region = \"Europe & Central Asia\"`")
        try leave(cq)
    }

    @Test func a_statement_continues_over_lines_and_comes_back_whole_after_a_restart() throws {
        do {
            let cq = try start()
            cq.type("correlate competitiveness,\r")
            try cq.expect("...> ")
            cq.type("  innovation\r")
            try cq.expect("r = 0.892")
            try leave(cq)
        }
        let saved = try String(contentsOf: state.appendingPathComponent("cq/history"), encoding: .utf8)
        #expect(saved == "correlate competitiveness,\\n  innovation\n")

        let cq = try start()
        cq.type(Self.up)
        try cq.expect("innovation")
        cq.type("\r")
        try cq.expect("r = 0.892")
        try leave(cq)
    }

    @Test func ctrl_c_discards_a_half_typed_line_and_keeps_the_session() throws {
        let cq = try start()
        cq.type("let twice = innovation * 2\r")
        try cq.expect("twice = innovation * 2")
        try cq.expect("cq> ")
        cq.type("summarize gdp_per")
        try cq.expect("gdp_per")
        cq.type(Self.interrupt)
        try cq.expect("^C")
        try cq.expect("cq> ")
        cq.type("rank twice top 1\r")
        try cq.expect("Switzerland")
        try leave(cq)
    }

    /// A statement that runs for seconds stops at Ctrl-C, and the session
    /// carries on with what it had.
    @Test func ctrl_c_cancels_a_running_statement_promptly() throws {
        let cq = try start(["-d", "extended"])
        cq.type("let twice = rnd * 2\r")
        try cq.expect("cq> ")
        // All 34 indicators: 561 Kendall correlations over ~16,000 country-years,
        // about 5 s in a debug build, so 0.3 s in it is still running.
        let every =
            "gdp_per_capita, gdp_per_capita_ppp, gdp, gdp_growth, gni_per_capita_atlas, population, rnd, fdi, "
            + "fdi_pct_gdp, hightech_exports, hightech_exports_usd, patents, patents_nonresident, researchers, journal_articles, "
            + "life_expectancy, tertiary_enrollment, mobile_per_100, broadband, secure_servers_per_million, exports_pct_gdp, "
            + "inflation, unemployment, education_spending_pct_gdp, co2_per_capita, gini, ip_receipts_usd, urban_pct, "
            + "military_pct_gdp, investment_pct_gdp, industry_pct_gdp, gdp_per_worker_ppp, human_capital_index, tfp_level_rel_usa"
        cq.type("correlate \(every) using kendall\r")
        usleep(300_000)
        let interrupted = Date()
        cq.type(Self.interrupt)
        try cq.expect("interrupted", timeout: 5)
        #expect(Date().timeIntervalSince(interrupted) < 2)
        try cq.expect("cq> ")
        cq.type("rank twice top 1 in 2020\r")
        try cq.expect("rank by twice")
        try leave(cq)
    }

    @Test func an_error_keeps_earlier_bindings() throws {
        let cq = try start()
        cq.type("let twice = innovation * 2\r")
        try cq.expect("cq> ")
        cq.type("rank inovation top 3\r")
        try cq.expect("error[E301]")
        try cq.expect("did you mean `innovation`?")
        try cq.expect("cq> ")
        cq.type("rank twice top 1\r")
        try cq.expect("Switzerland")
        try leave(cq)
    }

    /// Readline redisplays its prompt after the line handler returns unless
    /// the handler is removed inside it: Ctrl-D left `cq>` twice on screen.
    /// Readline 8.1 and later end the line themselves when bracketed paste
    /// is on, so cq's own line end made a blank line.
    @Test func ctrl_d_leaves_without_a_second_prompt() throws {
        let cq = try start()
        cq.type(Self.endOfInput)
        #expect(cq.waitForExit() == 0)
        // One line end for the shell's prompt, not a blank line and no prompt.
        #expect(!cq.unread.contains("cq>"), "\(cq.unread.debugDescription)")
        #expect(cq.unread.unicodeScalars.filter { $0 == "\n" }.count == 1, "\(cq.unread.debugDescription)")
    }

    @Test func typing_quit_without_the_dot_says_how_to_leave() throws {
        let cq = try start()
        cq.type("quit\r")
        try cq.expect("error[E201]")
        try cq.expect("help: REPL commands start with a dot: .help, .quit")
        try leave(cq)
    }

    /// On an 80-column terminal no line of a wide result is folded by the
    /// terminal: notes break at spaces, the summary's table splits into
    /// panels that repeat `region` and `variable`.
    @Test func a_wide_result_fits_an_80_column_terminal() throws {
        let cq = try start(columns: 80)
        cq.type("summarize gdp_per_capita, life_expectancy, rnd by region in 2019\r")
        try cq.expect("summary by region")
        // Three panels of 29 rows: cut at 40 screen lines, whole after `.last`.
        let cut = PseudoTerminal.screenLines(try cq.expect("cq> "))
        #expect(cut.allSatisfy { $0.count <= 80 }, "\(cut.joined(separator: "\n"))")
        #expect(cut.contains { $0.hasSuffix("more lines: .last shows the whole result") })
        cq.type(".last\r")
        let lines = PseudoTerminal.screenLines(try cq.expect("cq> "))
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.joined(separator: "\n"))")
        #expect(lines.filter { $0.hasPrefix("region                      variable") }.count == 3)
        #expect(lines.contains { $0.hasPrefix("Sub-Saharan Africa          rnd") && $0.hasSuffix("% of GDP") })
        cq.type("regress life_expectancy on log(gdp_per_capita) with country effects\r")
        let regression = PseudoTerminal.screenLines(try cq.expect("cq> "))
        #expect(regression.allSatisfy { $0.count <= 80 }, "\(regression.joined(separator: "\n"))")
        #expect(regression.contains("log(gdp_per_capita)  years per log(current US$ per person)"))
        #expect(regression.contains { $0.hasPrefix("  ") && $0.contains("independent") })
        cq.type(Self.endOfInput)
        #expect(cq.waitForExit() == 0)
    }

    /// `-e` on a terminal lays out the same way; through a pipe every line
    /// stays whole, so scripts and golden files see no change.
    @Test func a_statement_given_with_e_fits_the_terminal_but_not_a_pipe() throws {
        let statement = "regress life_expectancy on log(gdp_per_capita) with country effects"
        let cq = try PseudoTerminal(arguments: ["-e", statement], environment: [:], columns: 60)
        #expect(cq.waitForExit() == 0)
        let lines = PseudoTerminal.screenLines(cq.unread)
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains("term                 unit"))
        let piped = try Binary.run(["-e", statement])
        #expect(piped.stdout.split(separator: "\n").contains { $0.count > 100 })
    }

    @Test func meta_commands_answer_and_quit_leaves_cleanly() throws {
        let cq = try start()
        cq.type(".help rank\r")
        try cq.expect("rank X [where COND]")
        try cq.expect("example:")
        cq.type(".format csv\r")
        try cq.expect("cq> ")
        cq.type("count countries in 2020\r")
        try cq.expect("countries,")
        cq.type(".frmat json\r")
        try cq.expect("did you mean `.format`?")
        cq.type(".quit\r")
        #expect(cq.waitForExit() == 0)
    }

    /// `.save` writes a lesson that `cq doc --check` accepts: the statements
    /// that ran (not the failing one), with outputs and provenance.
    @Test func save_writes_a_handout_that_cq_doc_checks() throws {
        let handout = state.appendingPathComponent("handout.md")
        let cq = try start(["-d", "paper"])
        cq.type("let twice = innovation * 2\r")
        try cq.expect("cq> ")
        cq.type("rank twise\r")
        try cq.expect("did you mean")
        try cq.expect("cq> ")
        cq.type("correlate twice, competitiveness\r")
        try cq.expect("r = 0.892")
        try cq.expect("cq> ")
        cq.type(".save \(handout.path)\r")
        try cq.expect("saved 3 statements")
        try leave(cq)
        let text = try String(contentsOf: handout, encoding: .utf8)
        #expect(text.contains("```cq\nuse paper\n```"))
        #expect(text.contains("```cq\nlet twice = innovation * 2\n```"))
        #expect(!text.contains("twise"))
        #expect(text.contains("```output data=paper@"))
        #expect(text.contains("r = 0.892, n = 10"))
        let check = try Binary.run(["doc", "--check", handout.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func interactive_after_a_script_keeps_its_bindings() throws {
        let script = state.appendingPathComponent("setup.cq")
        try "let twice = innovation * 2\n".write(to: script, atomically: true, encoding: .utf8)
        let cq = try start(["-i", script.path])
        cq.type("rank twice top 1\r")
        try cq.expect("Switzerland")
        try leave(cq)
    }
}
