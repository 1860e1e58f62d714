import CQStorage
import Glibc

// `cq-bench scale`: the real `cq` loading files of every shape real files
// have, beside polars and DuckDB on the same files. See `ShapesBenchmark.usage`.

enum ShapesBenchmark {
    static let usage = """
        usage: cq-bench scale [--runs N] [--shapes a,b,…] [--no-peers] [--python PYTHON] [--cq PATH]

        For each shape, a long-form CSV (for wdi-table, the same data as a
        World Bank bulk table) of at least 15 million observations
        (not counting World Bank aggregates, which cq leaves out)
        written by cq-generate into .build/bench/shape-NAME.csv (once), with the
        same data as a cq folder beside it (.build/bench/shape-NAME/), and
        min / median of N runs (default 3), each a fresh process:
          cq cold     `cq --data FILE -e 'count countries'`, end to end: start,
                      map and parse the file, build the grids, answer, exit,
                      with an empty cache (the cache is written by a detached
                      process, which each run waits for before the next)
          cq folder   the same for the folder (its observations.csv is the file;
                      for wdi-table, the WDI bulk folder holding WDICSV.csv)
          cq cached   the same command again, served from the cache
          polars, DuckDB   their CSV reader into a table (after their import;
                      Benchmarks/peers_load.py; pip install polars duckdb)
        and each one's peak resident memory (the process's, from wait4 or
        getrusage). cq's observation count and the peers' count of non-null
        values must agree (cq leaves out World Bank aggregates, which the peers
        keep: both counts are printed).

        Shapes:
        \(shapes.map { "  " + $0.name.padding(16) + $0.what }.joined(separator: "\n"))
        """

    struct Shape {
        var name: String
        var what: String
        var options: [String]
        /// A WDI bulk table (a column per year) rather than a long file:
        /// FOLDER/WDICSV.csv, made from a long file with `--wdi-table`.
        var wide = false

        /// The file cq and the peers load, and the folder form of it.
        var file: String { wide ? folder + "/WDICSV.csv" : ".build/bench/shape-\(name).csv" }
        var folder: String { ".build/bench/shape-\(name)" }
    }

    static let shapes = [
        Shape(
            name: "wdi", what: "by country; ISO codes and World Bank aggregates; 3–6 digits, some 17",
            options: ["--scale", "1.25"]),
        Shape(
            name: "indicator-major",
            what: "by indicator; 40 codes neither ISO nor aggregates; 7–8 digits",
            options: ["--order", "indicator", "--codes", "mixed", "--digits", "7-8", "--scale", "1.1"]),
        Shape(
            name: "shuffled", what: "rows in random order; every missing marker (empty, .., NA, -) on 2% of rows",
            options: ["--order", "shuffled", "--markers", "all", "--missing", "0.02", "--scale", "1.3"]),
        Shape(
            name: "dense", what: "every economy, indicator and year 1960–2023 present; 7–9 digits",
            options: ["--grid", "dense", "--digits", "7-9", "--scale", "0.75"]),
        Shape(
            name: "sparse", what: "40% of pairs empty, 60% of other cells absent; 6,000 indicators; mixed codes",
            options: ["--grid", "sparse", "--scale", "4", "--codes", "mixed"]),
        Shape(
            name: "wdi-table",
            what:
                "the wdi shape as the World Bank's bulk WDICSV.csv: a row per economy and indicator, a column per year",
            options: ["--scale", "1.25"], wide: true),
    ]

    struct Options {
        var runs = 3
        var shapes = ShapesBenchmark.shapes.map(\.name)
        var peers = true
        var python = "python3"
        var cq = siblingExecutable("cq")
    }

