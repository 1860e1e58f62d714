import CQCore

/// The command line, parsed by hand: seven flags do not justify a
/// dependency that costs start-up time (see Package.swift).
struct Arguments: Equatable {
    enum Input: Equatable {
        case file(String)
        /// `-e STATEMENT`, numbered from 1 for diagnostics (`-e#2:1:5`).
        case statement(String, number: Int)
        case standardInput
    }

    var inputs: [Input] = []
    var format: OutputFormat = .table
    var dataset = "world"
    /// `--data PATH`: start on a file or folder instead of a built-in dataset.
    var dataPath: String?
    /// `-i`: run the scripts and statements, then stay interactive.
    var interactive = false
    /// `--check`: parse and check the sources, run nothing (exit 0 or 65).
    var checkOnly = false
    var showHelp = false
    var showVersion = false

    struct UsageError: Error, Equatable {
        var message: String
    }

    static func parse(_ arguments: [String]) throws(UsageError) -> Arguments {
        var parsed = Arguments()
        var statements = 0
        var index = 0
        var onlyFiles = false
        func value(for flag: String) throws(UsageError) -> String {
            index += 1
            guard index < arguments.count else { throw UsageError(message: "\(flag) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            if onlyFiles || !argument.hasPrefix("-") || argument == "-" {
                parsed.inputs.append(argument == "-" && !onlyFiles ? .standardInput : .file(argument))
                index += 1
                continue
            }
            // `--format=json` is `--format json`.
            var flag = argument
            var attached: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                attached = String(argument[argument.index(after: equals)...])
            }
            func flagValue() throws(UsageError) -> String {
                if let attached { return attached }
                return try value(for: flag)
            }
            switch flag {
            case "--":
                onlyFiles = true
            case "-e", "--execute":
                statements += 1
                parsed.inputs.append(.statement(try flagValue(), number: statements))
            case "-f", "--format":
                let name = try flagValue()
                guard let format = OutputFormat(rawValue: name.lowercased()) else {
                    throw UsageError(
                        message: "unknown format '\(name)'; formats: "
                            + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))
                }
                parsed.format = format
            case "-d", "--dataset":
                parsed.dataset = try flagValue().lowercased()
            case "--data":
                let path = try flagValue()
                // It becomes `use "PATH"`, and strings cannot hold a quote.
                guard !path.contains("\""), !path.contains("\n") else {
                    throw UsageError(message: "--data cannot name a path with a double quote or a newline")
                }
                parsed.dataPath = path
            case "-i", "--interactive":
                parsed.interactive = true
            case "--check":
                parsed.checkOnly = true
            case "-h", "--help":
                parsed.showHelp = true
            case "-V", "--version":
                parsed.showVersion = true
            default:
                let known = [
                    "--execute", "--format", "--dataset", "--data", "--interactive", "--check", "--help", "--version",
                ]
                var message = "unknown option '\(argument)'"
                if let hint = Suggestions.closest(to: flag, among: known, limit: 1).first {
                    message += "; did you mean '\(hint)'?"
                }
                throw UsageError(message: message)
            }
            index += 1
        }
        return parsed
    }

    static let usage = """
        cq — a query language for country-level economic indicators

        usage: cq [options] [FILE.cq ...]
               cq doc [--check | --update] LESSON.md   (cq doc --help for more)
               cq serve                                 one session for a notebook or editor (JSON lines)
               cq sql [--dialect D] -e STATEMENT        the statement as SQL for postgres, duckdb or spark

        With no FILE and no -e, cq reads statements from standard input: an
        interactive session on a terminal (type .help), a script otherwise. A FILE
        of '-' is standard input. All sources are checked before any statement runs.

        options:
          -e, --execute STATEMENT   run STATEMENT (repeatable; runs in order with FILEs)
          -f, --format FORMAT       table (default), markdown, csv or json (json also
                                    writes diagnostics as JSON lines on standard error)
          -d, --dataset NAME        start on a built-in dataset: world (default), paper
                                    or extended (34 indicators, 1950–2025)
              --data PATH           start on your own data: a file or folder in cq's
                                    layout, a World Bank WDI download, an Our World in
                                    Data CSV or a plain table (as `use "PATH"`)
          -i, --interactive         run the FILEs and statements, then stay interactive
              --check               check the FILEs and statements without running them:
                                    exit 0 or 65 (with -f json, diagnostics as JSON lines)
          -h, --help                show this help
          -V, --version             show the version

        exit status:
          0   every statement ran
          1   cq doc: a lesson's outputs are out of date, or one of its blocks failed
          64  the command line is wrong
          65  a script has errors (nothing ran)
          66  an input file cannot be read (a script, or a data file `use` cannot load)
          74  the results could not be written (e.g. a full disk)
          130 interrupted (Ctrl-C)

        example:
          cq -e 'correlate competitiveness, innovation where region = "EU"'

        """
}
