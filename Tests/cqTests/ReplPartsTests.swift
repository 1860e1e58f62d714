import CQBuiltins
import CQCore
import Foundation
import Testing

@testable import cq

/// The REPL's pieces that need no terminal: the history file's encoding and
/// concurrent appends, meta-command parsing, cutting long output.
struct ReplPartsTests {
    @Test(arguments: [
        ["correlate gdp, rnd"],
        ["correlate competitiveness,\n  innovation", "rank gdp -- a \\ backslash", "", "line\r\nwith CRLF"],
        ["ünïcödé \"quoted\"", "\\n is not a newline"],
    ])
    func history_entries_survive_a_round_trip(_ entries: [String]) {
        #expect(History.decode(History.encode(entries)) == entries.filter { !$0.isEmpty })
    }

    /// The banner's suggestion runs on the dataset in use.
    @Test func the_banner_suggests_a_statement_of_the_dataset_in_use() throws {
        let world = try #require(BuiltinDatasets.load("world"))
        #expect(Repl.firstStatement(for: world) == "correlate competitiveness, innovation")
        var other = world
        other.indicators = Array(world.indicators.filter { $0.id != "innovation" }.prefix(3))
        let suggestion = Repl.firstStatement(for: other)
        #expect(suggestion == "correlate \(other.indicators[0].id), \(other.indicators[1].id)")
        var session = Session(dataset: other, catalog: DatasetCatalog(names: [], load: { _ in nil }))
        #expect(session.run(suggestion).diagnostics.isEmpty)
        other.indicators = Array(other.indicators.prefix(1))
        #expect(Repl.firstStatement(for: other) == "indicators")
    }

    @Test func a_multi_line_statement_is_one_line_of_the_file() {
        #expect(String(decoding: History.encode(["a,\n b"]), as: UTF8.self) == "a,\\n b\n")
    }

