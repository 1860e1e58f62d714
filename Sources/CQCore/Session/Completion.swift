/// What may be typed at the cursor: the REPL's Tab, and any editor later,
/// ask the session, so they agree with the parser and know the data.
public struct Completions: Sendable, Equatable {
    /// The byte range of the text the candidates replace (the word being typed).
    public var replacing: Range<Int>
    /// Full replacements for that range, sorted, without duplicates.
    public var candidates: [String]
    /// The word is inside an open parenthesis (`log(rn`), where `)` or `,`
    /// follows: a line editor should not add a space after a unique match.
    public var insideParentheses = false
    /// The word is an open string where a file name goes (`use "Da`, `to
    /// "plots/`): the front end completes it from the file system, which
    /// the core never reads, so `candidates` is empty.
    public var filePath = false
}

extension Session {
    /// Candidates for the word ending at `cursor` (a UTF-8 offset into `text`):
    /// keywords valid there, indicator and attribute names where a value is
    /// expected, the quoted values of an attribute after `region =`, ISO codes
    /// after `country =`, years with data after `in` or `during`, datasets
    /// after `use`, methods after `using`.
    public func completions(for text: String, at cursor: Int) -> Completions {
        let bytes = Array(text.utf8)
        let end = max(0, min(cursor, bytes.count))
        let prefixText = String(decoding: bytes[..<end], as: UTF8.self)
        let tokens = Lexer.tokenize(SourceFile(name: "<completion>", text: prefixText)).tokens.dropLast()
        // The word being typed: an unfinished name, keyword or string.
        var partial = ""
        var start = end
        var inString = false
        var context = Array(tokens)
        if let last = context.last, last.range.end == end {
            switch last.kind {
            case .identifier, .keyword, .number:
                partial = String(decoding: bytes[last.range.start..<end], as: UTF8.self)
                start = last.range.start
                context.removeLast()
            case .invalid where bytes[last.range.start] == UInt8(ascii: "\""):
                partial = String(decoding: bytes[last.range.start..<end], as: UTF8.self)
                start = last.range.start
                inString = true
                context.removeLast()
            case .string, .comma, .semicolon, .leftParen, .rightParen, .equal, .notEqual, .less, .lessEqual,
                .greater, .greaterEqual, .plus, .minus, .star, .slash, .caret, .dotDot, .invalid, .endOfInput:
                break
            }
        }
        if inString, let previous = context.last, [.keyword(.use), .keyword(.to)].contains(previous.kind) {
            return Completions(replacing: start..<end, candidates: [], filePath: true)
        }
        let options = candidates(after: context, inString: inString)
        // Case matters only when it decides: `"EU` means "EU", not also
        // "Europe & Central Asia"; `CORR` still finds `correlate`.
        let lowered = partial.lowercased()
        let exact = options.filter { $0.hasPrefix(partial) }
        let matching = Set(exact.isEmpty ? options.filter { $0.lowercased().hasPrefix(lowered) } : exact)
        let depth = context.reduce(0) { depth, token in
            if token.kind == .leftParen { return depth + 1 }
            if token.kind == .rightParen { return max(0, depth - 1) }
            return depth
        }
        return Completions(replacing: start..<end, candidates: matching.sorted(), insideParentheses: depth > 0)
    }

