import CQCore

/// The session behind `cq serve`, and its answers to each request.
struct ServeSession {
    var session: Session

    /// The answer line to a request line, and whether to stop after it.
    mutating func answer(_ line: String) -> (String, stop: Bool) {
        guard let request = JSONReader.parse(line), case .object = request else {
            return (ServeResponse.failure(id: nil, "a request is one JSON object on one line"), false)
        }
        let id = request["id"]
        switch request["op"]?.stringValue {
        case "execute":
            guard let code = request["code"]?.stringValue else {
                return (ServeResponse.failure(id: id, "execute needs \"code\", a string"), false)
            }
            return (execute(code, id: id), false)
        case "complete":
            guard let code = request["code"]?.stringValue else {
                return (ServeResponse.failure(id: id, "complete needs \"code\", a string"), false)
            }
            let cursor = request["cursor"]?.intValue ?? code.utf8.count
            return (ServeResponse.completion(id: id, session.completions(for: code, at: cursor)), false)
        case "inspect":
            guard let code = request["code"]?.stringValue else {
                return (ServeResponse.failure(id: id, "inspect needs \"code\", a string"), false)
            }
            let cursor = request["cursor"]?.intValue ?? code.utf8.count
            return (ServeResponse.inspection(id: id, inspect(code, at: cursor)), false)
        case "shutdown":
            return (ServeResponse.object(id: id, [("status", .string("ok"))]), true)
        case let other:
            let name = other.map { "`\($0)`" } ?? "none"
            return (
                ServeResponse.failure(
                    id: id, "unknown op \(name); the ops are execute, complete, inspect and shutdown"), false
            )
        }
    }

    /// Runs a cell: its results, or its diagnostics, or what finished before
    /// an interrupt. A cell is checked whole before anything runs, as a script.
    mutating func execute(_ code: String, id: JSON?) -> String {
        interruptRequested.store(false, ordering: .relaxed)
        let source = SourceFile(name: "cell", text: code)
        let prepared = session.prepare([source])
        guard prepared.diagnostics.isEmpty else {
            return ServeResponse.diagnostics(id: id, prepared.diagnostics)
        }
        var outputs: [ServeResponse.Output] = []
        var problems: [String] = []
        do {
            try session.execute(prepared, isCancelled: { interruptRequested.load(ordering: .relaxed) }) { result in
                outputs.append(ServeResponse.Output(result))
                if let failure = PlotFiles.write(result) { problems.append(failure) }
            }
        } catch {
            interruptRequested.store(false, ordering: .relaxed)
            return ServeResponse.results(id: id, status: "cancelled", outputs, problems: problems)
        }
        return ServeResponse.results(id: id, status: "ok", outputs, problems: problems)
    }

    /// What the word at the cursor is: a statement's syntax and example, or
    /// what `describe` says of a name (an indicator, an attribute, a
    /// function). nil when it is neither.
    func inspect(_ code: String, at cursor: Int) -> String? {
        let bytes = Array(code.utf8)
        let cursor = max(0, min(cursor, bytes.count))
        func isWord(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x5F
        }
        var start = cursor
        while start > 0, isWord(bytes[start - 1]) { start -= 1 }
        var end = cursor
        while end < bytes.count, isWord(bytes[end]) { end += 1 }
        guard end > start else { return nil }
        let word = String(decoding: bytes[start..<end], as: UTF8.self)
        if let help = StatementHelp.named(word) {
            return "\(help.syntax)\n\n\(help.summary)\n\nExample: \(help.example)\n"
        }
        var copy = session
        let outcome = copy.run("describe `\(word)`", name: "inspect")
        guard outcome.diagnostics.isEmpty, let result = outcome.results.first else { return nil }
        return ResultRenderer(format: .table).render(result)
    }
}
