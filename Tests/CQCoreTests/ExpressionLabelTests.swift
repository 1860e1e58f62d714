import Testing

@testable import CQCore

/// A result names its variables by their text as typed, normalised so that
/// spacing cannot change a title: readline's space after a completion
/// (`log(rnd )`), a term spread over lines, a comment inside it. Text written
/// the usual way is kept exactly (`gdp*2` stays `gdp*2`).
struct ExpressionLabelTests {
    private func columns(_ text: String) throws -> [String] {
        var session = TestDatasets.session()
        let outcome = session.run(text)
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics.map(\.message))")
        guard case .table(let table)? = outcome.results.first?.value else { throw Failure() }
        return table.columns
    }

    struct Failure: Error {}

    @Test(arguments: [
        ("list log(rnd ) in 2016", "log(rnd)"),
        ("list log( rnd ) in 2016", "log(rnd)"),
        ("list lag(gdp , 1) in 2016", "lag(gdp, 1)"),
        ("list lag(gdp,\n    1) in 2016", "lag(gdp, 1)"),
        ("list gdp  *  2 in 2016", "gdp * 2"),
        ("list gdp * -- twice\n 2 in 2016", "gdp * 2"),
        ("list (gdp + 1) / 2 in 2016", "(gdp + 1) / 2"),
        ("list gdp*2 in 2016", "gdp*2"),
        ("list log(rnd) in 2016", "log(rnd)"),
        ("list region = \"Europe & Central Asia\" in 2016", "region = \"Europe & Central Asia\""),
    ])
    func a_label_is_the_text_without_stray_spaces(_ statement: String, _ label: String) throws {
        #expect(try columns(statement).last == label)
    }

    @Test func two_spellings_of_one_term_are_one_term_twice() {
        var session = TestDatasets.session()
        let outcome = session.run("correlate log(gdp), log( gdp )")
        #expect(outcome.diagnostics.map(\.code) == [.duplicateColumn])
    }
}
