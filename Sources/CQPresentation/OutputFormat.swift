/// How results are written: for people (`table`, `markdown`) or for
/// programs (`csv`, `json`).
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, markdown, csv, json
}
