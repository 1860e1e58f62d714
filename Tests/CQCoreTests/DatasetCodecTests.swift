import CQBuiltins
import CQCore
import Testing

@Suite struct DatasetCodecTests {
    /// A small dataset exercising every part of the format: both attribute
    /// kinds, missing codes, a group, bounds present and absent, NaN with a
    /// payload, -0.0 and infinities (which bit-exact equality tells apart).
    static func tiny(
        countries: [Country] = [Country(code: "AAA", name: "Ä land"), Country(code: "BBB", name: "B")],
        kCodes: [Int32] = [0, -1], vValues: [Double]? = nil, firstYear: Int = 2019, lastYear: Int = 2021
    ) -> Dataset {
        Dataset(
            name: "tiny", title: "Tiny – a test", attribution: ["first", "second ©"],
            firstYear: firstYear, lastYear: lastYear, countries: countries,
            attributes: [
                Attribute(name: "k", label: "K", values: ["x", "y"], codes: .perCountry(kCodes)),
                Attribute(name: "r", label: "R", values: ["p"], codes: .perCell([0, -1, 0, 0, 0, -1])),
            ],
            groups: [Group(name: "g", label: "G", members: [true, false, true, false, false, true])],
            indicators: [
                Indicator(
                    id: "v", label: "V", unit: "u", kind: "count", minimum: 0, maximum: nil,
                    source: "s", license: "l", url: "", note: "n",
                    values: vValues ?? [1, .nan, -0.0, 2.5, Double(nan: 0x1234, signaling: false), .infinity]),
                Indicator(
                    id: "w", label: "W", unit: "", kind: "", minimum: nil, maximum: -0.0,
                    source: "", license: "", url: "", note: "", values: [0, 0, 0, 0, 0, -.infinity]),
            ])
    }

    static func decodes(_ bytes: [UInt8]) -> Bool {
        (try? DatasetCodec.decode(bytes)) != nil
    }

    @Test func tiny_round_trips_bit_exactly() throws {
        let tiny = Self.tiny()
        let bytes = DatasetCodec.encode(tiny)
        #expect(Array(bytes[0..<4]) == Array("CQDB".utf8))
        let decoded = try DatasetCodec.decode(bytes)
        #expect(decoded == tiny)
        #expect(decoded.indicators[0].values[4].bitPattern == tiny.indicators[0].values[4].bitPattern)
        #expect(decoded.indicators[0].values[2].sign == .minus)
        #expect(decoded.indicators[1].minimum == nil && decoded.indicators[1].maximum?.sign == .minus)
        #expect(DatasetCodec.encode(decoded) == bytes)
    }

    /// An indicator with values in at most half its cells is written as a
    /// bitmap and its values; it reads back as the same grid.
    @Test func a_sparse_indicator_round_trips() throws {
        let sparse = Self.tiny(vValues: [.nan, .nan, 3.5, .nan, -0.0, .nan])
        let bytes = DatasetCodec.encode(sparse)
        let form = Self.sparseValues(in: bytes)
        #expect(form != nil, "indicator v is not written sparse")
        let decoded = try DatasetCodec.decode(bytes)
        #expect(decoded == sparse)
        #expect(decoded.indicators[0].values[4].sign == .minus)
        #expect(decoded.indicators[0].values.map(\.isNaN) == [true, true, false, true, false, true])
        #expect(DatasetCodec.encode(decoded) == bytes)
    }

    /// A sparse block is decoded as it is: the grid is not laid out until
    /// read, and an indicator held sparse encodes to the same bytes.
    @Test func a_sparse_indicator_stays_sparse_until_read() throws {
        let bytes = DatasetCodec.encode(Self.tiny(vValues: [.nan, .nan, 3.5, .nan, -0.0, .nan]))
        let decoded = try DatasetCodec.decode(bytes)
        guard case .sparse(let grid) = decoded.indicators[0].storage else {
            Issue.record("v was decoded dense")
            return
        }
        #expect(!grid.isLaidOut)
        #expect(decoded.indicators[0].observationCount == 2)
        #expect(DatasetCodec.encode(decoded) == bytes)
        #expect(!grid.isLaidOut, "encoding laid the grid out")
        #expect(decoded.indicators[0].values[2] == 3.5)
        #expect(grid.isLaidOut)
    }

