import CQBuiltins
import CQCore
import Testing

/// SplitMix64, private to these tests so a failure reproduces from its seed.
private struct LongFormRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) * 0x1p-53 < p }
}

/// A small long-form file written in-process the way `cq-generate` writes the
/// big one (absent rows, `..` and empty markers, many number formats), and
/// what each cell must read back as.
private struct GeneratedFile {
    var text = "iso3,indicator,year,value\n"
    /// (entity, indicator, year) → the value written (NaN for a marker).
    var expected: [String: Double] = [:]
    var rows = 0
    var markers = 0
    var entities: [String] = []
    var indicators: [String] = []

    static func key(_ entity: String, _ indicator: String, _ year: Int) -> String { "\(entity)|\(indicator)|\(year)" }

    enum Order: Sendable, CaseIterable {
        /// Entity, then indicator, then year, as `cq-generate` writes.
        case entityMajor
        case shuffled
        /// Year first: the year axis grows with every window.
        case yearMajor
    }

    init(seed: UInt64, entities entityCount: Int = 30, indicators indicatorCount: Int = 12, order: Order = .entityMajor)
    {
        var random = LongFormRandom(seed: seed)
        let world = ["AUT", "BEL", "DEU", "FRA", "GBR", "IND", "JPN", "USA", "ZAF", "BRA", "CHN", "NGA"]
        let aggregates = ["EUU", "WLD", "SSF", "HIC", "LMC", "OED"]
        entities = Array((world + aggregates).prefix(entityCount))
        while entities.count < entityCount { entities.append("X\(entities.count)") }
        indicators = (0..<indicatorCount).map {
            "IND.\(["GDP", "POP", "CO2", "SE"][$0 % 4]).\($0).\(["CD", "ZS", "IN"][$0 % 3])"
        }
        var lines: [String] = []
        var years: [Int] = []
        for entity in entities {
            for (position, indicator) in indicators.enumerated() {
                for year in 1990...2023 {
                    if random.chance(0.15) { continue }  // absent
                    let text: String
                    let roll = random.below(1000)
                    if roll < 5 {
                        text = ""
                    } else if roll < 8 {
                        text = ".."
                    } else {
                        let magnitude = [1.0, 100, 1e6, 1e12, 1e-3][position % 5]
                        let value = (Double(random.next() >> 11) * 0x1p-53 - 0.2) * magnitude
                        switch random.below(6) {
                        case 0: text = "\(value)"  // shortest round-trip form, up to 17 digits
                        case 1: text = "\(Int(value))"
                        case 2: text = String(Int((value * 1000).rounded())) + "e-3"
                        case 3:
                            // Fixed decimals, with leading zeros and a bare trailing point sometimes.
                            let whole = Int(value.magnitude)
                            let fraction = random.below(10000)
                            text = (value < 0 ? "-" : "") + "00\(whole)." + (fraction == 0 ? "" : "\(fraction)")
                        case 4: text = "\(Float(value))"
                        default: text = "\(value.magnitude)".replacingZeroPoint()
                        }
                    }
                    let written = text.isEmpty || text == ".." ? Double.nan : Double(text)!
                    expected[Self.key(entity, indicator, year)] = written
                    if written.isNaN { markers += 1 }
                    lines.append("\(entity),\(indicator),\(year),\(text)\n")
                    years.append(year)
                }
            }
        }
        switch order {
        case .entityMajor: break
        case .shuffled:
            for index in lines.indices.reversed() { lines.swapAt(index, random.below(index + 1)) }
        case .yearMajor:
            // From the middle outwards, so the axis grows at both ends.
            lines = lines.indices.sorted {
                (abs(years[$0] - 2006), years[$0], $0) < (abs(years[$1] - 2006), years[$1], $1)
            }
            .map { lines[$0] }
        }
        rows = lines.count
        text += lines.joined()
    }
}

extension String {
    /// "0.25" → ".25": the leading-point form some exporters write.
    fileprivate func replacingZeroPoint() -> String {
        hasPrefix("0.") ? String(dropFirst()) : self
    }
}

@Suite struct LongFormParserTests {
    static let columns = LongFormParser.Columns(entity: 0, indicator: 1, year: 2, value: 3, width: 4)

    static func parse(
        _ text: String, threads: Int = 1, chunkSize: Int = 8 << 20, bounds: [String: LongFormParser.Bounds] = [:]
    ) throws(DataLoadError) -> LongFormParser.Output {
        try LongFormParser.parse(
            Array(text.utf8), file: "t.csv",
            columns: { header throws(DataLoadError) in try LongFormParser.Columns(header: header, file: "t.csv") },
            options: .init(threads: threads, chunkSize: chunkSize, bounds: bounds))
    }

    static func error(_ text: String, threads: Int = 1, chunkSize: Int = 8 << 20) -> DataLoadError? {
        do {
            _ = try parse(text, threads: threads, chunkSize: chunkSize)
            return nil
        } catch {
            return error
        }
    }

    /// What `CSVTable.optionalNumber` accepts, and its value: the reference.
    static func reference(_ text: String) -> Double? {
        let plain = text.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }
        guard !text.isEmpty, plain, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    static func decimal(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBytes { LongFormParser.decimal($0) }
    }

    static func fast(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBytes { LongFormParser.fastDecimal($0) }
    }

