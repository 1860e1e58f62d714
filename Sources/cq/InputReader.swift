import CQCore
import Glibc

/// Reads script files and standard input into `SourceFile`s.
enum InputReader {
    enum Failure: Error {
        /// The file cannot be opened or read: exit 66.
        case unreadable(String)
        /// The bytes are not UTF-8: a diagnostic at the first bad byte.
        case notUTF8(path: String, line: Int, column: Int)

        /// What to print, after `prefix` for an unreadable file (a
        /// diagnostic at the bad byte needs none).
        func message(prefix: String) -> String {
            switch self {
            case .unreadable(let message):
                return "\(prefix)\(message)\n"
            case .notUTF8(let path, let line, let column):
                return
                    "\(path):\(line):\(column): error[\(DiagnosticCode.invalidEncoding.rawValue)]: the file is not valid UTF-8\n  help: save it with UTF-8 encoding\n"
            }
        }

        var exitCode: ExitCode {
            switch self {
            case .unreadable: return .missingInput
            case .notUTF8: return .badScript
            }
        }
    }

    static func readFile(_ path: String) throws(Failure) -> SourceFile {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .unreadable("cannot open '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard let bytes = readAll(descriptor) else {
            throw .unreadable("cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        return try source(named: path, bytes: bytes)
    }

    static func readStandardInput() throws(Failure) -> SourceFile {
        guard let bytes = readAll(STDIN_FILENO) else {
            throw .unreadable("cannot read standard input: \(String(cString: strerror(errno)))")
        }
        return try source(named: "<stdin>", bytes: bytes)
    }

    static func readAll(_ descriptor: Int32) -> [UInt8]? {
        // A regular file is read into an array of its size, in place: in
        // 64 KB pieces appended, a 186 MB file was copied about twice over
        // as the array grew.
        var status = stat()
        let size = fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : 0
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            guard size > 0, let filled = RegularFileRead.fill(buffer.baseAddress!, size: size, from: descriptor) else {
                failed = size > 0
                initialized = 0
                return
            }
            initialized = filled
        }
        if failed { return nil }
        // The rest: a pipe or a terminal, or a file that grew.
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }

    /// Refuses invalid UTF-8 with its position rather than guessing; accepts
    /// and drops a UTF-8 byte-order mark, which some editors write.
    static func source(named name: String, bytes: [UInt8]) throws(Failure) -> SourceFile {
        var body = bytes[...]
        body = body.dropFirst(TextBytes.byteOrderMarkLength(body))
        var line = 1
        var column = 1
        var iterator = body.makeIterator()
        var decoder = UTF8()
        var text = ""
        text.reserveCapacity(body.count)
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                text.unicodeScalars.append(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                break decoding
            case .error:
                throw .notUTF8(path: name, line: line, column: column)
            }
        }
        return SourceFile(name: name, text: text)
    }
}
