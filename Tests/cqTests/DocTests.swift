import Foundation
import Glibc
import Testing

/// `cq doc` end to end: the lessons under Examples/lessons stay true, a stale
/// number is caught with its line, `--update` restores the exact bytes, and
/// killing an update midway never damages the lesson.
@Suite(.serialized)
struct DocTests {
    static let lessons: [String] = {
        let folder = Binary.packageRoot.appendingPathComponent("Examples/lessons")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted()
    }()

    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cq-doc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    @Test func there_are_lessons() {
        #expect(Self.lessons.count >= 3)
    }

    @Test(arguments: DocTests.lessons)
    func every_lesson_passes_check(_ name: String) throws {
        let run = try Binary.run(["doc", "--check", "Examples/lessons/\(name)"])
        #expect(run.status == 0, "\(name):\n\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("every output up to date"))
    }

    /// A byte-identical copy under another name records the same outputs:
    /// diagnostics in a lesson name it `lesson`, not by its file name (the
    /// R&D lesson has a `cq error` block; its copy failed `--check`).
    @Test func a_renamed_copy_of_a_lesson_passes_check() throws {
        let original = Binary.packageRoot.appendingPathComponent("Examples/lessons/rnd-fdi-income.md")
        let text = try String(contentsOf: original, encoding: .utf8)
        #expect(text.contains("```cq error"))
        let copy = scratch.appendingPathComponent("rnd-fdi-income-copy.md")
        try FileManager.default.copyItem(at: original, to: copy)
        // The plot its lesson links must be next to it too.
        let folder = original.deletingLastPathComponent()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".svg") {
            try? FileManager.default.copyItem(
                at: folder.appendingPathComponent(name), to: scratch.appendingPathComponent(name))
        }
        let run = try Binary.run(["doc", "--check", copy.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    /// A copy of the paper lesson (and the SVG files it links) in scratch.
    private func copyOfLesson() throws -> URL {
        let folder = Binary.packageRoot.appendingPathComponent("Examples/lessons")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try FileManager.default.copyItem(
                at: folder.appendingPathComponent(name), to: scratch.appendingPathComponent(name))
        }
        return scratch.appendingPathComponent("paper.md")
    }

    @Test func an_edited_number_is_stale_with_its_line_and_update_restores_the_bytes() throws {
        let lesson = try copyOfLesson()
        let original = try Data(contentsOf: lesson)
        let text = String(decoding: original, as: UTF8.self)
        let edited = try #require(text.range(of: "r = 0.892"))
        let line = text[..<edited.lowerBound].filter { $0 == "\n" }.count + 1
        try Data(text.replacingCharacters(in: edited, with: "r = 0.75").utf8).write(to: lesson)

        let check = try Binary.run(["doc", "--check", lesson.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("-  r = 0.75"))
        #expect(check.stdout.contains("+  r = 0.892"))
        #expect(check.stdout.contains("paper.md:\(line):"), "expected line \(line) in:\n\(check.stdout)")

        let update = try Binary.run(["doc", "--update", lesson.path])
        #expect(update.status == 0, "\(update.stderr)")
        #expect(try Data(contentsOf: lesson) == original)
        #expect(try Binary.run(["doc", "--check", lesson.path]).status == 0)
    }

    @Test func a_rounded_number_still_matches() throws {
        let lesson = try copyOfLesson()
        let text = try String(contentsOf: lesson, encoding: .utf8)
        try text.replacingOccurrences(of: "r = 0.892", with: "r = 0.89").write(
            to: lesson, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["doc", "--check", lesson.path]).status == 0)
    }

    @Test func a_failing_block_fails_the_check_and_is_left_alone() throws {
        let lesson = scratch.appendingPathComponent("bad.md")
        let text = "# t\n\n```cq\nrank inovation\n```\n\n```cq error\ncount countries\n```\n"
        try text.write(to: lesson, atomically: true, encoding: .utf8)
        let check = try Binary.run(["doc", "--check", lesson.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("block at bad.md:3 failed:"))
        #expect(check.stdout.contains("bad.md:4:6: error[E301]: unknown name `inovation`"))
        #expect(check.stdout.contains("block at bad.md:7 is marked `cq error` but ran without an error"))
        #expect(check.stderr.contains("2 blocks to fix by hand"))
        let update = try Binary.run(["doc", "--update", lesson.path])
        #expect(update.status == 1)
        #expect(try String(contentsOf: lesson, encoding: .utf8) == text)
    }

    /// Kills `cq doc --update` at moments spread over its run: the lesson is
    /// always either exactly the old text or exactly the new, never a mix.
    @Test func an_interrupted_update_leaves_the_lesson_whole() throws {
        let lesson = try copyOfLesson()
        let fresh = try Data(contentsOf: lesson)
        let text = String(decoding: fresh, as: UTF8.self)
        let first = try #require(text.range(of: "r = 0.892"))
        let stale = Data(text.replacingCharacters(in: first, with: "r = 0.75").utf8)
        // How long an update takes here, so the kills spread over all of it.
        try stale.write(to: lesson)
        let started = Date()
        #expect(try Binary.run(["doc", "--update", lesson.path]).status == 0)
        let duration = Date().timeIntervalSince(started)
        var outcomes: Set<String> = []
        // Forty kills spread over the measured run; then, until both outcomes
        // were seen, later ones (on a loaded machine a run can take longer
        // than the one measured, and every kill landed before the rename).
        var attempt = 0
        while attempt < 40 || (outcomes.count < 2 && attempt < 120) {
            defer { attempt += 1 }
            try stale.write(to: lesson)
            let process = Process()
            process.executableURL = Binary.url
            process.arguments = ["doc", "--update", lesson.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // From "before it read the file" to "after it renamed" over the first forty.
            usleep(UInt32(duration * 1.2 * 1_000_000 * Double(attempt) / 40))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try Data(contentsOf: lesson)
            #expect(now == stale || now == fresh, "attempt \(attempt): the lesson was damaged")
            outcomes.insert(now == fresh ? "updated" : "untouched")
        }
        // Both outcomes occurred, so the kills did land around the write.
        #expect(outcomes == ["untouched", "updated"])
    }
}