    // MARK: - numbers

    static let hardCases = [
        "0", "-0", "+0", "0.0", "-0.0", "0e999", "-0e-999", "00000", "1", "-1", "+1", "1.", ".5", "-.5", "+.5e+2",
        "1.e5",
        "0.1", "0.2", "0.3", "0.30000000000000004", "1e22", "1e23", "9e22", "1e-22", "1e-23", "123456789012345e22",
        "123456789012345e-22", "9007199254740992", "9007199254740993", "9007199254740991", "18014398509481984",
        "123456789012345678", "1234567890123456789", "12345678901234567890", "0.000000000000000000001234",
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "-1e309",
        "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9e-324", "5e-324", "2e-324", "1e-400",
        "8.98846567431158e307", "3.141592653589793", "2.718281828459045", "1E5", "1e+05", "1e-05", "1E-0",
        "00001.5000", "1.50000000000000000000000000", "0.000001", "100000000000000000000000",
        "1e0000000000000000000022",
        "7.0e-10", "4.35679e+12", "71.234567890123", "-2.7996848497509631", "1e", "1e+", "e5", ".", "-", "+", "--1",
        "1..2", "1e5.5", "1.2.3", "0x10", "0x1p3", "inf", "-inf", "nan", "infinity", " 1", "1 ", "1,5", "١", "1_000",
        "NA", "..", "", "+-1", "1e--5", "1ee5", "5-", "1+1",
    ]

    /// `CellText.plainNumber`, every CSV loader's number, takes the same
    /// fast path before `Double(String)`: its value must still be
    /// `Double(String)`'s, bit for bit (infinity for an overflow), on the
    /// hard cases and on random decimals of 1–22 digits around the fast
    /// path's limits.
    @Test func plain_numbers_are_doubles_bit_for_bit() {
        var random = LongFormRandom(seed: 42)
        var texts = Self.hardCases
        for _ in 0..<3000 {
            let digits = 1 + random.below(22)
            var text = random.chance(0.3) ? "-" : ""
            let point = random.below(digits + 1)
            for index in 0..<digits {
                if index == point, random.chance(0.7) { text += "." }
                text += String(random.below(10))
            }
            if random.chance(0.4) { text += "e\(random.below(80) - 40)" }
            texts.append(text)
        }
        for text in texts {
            let plain =
                text.utf8.allSatisfy { byte in
                    (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
                        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                        || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                } && text.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            let expected = plain ? Double(text) : nil
            #expect(CellText.plainNumber(text)?.bitPattern == expected?.bitPattern, "`\(text)`")
        }
    }

    @Test func hard_cases_agree_with_double_bit_for_bit() {
        for text in Self.hardCases {
            let expected = Self.reference(text)
            let actual = Self.decimal(text)
            #expect(
                actual?.bitPattern == expected?.bitPattern,
                "\(text): \(String(describing: actual)) vs \(String(describing: expected))")
            if let fast = Self.fast(text) {
                #expect(fast.bitPattern == expected?.bitPattern, "fast path on \(text)")
            }
        }
    }

    @Test func fast_path_takes_what_it_should() {
        // Within Clinger's conditions the fast path must answer; outside, it must decline.
        for text in [
            "1", "0.5", "-12.75", "1e22", "123456789012345", "4.35679e+12", ".5", "1.", "1e23", "9007199254740992",
        ] {
            #expect(Self.fast(text) != nil, "\(text)")
        }
        for text in ["9007199254740993", "1e-23", "1.7976931348623157e308", "12345678901234567890", "inf", "..", ""] {
            #expect(Self.fast(text) == nil, "\(text)")
        }
    }

    @Test func random_decimals_agree_with_double_bit_for_bit() {
        var random = LongFormRandom(seed: 0xDEC1_4A15)
        var fastCount = 0
        let samples = 200_000
        for _ in 0..<samples {
            var text = ""
            switch random.below(4) {
            case 0: text += "-"
            case 1: text += random.chance(0.5) ? "+" : ""
            default: break
            }
            let leadingZeros = random.chance(0.2) ? random.below(4) : 0
            text += String(repeating: "0", count: leadingZeros)
            let integerDigits = random.below(12) == 0 ? 0 : random.below(20)
            let fractionDigits = random.below(3) == 0 ? 0 : random.below(20)
            for position in 0..<integerDigits {
                text.append(
                    Character(
                        Unicode.Scalar(
                            UInt8(ascii: "0") + UInt8(position == 0 ? 1 + random.below(9) : random.below(10)))))
            }
            if fractionDigits > 0 || random.chance(0.1) { text += "." }
            for _ in 0..<fractionDigits {
                text.append(Character(Unicode.Scalar(UInt8(ascii: "0") + UInt8(random.below(10)))))
            }
            if random.chance(0.3) {
                text += random.chance(0.5) ? "e" : "E"
                switch random.below(3) {
                case 0: text += "-"
                case 1: text += "+"
                default: break
                }
                text += "\(random.chance(0.8) ? random.below(30) : random.below(400))"
            }
            if random.below(200) == 0 {
                text.insert(
                    contentsOf: ["x", "."][random.below(2)],
                    at: text.index(text.startIndex, offsetBy: random.below(text.count + 1)))
            }
            let expected = Self.reference(text)
            let actual = Self.decimal(text)
            if actual?.bitPattern != expected?.bitPattern {
                Issue.record("\(text): \(String(describing: actual)) vs Double: \(String(describing: expected))")
                return
            }
            if let fast = Self.fast(text) {
                fastCount += 1
                if fast.bitPattern != expected?.bitPattern {
                    Issue.record("fast path on \(text): \(fast) vs \(String(describing: expected))")
                    return
                }
            }
        }
        // The sample must exercise the fast path, not only the fallback.
        #expect(fastCount > samples / 3)
    }

