import CQCore
import Testing

@Suite struct CSVReaderTests {
    static func read(_ bytes: [UInt8]) throws(DataLoadError) -> CSVTable {
        try CSVReader(bytes, file: "t.csv").read()
    }

    static func rows(_ text: String) throws -> [[String]] {
        let table = try read(Array(text.utf8))
        return [table.header.fields] + table.records.map(\.fields)
    }

    /// (input, expected header + records)
    static let accepted: [(String, [[String]])] = [
        ("a,b\n1,2\n", [["a", "b"], ["1", "2"]]),
        ("a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
        ("\u{FEFF}a,b\r\n1,2", [["a", "b"], ["1", "2"]]),
        ("a,b\r1,2\r", [["a", "b"], ["1", "2"]]),
        ("a,b\n1,2\n\n\r\n", [["a", "b"], ["1", "2"]]),
        ("a,b\n,\n", [["a", "b"], ["", ""]]),
        ("a,b\n1,", [["a", "b"], ["1", ""]]),
        ("a,b\n\"x, \"\"y\"\"\",\"line\r\nbreak\"\n", [["a", "b"], ["x, \"y\"", "line\r\nbreak"]]),
        ("a,b\n\"\",\"\"\"\"\n", [["a", "b"], ["", "\""]]),
        ("a\n1\n", [["a"], ["1"]]),
        ("name,x\nSão Tomé & Príncipe,1\n", [["name", "x"], ["São Tomé & Príncipe", "1"]]),
    ]

    @Test(arguments: accepted)
    func accepts_well_formed_csv(input: String, expected: [[String]]) throws {
        #expect(try Self.rows(input) == expected)
    }

    /// (input bytes, line, column, message)
    static let rejected: [([UInt8], Int, Int, String)] = [
        (Array("a,b\n\"x,1\n".utf8), 2, 1, "unterminated quoted field: the quote opened here is never closed"),
        (Array("a,b\n1,\"x\"y\n".utf8), 2, 6, "expected a comma or the end of the line after a closing quote"),
        (
            Array("a,b\n1,x\"y\n".utf8), 2, 4,
            "a quote inside an unquoted field; quote the whole field and double the quote"
        ),
        (Array("a,b\n1\n".utf8), 2, 2, "expected 2 fields as in the header, found 1"),
        (Array("a,b\n1,2,3\n".utf8), 2, 5, "expected 2 fields as in the header, found 3"),
        (Array("a,b\n\"multi\nline\",2,3\n".utf8), 3, 9, "expected 2 fields as in the header, found 3"),
        (Array("a,b\r\nx,y\r\n1,2,3\r\n".utf8), 3, 5, "expected 2 fields as in the header, found 3"),
        (Array("\u{FEFF}a,b\n1,2,3\n".utf8), 2, 5, "expected 2 fields as in the header, found 3"),
        (
            Array("a,b\nCôte d’Ivoire,\"x\"y\n".utf8), 2, 18,
            "expected a comma or the end of the line after a closing quote"
        ),
        (Array("a,b\n1,2\n".utf8) + [0x41, 0xFF, 0x0A], 3, 2, "invalid UTF-8 (byte 0xFF)"),
        (Array("a,b\né,".utf8) + [0xC3], 2, 3, "invalid UTF-8 (byte 0xC3)"),
        ([0x61, 0xC0, 0x80], 1, 2, "invalid UTF-8 (byte 0xC0)"),  // overlong NUL
        ([0xED, 0xA0, 0x80], 1, 1, "invalid UTF-8 (byte 0xED)"),  // a surrogate
        ([0xF4, 0x90, 0x80, 0x80], 1, 1, "invalid UTF-8 (byte 0xF4)"),  // above U+10FFFF
        (Array("a,b,a\n1,2,3\n".utf8), 1, 5, "duplicate column `a` in the header"),
        ([], 1, 1, "the file is empty; expected a header line"),
        (Array("\n\r\n".utf8), 1, 1, "the file is empty; expected a header line"),
    ]

    @Test(arguments: rejected)
    func rejects_malformed_csv_with_position(input: [UInt8], line: Int, column: Int, message: String) throws {
        let error = #expect(throws: DataLoadError.self) { try Self.read(input) }
        #expect(error == DataLoadError(file: "t.csv", line: line, column: column, message: message))
    }

    @Test func error_description_is_compiler_shaped() {
        let error = DataLoadError(
            file: "world/observations.csv", line: 12, column: 3, message: "expected a number, found `x`")
        #expect(error.description == "world/observations.csv:12:3: expected a number, found `x`")
        #expect(
            DataLoadError(file: "o.csv", line: 0, column: 0, message: "no observations").description
                == "o.csv: no observations")
    }

    /// (cell text, expected value or nil when it must be rejected)
    static let numbers: [(String, Double?)] = [
        ("1", 1), ("-2.5", -2.5), ("+3", 3), (".5", 0.5), ("1e3", 1000), ("1.5E-2", 0.015),
        ("abc", nil), (" 1", nil), ("1 ", nil), ("nan", nil), ("NaN", nil), ("inf", nil), ("-infinity", nil),
        ("0x1p3", nil), ("1e400", nil), ("1,5", nil), ("--1", nil), ("e", nil),
    ]

    @Test(arguments: numbers)
    func numbers_are_plain_decimals(text: String, expected: Double?) throws {
        let quoted = "\"" + text + "\""
        let table = try Self.read(Array("x\n\(quoted)\n".utf8))
        if let expected {
            #expect(try table.number(0, 0) == expected)
        } else {
            #expect(throws: DataLoadError.self) { try table.number(0, 0) }
        }
    }

    /// Arbitrary bytes never trap: every input either parses or gives an
    /// error with a position inside the file.
    @Test func never_crashes_on_arbitrary_bytes() {
        var generator = DataFuzzRandom(seed: 0x5EED)
        let alphabet: [UInt8] = Array("a,\"\r\n1é".utf8) + [0xFF, 0xC3, 0xEF, 0xBB, 0xBF, 0x80]
        for round in 0..<3000 {
            let length = Int(generator.next() % 24)
            let bytes = (0..<length).map { _ in
                round.isMultiple(of: 2)
                    ? alphabet[Int(generator.next() % UInt64(alphabet.count))]
                    : UInt8(truncatingIfNeeded: generator.next())
            }
            do {
                let table = try Self.read(bytes)
                for record in table.records { #expect(record.fields.count == table.header.fields.count) }
            } catch {
                #expect(error.line >= 1 && error.column >= 1, "\(bytes)")
            }
        }
    }
}
