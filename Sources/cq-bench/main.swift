import Glibc

// Benchmarks that print figures; not tests, because timings on a shared
// machine make flaky assertions.
//
//     swift run -c release cq-bench [PATH-TO-CQ]        # start-up, beside sqlite3's
//     swift run -c release cq-bench scale                 # loading every shape of file, vs polars, DuckDB
//     swift run -c release cq-bench queries [--file PATH] # queries at WDI scale vs DuckDB, polars, pandas
//
// start-up: the wall time of the `cq` binary built beside this one, from
// spawn to exit, for `--version` and for the paper's one-line query, beside
// `sqlite3 :memory: 'select 1'` in the same run.
// scale: see Shapes.swift; queries: see Scale.swift.

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func siblingExecutable(_ name: String) -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    let path = length > 0 ? String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : name
    guard let slash = path.lastIndex(of: "/") else { return name }
    return String(path[..<slash]) + "/" + name
}

/// Runs the command with stdout and stderr sent to /dev/null; seconds.
func timeRun(_ arguments: [String]) -> Double {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let start = now()
    guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else {
        print("cq-bench: cannot run \(arguments[0])")
        exit(1)
    }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return now() - start
}

/// Times a command `runs` times after one warm-up; prints min and median; returns the min (ms).
@discardableResult
func report(_ label: String, _ arguments: [String], runs: Int = 20) -> Double {
    _ = timeRun(arguments)  // warm the page cache
    let times = (0..<runs).map { _ in timeRun(arguments) }.sorted()
    let min = times[0] * 1000
    let median = times[runs / 2] * 1000
    let padded = label + String(repeating: " ", count: max(1, 48 - label.count))
    print(padded + "min " + format(min) + " ms   median " + format(median) + " ms   (\(runs) runs)")
    return min
}

/// The first executable of that name on PATH.
func onPath(_ name: String) -> String? {
    guard let path = getenv("PATH") else { return nil }
    for directory in String(cString: path).split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
}

func format(_ milliseconds: Double) -> String {
    let hundredths = Int((milliseconds * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
}

switch CommandLine.arguments.dropFirst().first {
case "scale": ShapesBenchmark.main(Array(CommandLine.arguments.dropFirst(2)))
case "queries": ScaleBenchmark.main(Array(CommandLine.arguments.dropFirst(2)))
case "scale-child": ScaleBenchmark.child(Array(CommandLine.arguments.dropFirst(2)))
case "postgres": PostgresBenchmark.main(Array(CommandLine.arguments.dropFirst(2)))
default: break
}

let cq = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : siblingExecutable("cq")
guard access(cq, X_OK) == 0 else {
    print("cq-bench: no executable at \(cq); build it first: swift build -c release --product cq")
    exit(1)
}
print("start-up of \(cq)")
report("cq --version", [cq, "--version"])
let query = report(
    "cq -e 'correlate competitiveness, innovation'", [cq, "-e", "correlate competitiveness, innovation"])
// The yardstick: the smallest job of a small C program that also parses and
// answers a query, measured in the same run (apt-get install sqlite3).
if let sqlite = onPath("sqlite3") {
    let baseline = report("sqlite3 :memory: 'select 1'", [sqlite, ":memory:", "select 1"])
    let ratio = (query / baseline * 100).rounded() / 100
    print("the one-line query takes \(ratio)× sqlite3's smallest job (min against min; the aim is at most 3×)")
} else {
    print("sqlite3 is not on PATH (apt-get install sqlite3): no yardstick measured")
}
