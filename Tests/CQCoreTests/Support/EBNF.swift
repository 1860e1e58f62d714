import Foundation

/// `Grammar/cq.ebnf` read as data, for the grammar and fuzz tests.
///
/// The notation is the ISO 14977 style the file uses: `name = … ;` rules,
/// `|` alternatives, `[ … ]` optional, `{ … }` repetition, `( … )` groups,
/// terminals between double or single quotes, `(* … *)` comments (which may
/// nest, as the file's own header comment does). Juxtaposition — or an ISO
/// `,` — is concatenation.
struct EBNFGrammar: Sendable {
    indirect enum Node: Sendable, Equatable {
        case terminal(String)
        case rule(String)
        case sequence([Node])
        case choice([Node])
        case optional(Node)
        case repetition(Node)
    }

    struct Rule: Sendable {
        var name: String
        var body: Node
        /// The rule as written, comments removed and whitespace runs
        /// collapsed to one space: `name = … ;`.
        var text: String
    }

    struct SyntaxError: Error, CustomStringConvertible {
        var message: String
        var offset: Int
        var description: String { "cq.ebnf, byte \(offset): \(message)" }
    }

    /// Rules that describe tokens rather than syntax: the generator makes
    /// these directly, and the parser has no function for them.
    static let tokenRules: Set<String> = ["name", "integer", "number", "string", "letter", "digit"]

    private(set) var rules: [Rule] = []
    private(set) var rulesByName: [String: Node] = [:]

    func rule(_ name: String) -> Node? { rulesByName[name] }

    // MARK: - Files

