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

    /// `run`, except that a missing package (status 2) when the checks are
    /// not required prints `skipped` and gives nil: the caller passes over.
    static func check(_ arguments: [String], skipped: String) throws -> (status: Int32, output: String)? {
        let (status, output) = try run(arguments)
        if status == 2, !required {
            print(skipped + (output.isEmpty ? "" : ": " + output))
            return nil
        }
        return (status, output)
    }
}