    /// The bitmap marks what is missing; a NaN among the values is damage.
    @Test func a_sparse_block_holding_a_nan_is_reported() throws {
        var bytes = DatasetCodec.encode(Self.tiny(vValues: [.nan, .nan, 3.5, .nan, -0.0, .nan]))
        let values = try #require(Self.sparseValues(in: bytes)) + 17
        let nan = Double.nan.bitPattern
        for index in 0..<8 { bytes[values + index] = UInt8(truncatingIfNeeded: nan >> UInt64(8 * index)) }
        let error = #expect(throws: DatasetCodec.DecodingError.self) { try DatasetCodec.decode(bytes) }
        #expect(error?.message.contains("a sparse block holds a NaN") == true, "\(String(describing: error))")
    }

    /// Where v's sparse values start: form 1, six cells, two values, the bitmap 0b10100.
    static func sparseValues(in bytes: [UInt8]) -> Int? {
        firstIndex(of: [1, 6, 0, 0, 0, 2, 0, 0, 0, 0b10100, 0, 0, 0, 0, 0, 0, 0], in: bytes)
    }

    @Test(arguments: [
        (5, UInt8(3), "the bitmap marks 2 values, the count says 3"),
        (9, UInt8(0b1010100), "a value marked past the grid"),
        (0, UInt8(7), "unknown form 7"),
    ])
    func a_damaged_sparse_indicator_is_reported(at position: Int, byte: UInt8, expected: String) throws {
        var bytes = DatasetCodec.encode(Self.tiny(vValues: [.nan, .nan, 3.5, .nan, -0.0, .nan]))
        let start = try #require(Self.sparseValues(in: bytes))
        bytes[start + position] = byte
        let error = #expect(throws: DatasetCodec.DecodingError.self) { try DatasetCodec.decode(bytes) }
        #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
    }

    @Test(arguments: ["world", "paper"])
    func builtins_round_trip(name: String) throws {
        let dataset = name == "world" ? try DataFixtures.world() : try DataFixtures.paper()
        let bytes = DatasetCodec.encode(dataset)
        let decoded = try DatasetCodec.decode(bytes)
        #expect(decoded == dataset)
        #expect(DatasetCodec.encode(decoded) == bytes)
    }

