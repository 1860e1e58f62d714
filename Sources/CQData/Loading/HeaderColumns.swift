/// Finds columns by name the way people name them: ignoring case, surrounding
/// spaces, and the difference between `_`, `-` and a space (`Country Code`,
/// `country_code`, `COUNTRY CODE` are one name). A missing required column is
/// an error at the header saying which name was expected and what was found.
struct HeaderColumns {
    let table: CSVTable
    /// Normalized header names, by column.
    let normalized: [String]

    init(_ table: CSVTable) {
        self.table = table
        normalized = table.header.fields.map(Self.normalize)
    }

    static func normalize(_ name: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in name.lowercased() {
            if character == " " || character == "_" || character == "-" || character == "\t" {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result.append(character)
        }
        return result
    }

    /// The first column whose name is one of `names` (in the order of `names`).
    func find(_ names: [String]) -> Int? {
        for name in names {
            let wanted = Self.normalize(name)
            if let index = normalized.firstIndex(of: wanted) { return index }
        }
        return nil
    }

    /// A required column: `names[0]` is the name shown in the error.
    func require(_ names: [String], in what: String) throws(DataLoadError) -> Int {
        if let index = find(names) { return index }
        let alternatives = names.dropFirst().map { "`\($0)`" }
        let also = alternatives.isEmpty ? "" : " (or " + alternatives.joined(separator: ", ") + ")"
        let found = table.columnList.isEmpty ? "no column names" : table.columnList
        throw table.headerError("expected a column named `\(names[0])`\(also) in \(what); found \(found)")
    }
}