    /// The package's root directory, found from this file's own path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // CQCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    static func url(_ relativePath: String) -> URL {
        packageRoot.appendingPathComponent(relativePath)
    }

    static func readText(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    /// The `.cq` files of a folder of the package, sorted by name; none when
    /// the folder does not exist.
    static func cqFiles(in relativeFolder: String) -> [(name: String, text: String)] {
        let folder = url(relativeFolder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasSuffix(".cq") }.sorted().compactMap { name in
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else {
                return nil
            }
            return (relativeFolder + "/" + name, text)
        }
    }

    /// `Grammar/cq.ebnf`, parsed once.
    static let reference: Result<EBNFGrammar, any Error> = Result {
        try EBNFGrammar(parsing: try readText("Grammar/cq.ebnf"))
    }

    static func load() throws -> EBNFGrammar { try reference.get() }

    // MARK: - Derived facts

    /// Every quoted terminal of the syntax rules (not the token rules) that
    /// is made of letters, lowercased: the language's reserved words.
    var keywords: Set<String> {
        var words: Set<String> = []
        for rule in rules where !EBNFGrammar.tokenRules.contains(rule.name) {
            EBNFGrammar.visit(rule.body) { node in
                if case .terminal(let text) = node, !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isLetter }) {
                    words.insert(text.lowercased())
                }
            }
        }
        return words
    }

    /// Every rule name that some rule refers to.
    var referencedRules: Set<String> {
        var names: Set<String> = []
        for rule in rules {
            EBNFGrammar.visit(rule.body) { node in
                if case .rule(let name) = node { names.insert(name) }
            }
        }
        return names
    }

    static func visit(_ node: Node, _ body: (Node) -> Void) {
        body(node)
        switch node {
        case .terminal, .rule: break
        case .sequence(let items), .choice(let items): items.forEach { visit($0, body) }
        case .optional(let inner), .repetition(let inner): visit(inner, body)
        }
    }

    /// Collapses every run of whitespace to one space and trims the ends.
    static func normalizeWhitespace(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    // MARK: - Reading

    private enum Token: Equatable {
        case identifier(String)
        case quoted(String)
        case symbol(Character)
    }

    private struct Lexeme {
        var token: Token
        var start: Int
        var end: Int
    }

    init(parsing text: String) throws {
        let bytes = Array(text.utf8)
        var lexemes: [Lexeme] = []
        /// Byte ranges of comments, to cut out of a rule's text.
        var comments: [Range<Int>] = []
        var i = 0
        func isIdentifierByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                i += 1
            } else if b == UInt8(ascii: "("), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") {
                let start = i
                var depth = 0
                repeat {
                    if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "("), bytes[i + 1] == UInt8(ascii: "*") {
                        depth += 1
                        i += 2
                    } else if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "*"), bytes[i + 1] == UInt8(ascii: ")") {
                        depth -= 1
                        i += 2
                    } else if i < bytes.count {
                        i += 1
                    } else {
                        throw SyntaxError(message: "unterminated comment", offset: start)
                    }
                } while depth > 0
                comments.append(start..<i)
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                let start = i
                i += 1
                while i < bytes.count, bytes[i] != b, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                guard i < bytes.count, bytes[i] == b else {
                    throw SyntaxError(message: "unterminated terminal", offset: start)
                }
                let content = String(decoding: bytes[(start + 1)..<i], as: UTF8.self)
                i += 1
                lexemes.append(Lexeme(token: .quoted(content), start: start, end: i))
            } else if isIdentifierByte(b) {
                let start = i
                while i < bytes.count, isIdentifierByte(bytes[i]) { i += 1 }
                lexemes.append(
                    Lexeme(token: .identifier(String(decoding: bytes[start..<i], as: UTF8.self)), start: start, end: i))
            } else if "=;|[]{}(),".utf8.contains(b) {
                lexemes.append(Lexeme(token: .symbol(Character(Unicode.Scalar(b))), start: i, end: i + 1))
                i += 1
            } else {
                throw SyntaxError(message: "unexpected character", offset: i)
            }
        }

        var reader = Reader(lexemes: lexemes)
        while !reader.atEnd {
            let first = reader.current
            guard case .identifier(let name) = first.token else {
                throw SyntaxError(message: "expected a rule name", offset: first.start)
            }
            reader.index += 1
            try reader.expect("=")
            let body = try reader.alternatives()
            let end = try reader.expect(";")
            guard rulesByName[name] == nil else {
                throw SyntaxError(message: "rule `\(name)` defined twice", offset: first.start)
            }
            // The rule's own text, without comments inside it.
            var kept: [UInt8] = []
            var position = first.start
            for comment in comments where comment.lowerBound >= first.start && comment.upperBound <= end {
                kept += bytes[position..<comment.lowerBound]
                kept.append(UInt8(ascii: " "))
                position = comment.upperBound
            }
            kept += bytes[position..<end]
            let ruleText = EBNFGrammar.normalizeWhitespace(String(decoding: kept, as: UTF8.self))
            rules.append(Rule(name: name, body: body, text: ruleText))
            rulesByName[name] = body
        }
        for name in referencedRules where rulesByName[name] == nil && name != "character" {
            throw SyntaxError(message: "rule `\(name)` is used but not defined", offset: 0)
        }
    }

    private struct Reader {
        var lexemes: [Lexeme]
        var index = 0

        var atEnd: Bool { index >= lexemes.count }
        var current: Lexeme { lexemes[index] }

        func isSymbol(_ c: Character) -> Bool {
            !atEnd && current.token == .symbol(c)
        }

        /// Consumes a symbol and returns the offset just past it.
        @discardableResult
        mutating func expect(_ c: Character) throws -> Int {
            guard isSymbol(c) else {
                throw SyntaxError(message: "expected `\(c)`", offset: atEnd ? lexemes.last?.end ?? 0 : current.start)
            }
            index += 1
            return lexemes[index - 1].end
        }

        mutating func alternatives() throws -> Node {
            var options = [try sequence()]
            while isSymbol("|") {
                index += 1
                options.append(try sequence())
            }
            return options.count == 1 ? options[0] : .choice(options)
        }

        mutating func sequence() throws -> Node {
            var items: [Node] = []
            while !atEnd {
                let lexeme = current
                switch lexeme.token {
                case .identifier(let name):
                    // A new rule begins `name =`: the previous one lacked its `;`.
                    if index + 1 < lexemes.count, lexemes[index + 1].token == .symbol("=") {
                        throw SyntaxError(message: "missing `;` before rule `\(name)`", offset: lexeme.start)
                    }
                    index += 1
                    items.append(.rule(name))
                case .quoted(let text):
                    index += 1
                    items.append(.terminal(text))
                case .symbol(","):
                    index += 1
                case .symbol("["):
                    index += 1
                    let inner = try alternatives()
                    try expect("]")
                    items.append(.optional(inner))
                case .symbol("{"):
                    index += 1
                    let inner = try alternatives()
                    try expect("}")
                    items.append(.repetition(inner))
                case .symbol("("):
                    index += 1
                    let inner = try alternatives()
                    try expect(")")
                    items.append(inner)
                case .symbol:
                    return items.count == 1 ? items[0] : .sequence(items)
                }
            }
            return items.count == 1 ? items[0] : .sequence(items)
        }
    }
}

