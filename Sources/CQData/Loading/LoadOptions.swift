/// What a user tells the table loader instead of letting it guess:
/// `use "file.csv" as table (entity = "state", year = "Year", separator =
/// ";", decimal = ",")`. Each is nil when not given.
public struct LoadOptions: Sendable, Hashable {
    /// The heading of the column that names the entities.
    public var entity: String?
    /// The heading of the year column.
    public var year: String?
    /// The field separator: `,` `;` `|` or a tab.
    public var separator: UInt8?
    /// Whether numbers are written with a decimal comma.
    public var decimalComma: Bool?
    /// The sheet of an Excel workbook to read (the first by default).
    public var sheet: String?

    public init(
        entity: String? = nil, year: String? = nil, separator: UInt8? = nil, decimalComma: Bool? = nil,
        sheet: String? = nil
    ) {
        self.entity = entity
        self.year = year
        self.separator = separator
        self.decimalComma = decimalComma
        self.sheet = sheet
    }

    public static let none = LoadOptions()

    public var isEmpty: Bool { self == .none }

    /// The option names, as `use … (…)` writes them.
    public static let names = ["entity", "year", "separator", "decimal", "sheet"]

    /// A stable text of the options, for memo keys.
    public var key: String {
        [
            entity ?? "", year ?? "", separator.map { String($0) } ?? "", decimalComma.map { $0 ? "," : "." } ?? "",
            sheet ?? "",
        ]
        .joined(separator: "\u{1}")
    }
}
