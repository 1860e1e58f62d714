import CQCore
import LineEditor

/// The REPL's own commands, which begin with a dot so they can never be
/// mistaken for statements (as in sqlite3 and the DuckDB shell).
enum MetaCommand: Equatable {
    case help(String?)
    case format(OutputFormat?)
    case read(String)
    case datasets
    case last
    case save(String)
    case quit

    struct Problem: Error, Equatable {
        var message: String
    }

    /// Each command with its argument and what it does, for `.help` and
    /// for completion.
    static let table: [(name: String, argument: String, summary: String)] = [
        (".help", "[STATEMENT]", "statements, or one statement's syntax and an example"),
        (".format", "table|markdown|csv|json", "how results are printed"),
        (".read", "FILE.cq", "run a script in this session"),
        (".datasets", "", "the built-in datasets and the one in use"),
        (".last", "", "the last result again, in full"),
        (".save", "FILE.md", "this session's statements and results as a Markdown handout"),
        (".quit", "", "leave (so does Ctrl-D)"),
    ]

    static func parse(_ line: String) -> Result<MetaCommand, Problem> {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let name = words.first?.lowercased() else { return .failure(Problem(message: "empty command")) }
        // A path may contain spaces: everything after the command's name.
        let rest = line.drop(while: { !$0.isWhitespace }).trimmingWhitespace()
        func noArgument(_ command: MetaCommand) -> Result<MetaCommand, Problem> {
            words.count == 1 ? .success(command) : .failure(Problem(message: "\(name) takes no argument"))
        }
        func path(_ make: (String) -> MetaCommand, example: String) -> Result<MetaCommand, Problem> {
            rest.isEmpty
                ? .failure(Problem(message: "\(name) needs a file name, as in `\(name) \(example)`"))
                : .success(make(rest))
        }
        switch name {
        case ".help", ".h", ".?":
            guard words.count <= 2 else { return .failure(Problem(message: ".help takes one statement name")) }
            return .success(.help(words.count == 2 ? words[1].lowercased() : nil))
        case ".format", ".mode":
            guard words.count > 1 else { return .success(.format(nil)) }
            guard words.count == 2, let format = OutputFormat(rawValue: words[1].lowercased()) else {
                return .failure(
                    Problem(
                        message: "unknown format `\(rest)`; formats: "
                            + OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            return .success(.format(format))
        case ".read": return path(MetaCommand.read, example: "lesson.cq")
        case ".save": return path(MetaCommand.save, example: "handout.md")
        case ".datasets": return noArgument(.datasets)
        case ".last": return noArgument(.last)
        case ".quit", ".exit", ".q": return noArgument(.quit)
        default:
            var message = "unknown command `\(name)`"
            if let hint = Suggestions.closest(to: name, among: table.map(\.name), limit: 1).first {
                message += "; did you mean `\(hint)`?"
            } else {
                message += "; .help lists the commands"
            }
            return .failure(Problem(message: message))
        }
    }

    static var overview: String {
        var text = "Statements (.help NAME for syntax and an example):\n"
        let width = StatementHelp.all.map(\.name.count).max() ?? 0
        for help in StatementHelp.all {
            text += "  " + help.name.padding(to: width) + "  " + help.summary + "\n"
        }
        // The functions an expression may call, by kind; `describe NAME` says what each computes.
        let functions = [
            ("functions", TypedExpression.Function.allCases.map(\.rawValue)),
            ("time", TypedExpression.TimeFunction.allCases.map(\.rawValue)),
            ("period", TypedExpression.PeriodAggregate.allCases.map(\.rawValue)),
        ]
        text += "\nIn expressions (describe NAME explains a time function or a period aggregate):\n"
        for (kind, names) in functions {
            text += "  " + kind.padding(to: width) + "  " + names.joined(separator: ", ") + "\n"
        }
        text += "\nCommands:\n"
        let commandWidth = table.map { ($0.name + " " + $0.argument).count }.max() ?? 0
        for command in table {
            let usage = command.argument.isEmpty ? command.name : command.name + " " + command.argument
            text += "  " + usage.padding(to: commandWidth) + "  " + command.summary + "\n"
        }
        text += "\nKeys: Tab completes names and values, Up recalls whole statements, Ctrl-C cancels, Ctrl-D leaves.\n"
        return text
    }

    /// Completion of command names, formats after `.format`, statement
    /// names after `.help` and file names after `.read` and `.save`.
    static func completions(
        for line: String, at cursor: Int, listing list: PathCompletion.Lister = PathCompletion.listDirectory
    ) -> LineEditor.Completion? {
        let typed = String(decoding: Array(line.utf8).prefix(cursor), as: UTF8.self)
        // A file name is everything after the command, spaces included, and
        // nothing follows it.
        let name = typed.prefix { !$0.isWhitespace }
        if [".read", ".save"].contains(name.lowercased()), typed.count > name.count {
            let path = typed.dropFirst(name.count).drop(while: \.isWhitespace)
            let matches = PathCompletion.matches(for: String(path), list: list)
            return LineEditor.Completion(
                start: typed.utf8.count - path.utf8.count, candidates: matches.map(\.path), appendsSpace: false)
        }
        let words = typed.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let startsNewWord = typed.last == " "
        let current = startsNewWord ? "" : (words.last ?? "")
        let start = typed.utf8.count - current.utf8.count
        let options: [String]
        switch (words.count, startsNewWord) {
        case (0, _), (1, false): options = table.map(\.name)
        case (1, true), (2, false):
            switch words[0].lowercased() {
            case ".format", ".mode": options = OutputFormat.allCases.map(\.rawValue)
            case ".help": options = StatementHelp.all.map(\.name)
            default: return nil
            }
        default: return nil
        }
        let matching = options.filter { $0.hasPrefix(current.lowercased()) }.sorted()
        return LineEditor.Completion(start: start, candidates: matching)
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
