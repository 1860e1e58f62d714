import CQBuiltins
import Testing

@testable import CQCore
@testable import CQLessons

/// `cq doc`'s engine: which blocks a lesson has, when a recorded output is
/// still true, and what updating writes. The contract is in Lesson.swift.
@Suite struct LessonTests {
    // MARK: - Parsing

    /// Each block as "LINE:FIRSTCODELINE [error] CODE [unclosed] [→ LINE CONTENT data query]".
    static func describe(_ document: LessonDocument) -> [String] {
        document.blocks.map { block in
            var text =
                "\(block.line):\(block.firstCodeLine) " + (block.expectsError ? "error " : "")
                + block.code.debugDescription
            if !block.isClosed { text += " unclosed" }
            if let output = block.output {
                text += " → \(output.firstContentLine) \(output.content.debugDescription)"
                if let data = output.provenance.data { text += " data=\(data)" }
                if let query = output.provenance.query { text += " query=\(query)" }
                if !output.isClosed { text += " unclosed" }
            }
            return text
        }
    }

    @Test(arguments: [
        ("backticks", "```cq\nx\n```\n", [#"1:2 "x\n""#]),
        ("tildes", "~~~cq\nx\n~~~\n", [#"1:2 "x\n""#]),
        ("a longer fence holds a shorter one", "````cq\nx\n```\ny\n````\n", [#"1:2 "x\n```\ny\n""#]),
        ("a fence closes only with its own character", "```cq\nx\n~~~\n```\n", [#"1:2 "x\n~~~\n""#]),
        ("a closing fence may be longer", "```cq\nx\n`````  \n", [#"1:2 "x\n""#]),
        ("error as the second word", "```cq error\nx\n```", [#"1:2 error "x\n""#]),
        ("blanks around the info string's words", "```  cq \t error  more\nx\n```", [#"1:2 error "x\n""#]),
        ("another first word is not a query", "```cqx\nx\n```\n```python\ny\n```\n", []),
        ("a second word other than error", "```cq errors\nx\n```", [#"1:2 "x\n""#]),
        ("a cq fence inside another block is its content", "````markdown\n```cq\nx\n```\n````\n", []),
        ("a line with an info string does not close", "```python\n```cq\nx\n```\n", []),
        ("a backtick in a backtick info string: no fence", "```cq `x`\ny\n", []),
        ("a backtick in a tilde info string is fine", "~~~cq `x`\ny\n~~~\n", [#"1:2 "y\n""#]),
        ("unclosed runs to the end", "text\n```cq\nx\ny", [#"2:3 "x\ny\n" unclosed"#]),
        ("empty block", "```cq\n```\n", [#"1:2 """#]),
        (
            "indented fence loses its indentation from the content", "  ```cq\n  x\n   y\nz\n  ```\n",
            [#"1:2 "x\n y\nz\n""#]
        ),
        ("four spaces are an indented code block", "    ```cq\n    x\n    ```\n", []),
        ("the output block follows", "```cq\nx\n```\n```output\n1\n```\n", [#"1:2 "x\n" → 5 "1\n""#]),
        ("blank lines between are fine", "```cq\nx\n```\n\n \t\n```output\n1\n```\n", [#"1:2 "x\n" → 7 "1\n""#]),
        ("text between: not its output", "```cq\nx\n```\ntext\n```output\n1\n```\n", [#"1:2 "x\n""#]),
        (
            "another block between: not its output", "```cq\nx\n```\n\n```text\n```\n```output\n1\n```\n",
            [#"1:2 "x\n""#]
        ),
        (
            "provenance", "```cq\nx\n```\n\n~~~~output data=world@1a2b3c4d query=5e6f7a8b wide\n1\n\n2\n~~~~\n",
            [#"1:2 "x\n" → 6 "1\n\n2\n" data=world@1a2b3c4d query=5e6f7a8b"#]
        ),
        ("an unclosed output block", "```cq\nx\n```\n```output\n1\n", [#"1:2 "x\n" → 5 "1\n" unclosed"#]),
        ("two queries in a row", "```cq\nx\n```\n```cq\ny\n```\n", [#"1:2 "x\n""#, #"4:5 "y\n""#]),
        ("CRLF", "```cq\r\nx\r\n```\r\n\r\n```output\r\n1\r\n```\r\n", [#"1:2 "x\n" → 6 "1\n""#]),
    ])
    func parsing(_ name: String, _ text: String, _ expected: [String]) {
        #expect(Self.describe(Lesson.parse(text)) == expected, "\(name)")
    }

    @Test func byte_ranges_point_into_the_text() {
        let text = "é\n```cq\nx\n```\n\n```output\n1\n```\nrest"
        let document = Lesson.parse(text)
        let bytes = Array(text.utf8)
        let block = document.blocks[0]
        #expect(String(decoding: bytes[block.range], as: UTF8.self) == "```cq\nx\n```")
        let output = block.output!
        #expect(String(decoding: bytes[output.range], as: UTF8.self) == "```output\n1\n```")
        #expect(String(decoding: bytes[output.contentRange], as: UTF8.self) == "1\n")
        #expect(document.lineEnding == .lf)
        #expect(Lesson.parse("a\r\nb\n").lineEnding == .crlf)
    }

    // MARK: - Comparing

    @Test(arguments: [
        ("r = 0.89", "r = 0.892", true),
        ("r = 0.892", "r = 0.893", false),
        ("r = 0.89", "r = 0.895", true),
        ("r = 0.89", "r = 0.896", false),
        ("r = 0.9", "r = 0.84", false),
        ("0.8920", "0.892", true),
        ("0.8923", "0.892", false),
        ("n = 1,234", "n = 1234", true),
        ("n = 1,234,567", "n = 1234568", false),
        ("x = -0.3", "x = -0.31", true),
        ("x = -0.3", "x = 0.3", false),
        ("p = 1.2e-05", "p = 1.23e-05", true),
        ("p = 1.2e-05", "p = 1.26e-05", false),
        ("p = 5.23e-4", "p = 0.000523", true),
        ("2.13753e+13", "21375300000000", true),
        ("12.5%", "12.54%", true),
        ("12.5%", "12.56%", false),
        ("12.5%", "12.5", false),
        ("in 2016-2017", "in 2016-2018", false),
        ("E301", "E302", false),
        ("world@1a2b3c4d", "world@1a2b3c4e", false),
        ("| c  |  0.89 |", "| c | 0.892 |", true),
        ("a b", "a\tb", true),
        ("a b", "ab", false),
        ("|---|---:|", "|-----|------:|", true),
        ("a --- b", "a ----- b", true),
        ("a - b", "a -- b", false),
        ("-------  -  -----", "-------  --  -----", true),
        ("trailing blanks  \n\n\n", "trailing blanks", true),
        ("a\r\nb\r\n", "a\nb\n", true),
        ("errors", "error", false),
        ("a\nb", "a", false),
        ("a\n\nb", "a\nb", false),
        ("", "", true),
        // A number must still say what the printed one says (issue 12: these
        // edits of the paper lesson passed as up to date).
        ("r = 1, n = 10, p = 0, 95% CI 1 to 1", "r = 0.892, n = 10, p = 0.000523, 95% CI 0.598 to 0.974", false),
        ("t = 6", "t = 5.579", false),
        ("t = 5.6", "t = 5.579", true),
        ("r = 1", "r = 0.892", false),
        ("r = 0.9", "r = 0.892", true),
        ("p = 0", "p = 0.000523", false),
        ("p = 0.000", "p = 0.000523", false),
        ("p = 0.001", "p = 0.000523", false),
        ("p = 0.0005", "p = 0.000523", true),
        ("p = 3e-07", "p = 3.21e-07", true),
        ("p = 0", "p = 3.21e-07", false),
        ("0.10", "0.0996", true),
        ("x = 48235", "x = 48234.6", false),
        ("x = 48234.6", "x = 48234.6", true),
        ("n = 10", "n = 10", true),
        ("r = 0.000", "r = 0.000", true),
    ])
    func comparing(_ recorded: String, _ actual: String, _ matches: Bool) {
        #expect(OutputComparison.matches(recorded: recorded, actual: actual) == matches)
    }

    // MARK: - Diffing

    @Test(arguments: [
        ("a\nb\nc", "a\nB\nc", "@@ lesson.md:11 @@\n a\n-b\n+B\n c\n"),
        ("a\nb", "a\nb\nc", "@@ lesson.md:12 @@\n a\n b\n+c\n"),
        ("a\nb\nc", "b\nc", "@@ lesson.md:10 @@\n-a\n b\n c\n"),
        ("r = 0.89\nb", "r = 0.892\nc", "@@ lesson.md:11 @@\n r = 0.89\n-b\n+c\n"),
        (
            "1\n2\n3\n4\n5\n6\n7\n8", "x\n2\n3\n4\n5\n6\n7\ny",
            "@@ lesson.md:10 @@\n-1\n+x\n 2\n 3\n@@ lesson.md:17 @@\n 6\n 7\n-8\n+y\n"
        ),
    ])
    func diffing(_ recorded: String, _ actual: String, _ expected: String) {
        let diff = LineDiff(
            recorded: OutputComparison.significantLines(recorded), actual: OutputComparison.significantLines(actual))
        #expect(diff.render(path: "lesson.md", firstLine: 10) == expected)
    }

    @Test func a_long_output_with_one_change_diffs_quickly() {
        let recorded = (1...20_000).map { "row \($0)" }
        var actual = recorded
        actual[12_345] = "row changed"
        let diff = LineDiff(recorded: recorded.map { Substring($0) }, actual: actual.map { Substring($0) })
        #expect(diff.firstChange == 12_345)
        #expect(diff.edits.count == 20_001)
    }

    // MARK: - Running and updating

    static let world = BuiltinWorld.dataset
    static let markdown = ResultRenderer(format: .markdown)

    static func session(_ dataset: Dataset = world) -> Session {
        let datasets = [world, TestDatasets.tiny]
        return Session(
            dataset: dataset,
            catalog: DatasetCatalog(names: datasets.map(\.name)) { name in
                datasets.first { $0.name == name }
            })
    }

    static func run(_ text: String, on dataset: Dataset = world) -> LessonRun {
        var session = session(dataset)
        return Lesson.run(Lesson.parse(text), path: "lesson.md", session: &session, renderResult: markdown.render)
    }

    /// Updates, then checks that the result is fresh and updating it changes nothing.
    static func update(_ text: String, on dataset: Dataset = world) -> String {
        let updated = run(text, on: dataset).updatedText(original: text)
        let again = run(updated, on: dataset)
        #expect(again.blocks.allSatisfy { $0.status == .fresh }, "\(again.blocks.map(\.status))")
        #expect(again.updatedText(original: updated) == updated)
        return updated
    }

    static let lesson = """
        # Competitiveness and innovation

        ```cq
        let c = competitiveness
        ```

        ```cq
        correlate c, innovation
        ```

        A typo is caught before anything runs:

        ```cq error
        correlate competitivness, innovation
        ```

        """

    static var worldLabel: String { Lesson.dataLabel(world) }

    static var updatedLesson: String {
        """
        # Competitiveness and innovation

        ```cq
        let c = competitiveness
        ```

        ```output data=\(worldLabel) query=\(Lesson.queryHash("let c = competitiveness\n"))
        c = competitiveness  (a number in score 1-7)
        ```

        ```cq
        correlate c, innovation
        ```

        ```output data=\(worldLabel) query=\(Lesson.queryHash("correlate c, innovation\n"))
        **Pearson's r of c and innovation**

          r = 0.892, n = 10, p = 0.000523, 95% CI 0.598 to 0.974

          t = 5.579, df = 8; two-sided p from Student's t; CI by Fisher's z

        sample: 10 country-years in 2017; none dropped for a missing value
        ```

        A typo is caught before anything runs:

        ```cq error
        correlate competitivness, innovation
        ```

        ```output data=\(worldLabel) query=\(Lesson.queryHash("correlate competitivness, innovation\n"))
        lesson:28:11: error[E301]: unknown name `competitivness`
          28 | correlate competitivness, innovation
             |           ^~~~~~~~~~~~~~
          help: did you mean `competitiveness`?
        ```

        """
    }

    @Test func update_fills_every_output_and_a_second_update_changes_nothing() {
        let run = Self.run(Self.lesson)
        #expect(run.blocks.map(\.status) == [.missing, .missing, .missing])
        #expect(run.problems.isEmpty)
        #expect(!run.isUpToDate)
        #expect(Self.update(Self.lesson) == Self.updatedLesson)
    }

    @Test func query_hash_is_fnv1a_of_the_code() {
        // FNV-1a 64 of the empty input is cbf29ce484222325.
        #expect(Lesson.queryHash("") == "cbf29ce4")
        #expect(Lesson.queryHash("correlate c, innovation\n").count == 8)
        #expect(Self.worldLabel == "world@" + Self.world.fingerprint.prefix(8))
    }

    @Test func an_edited_number_is_stale_where_it_was_edited_and_update_restores_it() throws {
        let original = Self.updatedLesson
        let edited = original.replacingFirst("r = 0.892", with: "r = 0.75")
        let run = Self.run(edited)
        #expect(run.blocks.map(\.status) == [.fresh, .stale(.cqChanged), .fresh])
        let diff = try #require(run.blocks[1].diff)
        #expect(
            diff == """
                lesson.md:18: stale output: cq's output changed
                @@ lesson.md:18 @@
                 **Pearson's r of c and innovation**
                \u{20}
                -  r = 0.75, n = 10, p = 0.000523, 95% CI 0.598 to 0.974
                +  r = 0.892, n = 10, p = 0.000523, 95% CI 0.598 to 0.974
                \u{20}
                   t = 5.579, df = 8; two-sided p from Student's t; CI by Fisher's z

                """)
        #expect(run.report == diff)
        #expect(run.updatedText(original: edited) == original)
    }

    @Test func a_rounded_number_or_repadded_table_stays_fresh_and_keeps_its_bytes() {
        let rounded = Self.updatedLesson
            .replacingFirst("r = 0.892, n = 10, p = 0.000523", with: "r = 0.89, n =  10, p = 0.0005")
        let run = Self.run(rounded)
        #expect(run.blocks.map(\.status) == [.fresh, .fresh, .fresh])
        #expect(run.isUpToDate)
        #expect(run.updatedText(original: rounded) == rounded)
    }

    @Test func a_hand_written_output_without_provenance_is_fresh_when_it_matches() {
        let text = "```cq\ncount countries in 2017\n```\n\n```output\n217 countries in 2017\n```\n"
        let run = Self.run(text)
        #expect(run.blocks.map(\.status) == [.fresh])
        #expect(run.updatedText(original: text) == text)
    }

    @Test func a_failing_block_is_a_problem_and_the_bindings_before_it_survive() throws {
        let text = """
            ```cq
            let c = competitiveness
            ```

            ```cq
            let d = c * 2
            let e = nope
            ```

            ```cq
            correlate c, innovation
            ```
            """
        var session = Self.session()
        let run = Lesson.run(
            Lesson.parse(text), path: "lesson.md", session: &session, renderResult: Self.markdown.render)
        #expect(run.blocks.map(\.status.name) == ["missing", "failed", "missing"])
        #expect(
            run.problems == [
                """
                block at lesson.md:5 failed:
                lesson.md:7:9: error[E301]: unknown name `nope`
                  7 | let e = nope
                    |         ^~~~
                  help: `indicators` lists the indicators of `world`

                """
            ])
        #expect(run.blocks[2].output.contains("r = 0.892"))
        #expect(session.state.bindings["c"] != nil)
        #expect(session.state.bindings["d"] == nil)
        // The failing block gets no output block; the others do.
        let updated = run.updatedText(original: text)
        #expect(Lesson.parse(updated).blocks.map { $0.output != nil } == [true, false, true])
    }

    @Test func an_error_block_that_runs_is_a_problem() {
        let text = "```cq error\ncount countries\n```\n"
        let run = Self.run(text)
        #expect(run.blocks.map(\.status) == [.unexpectedSuccess])
        #expect(run.problems == ["block at lesson.md:1 is marked `cq error` but ran without an error\n"])
        #expect(run.updatedText(original: text) == text)
    }

    // MARK: - Why an output is stale

    static let tinyLesson = "```cq\ncorrelate gdp, rnd in 2016\n```\n"

    @Test func changed_data_is_named_with_both_fingerprints() throws {
        let recorded = Self.update(Self.tinyLesson, on: TestDatasets.tiny)
        var changed = TestDatasets.tiny
        changed.indicators[0].values[0] = 30000
        let run = Self.run(recorded, on: changed)
        let before = Lesson.dataLabel(TestDatasets.tiny)
        let after = Lesson.dataLabel(changed)
        #expect(before != after)
        #expect(run.blocks.map(\.status) == [.stale(.dataChanged(recorded: before, current: after))])
        #expect(
            run.blocks[0].diff == """
                lesson.md:8: stale output: the data changed (\(before) → \(after))
                @@ lesson.md:8 @@
                 **Pearson's r of gdp and rnd**
                \u{20}
                -  r = 0.924, n = 4, p = 0.0761, 95% CI -0.332 to 0.998
                +  r = 0.772, n = 4, p = 0.228, 95% CI -0.733 to 0.995
                \u{20}
                -  t = 3.415, df = 2; two-sided p from Student's t; CI by Fisher's z
                +  t = 1.719, df = 2; two-sided p from Student's t; CI by Fisher's z
                \u{20}
                 sample: 4 country-years in 2016; none dropped for a missing value

                """)
    }

    @Test func changed_data_that_gives_the_same_output_is_fresh() {
        let recorded = Self.update(Self.tinyLesson, on: TestDatasets.tiny)
        var changed = TestDatasets.tiny
        changed.title = "retitled"
        #expect(Lesson.dataLabel(changed) != Lesson.dataLabel(TestDatasets.tiny))
        #expect(Self.run(recorded, on: changed).blocks.map(\.status) == [.fresh])
    }

    @Test func a_changed_query_is_named() {
        let recorded = Self.update(Self.tinyLesson, on: TestDatasets.tiny)
        let edited = recorded.replacingFirst("in 2016", with: "in 2017")
        #expect(Self.run(edited, on: TestDatasets.tiny).blocks.map(\.status) == [.stale(.queryChanged)])
    }

    @Test func without_provenance_the_output_just_differs() {
        let text = "```cq\ncount countries in 2017\n```\n\n```output\n219 countries in 2017\n```\n"
        let run = Self.run(text)
        #expect(run.blocks.map(\.status) == [.stale(.outputDiffers)])
        let updated = run.updatedText(original: text)
        #expect(updated.hasPrefix("```cq\ncount countries in 2017\n```\n\n```output data=\(Self.worldLabel) query="))
        #expect(updated.hasSuffix("\n217 countries in 2017\n```\n"))
    }

    @Test func use_in_a_block_changes_the_data_label_of_that_block_and_later_ones() {
        let text = "```cq\ncount countries\n```\n```cq\nuse tiny\ncount countries\n```\n```cq\ncount countries\n```\n"
        let run = Self.run(text)
        let tiny = Lesson.dataLabel(TestDatasets.tiny)
        #expect(run.blocks.map(\.dataLabel) == [Self.worldLabel, tiny, tiny])
    }

    @Test func an_error_block_that_moved_says_so_and_update_renumbers_it() {
        let moved = Self.updatedLesson.replacingFirst("A typo", with: "New paragraph.\n\nA typo")
        let run = Self.run(moved)
        #expect(run.blocks.map(\.status) == [.fresh, .fresh, .stale(.moved(from: 28, to: 30))])
        let updated = Self.update(moved)
        #expect(updated.contains("lesson:30:11: error[E301]"))
    }

    @Test func an_error_block_below_an_inserted_output_is_renumbered() {
        // The error block is fresh, but filling the output above moves it down.
        let text = Self.updatedLesson.replacingFirst(
            "\n\n```output data=\(Self.worldLabel) query=\(Lesson.queryHash("let c = competitiveness\n"))\nc = competitiveness  (a number in score 1-7)\n```",
            with: ""
        ).replacing("28", with: "24")
        let run = Self.run(text)
        #expect(run.blocks.map(\.status) == [.missing, .fresh, .fresh])
        #expect(Self.update(text) == Self.updatedLesson)
    }

    // MARK: - Writing

    @Test func crlf_is_kept_in_everything_written() {
        let text = Self.lesson.replacing("\n", with: "\r\n")
        let updated = Self.update(text)
        #expect(updated == Self.updatedLesson.replacing("\n", with: "\r\n"))
    }

    @Test func an_unclosed_query_block_is_closed_before_its_output() {
        for text in ["```cq\ncount countries in 2017", "```cq\ncount countries in 2017\n"] {
            let updated = Self.update(text)
            let end = text.hasSuffix("\n") ? "\n" : ""
            #expect(
                updated
                    == "```cq\ncount countries in 2017\n```\n\n```output data=\(Self.worldLabel) query=\(Lesson.queryHash("count countries in 2017\n"))\n217 countries in 2017\n```"
                    + end)
        }
    }

    @Test func a_stale_output_keeps_its_fence_indentation_and_other_words() {
        let text = "  ~~~~cq\n  count countries in 2017\n  ~~~~\n\n  ~~~~output wide\n  3 countries\n  ~~~~\ntext\n"
        let updated = Self.update(text)
        #expect(
            updated
                == "  ~~~~cq\n  count countries in 2017\n  ~~~~\n\n  ~~~~output data=\(Self.worldLabel) query=\(Lesson.queryHash("count countries in 2017\n")) wide\n  217 countries in 2017\n  ~~~~\ntext\n"
        )
    }

    @Test func the_fence_grows_past_a_fence_in_the_output() {
        var session = Self.session()
        let text = "```cq\ncount countries\n```\n"
        let run = Lesson.run(Lesson.parse(text), path: "lesson.md", session: &session) { _ in "```\ninside\n````\n" }
        let updated = run.updatedText(original: text)
        #expect(
            updated.hasSuffix(
                "\n`````output data=\(Self.worldLabel) query=\(Lesson.queryHash("count countries\n"))\n```\ninside\n````\n`````\n"
            ))
        #expect(Self.describe(Lesson.parse(updated)).last?.contains(#""```\ninside\n````\n""#) == true)
    }

    @Test func text_and_other_blocks_keep_their_bytes() {
        let text = "Intro  \r\n```python\nprint(1)\n```\n\n```cq\ncount countries\n```\n\n\n```text\nrest\n```"
        let updated = Self.run(text).updatedText(original: text)
        #expect(
            updated.hasPrefix("Intro  \r\n```python\nprint(1)\n```\n\n```cq\ncount countries\n```\r\n\r\n```output"))
        #expect(updated.hasSuffix("```\n\n\n```text\nrest\n```"))
    }

    @Test func a_cancelled_run_changes_nothing() {
        var session = Self.session()
        let run = Lesson.run(
            Lesson.parse(Self.lesson), path: "lesson.md", session: &session,
            renderResult: Self.markdown.render, isCancelled: { true })
        #expect(run.cancelled)
        #expect(run.blocks.isEmpty)
        #expect(!run.isUpToDate)
        #expect(run.updatedText(original: Self.lesson) == Self.lesson)
    }
}

extension BlockStatus {
    var name: String {
        switch self {
        case .fresh: "fresh"
        case .stale: "stale"
        case .missing: "missing"
        case .failed: "failed"
        case .unexpectedSuccess: "unexpectedSuccess"
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else {
            Issue.record("`\(target)` not found")
            return self
        }
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }
}