// MARK: - Random programs

/// SplitMix64: a tiny, fast, deterministic generator, so a failing program
/// can be reproduced from its seed.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with the given probability.
    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < probability
    }

    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }
}

/// Expands the grammar from `program` into random programs that the grammar
/// (and its two extra rules: one clause of a kind per statement, year ranges
/// forwards) accepts.
struct EBNFProgramGenerator {
    struct Options {
        /// Rule nesting beyond which the generator takes the cheapest way out.
        var maximumDepth = 24
        /// The most statements (or `;`) in one program.
        var maximumStatements = 4
        /// Chance that a `{ … }` goes round once more.
        var repeatChance = 0.3
        /// Chance that a name, string or number is one of the real ones.
        var realChance = 0.35
        /// Chance that the separator between two tokens is a newline.
        var newlineChance = 0.1
        /// Chance of a `-- comment` between two tokens.
        var commentChance = 0.02
    }

    let grammar: EBNFGrammar
    let keywords: Set<String>
    var options: Options
    var random: SplitMix64
    /// For each rule, the fewest tokens it can produce.
    private let cost: [String: Int]

    static let realNames = [
        "innovation", "competitiveness", "gdp", "rnd", "region", "eu", "year", "years", "continent", "country",
        "iso3", "gdp_per_capita", "log", "log10", "sqrt", "abs", "pearson", "spearman", "kendall", "tiny",
        "world", "paper", "method", "all", "GDP", "Region",
    ]
    static let realStrings = [
        "EU", "CIS", "Europe & Central Asia", "Asia", "Europe", "AUT", "Austria", "Germany", "eu", "",
    ]
    static let oddCharacters: [String] = [
        "é", "ß", "日本", "🙂", "\u{301}", "\t", "\\", "'", "`", "\"", "--", "..", "(", ")", ";", ",", "\u{FEFF}",
        "\u{200B}", "\r",
    ]

    init(grammar: EBNFGrammar, seed: UInt64, options: Options = Options()) {
        self.grammar = grammar
        self.keywords = grammar.keywords
        self.options = options
        self.random = SplitMix64(seed: seed)
        self.cost = EBNFProgramGenerator.minimumCosts(grammar)
    }

    /// The fewest tokens each rule can expand to, by fixed-point iteration.
    private static func minimumCosts(_ grammar: EBNFGrammar) -> [String: Int] {
        var costs: [String: Int] = [:]
        for name in EBNFGrammar.tokenRules { costs[name] = 1 }
        var changed = true
        while changed {
            changed = false
            for rule in grammar.rules where !EBNFGrammar.tokenRules.contains(rule.name) {
                let value = cost(of: rule.body, costs)
                if value < costs[rule.name] ?? Int.max {
                    costs[rule.name] = value
                    changed = true
                }
            }
        }
        return costs
    }