    @Test func values_printed_by_description_read_back_exactly() {
        var random = LongFormRandom(seed: 17)
        for _ in 0..<100_000 {
            let value = Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF)  // any finite non-negative double
            let scaled =
                random.chance(0.5) ? value : Double(Int64(bitPattern: random.next()) >> Int64(random.below(60))) / 1000
            let text = "\(scaled)"
            guard Self.reference(text) != nil else { continue }
            #expect(Self.decimal(text)?.bitPattern == scaled.bitPattern, "\(text)")
        }
    }

    // MARK: - parsing

    @Test func reads_rows_markers_and_quotes() throws {
        let text =
            "\u{FEFF}iso3,indicator,year,value\r\n"
            + "DEU,gdp,2000,1.5\r\n"
            + "DEU,gdp,2001,\r\n"
            + "\"DEU\",\"gdp\",\"2002\",\"2.5\"\r\n"
            + "\r\n"
            + "FRA,gdp,2000,NA\r\n"
            + "FRA,gdp,2001,..\r\n"
            + "FRA,gdp,2002,-\r\n"
            + "FRA,\"g\"\"dp\",2002,-3e2"
        let output = try Self.parse(text)
        #expect(output.entities == ["DEU", "FRA"])
        #expect(output.indicators == ["gdp", "g\"dp"])
        #expect(output.entityPositions == [.init(line: 2, column: 1), .init(line: 6, column: 1)])
        #expect(output.indicatorPositions == [.init(line: 2, column: 5), .init(line: 9, column: 5)])
        #expect(output.rows == 7)
        #expect(output.missingMarkers == 4)
        #expect(output.observations == 3)
        #expect(output.firstYear == 2000 && output.lastYear == 2002)
        #expect(output.value(entity: 0, indicator: 0, year: 2000) == 1.5)
        #expect(output.value(entity: 0, indicator: 0, year: 2001)?.isNaN == true)
        #expect(output.value(entity: 0, indicator: 0, year: 2002) == 2.5)
        #expect(output.value(entity: 1, indicator: 0, year: 2000)?.isNaN == true)
        #expect(output.value(entity: 1, indicator: 1, year: 2002) == -300)
        #expect(output.value(entity: 1, indicator: 1, year: 2001) == nil)
    }

    @Test func columns_in_any_order_among_others() throws {
        let text = "note,year,value,indicator,iso3\n\"a, b\",2000,1,x,AAA\nc,2001,2,x,AAA\n"
        let output = try LongFormParser.parse(
            Array(text.utf8), file: "t.csv",
            columns: { header throws(DataLoadError) in try LongFormParser.Columns(header: header, file: "t.csv") })
        #expect(output.entities == ["AAA"])
        #expect(output.value(entity: 0, indicator: 0, year: 2001) == 2)
        #expect(output.rows == 2)
    }

    /// The in-process small file (`cq-generate --scale 0.001` in spirit): every
    /// cell reads back as written, and absent cells stay absent.
    @Test(arguments: GeneratedFile.Order.allCases)
    fileprivate func generatedFileRoundTrips(order: GeneratedFile.Order) throws {
        let file = GeneratedFile(seed: 1, order: order)
        let output = try Self.parse(file.text, threads: 3, chunkSize: 4096)
        #expect(output.rows == file.rows)
        #expect(output.missingMarkers == file.markers)
        #expect(Set(output.entities) == Set(file.entities))
        #expect(Set(output.indicators) == Set(file.indicators))
        let (dataset, summary) = try DatasetAssembler.longForm(output, name: "generated", title: "a generated file")
        #expect(summary.observations == file.rows - file.markers)
        #expect(summary.missingMarkers == file.markers)
        #expect(dataset.firstYear == 1990 && dataset.lastYear == 2023)
        #expect(dataset.countries.map(\.code) == file.entities.sorted())
        #expect(dataset.indicators.map(\.id) == file.indicators.sorted())
        var compared = 0
        for indicator in dataset.indicators {
            for (country, code) in dataset.countries.map(\.code).enumerated() {
                for year in dataset.years {
                    let actual = indicator.values[dataset.cell(country: country, year: year)]
                    let expected = file.expected[GeneratedFile.key(code, indicator.id, year)] ?? .nan
                    // Missing cells are the canonical NaN, values are bit-exact.
                    let expectedBits = expected.isNaN ? Double.nan.bitPattern : expected.bitPattern
                    if actual.bitPattern != expectedBits {
                        Issue.record("\(code) \(indicator.id) \(year): \(actual) vs \(expected)")
                        return
                    }
                    compared += 1
                }
            }
        }
        #expect(compared == file.entities.count * file.indicators.count * 34)
        // The dataset survives the binary codec bit for bit.
        #expect(try DatasetCodec.decode(DatasetCodec.encode(dataset)) == dataset)
    }

    static func sameOutput(_ a: LongFormParser.Output, _ b: LongFormParser.Output) -> Bool {
        guard a.entities == b.entities, a.indicators == b.indicators, a.entityPositions == b.entityPositions,
            a.indicatorPositions == b.indicatorPositions, a.firstYear == b.firstYear, a.lastYear == b.lastYear,
            a.rows == b.rows, a.missingMarkers == b.missingMarkers
        else { return false }
        for entity in a.entities.indices {
            for indicator in a.indicators.indices {
                for year in a.firstYear...a.lastYear {
                    let x = a.value(entity: entity, indicator: indicator, year: year)
                    let y = b.value(entity: entity, indicator: indicator, year: year)
                    if x?.bitPattern != y?.bitPattern { return false }
                }
            }
        }
        return true
    }

    @Test func parallel_parse_equals_single_threaded_parse() throws {
        for (seed, order) in zip([3, 4, 5] as [UInt64], GeneratedFile.Order.allCases) {
            let file = GeneratedFile(seed: seed, entities: 25, indicators: 9, order: order)
            let single = try Self.parse(file.text, threads: 1)
            for (threads, chunkSize) in [(2, 4096), (3, 5000), (4, 1 << 16), (7, 4096)] {
                let parallel = try Self.parse(file.text, threads: threads, chunkSize: chunkSize)
                #expect(Self.sameOutput(single, parallel), "seed \(seed), \(threads) threads, chunks of \(chunkSize)")
            }
        }
    }

    /// A line break inside quotes where a chunk is cut: the parse notices and
    /// redoes the file on one thread, with the same result and line numbers.
    @Test func line_breaks_inside_quotes_across_chunks() throws {
        var text = "iso3,note,indicator,year,value\n"
        var random = LongFormRandom(seed: 9)
        for row in 0..<3000 {
            let note = random.below(10) == 0 ? "\"two\nlines, \"\"quoted\"\"\"" : "plain"
            text += "C\(row % 40),\(note),i\(row % 7),\(1950 + row / 280),\(row)\n"
        }
        let single = try Self.parse(text, threads: 1)
        let parallel = try Self.parse(text, threads: 4, chunkSize: 4096)
        #expect(Self.sameOutput(single, parallel))
        #expect(single.rows == 3000)
        // A bad cell after the quoted line breaks is still placed on its physical line.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let target = lines.count - 3
        lines[target] = lines[target].replacingLastField(with: "oops")
        let bad = lines.joined(separator: "\n")
        let error = Self.error(bad, threads: 4, chunkSize: 4096)
        #expect(error?.line == target + 1)
        #expect(error?.message == "expected a number or a missing-value marker (empty, NA, .., -), found `oops`")
        #expect(error == Self.error(bad, threads: 1))
    }

    /// For a bad cell placed on every 7th line (so in every chunk of every
    /// window), the error has that line and the cell's column.
    @Test func errors_carry_line_and_column_in_every_chunk() throws {
        let file = GeneratedFile(seed: 5, entities: 12, indicators: 5)
        let lines = file.text.split(separator: "\n").map(String.init)
        var checked = 0
        for target in stride(from: 1, to: lines.count, by: 7) {
            var edited = lines
            let fields = edited[target].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let (column, message): (Int, String)
            switch target % 3 {
            case 0:
                edited[target] = [fields[0], fields[1], "19x9", fields[3]].joined(separator: ",")
                column = fields[0].count + fields[1].count + 3
                message = "expected a whole-number year between 1000 and 2999, found `19x9`"
            case 1:
                edited[target] = [fields[0], fields[1], fields[2], "1.2.3"].joined(separator: ",")
                column = fields[0].count + fields[1].count + fields[2].count + 4
                message = "expected a number or a missing-value marker (empty, NA, .., -), found `1.2.3`"
            default:
                edited[target] = [fields[0], fields[1], fields[2]].joined(separator: ",")
                column = edited[target].count + 1
                message = "expected 4 fields as in the header, found 3"
            }
            let text = edited.joined(separator: "\n") + "\n"
            let error = Self.error(text, threads: 3, chunkSize: 2048)
            #expect(error == DataLoadError(file: "t.csv", line: target + 1, column: column, message: message))
            checked += 1
        }
        #expect(checked > 100)
    }

    static let rejected: [(String, Int, Int, String)] = [
        (
            "iso3,indicator,year,value\nDEU,x,2000,1\nDEU,x,2000,2\n", 3, 1,
            "duplicate observation: DEU x 2000 is already given on line 2"
        ),
        (
            "iso3,indicator,year,value\nDEU,x,2000,..\nFRA,x,2000,1\nDEU,x,2000,2\n", 4, 1,
            "duplicate observation: DEU x 2000 is already given on line 2"
        ),
        ("iso3,indicator,year,value\nDEU,x,2000,1,5\n", 2, 14, "expected 4 fields as in the header, found 5"),
        ("iso3,indicator,year,value\nDEU,x,2000\n", 2, 11, "expected 4 fields as in the header, found 3"),
        (
            "iso3,indicator,year,value\nDEU,x,\"2000,1\n", 2, 7,
            "unterminated quoted field: the quote opened here is never closed"
        ),
        (
            "iso3,indicator,year,value\nDEU,x,\"2000\"1,1\n", 2, 13,
            "expected a comma or the end of the line after a closing quote"
        ),
        (
            "iso3,indicator,year,value\nDEU,x\"y,2000,1\n", 2, 6,
            "a quote inside an unquoted field; quote the whole field and double the quote"
        ),
        ("iso3,indicator,year,value\n,x,2000,1\n", 2, 1, "expected a country code, found an empty cell"),
        ("iso3,indicator,year,value\nDEU,,2000,1\n", 2, 5, "expected an indicator code, found an empty cell"),
        ("iso3,indicator,year,value\nDEU,x,,1\n", 2, 7, "expected a year, found an empty cell"),
        (
            "iso3,indicator,year,value\nDEU,x,999,1\n", 2, 7,
            "expected a whole-number year between 1000 and 2999, found `999`"
        ),
        ("iso3,indicator,year,value\nDEU,x,2000,1e999\n", 2, 12, "number out of range: `1e999`"),
        (
            "iso3,indicator,year,value\nDEU,x,2000,inf\n", 2, 12,
            "expected a number or a missing-value marker (empty, NA, .., -), found `inf`"
        ),
        (
            "iso3,indicator,year,value\nDEU,x,2000, 1\n", 2, 12,
            "expected a number or a missing-value marker (empty, NA, .., -), found ` 1`"
        ),
        (
            "iso3,indicator,year,value\nCôte,x,2000,n/a\n", 2, 13,
            "expected a number or a missing-value marker (empty, NA, .., -), found `n/a`"
        ),
        ("iso3,indicator,year\nDEU,x,2000\n", 1, 1, "missing column `value` in the header"),
        ("", 1, 1, "the file is empty; expected a header line"),
        ("iso3,indicator,year,value,year\n", 1, 27, "duplicate column `year` in the header"),
    ]

    @Test(arguments: rejected)
    func rejects_with_position(text: String, line: Int, column: Int, message: String) {
        for threads in [1, 2] {
            #expect(
                Self.error(text, threads: threads)
                    == DataLoadError(file: "t.csv", line: line, column: column, message: message))
        }
    }

    /// Years and values are read in place when they look plain; everything
    /// else about them must still be what the general path says.
    @Test func fields_read_in_place_fall_back_cleanly() throws {
        let header = "iso3,indicator,value,year\n"
        let ok = try Self.parse(
            header + "DEU,x,1.5,2000\nDEU,x,-2e3,2001\r\nDEU,x,..,2002\nDEU,x,\"7\",2003\nDEU,x,0,02004")
        #expect(ok.rows == 5 && ok.missingMarkers == 1)
        #expect(ok.value(entity: 0, indicator: 0, year: 2001) == -2000)
        #expect(ok.value(entity: 0, indicator: 0, year: 2003) == 7)
        #expect(ok.value(entity: 0, indicator: 0, year: 2004) == 0)
        let cases: [(String, Int, String)] = [
            ("DEU,x,1,2000,5\n", 14, "expected 4 fields as in the header, found 5"),
            ("DEU,x,1\n", 8, "expected 4 fields as in the header, found 3"),
            ("DEU,x,1,\n", 9, "expected a year, found an empty cell"),
            ("DEU,x,12\"3,2000\n", 9, "a quote inside an unquoted field; quote the whole field and double the quote"),
            ("DEU,x,1e,2000\n", 7, "expected a number or a missing-value marker (empty, NA, .., -), found `1e`"),
            ("DEU,x,1,2000x\n", 9, "expected a whole-number year between 1000 and 2999, found `2000x`"),
            ("DEU,x,1,3000\n", 9, "expected a whole-number year between 1000 and 2999, found `3000`"),
            ("DEU,x,1,200\n", 9, "expected a whole-number year between 1000 and 2999, found `200`"),
            ("DEU,x,1.5.,2000\n", 7, "expected a number or a missing-value marker (empty, NA, .., -), found `1.5.`"),
            (
                "DEU,x,NaN,2000\n", 7,
                "expected a number, found `NaN`; NaN is not a missing-value marker: write NA or leave the cell empty"
            ),
            ("DEU,x,1,0002000\n", 9, "expected a whole-number year between 1000 and 2999, found `0002000`"),
        ]
        for (row, column, message) in cases {
            #expect(
                Self.error(header + row) == DataLoadError(file: "t.csv", line: 2, column: column, message: message),
                "\(row)")
        }
        // And with the value last: a number running into the end of the file or a quote.
        let last = "iso3,indicator,year,value\n"
        #expect(try Self.parse(last + "DEU,x,2000,12").value(entity: 0, indicator: 0, year: 2000) == 12)
        #expect(
            Self.error(last + "DEU,x,2000,12\"\n")?.message
                == "a quote inside an unquoted field; quote the whole field and double the quote")
        #expect(
            Self.error(last + "DEU,x,2000,1,\n")
                == DataLoadError(
                    file: "t.csv", line: 2, column: 14, message: "expected 4 fields as in the header, found 5"))
    }

    @Test func rejects_invalid_utf8_where_it_is() {
        let prefix = Array("iso3,indicator,year,value\nDEU,x,2000,1\n".utf8)
        let cases: [([UInt8], Int, Int)] = [
            (prefix + Array("AB".utf8) + [0xFF] + Array(",x,2001,1\n".utf8), 3, 3),
            (prefix + Array("DEU,x,2001,1".utf8) + [0xC3] + Array("\n".utf8), 3, 13),
            (prefix + Array("\"D".utf8) + [0xC0, 0x80] + Array("\",x,2001,1\n".utf8), 3, 3),
        ]
        for (bytes, line, column) in cases {
            let error = #expect(throws: DataLoadError.self) {
                try LongFormParser.parse(
                    bytes, file: "t.csv",
                    columns: { header throws(DataLoadError) in try LongFormParser.Columns(header: header, file: "t.csv")
                    })
            }
            #expect(error?.line == line)
            #expect(error?.column == column)
            #expect(error?.message.hasPrefix("invalid UTF-8 (byte 0x") == true)
        }
    }

    @Test func bounds_are_checked_at_the_cell() {
        let text = "iso3,indicator,year,value\nDEU,share,2000,50\nDEU,share,2001,100.5\n"
        let error = #expect(throws: DataLoadError.self) {
            try Self.parse(text, bounds: ["share": .init(minimum: 0, maximum: 100)])
        }
        #expect(
            error
                == DataLoadError(
                    file: "t.csv", line: 3, column: 16, message: "value 100.5 is above the maximum 100 of `share`"))
    }

    @Test func duplicate_in_a_later_chunk_names_both_lines() {
        let file = GeneratedFile(seed: 6, entities: 10, indicators: 4)
        var lines = file.text.split(separator: "\n").map(String.init)
        let original = 40
        let copy = lines.count - 5
        lines[copy] = lines[original]
        let error = Self.error(lines.joined(separator: "\n") + "\n", threads: 3, chunkSize: 2048)
        let fields = lines[original].split(separator: ",", omittingEmptySubsequences: false)
        #expect(
            error
                == DataLoadError(
                    file: "t.csv", line: copy + 1, column: 1,
                    message:
                        "duplicate observation: \(fields[0]) \(fields[1]) \(fields[2]) is already given on line \(original + 1)"
                ))
    }

    /// The scatter writes each row some rows after it asks for its cell's
    /// memory (`LongFormParser.scatterDepth`, 16): a duplicate at any distance
    /// from its original, inside or across that pipeline, on any number of
    /// threads, is found, and the first in file order is the one reported.
    @Test(arguments: [1, 2, 3, 15, 16, 17, 31, 33, 200])
    func a_duplicate_at_any_distance_is_the_first_reported(distance: Int) {
        let file = GeneratedFile(seed: 11, entities: 12, indicators: 6, order: .shuffled)
        var lines = file.text.split(separator: "\n").map(String.init)
        let original = 30
        let copy = original + distance
        lines[copy] = lines[original]
        // A second duplicate after the first, never the one reported.
        lines[copy + 40] = lines[copy + 1]
        let fields = lines[original].split(separator: ",", omittingEmptySubsequences: false)
        let expected = DataLoadError(
            file: "t.csv", line: copy + 1, column: 1,
            message:
                "duplicate observation: \(fields[0]) \(fields[1]) \(fields[2]) is already given on line \(original + 1)"
        )
        for (threads, chunkSize) in [(1, 8 << 20), (2, 4096), (3, 2048), (2, 8 << 20)] {
            #expect(
                Self.error(lines.joined(separator: "\n") + "\n", threads: threads, chunkSize: chunkSize) == expected,
                "\(threads) threads, chunks of \(chunkSize) bytes")
        }
    }

    // MARK: - datasets

    /// A parse that is mostly empty cells tries every indicator in sparse
    /// form (`SparseGrid`): those with at most half their cells go sparse,
    /// a full one falls back to its dense grid; the values, the counts of
    /// numbers and markers are the same either way.
    @Test(arguments: [1, 2])
    func patchy_indicators_are_built_sparse_and_full_ones_dense(threads: Int) throws {
        // 4 countries × 2 years: `full` has 7 numbers and a marker; `half`
        // exactly 4 numbers; `one` one number and a marker; `none` only a marker.
        var text = "iso3,indicator,year,value\n"
        for (country, code) in ["AAA", "BBB", "CCC", "DDD"].enumerated() {
            for year in [2000, 2001] {
                text +=
                    "\(code),full,\(year),\(country == 3 && year == 2001 ? "NA" : String(country * 10 + year % 10))\n"
                if year == 2000 { text += "\(code),half,\(year),\(Double(country) + 0.5)\n" }
            }
        }
        text += "BBB,one,2001,-0.0\nCCC,one,2000,..\nAAA,none,2000,\n"
        // 65 indicators, so the sparse ones are built on two threads.
        for extra in 0..<61 { text += "DDD,x\(extra),2000,\(extra)\n" }
        let (dataset, summary) = try DatasetAssembler.longForm(
            try Self.parse(text, threads: threads), name: "t", title: "t", unknownEntities: .keep)
        #expect(summary.observations == 7 + 4 + 1 + 61)
        #expect(summary.missingMarkers == 3)
        func form(_ id: String) -> String {
            guard let indicator = dataset.indicator(named: id) else { return "absent" }
            if case .sparse = indicator.storage { return "sparse" }
            return "dense"
        }
        #expect(["full", "half", "one", "none", "x0"].map(form) == ["dense", "sparse", "sparse", "sparse", "sparse"])
        let full = try #require(dataset.indicator(named: "full")).values
        #expect(full.map { $0.isNaN ? -1 : $0 } == [0, 1, 10, 11, 20, 21, 30, -1])
        let half = try #require(dataset.indicator(named: "half")).values
        #expect(half.map { $0.isNaN ? -1 : $0 } == [0.5, -1, 1.5, -1, 2.5, -1, 3.5, -1])
        let one = try #require(dataset.indicator(named: "one"))
        #expect(one.observationCount == 1 && one.values[3].sign == .minus && one.values[3] == 0)
        #expect(try #require(dataset.indicator(named: "none")).observationCount == 0)
    }

    @Test func unknown_entities_are_errors_skipped_or_kept() throws {
        let world = try #require(BuiltinDatasets.load("world"))
        let text = "iso3,indicator,year,value\nDEU,x,2010,1\nEUU,x,2010,2\nFRA,x,2011,3\n"
        let error = #expect(throws: DataLoadError.self) {
            try DatasetAssembler.longForm(try Self.parse(text), name: "t", title: "t", reference: world)
        }
        #expect(error == DataLoadError(file: "t.csv", line: 3, column: 1, message: "unknown country code `EUU`"))

        let (skipped, summary) = try DatasetAssembler.longForm(
            try Self.parse(text), name: "t", title: "t", reference: world, unknownEntities: .skip)
        #expect(skipped.countries.map(\.code) == ["DEU", "FRA"])
        #expect(skipped.countries[0].name == world.countries[world.countryIndex(code: "DEU")!].name)
        #expect(summary == .init(observations: 2, missingMarkers: 0, skippedEntities: ["EUU"]))
        #expect(skipped.fixtureText("wb_region", "FRA", 2011) == world.fixtureText("wb_region", "FRA", 2011))
        #expect(skipped.fixtureText("region", "FRA", 2011) == "EU")
        #expect(skipped.fixtureMember("eu", "DEU", 2010) == true)

        let (kept, _) = try DatasetAssembler.longForm(
            try Self.parse(text), name: "t", title: "t", reference: world, unknownEntities: .keep)
        #expect(kept.countries.map(\.code) == ["DEU", "EUU", "FRA"])
        #expect(kept.fixtureText("wb_region", "EUU", 2010) == nil)
        #expect(kept.fixtureValue("x", "EUU", 2010) == 2)
    }

    /// The world's own observations, read by this parser with the world as the
    /// reference and its indicators as metadata, give the world dataset back.
    @Test func world_observations_give_the_world_dataset() throws {
        let world = try DataFixtures.world()
        let bytes = try DataFixtures.read("Data/world/observations.csv")
        let output = try LongFormParser.parse(
            bytes, file: "observations.csv",
            columns: { header throws(DataLoadError) in
                try LongFormParser.Columns(header: header, file: "observations.csv")
            },
            options: .init(threads: 2, chunkSize: 1 << 16))
        var metadata: [String: Indicator] = [:]
        for indicator in world.indicators { metadata[indicator.id] = indicator }
        let (dataset, summary) = try DatasetAssembler.longForm(
            output, name: world.name, title: world.title, attribution: world.attribution, reference: world,
            metadata: metadata)
        #expect(summary.skippedEntities.isEmpty)
        #expect(dataset.firstYear == world.firstYear && dataset.lastYear == world.lastYear)
        let codes = Set(dataset.countries.map(\.code))
        if dataset.countries.count == world.countries.count {
            #expect(dataset == world)
        } else {
            // Countries without any observation are not in the file; compare the others.
            #expect(dataset.indicators.map(\.id) == world.indicators.map(\.id))
            #expect(dataset.attributes.map(\.name) == world.attributes.map(\.name))
            #expect(dataset.groups.map(\.name) == world.groups.map(\.name))
            for code in codes {
                for year in dataset.years {
                    for attribute in world.attributes {
                        #expect(
                            dataset.fixtureText(attribute.name, code, year)
                                == world.fixtureText(attribute.name, code, year))
                    }
                    for group in world.groups {
                        #expect(
                            dataset.fixtureMember(group.name, code, year) == world.fixtureMember(group.name, code, year)
                        )
                    }
                }
            }
            for indicator in dataset.indicators {
                let reference = try #require(world.indicator(named: indicator.id))
                var withoutValues = indicator
                var referenceWithoutValues = reference
                withoutValues.values = []
                referenceWithoutValues.values = []
                #expect(withoutValues == referenceWithoutValues)
                for code in codes {
                    for year in dataset.years {
                        let a = dataset.fixtureValue(indicator.id, code, year)!
                        let b = world.fixtureValue(reference.id, code, year)!
                        #expect(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN))
                    }
                }
            }
        }
    }

    /// The same long-form file through `DatasetLoader` (the table loader and
    /// `DatasetBuilder`) and through this parser gives the same dataset:
    /// aggregates skipped, unknown codes kept, the year axis, the reference's
    /// attributes and groups before, within and after its years, and values.
    @Test func same_dataset_as_the_table_loader() throws {
        let world = try #require(BuiltinDatasets.load("world"))
        var file = GeneratedFile(seed: 8, entities: 22, indicators: 6)
        file.text +=
            "DEU,\(file.indicators[0]),2026,1.5\nFRA,\(file.indicators[1]),2027,..\nXKX,\(file.indicators[2]),1980,2\n"
        let bytes = Array(file.text.utf8)
        let files = DataFiles(read: { _ in bytes }, kind: { _ in .file }, list: { _ in nil })
        let (theirs, report) = try DatasetLoader.load("long.csv", as: .table, files: files, reference: world)
        let output = try LongFormParser.parse(
            bytes, file: "long.csv",
            columns: { header throws(DataLoadError) in try LongFormParser.Columns(header: header, file: "long.csv") },
            options: .init(threads: 2, chunkSize: 4096))
        #expect(output.missingMarkers == report.missingMarkers)
        var metadata: [String: Indicator] = [:]
        for text in output.indicators {
            metadata[text] = theirs.indicators.first { $0.id == IndicatorNaming.identifier(text) }
        }
        let (mine, summary) = try DatasetAssembler.longForm(
            output, name: theirs.name, title: theirs.title, attribution: Array(theirs.attribution.dropLast()),
            reference: world, unknownEntities: .keep, skipEntity: WorldBankAggregates.isAggregate, metadata: metadata)
        #expect(summary.skippedEntities == report.aggregatesSkipped.sorted())
        #expect(mine.countries == theirs.countries)
        #expect(mine.firstYear == theirs.firstYear && mine.lastYear == theirs.lastYear)
        #expect(mine.attributes == theirs.attributes)
        #expect(mine.groups == theirs.groups)
        #expect(mine.indicators == theirs.indicators)
        #expect(mine == theirs)
    }

    /// An error in a long-form file is reported by the fast path itself (a
    /// second, general read of a large file only to report its error cost
    /// gigabytes), with the message and position the general path gives. The
    /// one difference is kept on purpose: a duplicate names the indicator as
    /// the file writes it (`GDP.X`), where the general path names its id.
    @Test(arguments: rejected.filter { !$0.3.hasPrefix("duplicate") && $0.1 > 1 })
    func errors_through_the_loader_match_the_general_path(text: String, line: Int, column: Int, message: String) {
        let bytes = Array(text.utf8)
        let files = DataFiles(read: { _ in bytes }, kind: { _ in .file }, list: { _ in nil })
        func error(_ options: LoadOptions) -> DataLoadError? {
            do throws(DataLoadError) {
                _ = try DatasetLoader.load("t.csv", as: .table, files: files, reference: nil, options: options)
                return nil
            } catch {
                return error
            }
        }
        // Any option sends the table through the general path.
        let general = error(LoadOptions(separator: UInt8(ascii: ",")))
        let fast = error(.none)
        #expect(general != nil)
        #expect(fast?.line == general?.line && fast?.column == general?.column, "\(text)")
        #expect(fast?.message == general?.message, "\(text)")
    }

    @Test func indicators_renamed_by_metadata_must_stay_distinct() throws {
        let text = "iso3,indicator,year,value\nDEU,GDP growth,2000,1\nDEU,gdp_growth,2001,2\nDEU,b,2000,3\n"
        func indicator(_ id: String, _ label: String) -> Indicator {
            Indicator(
                id: id, label: label, unit: "%", kind: "percent", minimum: nil, maximum: nil,
                source: "s", license: "", url: "", note: "", values: [1, 2, 3])
        }
        let renamed = try DatasetAssembler.longForm(
            try Self.parse(text), name: "t", title: "t",
            metadata: ["GDP growth": indicator("growth", "GDP growth"), "b": indicator("a", "B")]
        ).dataset
        #expect(renamed.indicators.map(\.id) == ["a", "gdp_growth", "growth"])
        #expect(renamed.indicator(named: "growth")?.unit == "%")
        #expect(renamed.fixtureValue("a", "DEU", 2000) == 3)
        let clash = #expect(throws: DataLoadError.self) {
            try DatasetAssembler.longForm(
                try Self.parse(text), name: "t", title: "t",
                metadata: ["GDP growth": indicator("gdp_growth", "GDP growth")])
        }
        #expect(
            clash
                == DataLoadError(
                    file: "t.csv", line: 3, column: 5,
                    message: "indicators `GDP growth` and `gdp_growth` would both be named `gdp_growth`; rename one"))
    }

    @Test func no_rows_is_an_error() throws {
        let output = try Self.parse("iso3,indicator,year,value\n\n")
        #expect(output.rows == 0)
        #expect(
            throws: DataLoadError(
                file: "t.csv", line: 0, column: 0, message: "no observations: the file has no data rows")
        ) {
            try DatasetAssembler.longForm(output, name: "t", title: "t")
        }
        let markersOnly = try Self.parse("iso3,indicator,year,value\nDEU,x,2000,NA\nDEU,x,2001,\n")
        #expect(
            throws: DataLoadError(
                file: "t.csv", line: 0, column: 0,
                message: "no observations: every value in the file is a missing-value marker (empty, NA, .., -)")
        ) {
            try DatasetAssembler.longForm(markersOnly, name: "t", title: "t")
        }
    }
}

extension String {
    fileprivate func replacingLastField(with text: String) -> String {
        guard let comma = lastIndex(of: ",") else { return self }
        return self[...comma] + text
    }
}
