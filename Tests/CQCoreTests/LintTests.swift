import Foundation
import Testing

/// The code follows `.swift-format` (4 spaces, 120 columns, the rules it
/// enables): `swift test` runs the linter that ships with the toolchain,
/// so a finding fails the suite like any other test. `swift format -i
/// --configuration .swift-format FILE` fixes most findings.
struct LintTests {
    /// `swift-format` beside the `swift` that runs the tests, else on PATH.
    static var linter: String? {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let toolchain = environment["SWIFT_EXEC"].map({ URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        {
            candidates.append(toolchain + "/swift-format")
        }
        candidates += (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/swift-format" }
        candidates.append("/opt/swift/usr/bin/swift-format")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func the_sources_and_tests_follow_the_swift_format_configuration() throws {
        let linter = try #require(Self.linter, "swift-format not found; it ships with Swift 6 toolchains")
        let root = EBNFGrammar.packageRoot
        let process = Process()
        process.executableURL = URL(fileURLWithPath: linter)
        process.currentDirectoryURL = root
        process.arguments = [
            "lint", "--strict", "--parallel", "--recursive", "--configuration", ".swift-format",
            "Package.swift", "Sources", "Tests",
        ]
        let findings = Pipe()
        process.standardError = findings
        process.standardOutput = findings
        try process.run()
        let output = String(decoding: findings.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "swift format lint:\n\(output)")
    }
}
