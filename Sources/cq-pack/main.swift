// cq-pack: regenerates the built-in datasets embedded in the cq binary.
//
//     swift run cq-pack            # from the package root: rewrite the .cqdb files
//     swift run cq-pack --check    # exit 1 if the committed files are stale
//
// Reads Data/world/*.csv, Data/paper/*.csv and Data/world-extended/*.csv,
// builds the datasets with the same recipe the tests use (BuiltinDataSources),
// and writes Sources/CEmbeddedData/{world,paper,extended}.cqdb atomically
// (temporary file, fsync, rename), so an interrupted run never leaves a
// half-written file that the next build would embed. Glibc only: Foundation
// would add seconds of build time to a tool that reads eight files and writes
// three.

import CQCore
import Glibc

let outputDirectory = "Sources/CEmbeddedData/"

struct FileError: Error, CustomStringConvertible {
    var path: String
    var message: String
    var description: String { "\(path): \(message)" }
}

func systemError() -> String {
    String(cString: strerror(errno))
}

func readFile(_ path: String) throws -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw FileError(path: path, message: systemError()) }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            throw FileError(path: path, message: systemError())
        }
        if count == 0 { return bytes }
        bytes += chunk[0..<count]
    }
}

/// Writes `bytes` to a temporary file next to `path`, flushes it, and renames
/// it over `path`: readers (and the compiler's #embed) see the old or the new
/// file, never a partial one.
func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws {
    let temporary = "\(path).tmp-\(getpid())"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw FileError(path: temporary, message: systemError()) }
    var written = 0
    while written < bytes.count {
        let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
        if count < 0 {
            if errno == EINTR { continue }
            let message = systemError()
            close(descriptor)
            unlink(temporary)
            throw FileError(path: temporary, message: message)
        }
        written += count
    }
    guard fsync(descriptor) == 0, close(descriptor) == 0 else {
        let message = systemError()
        unlink(temporary)
        throw FileError(path: temporary, message: message)
    }
    guard rename(temporary, path) == 0 else {
        let message = systemError()
        unlink(temporary)
        throw FileError(path: path, message: message)
    }
}

func printError(_ message: String) {
    let line = "cq-pack: \(message)\n"
    _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
}

func fingerprint(_ bytes: [UInt8]) -> String {
    bytes.withUnsafeBytes { DatasetCodec.fingerprint(of: $0) }
}

let arguments = Array(CommandLine.arguments.dropFirst())
let check: Bool
switch arguments {
case []: check = false
case ["--check"]: check = true
default:
    printError("usage: cq-pack [--check]  (run from the package root)")
    exit(2)
}

guard access("Data/world/countries.csv", R_OK) == 0 else {
    printError("Data/world/countries.csv not found; run cq-pack from the package root")
    exit(2)
}

let datasets: [Dataset]
do {
    let (world, paper) = try BuiltinDataSources.build { try readFile("Data/" + $0) }
    let extended = try BuiltinDataSources.buildExtended(world: world) { try readFile("Data/" + $0) }
    datasets = [world, paper, extended]
} catch let error as DataLoadError {
    var located = error
    located.file = "Data/" + error.file
    printError("error: \(located)")
    exit(2)
} catch {
    printError("error: \(error)")
    exit(2)
}

var stale: [String] = []
for dataset in datasets {
    let path = outputDirectory + dataset.name + ".cqdb"
    let bytes = DatasetCodec.encode(dataset)
    let current = try? readFile(path)
    if check {
        if current != bytes { stale.append(path) }
        continue
    }
    if current == bytes {
        print("\(path): up to date (\(bytes.count) bytes, fingerprint \(fingerprint(bytes)))")
        continue
    }
    do {
        try writeFileAtomically(path, bytes)
    } catch {
        printError("error: \(error)")
        exit(2)
    }
    print("\(path): wrote \(bytes.count) bytes, fingerprint \(fingerprint(bytes))")
}

if check {
    if stale.isEmpty {
        print("cq-pack: the embedded datasets match Data/")
    } else {
        for path in stale { printError("\(path) differs from what Data/ gives; run `swift run cq-pack`") }
        exit(1)
    }
}
