/// Why a data file could not be read, and where: what a person needs to fix it.
///
/// Positions are 1-based. `column` counts characters (grapheme clusters) from
/// the start of the line, as an editor shows them, like `SourceFile` does for
/// cq source. Line and column 0 mean "the file as a whole" (e.g. it is empty).
public struct DataLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's name as the loader knows it, e.g. "observations.csv". Callers
    /// that know the directory may prefix it before showing the error.
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, the shape compilers use, so editors can jump to it.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}
