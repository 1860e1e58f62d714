import Testing

@testable import CQCore

/// What completion says about the place of the cursor, beyond the
/// candidates: whether a space should follow a unique match (not inside an
/// open parenthesis, where `)` or `,` comes next, so readline's space would
/// end up in the result's title as `log(rnd )`), and whether the word is a
/// file name, which the front end completes from the file system.
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

    @Test(arguments: [
        ("use \"Da|", true, 4..<7),
        ("use \"|", true, 4..<5),
        ("use \"Data/my file|", true, 4..<17),
        ("plot gdp against rnd to \"plots/|", true, 24..<31),
        ("list gdp in 2016 to \"|", true, 20..<21),
        ("use wor|", false, 4..<7),
        ("count countries where region = \"E|", false, 31..<33),
        ("use \"data.csv\" |", false, 15..<15),
    ])
    func an_open_string_after_use_or_to_is_a_file_name(_ marked: String, _ isPath: Bool, _ range: Range<Int>) {
        let completion = complete(marked)
        #expect(completion.filePath == isPath, "\(marked)")
        #expect(completion.replacing == range, "\(marked)")
        if isPath { #expect(completion.candidates.isEmpty) }
    }
}