    private static func cost(of node: EBNFGrammar.Node, _ costs: [String: Int]) -> Int {
        let infinity = Int.max / 4
        switch node {
        case .terminal: return 1
        case .rule(let name): return min(costs[name] ?? infinity, infinity)
        case .sequence(let items): return min(items.reduce(0) { $0 + cost(of: $1, costs) }, infinity)
        case .choice(let options): return options.map { cost(of: $0, costs) }.min() ?? infinity
        case .optional, .repetition: return 0
        }
    }

    private func cost(of node: EBNFGrammar.Node) -> Int {
        EBNFProgramGenerator.cost(of: node, cost)
    }

    // MARK: Programs

    /// The tokens of one program, in order.
    mutating func tokens() -> [String] {
        guard let program = grammar.rule("program") else { preconditionFailure("the grammar has no `program` rule") }
        var out: [String] = []
        expand(program, depth: 0, into: &out)
        return out
    }

    /// One program as text: tokens separated by spaces, sometimes newlines,
    /// now and then a comment.
    mutating func program() -> String {
        let parts = tokens()
        var text = ""
        for (index, token) in parts.enumerated() {
            if index > 0 {
                if random.chance(options.commentChance) {
                    text += " -- " + randomText(maximumLength: 12, forbidding: ["\n", "\r"]) + "\n"
                } else if random.chance(options.newlineChance) {
                    text += random.chance(0.2) ? "\r\n" : "\n"
                } else {
                    text += random.chance(0.05) ? "\t" : " "
                }
            }
            text += token
        }
        return text
    }

    private mutating func expand(_ node: EBNFGrammar.Node, depth: Int, into out: inout [String]) {
        // The deeper, the likelier the cheapest way out; past the maximum, always.
        let deep = depth > options.maximumDepth || random.chance(Double(depth) / Double(options.maximumDepth + 1))
        switch node {
        case .terminal(let text):
            out.append(keywords.contains(text.lowercased()) ? randomCase(text) : text)
        case .rule(let name):
            switch name {
            case "name": out.append(randomName())
            case "integer": out.append(randomInteger())
            case "number": out.append(randomNumber())
            case "string": out.append(randomString())
            default:
                guard let body = grammar.rule(name) else {
                    preconditionFailure("no rule `\(name)` in the grammar")
                }
                expand(body, depth: depth + 1, into: &out)
            }
        case .sequence(let items):
            var index = 0
            while index < items.count {
                // `integer ".." integer`: a year range, which must run forwards.
                if index + 2 < items.count, items[index] == .rule("integer"), items[index + 1] == .terminal(".."),
                    items[index + 2] == .rule("integer")
                {
                    let a = randomYear()
                    let b = randomYear()
                    out += [String(min(a, b)), "..", String(max(a, b))]
                    index += 3
                    continue
                }
                expand(items[index], depth: depth, into: &out)
                index += 1
            }
        case .choice(let options):
            if deep {
                let cheapest = options.map { cost(of: $0) }.min()!
                let candidates = options.filter { cost(of: $0) == cheapest }
                expand(random.pick(candidates), depth: depth, into: &out)
            } else {
                expand(random.pick(options), depth: depth, into: &out)
            }
        case .optional(let inner):
            if !deep, random.chance(0.5) {
                expand(inner, depth: depth, into: &out)
            }
        case .repetition(let inner):
            if deep { return }
            if depth == 0 {
                // The program's own `{ statement | ";" }`: mostly statements.
                let count = 1 + random.below(options.maximumStatements)
                for _ in 0..<count {
                    if case .choice(let options) = inner, random.chance(0.9) {
                        expand(options[0], depth: depth, into: &out)
                    } else {
                        expand(inner, depth: depth, into: &out)
                    }
                }
                return
            }
            if case .choice(let clauses) = inner, clauses.allSatisfy(EBNFProgramGenerator.isClause) {
                // Each clause at most once, in any order.
                var remaining = clauses
                while !remaining.isEmpty, random.chance(0.45) {
                    let clause = remaining.remove(at: random.below(remaining.count))
                    expand(clause, depth: depth, into: &out)
                }
                return
            }
            while random.chance(options.repeatChance) {
                expand(inner, depth: depth, into: &out)
            }
        }
    }

