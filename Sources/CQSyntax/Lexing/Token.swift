/// The reserved words of cq. Matching is case-insensitive (`CORRELATE` and
/// `Correlate` are the same word); the raw value is the canonical spelling.
public enum Keyword: String, Sendable, CaseIterable {
    // Statements
    case correlate, regress, summarize, list, count, countries, rank, describe, indicators
    case `let`, set, use, `as`, explain, plot
    // Clauses
    case `where`, by, `in`, during, using, sort, asc, desc, limit, top, compare, listwise, pairwise
    // Operators
    case and, or, not, between
    // Parts of statements
    case on, without, intercept, against, label, with, to
}

public enum TokenKind: Sendable, Equatable {
    case keyword(Keyword)
    /// A name: letters, digits and `_`, or any text between backticks.
    case identifier(String)
    /// A number as written; the parser converts it.
    case number(String)
    /// A double-quoted string, without its quotes.
    case string(String)
    case comma, semicolon, leftParen, rightParen
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case plus, minus, star, slash, caret
    case dotDot
    /// A character or sequence the lexer could not read; its diagnostic has
    /// already been reported. The parser skips it without another message.
    case invalid
    case endOfInput
}

public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var range: SourceRange

    public init(_ kind: TokenKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

extension TokenKind {
    /// How the token is named in "expected …, found …" messages.
    public var description: String {
        switch self {
        case .keyword(let keyword): return "`\(keyword.rawValue)`"
        case .identifier(let name): return "name `\(name)`"
        case .number(let text): return "number `\(text)`"
        case .string(let text): return "string \"\(text)\""
        case .comma: return "`,`"
        case .semicolon: return "`;`"
        case .leftParen: return "`(`"
        case .rightParen: return "`)`"
        case .equal: return "`=`"
        case .notEqual: return "`!=`"
        case .less: return "`<`"
        case .lessEqual: return "`<=`"
        case .greater: return "`>`"
        case .greaterEqual: return "`>=`"
        case .plus: return "`+`"
        case .minus: return "`-`"
        case .star: return "`*`"
        case .slash: return "`/`"
        case .caret: return "`^`"
        case .dotDot: return "`..`"
        case .invalid: return "an unreadable character"
        case .endOfInput: return "the end of the input"
        }
    }
}
