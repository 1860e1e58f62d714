/// Turns source text into tokens. It never fails: a character it cannot read
/// becomes an `.invalid` token plus a diagnostic, and lexing goes on, so the
/// parser can still report every later mistake in the same run.
public struct Lexer {
    public struct Output: Sendable {
        public var tokens: [Token]
        public var diagnostics: [Diagnostic]
        /// True when the input ends inside a string or quoted name: a REPL
        /// should ask for another line rather than report an error.
        public var endsInsideQuote: Bool
    }

    private static let keywords: [String: Keyword] = Dictionary(
        uniqueKeysWithValues: Keyword.allCases.map { ($0.rawValue, $0) })

    public static func tokenize(_ source: SourceFile) -> Output {
        var lexer = Lexer(source: source)
        lexer.run()
        return Output(tokens: lexer.tokens, diagnostics: lexer.diagnostics, endsInsideQuote: lexer.endsInsideQuote)
    }

    private let source: SourceFile
    private let bytes: [UInt8]
    private var position = 0
    private var tokens: [Token] = []
    private var diagnostics: [Diagnostic] = []
    private var endsInsideQuote = false

    private init(source: SourceFile) {
        self.source = source
        self.bytes = source.utf8
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        position + ahead < bytes.count ? bytes[position + ahead] : nil
    }

