import CQBuiltins
import CQCore
import CQPostgres
import Glibc

/// `cq serve`: one cq session driven by another program — the Jupyter
/// kernel, an editor, a Quarto or knitr engine — over standard input and
/// output, one JSON object per line each way (Editors/PROTOCOL.md).
///
/// Requests: `{"id": 1, "op": "execute", "code": "…"}`, `{"op":
/// "complete", "code": "…", "cursor": N}` (cursor in UTF-8 bytes), `{"op":
/// "inspect", "code": "…", "cursor": N}`, `{"op": "shutdown"}`. Each gets one
/// answer line with the same `id` (ServeResponse). Bindings, `use` and `set`
/// carry from one execute to the next, as in the REPL. A SIGINT stops the
/// statement running (its answer says `cancelled`) and the session lives
/// on; one that arrives between requests is forgotten.
enum ServeCommand {
    static let usage = """
        usage: cq serve [-d DATASET]

        Runs one cq session for another program: one JSON request per line on
        standard input, one JSON answer per line on standard output (the
        protocol is in Editors/PROTOCOL.md). The Jupyter kernel runs it.

        """

    static func run(_ arguments: [String]) -> ExitCode {
        var datasetName = "world"
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "-h", "--help":
                Terminal.write(usage)
                return .success
            case "-d", "--dataset":
                guard let name = rest.popFirst() else {
                    Terminal.error("cq serve: \(argument) needs a dataset name\n")
                    return .usage
                }
                datasetName = name
            default:
                Terminal.error("cq serve: unknown option \(argument)\n\(usage)")
                return .usage
            }
        }
        guard let dataset = BuiltinDatasets.load(datasetName) else {
            Terminal.error(
                "cq serve: no built-in dataset '\(datasetName)'; datasets: \(BuiltinDatasets.names.joined(separator: ", "))\n"
            )
            return .usage
        }
        let catalog = DatasetCatalog(
            names: BuiltinDatasets.names, load: { BuiltinDatasets.load($0) },
            loadFile: { FileDatasets.load($0, as: $1, options: $2) }, databases: PostgresDatabase.connector)
        var server = ServeSession(session: Session(dataset: dataset, catalog: catalog))
        CommandLineTool.installInterruptHandler()
        var input = LineInput(descriptor: STDIN_FILENO)
        while let line = input.next() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            let (answer, stop) = server.answer(line)
            guard Terminal.write(answer + "\n") else { return .cannotWrite }
            if stop { break }
        }
        return .success
    }
}

/// Lines of a descriptor, read as they come (a pipe gives them one at a time).
struct LineInput {
    let descriptor: Int32
    private var buffer: [UInt8] = []
    private var ended = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    mutating func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            if ended {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }  // a SIGINT between requests
                ended = true
            } else if count == 0 {
                ended = true
            } else {
                buffer += chunk[..<count]
            }
        }
    }
}