    @Test func every_truncation_throws() throws {
        for bytes in [DatasetCodec.encode(Self.tiny()), DatasetCodec.encode(try DataFixtures.paper())] {
            for length in 0..<bytes.count {
                #expect(throws: DatasetCodec.DecodingError.self, "length \(length)") {
                    try DatasetCodec.decode(Array(bytes[0..<length]))
                }
            }
        }
    }

    /// Every byte overwritten three ways: decoding may succeed (a changed
    /// value is still a valid dataset) but must never trap or read out of bounds.
    @Test func corrupted_bytes_never_crash() throws {
        for original in [DatasetCodec.encode(Self.tiny()), DatasetCodec.encode(try DataFixtures.paper())] {
            for index in original.indices {
                for replacement in [0x00, 0xFF, original[index] ^ 0x01] as [UInt8] {
                    var bytes = original
                    bytes[index] = replacement
                    if let decoded = try? DatasetCodec.decode(bytes) {
                        #expect(decoded.indicators.allSatisfy { $0.values.count == decoded.cellCount })
                    }
                }
            }
        }
    }

    /// A few bytes changed at random at once, so counts and lengths are
    /// corrupted together with what they describe.
    @Test func random_damage_never_crashes() throws {
        let original = DatasetCodec.encode(try DataFixtures.paper())
        var generator = DataFuzzRandom(seed: 42)
        for _ in 0..<3000 {
            var bytes = original
            for _ in 0...(generator.next() % 4) {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] = UInt8(truncatingIfNeeded: generator.next())
            }
            if let decoded = try? DatasetCodec.decode(bytes) {
                #expect(decoded.groups.allSatisfy { $0.members.count == decoded.cellCount })
            }
        }
    }

    /// (what, damage, expected words in the message)
    static let damaged: [(String, @Sendable ([UInt8]) -> [UInt8], String)] = [
        (
            "magic",
            {
                var b = $0
                b[0] = UInt8(ascii: "X")
                return b
            }, "not a cq dataset"
        ),
        (
            "version",
            {
                var b = $0
                b[4] = 1
                return b
            }, "format version 1, but this build reads version 2"
        ),
        ("extended", { $0 + [0] }, "but there are"),
        (
            "trailing",
            { bytes in
                var b = bytes + [0]
                b[8] = UInt8(truncatingIfNeeded: b.count)
                b[9] = UInt8(truncatingIfNeeded: b.count >> 8)
                return b
            }, "unexpected bytes at the end"
        ),
        (
            "flag",
            { bytes in
                // The six member flags follow the group's name and label.
                var b = bytes
                let at = DatasetCodecTests.firstIndex(
                    of: [1, 0, 0, 0, UInt8(ascii: "g"), 1, 0, 0, 0, UInt8(ascii: "G"), 6, 0, 0, 0], in: b)!
                b[at + 14] = 2
                return b
            }, "other than 0 or 1"
        ),
        (
            "utf8",
            { bytes in
                var b = bytes
                let at = DatasetCodecTests.firstIndex(of: Array("first".utf8), in: b)!
                b[at] = 0xFF
                return b
            }, "not valid UTF-8"
        ),
    ]

    @Test(arguments: damaged)
    func damage_is_reported(what: String, damage: @Sendable ([UInt8]) -> [UInt8], expected: String) {
        let error = #expect(throws: DatasetCodec.DecodingError.self) {
            try DatasetCodec.decode(damage(DatasetCodec.encode(Self.tiny())))
        }
        #expect(error?.message.contains(expected) == true, "\(what): \(String(describing: error))")
    }

    /// The encoder writes what it is given; the decoder refuses datasets that
    /// break invariants other code indexes by.
    @Test func invariants_are_checked_on_decode() {
        let cases: [(Dataset, String)] = [
            (Self.tiny(kCodes: [0, 2]), "value code outside"),
            (Self.tiny(kCodes: [0, -2]), "value code outside"),
            (Self.tiny(kCodes: [0]), "entries where the grid needs 2"),
            (Self.tiny(vValues: [1, 2, 3]), "entries where the grid needs 6"),
            (Self.tiny(countries: [Country(code: "BBB", name: "B"), Country(code: "AAA", name: "A")]), "not sorted"),
            (Self.tiny(countries: [Country(code: "AAA", name: "A"), Country(code: "AAA", name: "A")]), "not sorted"),
            (Self.tiny(firstYear: 2021, lastYear: 2019), "after the last"),
        ]
        for (dataset, expected) in cases {
            let error = #expect(throws: DatasetCodec.DecodingError.self) {
                try DatasetCodec.decode(DatasetCodec.encode(dataset))
            }
            #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
        }
    }

    @Test func fingerprint_is_fnv1a64() throws {
        #expect([UInt8]().withUnsafeBytes { DatasetCodec.fingerprint(of: $0) } == "cbf29ce484222325")
        #expect(Array("a".utf8).withUnsafeBytes { DatasetCodec.fingerprint(of: $0) } == "af63dc4c8601ec8c")
        #expect(Array("foobar".utf8).withUnsafeBytes { DatasetCodec.fingerprint(of: $0) } == "85944171f73967e8")
    }

    @Test func fingerprint_tracks_content() throws {
        let tiny = Self.tiny()
        #expect(tiny.fingerprint.count == 16)
        #expect(tiny.fingerprint.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(tiny.fingerprint == Self.tiny().fingerprint)
        var changed = tiny
        changed.indicators[0].values[0] = 1.0000000000000002
        #expect(changed.fingerprint != tiny.fingerprint)
        var renamed = tiny
        renamed.title += " "
        #expect(renamed.fingerprint != tiny.fingerprint)
        #expect(BuiltinDatasets.fingerprint("world") == (try DataFixtures.world()).fingerprint)
    }

    /// The first index at which `pattern` occurs in `bytes`.
    static func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard pattern.count <= bytes.count else { return nil }
        return (0...(bytes.count - pattern.count)).first { Array(bytes[$0..<$0 + pattern.count]) == pattern }
    }
}
