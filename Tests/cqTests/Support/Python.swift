import Foundation

/// Runs a Python check script of the repository (Editors/…) from the package
/// root, with its standard output and error together. Exit status 2 is the
/// scripts' "a package is missing" (skipped unless CQ_REQUIRE_PYTHON_CHECKS
/// is set, as `.ci/run` sets it).
enum Python {
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = Binary.packageRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static var required: Bool { ProcessInfo.processInfo.environment["CQ_REQUIRE_PYTHON_CHECKS"] != nil }
}