    private static func isClause(_ node: EBNFGrammar.Node) -> Bool {
        if case .rule(let name) = node { return name.hasSuffix("_clause") }
        return false
    }

    // MARK: Tokens

    private mutating func randomCase(_ word: String) -> String {
        switch random.below(10) {
        case 0: return word.uppercased()
        case 1: return word.prefix(1).uppercased() + word.dropFirst()
        case 2: return String(word.map { random.chance(0.5) ? Character($0.uppercased()) : $0 })
        default: return word
        }
    }

    private static let nameStart = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
    private static let nameContinue = nameStart + Array("0123456789")

    mutating func randomName() -> String {
        if random.chance(options.realChance) {
            return random.pick(EBNFProgramGenerator.realNames)
        }
        if random.chance(0.1) {
            // A quoted name: anything but a newline or a backtick, not empty;
            // sometimes a keyword, which the backticks make an ordinary name.
            let inner =
                random.chance(0.3)
                ? randomCase(random.pick(keywords.sorted()))
                : randomText(maximumLength: 10, forbidding: ["\n", "\r", "`"], atLeastOne: true)
            return "`" + inner + "`"
        }
        while true {
            var word = String(random.pick(EBNFProgramGenerator.nameStart))
            for _ in 0..<random.below(10) { word.append(random.pick(EBNFProgramGenerator.nameContinue)) }
            if !keywords.contains(word.lowercased()) { return word }
        }
    }

    mutating func randomYear() -> Int {
        random.chance(0.9) ? 1990 + random.below(41) : random.pick([0, 1, 999, 2016, 2017, 9999])
    }

    mutating func randomInteger() -> String {
        if random.chance(0.85) { return String(randomYear()) }
        return random.pick(["0", "1", "2", "3", "5", "10", "100", "0042", "2016", "2017"])
    }

    mutating func randomNumber() -> String {
        func digits(_ count: Int) -> String {
            var s = ""
            for _ in 0..<count { s.append(Character(String(random.below(10)))) }
            return s
        }
        var text: String
        switch random.below(8) {
        case 0, 1, 2: text = String(random.below(100))
        case 3: text = String(randomYear())
        case 4: text = digits(1 + random.below(3)) + "." + digits(random.below(3))
        case 5: text = "." + digits(1 + random.below(3))
        case 6: text = String(random.below(10)) + "." + digits(1 + random.below(4))
        default: text = digits(1 + random.below(5))
        }
        if random.chance(0.1) {
            text += random.pick(["e", "E"]) + random.pick(["", "+", "-"]) + String(random.below(300))
        }
        return text
    }

    mutating func randomString() -> String {
        if random.chance(options.realChance) {
            return "\"" + random.pick(EBNFProgramGenerator.realStrings) + "\""
        }
        return "\"" + randomText(maximumLength: 10, forbidding: ["\n", "\r", "\""]) + "\""
    }

    /// Printable ASCII and a few awkward characters, without the forbidden ones.
    private mutating func randomText(maximumLength: Int, forbidding: Set<String>, atLeastOne: Bool = false) -> String {
        var text = ""
        let length = random.below(maximumLength + 1)
        for _ in 0..<max(length, atLeastOne ? 1 : 0) {
            let piece =
                random.chance(0.15)
                ? random.pick(EBNFProgramGenerator.oddCharacters)
                : String(Character(Unicode.Scalar(UInt8(0x20 + random.below(0x5F)))))
            if forbidding.contains(where: { piece.contains($0) }) { continue }
            text += piece
        }
        if atLeastOne, text.isEmpty { text = "x" }
        return text
    }
}
