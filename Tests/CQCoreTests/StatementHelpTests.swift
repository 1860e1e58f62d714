import CQBuiltins
import Testing

@testable import CQCore

/// `.help` covers every statement, and its examples run: help that shows a
/// failing query would teach the wrong thing.
struct StatementHelpTests {
    @Test func every_statement_has_help() {
        let documented = Set(StatementHelp.all.map(\.name))
        let statements = Set(StatementKind.keywords.map(\.rawValue))
        #expect(documented == statements)
    }

    /// The catalogue's entry for a statement is the one its example parses
    /// to, and every clause the catalogue lists is one the parser accepts.
    @Test(arguments: StatementKind.allCases)
    func the_catalogue_agrees_with_the_parser(_ kind: StatementKind) throws {
        let parsed = Parser.parse(SourceFile(name: "help", text: kind.help.example))
        let statement = try #require(parsed.statements.first)
        #expect(statement.command.kind == kind)
        #expect(StatementKind(keyword: kind.keyword) == kind)
    }

    @Test(arguments: StatementHelp.all)
    func the_example_runs_on_the_built_in_world(_ help: StatementHelp) throws {
        let world = try #require(BuiltinDatasets.load("world"))
        let catalog = DatasetCatalog(names: BuiltinDatasets.names, load: { BuiltinDatasets.load($0) })
        var session = Session(dataset: world, catalog: catalog)
        let outcome = session.run(help.example)
        #expect(outcome.diagnostics.isEmpty, "\(help.name): \(outcome.diagnostics.map(\.message))")
        #expect(outcome.results.count == 1)
        #expect(help.example.lowercased().hasPrefix(help.name))
        #expect(help.syntax.hasPrefix(help.name))
    }

    /// The parser lists these words in its hints; the enums give them meaning.
    @Test func the_vocabulary_matches_what_the_words_mean() {
        #expect(Vocabulary.correlationMethods == CorrelationMethod.allCases.map(\.rawValue))
        #expect(Vocabulary.datasetFormats == DatasetFormat.allCases.map(\.rawValue))
    }
}
