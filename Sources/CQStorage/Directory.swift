import Glibc

/// The names in a directory, the one listing the program makes (`use` of a
/// folder, completion of paths, a folder's cache stamp).
public enum Directory {
    /// The entries' names, sorted, without `.` and `..`; nil when `path` is
    /// not a readable directory.
    public static func names(_ path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
