// swift-tools-version: 6.0
import PackageDescription

// cq has no package dependencies. The interpreter's whole job at start-up is
// to decode the embedded dataset and answer one statement in a few
// milliseconds; swift-argument-parser would add ~1.5 ms and ~15 s of clean
// build for seven flags, and Foundation ~5 ms of dynamic start-up. The core
// library uses only the Swift standard library and Glibc's maths.
let package = Package(
    name: "cq",
    products: [
        .executable(name: "cq", targets: ["cq"]),
        .library(name: "CQCore", targets: ["CQCore"]),
    ],
    targets: [
        // The language: source → tokens → AST → checked program → results.
        // Pure: no printing, no exit, no file or terminal I/O.
        .target(name: "CQCore", dependencies: ["CQSyntax", "CQData", "CQStatistics", "CQPresentation"]),
        // The typed dataset (countries × indicators × years) and every way to
        // build one: cq folders, WDI, OWID, tables and long files, the
        // reference join, the binary codec. Reads files only through the
        // DataFiles interface the executable supplies.
        .target(name: "CQData", dependencies: ["CQSyntax", "CZlib", "CMemoryHints"]),
        // Cache hints Swift cannot spell (a prefetch), as inline C; used by
        // the long-form scatter, whose writes land anywhere in the grids.
        .target(name: "CMemoryHints"),
        // Output that knows no statement: the number rule, laid-out tables
        // and notes rendered as text, Markdown or CSV, JSON values, plots
        // drawn in braille or SVG.
        .target(name: "CQPresentation"),
        // The language's text: source files, tokens, the syntax tree, the
        // parser, the statement catalogue and diagnostics. Knows no data.
        .target(name: "CQSyntax"),
        // Numerical methods: distributions, correlation, least squares. Pure
        // functions of arrays of doubles; knows nothing of cq's language or data.
        .target(name: "CQStatistics"),
        // Lessons: Markdown whose ```cq blocks are run, their recorded output
        // compared and rewritten (`cq doc`). Above the engine, never below.
        .target(name: "CQLessons", dependencies: ["CQCore"]),
        // The built-in datasets as bytes compiled into the binary (C23 #embed).
        .target(
            name: "CEmbeddedData",
            exclude: ["world.cqdb", "paper.cqdb", "extended.cqdb"]
        ),
        // Decodes the embedded bytes into datasets; the only user of CEmbeddedData.
        .target(name: "CQBuiltins", dependencies: ["CQCore", "CEmbeddedData"]),
        // Files cq keeps for the user: atomic writes, XDG directories, the
        // binary cache of loaded datasets (shared by cq and cq-bench).
        .target(name: "CQStorage", dependencies: ["CQCore"]),
        // GNU readline (GPL-3.0, hence cq's licence), reached only by LineEditor.
        .systemLibrary(name: "CReadline"),
        // The system zlib, to inflate the zip entries of Excel workbooks:
        // a few kilobytes of C that every Linux has, where a zip package
        // would bring Foundation into the one-line query's start-up.
        .systemLibrary(name: "CZlib"),
        // `use postgres "…"`: libpq, opened at run time (dlopen) when a session
        // connects, so neither the build nor the one-line query's start-up
        // needs it; the only place that talks to a database. Not
        // vapor/postgres-nio (in the offline set): 2.5–4.5 min more of every
        // clean build and SwiftNIO in the binary, for one query per statement.
        .target(name: "CQPostgres", dependencies: ["CQCore"]),
        // Interactive line input: editing, history, completion, Ctrl-C.
        .target(name: "LineEditor", dependencies: ["CReadline"]),
        // The command-line program: arguments, files, terminal, exit codes.
        // Release builds link the Swift runtime statically: loading
        // libswiftCore and its neighbours dynamically cost about 2 ms of every
        // start (4.7 ms against 2.5 ms for the one-line query), over the aim
        // of 3× `sqlite3 :memory: 'select 1'` (cq-bench measures both). Debug
        // builds, which the tests link into their bundle, stay dynamic.
        .executableTarget(
            name: "cq", dependencies: ["CQCore", "CQLessons", "CQBuiltins", "CQStorage", "CQPostgres", "LineEditor"],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
        ),
        // Regenerates Sources/CEmbeddedData/*.cqdb from the CSV files in Data/.
        .executableTarget(name: "cq-pack", dependencies: ["CQCore"]),
        // Prints timing figures (start-up, load and query speed, against
        // DuckDB, polars and pandas); not a test.
        .executableTarget(name: "cq-bench", dependencies: ["CQCore", "CQBuiltins", "CQStorage", "CQPostgres"]),
        // Writes the seeded, WDI-sized long-form CSV the benchmark loads.
        .executableTarget(name: "cq-generate"),
        // Tests mirror the targets; CQCoreTests also holds what crosses modules
        // (the language through the session, loaders with the reference, NIST).
        .testTarget(name: "CQSyntaxTests", dependencies: ["CQSyntax"]),
        .testTarget(name: "CQStatisticsTests", dependencies: ["CQStatistics"]),
        .testTarget(name: "CQPresentationTests", dependencies: ["CQPresentation"]),
        .testTarget(
            name: "CQCoreTests", dependencies: ["CQCore", "CQLessons", "CQBuiltins", "CQStorage"], exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "cqTests",
            dependencies: ["CQCore", "CQLessons", "CQBuiltins", "CQStorage", "CQPostgres", "cq", "cq-generate"]),
    ]
)
