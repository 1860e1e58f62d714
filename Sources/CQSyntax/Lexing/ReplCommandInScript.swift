/// A line of a script that starts with a dot is a REPL command (`.format
/// csv`, `.read setup.cq`), typed where only statements go: a script is
/// checked whole before anything runs and its output is one stream in one
/// format, so what those commands do is said once on the command line. The
/// lexer reports the line as one diagnostic, with the command-line
/// equivalent, instead of "unexpected character `.`".
enum ReplCommandInScript {
    /// The message and help for `line`, the command as written (a dot, a
    /// name, and whatever follows on its line).
    static func diagnosis(_ line: String) -> (message: String, help: [String]) {
        let name = String(line.prefix { !$0.isWhitespace })
        let argument = String(line.dropFirst(name.count).drop(while: \.isWhitespace))
        var help: [String]
        switch name.lowercased() {
        case ".format", ".mode":
            let format = argument.isEmpty ? "table|markdown|csv|json" : argument
            help = [
                "`\(name)` works at the cq> prompt; a script's output format is given on the command line: cq --format \(format) FILE.cq"
            ]
        case ".read":
            let file = argument.isEmpty ? "SETUP.cq" : argument
            help = ["to run \(file) first, give both scripts in order: cq \(file) FILE.cq"]
        case ".quit", ".exit", ".q":
            help = ["a script ends after its last statement; nothing is needed to leave"]
        case ".help", ".h", ".?":
            help = ["`.help` works at the cq> prompt; cq --help lists the command-line options"]
        default:
            help = ["dot-commands work at the cq> prompt; a script holds statements only"]
        }
        return ("`\(name)` is a command of the interactive session, not a statement", help)
    }
}
