/// The clauses a statement can carry, and which statement takes which.
public enum Clause: String, Sendable, CaseIterable {
    case filter = "where"
    case groupBy = "by"
    case years = "in"
    case method = "using"
    case deletion = "listwise"
    case sort = "sort by"
    case limit = "limit"
    case top = "top"
    case label = "label"
    case fit = "with fit"
    case output = "to"
    case effects = "with effects"
    case errors = "robust"

    /// What a user types to start the clause, for messages and completion.
    public var spelling: String {
        switch self {
        case .filter: return "where"
        case .groupBy: return "by"
        case .years: return "in / during"
        case .method: return "using"
        case .deletion: return "listwise / pairwise"
        case .sort: return "sort by"
        case .limit: return "limit"
        case .top: return "top"
        case .label: return "label"
        case .fit: return "with fit"
        case .output: return "to"
        case .effects: return "with country|year effects"
        case .errors: return "robust / cluster by"
        }
    }

    /// The clause that `token` opens, when it opens one. `next` is the token
    /// after it: `with` opens `with fit` or `with … effects`. The words
    /// `robust` and `cluster` are not reserved (an indicator may be called
    /// `cluster`); they open a clause only where a clause may start.
    static func opened(by token: TokenKind, next: TokenKind) -> Clause? {
        switch token {
        case .keyword(.with):
            if case .identifier(let word) = next, ["country", "year"].contains(word.lowercased()) {
                return .effects
            }
            return .fit
        case .keyword(let keyword):
            return opened(by: keyword)
        case .identifier(let word):
            switch word.lowercased() {
            case "robust", "cluster": return .errors
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The clause that `keyword` opens, when it opens one.
    private static func opened(by keyword: Keyword) -> Clause? {
        switch keyword {
        case .where: return .filter
        case .by: return .groupBy
        case .in, .during: return .years
        case .using: return .method
        case .listwise, .pairwise: return .deletion
        case .sort: return .sort
        case .limit: return .limit
        case .top: return .top
        case .label: return .label
        case .with: return .fit
        case .to: return .output
        case .correlate, .regress, .summarize, .list, .count, .countries, .rank, .describe, .indicators,
            .let, .set, .use, .as, .asc, .desc, .and, .or, .not, .between, .compare, .on, .without, .intercept,
            .explain, .plot, .against:
            return nil
        }
    }

    /// The clauses a statement takes, from the catalogue; `explain` takes
    /// those of the statement it explains.
    public static func allowed(after command: Command) -> [Clause] {
        if case .explain(let explained) = command { return allowed(after: explained) }
        return command.kind.clauses
    }
}