    private func candidates(after tokens: [Token], inString: Bool) -> [String] {
        let dataset = state.dataset
        let statementKeywords = StatementKind.keywords.map(\.rawValue)
        // Only the current statement matters.
        var statement = tokens[...]
        if let lastStart = tokens.lastIndex(where: { token in
            if case .keyword(let keyword) = token.kind { return StatementKind.keywords.contains(keyword) }
            return token.kind == .semicolon
        }) {
            statement = tokens[lastStart...]
            if statement.first?.kind == .semicolon { statement = statement.dropFirst() }
            // `count countries`: `countries` continues `count`, it does not start a statement.
            if statement.first?.kind == .keyword(.countries), lastStart > 0,
                tokens[lastStart - 1].kind == .keyword(.count)
            {
                statement = tokens[(lastStart - 1)...]
            }
        }
        // `explain correlate …` completes as `correlate …` once the inner
        // statement has begun.
        if statement.first?.kind == .keyword(.explain), statement.count > 1 { statement = statement.dropFirst() }
        guard let first = statement.first, case .keyword(let keyword) = first.kind,
            let command = StatementKind(keyword: keyword)
        else {
            return statementKeywords
        }
        let previous = statement.count > 1 ? statement.last : nil
        let names = Checker.names(in: state)
        let quoted = { (values: [String]) in values.map { "\"\($0)\"" } }

        // After a comparison with an attribute: its values, quoted.
        if let previous, statement.count >= 3 {
            let beforeOperator = statement[statement.index(before: statement.endIndex) - 1]
            let isComparison = [TokenKind.equal, .notEqual].contains(previous.kind)
            let isList = previous.kind == .leftParen || previous.kind == .comma
            var subject: Token? = isComparison ? beforeOperator : nil
            if isList, let open = statement.lastIndex(where: { $0.kind == .leftParen }),
                open >= statement.startIndex + 2,
                statement[open - 1].kind == .keyword(.in)
            {
                subject = statement[open - 2]
            }
            if let subject, case .identifier(let name) = subject.kind {
                if let values = attributeValues(named: name) { return quoted(values) }
                if inString { return [] }
            }
        }
        if inString { return [] }

        switch previous?.kind {
        case nil:
            switch command.operand {
            case .dataset: return catalog.names + (catalog.databases?.engines ?? [])
            case .words(let words): return words
            case .described: return names + ["countries", "regions"]
            case .setting: return Settings.names
            case .numbers: return expressionNames(numeric: true)
            case .values: return expressionNames(numeric: false)
            case .newName: return []
            case .clausesOnly:
                return command.clauses.isEmpty ? statementKeywords : clauseWords(for: command, hasFilter: false)
            }
        case .keyword(.in)?, .keyword(.during)?, .dotDot?:
            return yearsWithData().map(String.init)
        case .keyword(.using)?:
            return CorrelationMethod.allCases.map(\.rawValue)
        case .keyword(.by)? where statement.dropLast().last?.kind == .keyword(.sort):
            return expressionNames(numeric: false)
        case .keyword(.by)?:
            return dataset.attributes.map(\.name) + dataset.groups.map(\.name)
                + [BuiltinName.year, .country].map(\.rawValue)
        case .keyword(.sort)?:
            return ["by"]
        case .keyword(.without)?:
            return ["intercept"]
        case .keyword(.label)?:
            return PlotLabel.allCases.map(\.rawValue)
        case .keyword(.with)?:
            return ["fit"]
        case .keyword(.to)?:
            return []
        case .keyword(.against)?:
            return expressionNames(numeric: true)
        case .keyword(.as)?:
            return DatasetFormat.allCases.map(\.rawValue)
        case .keyword(.where)?, .keyword(.and)?, .keyword(.or)?, .keyword(.not)?, .leftParen?:
            return names + ["not"]
        case .comma?, .keyword(.on)?, .plus?, .minus?, .star?, .slash?, .caret?, .less?, .lessEqual?, .greater?,
            .greaterEqual?, .equal?, .notEqual?:
            if command == .set, previous?.kind == .equal, let setting = statement.dropFirst().first,
                case .identifier(let name) = setting.kind
            {
                return name.lowercased() == "method"
                    ? CorrelationMethod.allCases.map(\.rawValue)
                    : yearsWithData().map(String.init) + ["all"]
            }
            return expressionNames(numeric: command != .list)
        default:
            // After a complete value: the statement's own next word, else the
            // clauses it takes.
            let alternative = statement.contains { token in
                if case .identifier(let word) = token.kind {
                    return command.separatorAlternatives.contains(word.lowercased())
                }
                return false
            }
            if let last = statement.last, case .identifier(let word) = last.kind, word.lowercased() == "over",
                command.separatorAlternatives.contains("over")
            {
                return [BuiltinName.year.rawValue]
            }
            if let separator = command.separator, !alternative,
                !statement.contains(where: { $0.kind == .keyword(separator) })
            {
                return [separator.rawValue] + command.separatorAlternatives
            }
            if command.clauses.isEmpty, command.trailingWords.isEmpty { return statementKeywords }
            let hasFilter = statement.contains { $0.kind == .keyword(.where) }
            return command.trailingWords.map(\.rawValue) + clauseWords(for: command, hasFilter: hasFilter)
                + statementKeywords
        }
    }

    private func clauseWords(for command: StatementKind, hasFilter: Bool) -> [String] {
        var words: [String] = []
        for clause in command.clauses {
            switch clause {
            case .years: words += ["in", "during"]
            case .sort: words.append("sort")
            case .deletion: words += ["listwise", "pairwise"]
            case .fit, .effects: if !words.contains("with") { words.append("with") }
            case .errors: words += ["robust", "cluster"]
            case .filter, .groupBy, .method, .limit, .top, .label, .output: words.append(clause.rawValue)
            }
        }
        if hasFilter { words += ["and", "or", "between"] }
        return words
    }

    private func expressionNames(numeric: Bool) -> [String] {
        let dataset = state.dataset
        var names = dataset.indicators.map(\.id) + state.bindings.keys.sorted() + [BuiltinName.year.rawValue]
        // Functions, as `growth(` so that the parenthesis follows.
        names +=
            (TypedExpression.Function.allCases.map(\.rawValue) + TypedExpression.TimeFunction.allCases.map(\.rawValue)
            + TypedExpression.PeriodAggregate.allCases.map(\.rawValue))
            .map { $0 + "(" }
        if !numeric {
            names +=
                [BuiltinName.country, .name].map(\.rawValue) + dataset.attributes.map(\.name)
                + dataset.groups.map(\.name)
        }
        return names
    }

    private func attributeValues(named name: String) -> [String]? {
        let dataset = state.dataset
        switch BuiltinName(rawValue: name.lowercased())?.meaning {
        case .countryCode?: return dataset.countries.map(\.code)
        case .countryName?: return dataset.countries.map(\.name)
        case .year?: return nil
        case nil: return dataset.attributes.first { $0.name == name || $0.name == name.lowercased() }?.values
        }
    }

    private func yearsWithData() -> [Int] {
        let dataset = state.dataset
        return dataset.years.filter { year in
            dataset.indicators.contains { indicator in
                dataset.countries.indices.contains { indicator.hasValue(atCell: dataset.cell(country: $0, year: year)) }
            }
        }
    }
}