    static func main(_ arguments: [String]) -> Never {
        var options = Options()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--runs":
                guard let value = rest.popFirst().flatMap({ Int($0) }), value > 0 else { fail("--runs needs a number") }
                options.runs = value
            case "--shapes":
                guard let value = rest.popFirst() else { fail("--shapes needs names") }
                options.shapes = value.split(separator: ",").map(String.init)
                for name in options.shapes where !shapes.contains(where: { $0.name == name }) {
                    fail("unknown shape \(name); the shapes: \(shapes.map(\.name).joined(separator: ", "))")
                }
            case "--no-peers": options.peers = false
            case "--python":
                guard let value = rest.popFirst() else { fail("--python needs a program") }
                options.python = value
            case "--cq":
                guard let value = rest.popFirst() else { fail("--cq needs a path") }
                options.cq = value
            case "--help", "-h":
                print(usage)
                exit(0)
            default: fail("unknown option \(argument)\n\(usage)")
            }
        }
        guard access(options.cq, X_OK) == 0 else {
            fail("no executable at \(options.cq); build it first: swift build -c release --product cq")
        }
        print("cq at scale, every shape: \(options.runs) runs each, \(LongFormParserInfo.processors) processors")
        var table = [["shape", "rows", "", "cq cold", "cq folder", "cq cached", "polars", "DuckDB"]]
        var checks: [String] = []
        for name in options.shapes {
            let shape = shapes.first { $0.name == name }!
            let (file, folder) = (shape.file, shape.folder)
            ensure(shape)
            ScaleBenchmark.warmPageCache(file)
            let size = ScaleBenchmark.fileSize(file)
            print("\(name): \(file) (\(size / 1_000_000) MB)…")
            var cold = Runs()
            var cached = Runs()
            var folderRuns = Runs()
            var observations = ""
            for run in 0..<options.runs {
                let cache = ".build/bench/cache-\(name)-\(getpid())-\(run)"
                let first = measure([options.cq, "--data", file, "-e", "count countries"], cache: cache)
                cold.add(first)
                if run == 0 {
                    observations =
                        first.output.split(separator: "\n").first { $0.hasPrefix("loaded as") }.map(String.init)
                        ?? first.output
                }
                waitForCache(cache)
                cached.add(measure([options.cq, "--data", file, "-e", "count countries"], cache: cache))
                let folderCache = cache + "-folder"
                folderRuns.add(measure([options.cq, "--data", folder, "-e", "count countries"], cache: folderCache))
                waitForCache(folderCache)
                removeTree(cache)
                removeTree(folderCache)
            }
            var peers: [String: Runs] = [:]
            if options.peers {
                let result = ScaleBenchmark.runChild(
                    [options.python, "Benchmarks/peers_load.py", "--file", file, "--runs", "\(options.runs)"]
                        + (shape.wide ? ["--wide"] : []),
                    environment: [], search: true)
                for line in result.output.split(separator: "\n") {
                    let parts = line.split(separator: " ").map(String.init)
                    if parts.first == "RESULT", parts.count == 4, let value = Double(parts[3]) {
                        switch parts[2] {
                        case "load_s": peers[parts[1], default: Runs()].seconds.append(value)
                        case "peak_kb": peers[parts[1], default: Runs()].peakKilobytes.append(value)
                        case "values": peers[parts[1], default: Runs()].note = "\(parts[1]): \(Int(value)) values"
                        default: break
                        }
                    } else if parts.first == "SKIP" || parts.first == "FAIL" {
                        print("  " + line)
                    }
                }
            }
            let rows = lineCount(file) - 1
            table.append([
                name, "\(rows / 100_000)e5", "time", cold.time, folderRuns.time, cached.time,
                peers["polars"]?.time ?? "–", peers["duckdb"]?.time ?? "–",
            ])
            table.append([
                "", "", "peak", cold.peak, folderRuns.peak, cached.peak,
                peers["polars"]?.peak ?? "–", peers["duckdb"]?.peak ?? "–",
            ])
            checks.append(
                "\(name): cq \(observations); "
                    + ["polars", "duckdb"].compactMap { peers[$0]?.note }.joined(separator: "; "))
        }
        print("")
        print("min / median of \(options.runs) runs; peak resident memory min / median")
        ScaleBenchmark.printTable(table)
        print("")
        print("what each read (cq leaves out World Bank aggregates; the peers count every non-null value):")
        for line in checks { print("  " + line) }
        exit(0)
    }

    // MARK: - runs

    struct Runs {
        var seconds: [Double] = []
        var peakKilobytes: [Double] = []
        var note = ""

        mutating func add(_ run: Measured) {
            seconds.append(run.seconds)
            peakKilobytes.append(Double(run.peakKilobytes))
        }

        var time: String { pair(seconds) { ScaleBenchmark.seconds([$0]) } }
        var peak: String { pair(peakKilobytes) { ScaleBenchmark.megabytes([$0]) } }

        private func pair(_ values: [Double], _ format: (Double) -> String) -> String {
            guard !values.isEmpty else { return "–" }
            let sorted = values.sorted()
            return format(sorted[0]) + " / " + format(sorted[sorted.count / 2])
        }
    }

    struct Measured {
        var seconds: Double
        var peakKilobytes: Int
        var output: String
    }

    /// Runs cq with its cache in `cache`: wall time, peak memory (wait4), output.
    static func measure(_ arguments: [String], cache: String) -> Measured {
        let child = ScaleBenchmark.runChild(
            arguments, environment: ["XDG_CACHE_HOME=\(ScaleBenchmark.absolutePath(".") ?? ".")/\(cache)"])
        guard child.status == 0 else { fail("\(arguments.joined(separator: " ")) failed:\n\(child.output)") }
        return Measured(seconds: child.seconds, peakKilobytes: child.peakKilobytes, output: child.output)
    }

    /// Waits (up to a minute) for the detached writer to put the cache in
    /// place, then for the disk: the kernel's write-back of hundreds of
    /// megabytes otherwise runs into the next measurement.
    static func waitForCache(_ cache: String) {
        for _ in 0..<1200 {
            if let names = Directory.names(cache + "/cq"), names.contains(where: { $0.hasSuffix(".cqdb") }) {
                sync()
                return
            }
            usleep(50_000)
        }
        print("  (no cache appeared in \(cache) within a minute)")
    }

    static func removeTree(_ path: String) {
        let result = ScaleBenchmark.runChild(["rm", "-rf", path], environment: [], search: true)
        if result.status != 0 { print("  cannot remove \(path)") }
    }

    static func lineCount(_ path: String) -> Int {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var count = 0
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 20)
        defer { buffer.deallocate() }
        while true {
            let read = Glibc.read(descriptor, buffer, 1 << 20)
            if read <= 0 { break }
            for index in 0..<read where buffer[index] == 10 { count += 1 }
        }
        return count
    }

    // MARK: - the files

    /// Writes the shape's file and folder with cq-generate unless present.
    static func ensure(_ shape: Shape) {
        let (file, folder) = (shape.file, shape.folder)
        if access(file, R_OK) == 0, shape.wide || access(folder + "/indicators.csv", R_OK) == 0 { return }
        ScaleBenchmark.makeDirectories(".build/bench")
        let generator = siblingExecutable("cq-generate")
        guard access(generator, X_OK) == 0 else {
            fail("no cq-generate beside cq-bench; build it: swift build -c release --product cq-generate")
        }
        print("generating \(file) (\(shape.what))…")
        let result = ScaleBenchmark.runChild(
            (shape.wide
                ? [generator, "--output", folder + "-long.csv", "--wdi-table", folder]
                : [generator, "--output", file, "--folder", folder])
                + ["--countries", "Data/world/countries.csv"] + shape.options,
            environment: [])
        print("  " + result.output.split(separator: "\n").joined(separator: "\n  "))
        guard result.status == 0 else { fail("cq-generate failed") }
    }

    static func fail(_ message: String) -> Never { ScaleBenchmark.fail(message) }
}

/// The processor count, as the parser sees it.
enum LongFormParserInfo {
    static var processors: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
