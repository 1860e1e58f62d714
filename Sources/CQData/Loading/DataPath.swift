/// Path arithmetic on the `/`-separated paths `DataFiles` takes. Paths stay as
/// the user wrote them (relative or absolute), so errors name files the way
/// the user knows them: `mydata/WDICSV.csv:12:7: …`.
enum DataPath {
    /// `folder/name`, or `name` alone for the folder "." or "".
    static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty || folder == "." { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The last component, without trailing slashes: "a/b/" → "b".
    static func basename(_ path: String) -> String {
        let trimmed = trimmingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The folder holding a path: "a/b.csv" → "a", "b.csv" → ".", "/b.csv" → "/".
    static func folder(_ path: String) -> String {
        let trimmed = trimmingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    static func trimmingSlashes(_ path: String) -> String {
        var result = Substring(path)
        while result.count > 1, result.last == "/" { result.removeLast() }
        return String(result)
    }

    /// A name without its extension: "WDICSV.csv" → "WDICSV".
    static func stem(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    static func hasCSVExtension(_ name: String) -> Bool {
        name.lowercased().hasSuffix(".csv")
    }
}

/// Reads files through `DataFiles`, remembering what was read (for the report)
/// and keeping each file's bytes once (detection and loading share them).
struct FileReader {
    let files: DataFiles
    private(set) var read: [String] = []
    private var cache: [String: [UInt8]] = [:]

    init(_ files: DataFiles) {
        self.files = files
    }

    /// The bytes of a file that must exist.
    mutating func bytes(_ path: String) throws(DataLoadError) -> [UInt8] {
        if let cached = cache[path] {
            if !read.contains(path) { read.append(path) }
            return cached
        }
        let bytes = try files.read(path)
        cache[path] = bytes
        if !read.contains(path) { read.append(path) }
        return bytes
    }

    /// Bytes read for detection only: cached, but not listed as read until loading asks.
    mutating func peek(_ path: String) throws(DataLoadError) -> [UInt8] {
        if let cached = cache[path] { return cached }
        let bytes = try files.read(path)
        cache[path] = bytes
        return bytes
    }

    /// Lists a file read without `bytes` (mapped).
    mutating func noteRead(_ path: String) {
        if !read.contains(path) { read.append(path) }
    }

    /// Forgets a file's bytes once loaded, so large inputs are not held twice.
    mutating func release(_ path: String) {
        cache[path] = nil
    }

    func kind(_ path: String) -> DataFiles.Kind? { files.kind(path) }
    func list(_ path: String) -> [String]? { files.list(path) }

    func isFile(_ path: String) -> Bool { files.kind(path) == .file }
}
