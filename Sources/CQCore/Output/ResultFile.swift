/// `… to "FILE"`: a result written to a file as well as shown. The file's
/// extension chooses the writer: `.svg` draws a plot; `.csv`, `.json`, `.md`
/// (or `.markdown`) and `.txt` write any result as `--format csv`, `json`,
/// `markdown` and `table` would print it. Anything else is refused when the
/// statement is checked (E410), never written in the wrong format.
public struct ResultFile: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case svg
        case results(OutputFormat)
    }

    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// The writer for `path`, for a plot or another statement; nil when cq
    /// cannot write that kind of file.
    public static func kind(forPath path: String, plot: Bool) -> Kind? {
        switch pathExtension(path) {
        case "svg": return plot ? .svg : nil
        case "csv": return .results(.csv)
        case "json": return .results(.json)
        case "md", "markdown": return .results(.markdown)
        case "txt": return .results(.table)
        default: return nil
        }
    }

    /// The lowercased text after the last dot of the file name, or "".
    static func pathExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }
}