    private mutating func run() {
        while let byte = peek() {
            let start = position
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "-") where peek(1) == UInt8(ascii: "-"):
                while let next = peek(), next != UInt8(ascii: "\n") { position += 1 }
            case UInt8(ascii: "\""):
                lexString(start: start)
            case UInt8(ascii: "`"):
                lexQuotedName(start: start)
            case _ where isDigit(byte),
                UInt8(ascii: ".") where peek(1).map(isDigit) == true:
                lexNumber(start: start)
            case UInt8(ascii: ".") where peek(1).map(isNameStart) == true && startsLine(start):
                lexReplCommand(start: start)
            case _ where isNameStart(byte):
                while let next = peek(), isNameContinue(next) { position += 1 }
                let word = String(decoding: bytes[start..<position], as: UTF8.self)
                if let keyword = Lexer.keywords[word.lowercased()] {
                    emit(.keyword(keyword), from: start)
                } else {
                    emit(.identifier(word), from: start)
                }
            default:
                lexPunctuation(start: start)
            }
        }
        tokens.append(Token(.endOfInput, .empty(at: bytes.count)))
    }

    /// Only spaces or tabs before `offset` on its line.
    private func startsLine(_ offset: Int) -> Bool {
        var index = offset - 1
        while index >= 0, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index -= 1 }
        return index < 0 || bytes[index] == UInt8(ascii: "\n")
    }

    /// `.format csv` on a line of its own: the rest of the line is one
    /// invalid token with one diagnostic (`ReplCommandInScript`).
    private mutating func lexReplCommand(start: Int) {
        while let next = peek(), next != UInt8(ascii: "\n") { position += 1 }
        var end = position
        while end > start, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[end - 1]) {
            end -= 1
        }
        let range = SourceRange(start: start, end: end)
        let (message, help) = ReplCommandInScript.diagnosis(source.text(of: range))
        diagnostics.append(Diagnostic(.unexpectedCharacter, message, source: source, range: range, help: help))
        tokens.append(Token(.invalid, range))
    }

    private mutating func emit(_ kind: TokenKind, from start: Int) {
        tokens.append(Token(kind, SourceRange(start: start, end: position)))
    }

    private mutating func lexPunctuation(start: Int) {
        let byte = bytes[position]
        let next = peek(1)
        func two(_ second: Character) -> Bool { next == UInt8(ascii: second.unicodeScalars.first!) }
        let kind: TokenKind?
        var length = 1
        switch byte {
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: "("): kind = .leftParen
        case UInt8(ascii: ")"): kind = .rightParen
        case UInt8(ascii: "+"): kind = .plus
        case UInt8(ascii: "-"): kind = .minus
        case UInt8(ascii: "*"): kind = .star
        case UInt8(ascii: "/"): kind = .slash
        case UInt8(ascii: "^"): kind = .caret
        // `==` is accepted as `=`: Stata, R and gretl users type it.
        case UInt8(ascii: "="):
            kind = .equal
            if two("=") { length = 2 }
        case UInt8(ascii: "!") where two("="):
            kind = .notEqual
            length = 2
        case UInt8(ascii: "<") where two("="):
            kind = .lessEqual
            length = 2
        // `<>` is SQL's spelling of `!=`.
        case UInt8(ascii: "<") where two(">"):
            kind = .notEqual
            length = 2
        case UInt8(ascii: "<"): kind = .less
        case UInt8(ascii: ">") where two("="):
            kind = .greaterEqual
            length = 2
        case UInt8(ascii: ">"): kind = .greater
        case UInt8(ascii: ".") where two("."):
            kind = .dotDot
            length = 2
        default: kind = nil
        }
        if let kind {
            position += length
            emit(kind, from: start)
            return
        }
        // Step over one whole UTF-8 scalar so the range never splits a character.
        position += max(1, scalarLength(startingWith: byte))
        position = min(position, bytes.count)
        let text = source.text(of: SourceRange(start: start, end: position))
        var help: [String] = []
        switch text {
        case "'", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}":
            help.append("strings use straight double quotes: \"EU\"")
        case "&":
            help.append("use `and` to combine conditions")
        case "|":
            help.append("use `or` to combine conditions")
        case "!":
            help.append("use `not` to negate a condition, or `!=` for \"not equal\"")
        case ":":
            help.append("a year range is written `during 2000..2020`")
        default:
            break
        }
        let shown =
            text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
            ? "`\(text)`" : "byte 0x" + String(bytes[start], radix: 16, uppercase: true)
        diagnostics.append(
            Diagnostic(
                .unexpectedCharacter, "unexpected character \(shown)",
                source: source, range: SourceRange(start: start, end: position), help: help))
        emit(.invalid, from: start)
    }

    private mutating func lexString(start: Int) {
        position += 1
        while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\n") {
            position += 1
        }
        if peek() == UInt8(ascii: "\"") {
            let text = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
            position += 1
            if reportControlCharacter(in: (start + 1)..<(position - 1), what: "a string") {
                emit(.invalid, from: start)
                return
            }
            emit(.string(text), from: start)
            return
        }
        if peek() == nil { endsInsideQuote = true }
        diagnostics.append(
            Diagnostic(
                .unterminatedString, "string has no closing `\"`",
                source: source, range: SourceRange(start: start, end: position),
                help: ["add a `\"` before the end of the line"]))
        emit(.invalid, from: start)
    }

    private mutating func lexQuotedName(start: Int) {
        position += 1
        while let byte = peek(), byte != UInt8(ascii: "`"), byte != UInt8(ascii: "\n") {
            position += 1
        }
        if peek() == UInt8(ascii: "`"), position > start + 1 {
            let text = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
            position += 1
            if reportControlCharacter(in: (start + 1)..<(position - 1), what: "a quoted name") {
                emit(.invalid, from: start)
                return
            }
            emit(.identifier(text), from: start)
            return
        }
        if peek() == UInt8(ascii: "`") {
            position += 1
            diagnostics.append(
                Diagnostic(
                    .unterminatedQuotedName, "a quoted name cannot be empty",
                    source: source, range: SourceRange(start: start, end: position),
                    help: ["write the name between the backticks: `NY.GDP.PCAP.CD`"]))
            emit(.invalid, from: start)
            return
        }
        if peek() == nil { endsInsideQuote = true }
        diagnostics.append(
            Diagnostic(
                .unterminatedQuotedName, "quoted name has no closing backtick",
                source: source, range: SourceRange(start: start, end: position),
                help: ["write a name with unusual characters between backticks: `NY.GDP.PCAP.CD`"]))
        emit(.invalid, from: start)
    }

    /// Control characters (other than tab) would reach the terminal inside
    /// results and messages, where an escape sequence can do anything; refuse
    /// them where they are typed. True when one was reported.
    private mutating func reportControlCharacter(in range: Range<Int>, what: String) -> Bool {
        guard
            let offset = range.first(where: { bytes[$0] < 0x20 && bytes[$0] != UInt8(ascii: "\t") || bytes[$0] == 0x7F }
            )
        else {
            return false
        }
        let hex = String(bytes[offset], radix: 16, uppercase: true)
        diagnostics.append(
            Diagnostic(
                .unexpectedCharacter,
                "\(what) cannot hold the control character U+\(String(repeating: "0", count: 4 - hex.count) + hex)",
                source: source, range: SourceRange(start: offset, end: offset + 1),
                help: ["remove it; text in cq is printable"]))
        return true
    }

    private mutating func lexNumber(start: Int) {
        while let byte = peek(), isDigit(byte) { position += 1 }
        // `2000..2020` is a range: the first `.` belongs to `..`, not to 2000.
        if peek() == UInt8(ascii: "."), peek(1) != UInt8(ascii: ".") {
            position += 1
            while let byte = peek(), isDigit(byte) { position += 1 }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var lookahead = 1
            if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { lookahead = 2 }
            if let digit = peek(lookahead), isDigit(digit) {
                position += lookahead
                while let byte = peek(), isDigit(byte) { position += 1 }
            }
        }
        // A number running into letters (`12abc`) is one mistake, not two tokens.
        if let byte = peek(), isNameContinue(byte) {
            while let next = peek(), isNameContinue(next) { position += 1 }
            let text = source.text(of: SourceRange(start: start, end: position))
            let exponentWithoutDigits = text.last == "e" || text.last == "E"
            diagnostics.append(
                Diagnostic(
                    .invalidNumber, "`\(text)` is not a number",
                    source: source, range: SourceRange(start: start, end: position),
                    help: [
                        exponentWithoutDigits
                            ? "an exponent needs digits after the `e`: 1e6, 2.5e-3"
                            : "names cannot start with a digit; numbers are written like 2017, 0.5 or 1e6"
                    ]))
            emit(.invalid, from: start)
            return
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        emit(.number(text), from: start)
    }

    private func scalarLength(startingWith byte: UInt8) -> Int {
        switch byte {
        case 0xC0...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF7: return 4
        default: return 1
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
    }
    private func isNameContinue(_ byte: UInt8) -> Bool { isNameStart(byte) || isDigit(byte) }
}
