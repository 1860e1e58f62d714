import CQCore

/// When a recorded output still says what cq prints: the rules that let a
/// teacher round a number or a table realign its columns without the lesson
/// going stale, and nothing more.
///
/// - **Lines.** Both texts are split into lines ("\r\n" or "\n"); trailing
///   spaces and tabs of each line, and blank lines at the end, do not count.
///   Otherwise the lines must correspond one to one.
/// - **Numbers** match to the precision they are recorded with, and only
///   while they still say what the printed number says. All three must hold:
///   1. the actual number, read as the exact decimal it prints, lies within
///      half a unit of the recorded number's last digit (a tie matches):
///      recorded `0.89` matches `0.892` and `0.895`, not `0.896`; recorded
///      `0.892` does not match `0.893`. A recorded number with more digits
///      than the actual one claims those digits: `0.8920` matches `0.892`,
///      `0.8923` does not, since nothing printed supports the `3`;
///   2. the recorded number keeps at least the actual's first significant
///      digit: its last digit is no coarser than that digit. `0.0005` matches
///      `0.000523`, but `0.001` and `0` do not (a p-value recorded as 0, or
///      rounded up to the next power of ten, says something else); `0.9`
///      matches `0.892`, `1` does not;
///   3. a number printed with decimals is recorded with decimals: `5.6` and
///      `5.58` match `5.579`, `6` does not; `48234.6` may be `48234.6` but not
///      `48235`. Counts and other whole numbers are compared as in rule 1. A number is an optional `-` (not after
///   a letter or digit), digits with optional `,` thousands separators
///   (`1,234` is 1234), an optional fraction and an optional exponent
///   (`1.2e-05`, `5.23e-4`, `2.1e+13`); in `12.5%` the `%` is text. Digits
///   inside a word (`E301`, `p25`, `1a2b3c4d` after its first digit) are text.
///   Numbers too long to compare as integers must be written the same.
/// - **Blanks.** A run of spaces and tabs within a line matches any other
///   run (columns are padded to their widest cell), but not its absence.
/// - **Rules.** A run of 3 or more `-` matches any such run; on a line made
///   only of `-`, `|`, `:`, `+` and blanks (a table's rule) any run of `-`
///   matches any run.
/// - Everything else must be the same text.
public enum OutputComparison {
    public static func matches(recorded: String, actual: String) -> Bool {
        let recordedLines = significantLines(recorded)
        let actualLines = significantLines(actual)
        return recordedLines.count == actualLines.count
            && zip(recordedLines, actualLines).allSatisfy { linesMatch($0, $1) }
    }

    /// Whether one recorded line says what one actual line says.
    public static func linesMatch(_ recorded: Substring, _ actual: Substring) -> Bool {
        piecesMatch(pieces(recorded), pieces(actual))
    }

    /// `linesMatch` on lines already cut into pieces.
    static func piecesMatch(_ left: [Piece], _ right: [Piece]) -> Bool {
        guard left.count == right.count else { return false }
        for (recordedPiece, actualPiece) in zip(left, right) {
            switch (recordedPiece, actualPiece) {
            case (.text(let a), .text(let b)): if a != b { return false }
            case (.blank, .blank), (.dashes, .dashes): continue
            case (.number(let a), .number(let b)): if !numberMatches(recorded: a, actual: b) { return false }
            case (.text, _), (.blank, _), (.dashes, _), (.number, _): return false
            }
        }
        return true
    }

    /// The lines that count, without line endings or trailing blanks.
    static func significantLines(_ text: String) -> [Substring] {
        // "\r\n" is one Character: split on it as well as on "\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map {
            line -> Substring in
            let trimmed = line.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            return line[line.startIndex..<trimmed.startIndex.base]
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines
    }

    // MARK: - Pieces of a line

    /// A number as written: `digits` without separators or leading zeros, its
    /// value `± digits × 10^-scale`.
    struct Number: Equatable {
        var negative: Bool
        var digits: String
        var scale: Int
        var text: String
    }

    enum Piece: Equatable {
        case text(String)
        case blank
        case dashes
        case number(Number)
    }

