import CQStorage
import Glibc

/// The REPL's history file: one entry per whole statement, oldest first, at
/// most `limit` entries, in `$XDG_STATE_HOME/cq/history`.
///
/// Not readline's own history file, which stores a statement typed over
/// several lines as several entries. Here each entry is one line with `\n`
/// and `\\` escaped, so a multi-line statement comes back whole.
///
/// Every statement is saved as soon as it is entered, not at exit, so a crash
/// loses nothing. Saving takes an exclusive `flock` on a lock file beside the
/// history, re-reads the file, appends and writes it back atomically: two
/// sessions at once interleave their entries and never corrupt the file.
struct History {
    static let limit = 1000

    let path: String?

    /// The history under the user's state directory; none without a home.
    static var standard: History {
        History(path: UserDirectories.state.map { $0 + "/history" })
    }

    func load() -> [String] {
        guard let path, let bytes = Self.read(path) else { return [] }
        return Self.decode(bytes)
    }

    /// Appends `entry` unless it repeats the newest one; keeps the newest
    /// `limit`. Failures are silent: history is a convenience, never a reason
    /// to interrupt the session.
    func append(_ entry: String) {
        guard let path, let slash = path.lastIndex(of: "/") else { return }
        guard AtomicFile.makeDirectories(String(path[..<slash])) else { return }
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { return }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            if errno != EINTR { return }
        }
        defer { flock(lock, LOCK_UN) }
        var entries = Self.read(path).map(Self.decode) ?? []
        if entries.last != entry { entries.append(entry) }
        _ = AtomicFile.write(Self.encode(entries.suffix(Self.limit)), to: path, permissions: 0o600)
    }

    static func encode<Entries: Collection<String>>(_ entries: Entries) -> [UInt8] {
        var text = ""
        for entry in entries {
            for character in entry.unicodeScalars {
                switch character {
                case "\\": text += "\\\\"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                default: text.unicodeScalars.append(character)
                }
            }
            text += "\n"
        }
        return Array(text.utf8)
    }

    /// The inverse of `encode`; a damaged file (an unknown escape, invalid
    /// UTF-8) loses only what cannot be read, never the session.
    static func decode(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        var entries: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var entry = ""
            var escaped = false
            for character in line.unicodeScalars {
                if escaped {
                    switch character {
                    case "n": entry += "\n"
                    case "r": entry += "\r"
                    default: entry.unicodeScalars.append(character)
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    entry.unicodeScalars.append(character)
                }
            }
            entries.append(entry)
        }
        return entries
    }

    private static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return InputReader.readAll(descriptor)
    }
}
