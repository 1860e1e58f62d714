import Glibc

/// File names for Tab where a path goes: inside the open string of `use "`
/// and `to "`, and after `.read` and `.save`. Relative paths are relative to
/// the current directory, as `use` reads them.
enum PathCompletion {
    struct Match: Equatable {
        /// The whole path as it would be typed: what was typed up to its last
        /// `/`, then the entry's name, with a `/` after a directory.
        var path: String
        var isDirectory: Bool
    }

    /// A directory's entries, each with whether it is a directory (following
    /// symbolic links); nil when it cannot be read.
    typealias Lister = (_ directory: String) -> [(name: String, isDirectory: Bool)]?

    /// The entries whose path begins with `typed`, sorted. Hidden entries
    /// only when the name typed so far begins with a dot, as in a shell.
    static func matches(for typed: String, list: Lister = listDirectory) -> [Match] {
        let directory: String
        let namePrefix: String
        if let slash = typed.lastIndex(of: "/") {
            directory = String(typed[...slash])
            namePrefix = String(typed[typed.index(after: slash)...])
        } else {
            directory = ""
            namePrefix = typed
        }
        guard let entries = list(directory.isEmpty ? "." : directory) else { return [] }
        return
            entries
            .filter { $0.name.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.name.hasPrefix(".")) }
            .map { Match(path: directory + $0.name + ($0.isDirectory ? "/" : ""), isDirectory: $0.isDirectory) }
            .sorted { $0.path < $1.path }
    }

    /// Candidates for an open string that holds a path: the opening quote,
    /// the path, and the closing quote after a file (a directory stays open
    /// for the next Tab).
    static func quoted(_ matches: [Match]) -> [String] {
        matches.map { "\"" + $0.path + ($0.isDirectory ? "" : "\"") }
    }

    /// A space follows a unique match unless it is a directory, whose
    /// entries come next.
    static func appendsSpace(_ matches: [Match]) -> Bool {
        !(matches.count == 1 && matches[0].isDirectory)
    }

    static func listDirectory(_ path: String) -> [(name: String, isDirectory: Bool)]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var entries: [(name: String, isDirectory: Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            var status = stat()
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            let isDirectory = stat(full, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
            entries.append((name, isDirectory))
        }
        return entries
    }
}