    static func pieces(_ line: Substring) -> [Piece] {
        let scalars = Array(line.unicodeScalars)
        let isRule = scalars.contains("-") && scalars.allSatisfy { "-|:+ \t".unicodeScalars.contains($0) }
        var pieces: [Piece] = []
        var text = String.UnicodeScalarView()
        func flush() {
            if !text.isEmpty { pieces.append(.text(String(text))) }
            text = String.UnicodeScalarView()
        }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == " " || scalar == "\t" {
                while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
                flush()
                pieces.append(.blank)
            } else if scalar == "-", case let run = scalars[index...].prefix(while: { $0 == "-" }).count,
                run >= 3 || isRule
            {
                index += run
                flush()
                pieces.append(.dashes)
            } else if index == 0 || !isWord(scalars[index - 1]) && scalars[index - 1] != ".",
                let (number, length) = number(in: scalars, at: index)
            {
                index += length
                flush()
                pieces.append(.number(number))
            } else if isWord(scalar) {
                while index < scalars.count, isWord(scalars[index]) {
                    text.append(scalars[index])
                    index += 1
                }
            } else {
                text.append(scalar)
                index += 1
            }
        }
        flush()
        return pieces
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    private static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || scalar == "_" || scalar.properties.isAlphabetic
    }

    /// The number that starts at `start`, and how many scalars it takes.
    private static func number(in scalars: [Unicode.Scalar], at start: Int) -> (Number, Int)? {
        var index = start
        let negative = scalars[index] == "-"
        if negative { index += 1 }
        func digit(_ at: Int) -> Bool { at < scalars.count && isDigit(scalars[at]) }
        var whole = ""
        while digit(index) {
            whole.unicodeScalars.append(scalars[index])
            index += 1
        }
        // Thousands separators: "1,234,567", never "12345,678" or "1,2345".
        if (1...3).contains(whole.count) {
            while index + 3 < scalars.count, scalars[index] == ",", digit(index + 1), digit(index + 2),
                digit(index + 3),
                !digit(index + 4)
            {
                whole.unicodeScalars.append(contentsOf: scalars[(index + 1)...(index + 3)])
                index += 4
            }
        }
        var fraction = ""
        if index < scalars.count, scalars[index] == ".", digit(index + 1) {
            index += 1
            while digit(index) {
                fraction.unicodeScalars.append(scalars[index])
                index += 1
            }
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return nil }
        var exponent = 0
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            var at = index + 1
            var sign = 1
            if at < scalars.count, scalars[at] == "-" || scalars[at] == "+" {
                sign = scalars[at] == "-" ? -1 : 1
                at += 1
            }
            var digits = ""
            while digit(at) {
                digits.unicodeScalars.append(scalars[at])
                at += 1
            }
            // "1e5x" or a 5-digit exponent is not a number cq prints: leave it as text.
            if !digits.isEmpty, digits.count <= 4, !(at < scalars.count && isWord(scalars[at])), let value = Int(digits)
            {
                exponent = sign * value
                index = at
            }
        }
        let significant = String((whole + fraction).drop { $0 == "0" })
        let number = Number(
            negative: negative, digits: significant.isEmpty ? "0" : significant, scale: fraction.count - exponent,
            text: String(String.UnicodeScalarView(scalars[start..<index])))
        return (number, index - start)
    }

    /// Whether `recorded` says what `actual` says: the three rules above.
    static func numberMatches(recorded: Number, actual: Number) -> Bool {
        // Rule 3: decimals printed must be recorded.
        if actual.scale > 0 && recorded.scale <= 0 { return false }
        // Rule 2: the last recorded digit, 10^(−scale), is no coarser than
        // the actual's leading digit, 10^(digits − 1 − scale).
        if actual.digits != "0" && -recorded.scale > actual.digits.count - 1 - actual.scale { return false }
        return withinHalfAUnit(recorded: recorded, actual: actual)
    }

    /// Whether `actual` lies within half a unit of `recorded`'s last digit.
    private static func withinHalfAUnit(recorded: Number, actual: Number) -> Bool {
        let scale = max(recorded.scale, actual.scale)
        guard let r = integer(recorded, scaledTo: scale), let a = integer(actual, scaledTo: scale),
            let unit = power(of10: scale - recorded.scale)
        else {
            return recorded.negative == actual.negative && recorded.digits == actual.digits
                && recorded.scale == actual.scale
        }
        let (difference, overflow) = a.subtractingReportingOverflow(r)
        guard !overflow else { return false }
        let (twice, overflowTwice) = difference.magnitude.multipliedReportingOverflow(by: 2)
        return !overflowTwice && twice <= UInt64(unit)
    }

    /// `± digits × 10^(scale - number.scale)`, nil if it does not fit.
    private static func integer(_ number: Number, scaledTo scale: Int) -> Int64? {
        guard number.digits.count <= 18, let digits = Int64(number.digits),
            let factor = power(of10: scale - number.scale)
        else { return nil }
        let (value, overflow) = digits.multipliedReportingOverflow(by: factor)
        guard !overflow else { return nil }
        return number.negative ? -value : value
    }

    private static func power(of10 exponent: Int) -> Int64? {
        guard exponent >= 0, exponent <= 18 else { return nil }
        var value: Int64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
