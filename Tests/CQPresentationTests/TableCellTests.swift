import CQPresentation
import Testing

/// Typed table cells: each renderer formats them (the number rule on
/// screen, exact in CSV), a column of values shares one format, and a
/// missing value is a dash to read and nothing in CSV.
struct TableCellTests {
    private let table = Table(
        columns: [
            .init(name: "name", alignment: .left), .init(name: "value", alignment: .right),
            .init(name: "r", alignment: .right), .init(name: "p", alignment: .right),
        ],
        rows: [
            [.text("a"), .value(1.5), .coefficient(0.89191), .probability(0.000523)],
            [.text("b"), .value(12.25), .coefficient(nil), .probability(nil)],
            [.text("c"), .missing, .coefficient(-0.1), .probability(0.5)],
        ])

    @Test func csv_writes_exact_numbers_and_leaves_missing_cells_empty() {
        #expect(
            TextRenderer(format: .csv).text(of: table) == [
                ["a", "1.5", "0.89191", "0.000523"], ["b", "12.25", "", ""], ["c", "", "-0.1", "0.5"],
            ])
    }

    @Test(arguments: [OutputFormat.table, .markdown])
    func a_missing_cell_is_a_dash_to_read(_ format: OutputFormat) {
        let text = TextRenderer(format: format).text(of: table)
        #expect([text[1][2], text[1][3], text[2][1]] == ["–", "–", "–"])
    }

    @Test func a_column_of_values_shares_one_format() {
        let text = TextRenderer(format: .table).text(of: table)
        #expect([text[0][1], text[1][1]] == NumberFormat.column([1.5, 12.25]))
        #expect(text[0][2] == NumberFormat.coefficient(0.89191))
        #expect(text[0][3] == NumberFormat.pValue(0.000523))
    }
}