    @Test func a_damaged_history_file_loses_only_what_cannot_be_read() {
        #expect(
            History.decode(Array("one\n\u{FF}two\nthree\\".utf8) + [0xFF]) == ["one", "\u{FF}two", "three\u{FFFD}"])
    }

    @Test func appends_are_bounded_deduplicated_and_safe_from_two_processes_at_once() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cq-history-\(UUID().uuidString)")
        let history = History(path: directory.appendingPathComponent("cq/history").path)
        history.append("first")
        history.append("first")
        #expect(history.load() == ["first"])
        // Many writers at once (threads here, processes in life: flock works
        // for both since each append opens its own descriptor).
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    for index in 0..<50 { history.append("writer \(writer) entry \(index)") }
                }
            }
        }
        let entries = history.load()
        #expect(entries.count == 201)
        #expect(Set(entries).count == 201)
        for index in 0..<(History.limit + 10) { history.append("bulk \(index)") }
        let bounded = history.load()
        #expect(bounded.count == History.limit)
        #expect(bounded.last == "bulk \(History.limit + 9)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("cq").path)
        #expect(leftovers.sorted() == ["history", "history.lock"])
    }

    @Test(arguments: [
        (".help", MetaCommand.help(nil)),
        (".help Correlate", .help("correlate")),
        (".format json", .format(.json)),
        (".format", .format(nil)),
        (".read my lessons/week 1.cq", .read("my lessons/week 1.cq")),
        (".save handout.md", .save("handout.md")),
        (".datasets", .datasets),
        (".last", .last),
        (".quit", .quit),
        (".exit", .quit),
    ])
    func meta_commands_parse(_ line: String, _ expected: MetaCommand) throws {
        #expect(try MetaCommand.parse(line).get() == expected)
    }

    @Test(arguments: [
        (".frmat json", "did you mean `.format`?"),
        (".format yaml", "unknown format `yaml`"),
        (".save", "needs a file name"),
        (".last please", "takes no argument"),
        (".zzz", ".help lists the commands"),
    ])
    func bad_meta_commands_say_what_is_wrong(_ line: String, _ message: String) {
        guard case .failure(let problem) = MetaCommand.parse(line) else {
            Issue.record("\(line) parsed")
            return
        }
        #expect(problem.message.contains(message), "\(problem.message)")
    }

    @Test(arguments: [
        (".f", 2, [".format"]),
        (".format m", 9, ["markdown"]),
        (".help r", 7, ["rank", "regress"]),
        (".read f", 7, [String]()),
        (".read ", 6, ["lessons/", "setup.cq", "week 1.cq"]),
        (".read w", 7, ["week 1.cq"]),
        (".read lessons/", 14, ["lessons/a.cq"]),
        (".READ  .h", 9, [".hidden.cq"]),
        (".save s", 7, ["setup.cq"]),
    ])
    func meta_commands_complete(_ line: String, _ cursor: Int, _ expected: [String]) {
        #expect(MetaCommand.completions(for: line, at: cursor, listing: Self.folder)?.candidates ?? [] == expected)
    }

    /// A current directory for completion: a folder, scripts, a hidden file.
    private static func folder(_ path: String) -> [(name: String, isDirectory: Bool)]? {
        switch path {
        case ".": return [("week 1.cq", false), ("setup.cq", false), ("lessons", true), (".hidden.cq", false)]
        case "lessons/": return [("a.cq", false)]
        default: return nil
        }
    }

    @Test func a_file_name_after_read_replaces_from_the_path_and_adds_no_space() throws {
        let completion = try #require(MetaCommand.completions(for: ".read  wee", at: 10, listing: Self.folder))
        #expect(completion.start == 7)
        #expect(completion.candidates == ["week 1.cq"])
        #expect(!completion.appendsSpace)
    }

    @Test func an_open_string_completes_a_file_with_its_closing_quote_and_a_directory_without() {
        let matches = PathCompletion.matches(for: "", list: Self.folder)
        #expect(PathCompletion.quoted(matches) == ["\"lessons/", "\"setup.cq\"", "\"week 1.cq\""])
        #expect(PathCompletion.appendsSpace(matches))
        let directory = PathCompletion.matches(for: "les", list: Self.folder)
        #expect(directory == [.init(path: "lessons/", isDirectory: true)])
        #expect(!PathCompletion.appendsSpace(directory))
        #expect(PathCompletion.matches(for: "nowhere/x", list: Self.folder).isEmpty)
    }

    @Test func the_real_file_system_lists_entries_and_tells_directories() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cq-paths-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
        try "x".write(to: root.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(
            PathCompletion.matches(for: root.path + "/da") == [
                .init(path: root.path + "/data.csv", isDirectory: false),
                .init(path: root.path + "/data/", isDirectory: true),
            ])
    }

    @Test func long_results_are_cut_on_screen_with_a_pointer_to_last() {
        let long = (1...100).map { "row \($0)" }.joined(separator: "\n") + "\n"
        let cut = Repl.fitted(long, cut: true)
        #expect(cut.split(separator: "\n").count == Repl.screenLines + 1)
        #expect(cut.hasSuffix("… 60 more lines: .last shows the whole result\n"))
        #expect(Repl.fitted(long, cut: false) == long)
        #expect(Repl.fitted("short\n", cut: true) == "short\n")
    }
}

extension ReplPartsTests {
    /// The cut counts lines as the screen shows them: a line twice the
    /// terminal's width takes two.
    @Test func the_cut_counts_screen_lines_not_text_lines() {
        let wide = (1...30).map { "row \($0) " + String(repeating: "x", count: 90) }.joined(separator: "\n") + "\n"
        #expect(Repl.fitted(wide, cut: true, width: nil) == wide)
        let cut = Repl.fitted(wide, cut: true, width: 80)
        #expect(cut.split(separator: "\n").count == Repl.screenLines / 2 + 1)
        #expect(cut.hasSuffix("… 10 more lines: .last shows the whole result\n"))
        #expect(Repl.fitted(wide, cut: true, width: 100) == wide)
    }
}

/// `.help` lists what expressions may call, by kind, so a student finds
/// `growth` and `cagr` without reading the README.
struct HelpOverviewTests {
    @Test(arguments: [
        "log, log10, sqrt, abs", "lag, lead, diff, growth, at, index",
        "mean, median, min, max, sum, count, first, last, cagr, trend",
    ])
    func the_overview_lists_every_function(_ names: String) {
        #expect(MetaCommand.overview.contains(names))
    }
}
