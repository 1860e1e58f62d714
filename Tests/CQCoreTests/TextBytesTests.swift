import Testing

@testable import CQData

/// `TextBytes.firstInvalidUTF8` (which passes over ASCII eight bytes at a
/// time) against the standard library's own UTF-8 validation: the first bad
/// byte is where the longest valid prefix ends.
struct TextBytesTests {
    static func reference(_ bytes: [UInt8]) -> Int? {
        guard String(validating: bytes, as: UTF8.self) == nil else { return nil }
        var valid = 0
        for end in 1...bytes.count where String(validating: bytes[..<end], as: UTF8.self) != nil { valid = end }
        return valid
    }

    static let cases: [[UInt8]] = [
        [], Array("plain ASCII text, longer than eight bytes".utf8), Array("Côte d’Ivoire, São Tomé".utf8),
        Array("12345678é".utf8), Array("1234567é".utf8), [0xC3], Array("abcdefgh".utf8) + [0xC3],
        [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        Array("abcdefghijklmnop".utf8) + [0x80] + Array("abc".utf8), [0xE2, 0x82], Array("€uro".utf8),
    ]

    @Test(arguments: cases)
    func the_first_invalid_byte_is_found(bytes: [UInt8]) {
        #expect(TextBytes.firstInvalidUTF8(bytes) == Self.reference(bytes), "\(bytes)")
    }

    @Test func random_bytes_agree_with_the_standard_library() {
        var state: UInt64 = 0x1234_5678
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let pieces: [[UInt8]] = [
            Array("abcdefgh".utf8), Array("é".utf8), Array("’".utf8), Array("😀".utf8), [0x80], [0xC3], [0xFF],
            [0xED, 0xBF],
        ]
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(next() % 8) {
                // Mostly valid pieces, sometimes a bad byte.
                let piece = pieces[Int(next() % UInt64(next() % 4 == 0 ? pieces.count : 4))]
                bytes += piece
            }
            #expect(TextBytes.firstInvalidUTF8(bytes) == Self.reference(bytes), "\(bytes)")
        }
    }
}
