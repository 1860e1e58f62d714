import CQBuiltins
import CQCore

/// `cq sql`: the SQL of statements, for an engine that holds the data
/// (README "Data in a database"). The statements are checked against a
/// built-in dataset with the same names as the engine's tables (`-d`), then
/// each is printed as one query, ending with `;`. `use`, `let` and `set`
/// shape the checking and print nothing.
enum SQLCommand {
    static let usage = """
        usage: cq sql [--dialect postgres|duckdb|spark] [-d DATASET] (-e STATEMENT | FILE.cq)

        Prints the SQL of each statement for the engine named by --dialect
        (default duckdb), over the tables observations(iso3, indicator, year,
        value), countries(iso3, name, …) and memberships(iso3, grp, from_year,
        to_year). A correlation's query returns the sample's counts and
        two-pass centred sums (one row, or one per group with `by`); r = sxy /
        sqrt(sxx * syy). summarize returns its statistics, count its counts,
        list and rank their rows, regress the rows least squares uses (after
        a row of the ledger's counts). README "Data in a database" has the
        columns.

        """

    static func run(_ arguments: [String]) -> ExitCode {
        var dialect = SQLDialect.duckdb
        var datasetName = "world"
        var sources: [SourceFile] = []
        var rest = arguments[...]
        var statementNumber = 0
        while let argument = rest.popFirst() {
            switch argument {
            case "-h", "--help":
                Terminal.write(usage)
                return .success
            case "--dialect":
                guard let value = rest.popFirst(), let chosen = SQLDialect(rawValue: value) else {
                    Terminal.error("cq sql: --dialect takes postgres, duckdb or spark\n")
                    return .usage
                }
                dialect = chosen
            case "-d", "--dataset":
                guard let value = rest.popFirst() else {
                    Terminal.error("cq sql: \(argument) needs a dataset name\n")
                    return .usage
                }
                datasetName = value
            case "-e", "--execute":
                guard let value = rest.popFirst() else {
                    Terminal.error("cq sql: -e needs a statement\n")
                    return .usage
                }
                statementNumber += 1
                sources.append(SourceFile(name: statementNumber == 1 ? "-e" : "-e#\(statementNumber)", text: value))
            default:
                do {
                    sources.append(try InputReader.readFile(argument))
                } catch {
                    Terminal.error(error.message(prefix: "cq sql: "))
                    return error.exitCode
                }
            }
        }
        guard !sources.isEmpty else {
            Terminal.error("cq sql: no statement; give -e STATEMENT or a file\n\(usage)")
            return .usage
        }
        guard let dataset = BuiltinDatasets.load(datasetName) else {
            Terminal.error("cq sql: no built-in dataset '\(datasetName)'\n")
            return .usage
        }
        let catalog = DatasetCatalog(names: BuiltinDatasets.names, load: { BuiltinDatasets.load($0) })
        let session = Session(dataset: dataset, catalog: catalog)
        let prepared = session.prepare(sources)
        guard prepared.diagnostics.isEmpty else {
            Terminal.report(prepared.diagnostics)
            return .badScript
        }
        var output = ""
        var problems: [Diagnostic] = []
        for statement in prepared.statements {
            switch statement.action {
            case .bind, .set, .use: continue
            default: break
            }
            do {
                output += try SQLCompiler.compile(statement, dialect: dialect) + ";\n"
            } catch {
                problems.append(
                    Diagnostic(
                        .notCompiledToSQL, error.message, source: statement.source, range: statement.statement.range,
                        help: ["run it in cq itself, or see README \"Data in a database\" for what compiles"]))
            }
        }
        guard problems.isEmpty else {
            Terminal.report(problems)
            return .badScript
        }
        return Terminal.write(output) ? .success : .cannotWrite
    }
}
