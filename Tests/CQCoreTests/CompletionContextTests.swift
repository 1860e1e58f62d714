import Testing

@testable import CQCore

/// What completion says about the place of the cursor, beyond the
/// candidates: whether a space should follow a unique match (not inside an
/// open parenthesis, where `)` or `,` comes next, so readline's space would
/// end up in the result's title as `log(rnd )`).
struct CompletionContextTests {
    private func complete(_ marked: String) -> Completions {
        let cursor = marked.utf8.firstIndex(of: UInt8(ascii: "|")).map {
            marked.utf8.distance(from: marked.utf8.startIndex, to: $0)
        }!
        let text = marked.split(separator: "|", omittingEmptySubsequences: false).joined()
        return TestDatasets.session().completions(for: text, at: cursor)
    }

    @Test(arguments: [
        ("list log(rn|", true),
        ("list lag(gdp, |", true),
        ("count countries where region in (\"E|", true),
        ("list log((gdp + r|", true),
        ("list log(gdp), r|", false),
        ("correlate g|", false),
        ("list log(gdp) wh|", false),
        ("summarize log(gdp); correlate gdp, r|", false),
    ])
    func a_word_inside_an_open_parenthesis_is_marked(_ marked: String, _ inside: Bool) {
        #expect(complete(marked).insideParentheses == inside, "\(marked)")
    }
}
