extension LongFormParser {
    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    static let minus = UInt8(ascii: "-"), plus = UInt8(ascii: "+"), dot = UInt8(ascii: "."), zero = UInt8(ascii: "0")
    static let lowerE = UInt8(ascii: "e"), upperE = UInt8(ascii: "E")

    /// 1 for the bytes that end an unquoted field or start the slow path: , " CR LF.
    static let special: [UInt8] = (0..<256).map { byte in
        byte == 0x2C || byte == 0x22 || byte == 0x0D || byte == 0x0A ? 1 : 0
    }

    /// The end of an unquoted field: the offset of the first `,` `"` CR or LF
    /// from `from`, or `total`. Eight bytes at a time: a byte equal to b makes
    /// `(x ^ b…) - 1…` borrow into its high bit; the lowest such bit is exact.
    @inline(__always)
    static func fieldEnd(_ p: UnsafePointer<UInt8>, from: Int, total: Int, special: UnsafePointer<UInt8>) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var j = from
        while j &+ 8 <= total {
            let word = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
            let a = word ^ (ones &* 0x2C)
            let b = word ^ (ones &* 0x22)
            let c = word ^ (ones &* 0x0D)
            let d = word ^ (ones &* 0x0A)
            let found = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c | (d &- ones) & ~d) & highs
            if found != 0 { return j &+ (UInt64(littleEndian: found).trailingZeroBitCount >> 3) }
            j &+= 8
        }
        while j < total, special[Int(p[j])] == 0 { j &+= 1 }
        return j
    }

    /// Whether two byte ranges of the same length are equal (short keys: no call to memcmp).
    @inline(__always)
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        while i &+ 8 <= count {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self)
                != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
            {
                return false
            }
            i &+= 8
        }
        while i < count {
            if a[i] != b[i] { return false }
            i &+= 1
        }
        return true
    }

    /// Turns byte offsets into columns: characters from the start of the line.
    struct Locator {
        let base: UnsafePointer<UInt8>
        let count: Int
        /// The byte order mark is not a character of the first line.
        let bom: Int

        init(base: UnsafePointer<UInt8>, count: Int) {
            self.base = base
            self.count = count
            bom = TextBytes.byteOrderMarkLength(UnsafeBufferPointer(start: base, count: count))
        }

        func column(of offset: Int) -> Int {
            var start = offset
            while start > 0, !TextBytes.isLineEnd(base[start - 1]) { start -= 1 }
            start = max(start, min(bom, offset))
            return String(decoding: UnsafeBufferPointer(start: base + start, count: offset - start), as: UTF8.self)
                .count + 1
        }

        /// An error at an offset whose line is not known: counts from the start.
        func error(_ file: String, at offset: Int, _ message: String) -> DataLoadError {
            let line = 1 + TextBytes.lineEnds(base, 0..<offset, total: count)
            return DataLoadError(file: file, line: line, column: column(of: offset), message: message)
        }
    }
}
