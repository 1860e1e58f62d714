extension LongFormParser {
    /// The value of a plain decimal number as cq reads data cells
    /// (`CellText.plainNumber`): optional sign, digits with an optional point,
    /// optional exponent; nil for anything else (including the missing markers,
    /// `inf`, `nan`, hex, spaces) and for a number too large for a Double. Bit
    /// for bit what `Double(String)` gives.
    public static func decimal(_ text: UnsafeRawBufferPointer) -> Double? {
        guard let raw = text.baseAddress, text.count > 0 else { return nil }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        return fastDecimal(base, text.count) ?? slowDecimal(base, text.count).value
    }

    /// The exact fast path alone: nil when it does not apply (too many digits,
    /// an exponent out of its range, or not a plain decimal). Public for tests.
    public static func fastDecimal(_ text: UnsafeRawBufferPointer) -> Double? {
        guard let raw = text.baseAddress, text.count > 0 else { return nil }
        return fastDecimal(raw.assumingMemoryBound(to: UInt8.self), text.count)
    }

    /// 10⁰ … 10²², every one exactly representable in a Double.
    static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]
    static let integerPowers: [UInt64] = (0...19).map { power in (0..<power).reduce(1) { result, _ in result * 10 } }

    @inline(__always)
    static func fastDecimal(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        guard let (value, end) = scanDecimal(p, from: 0, limit: count), end == count else { return nil }
        return value
    }

    /// The fast path on the plain decimal starting at `from`: its value and
    /// where it ends (the first byte that cannot continue it, or `limit`), or
    /// nil when there is none or the fast path does not apply. The parser
    /// uses it in place, the end then having to be a field's end.
    @inline(__always)
    static func scanDecimal(_ p: UnsafePointer<UInt8>, from: Int, limit count: Int) -> (Double, Int)? {
        var i = from
        var negative = false
        if i < count, p[i] == minus || p[i] == plus {
            negative = p[i] == minus
            i += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var digits = 0
        while i < count {
            let digit = p[i] &- zero
            if digit >= 10 { break }
            digits += 1
            if mantissa != 0 || digit != 0 {
                if significant == 19 { return nil }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                significant += 1
            }
            i += 1
        }
        if i < count, p[i] == dot {
            i += 1
            while i < count {
                let digit = p[i] &- zero
                if digit >= 10 { break }
                digits += 1
                if mantissa != 0 || digit != 0 {
                    if significant == 19 { return nil }
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    significant += 1
                }
                exponent -= 1
                i += 1
            }
        }
        if digits == 0 { return nil }
        if i < count, p[i] | 0x20 == lowerE {
            i += 1
            var exponentNegative = false
            if i < count, p[i] == minus || p[i] == plus {
                exponentNegative = p[i] == minus
                i += 1
            }
            var written = 0
            var exponentDigits = 0
            while i < count {
                let digit = p[i] &- zero
                if digit >= 10 { break }
                if written < 100_000 { written = written * 10 + Int(digit) }
                exponentDigits += 1
                i += 1
            }
            if exponentDigits == 0 { return nil }
            exponent += exponentNegative ? -written : written
        }
        let value: Double
        if mantissa == 0 {
            value = 0
        } else if mantissa > 1 << 53 {
            return nil
        } else if exponent >= 0 {
            if exponent <= 22 {
                value = Double(mantissa) * exactPowers[exponent]
            } else if exponent <= 22 + 15 {
                // m × 10^(e−22) may still be an exact integer below 2⁵³.
                let (scaled, overflow) = mantissa.multipliedReportingOverflow(by: integerPowers[exponent - 22])
                if overflow || scaled > 1 << 53 { return nil }
                value = Double(scaled) * 1e22
            } else {
                return nil
            }
        } else if exponent >= -22 {
            value = Double(mantissa) / exactPowers[-exponent]
        } else {
            return nil
        }
        return (negative ? -value : value, i)
    }

    /// `CellText.plainNumber`'s rule (only plain decimal characters, then
    /// `Double(String)`), finite. `outOfRange` when it parses but is infinite.
    static func slowDecimal(_ p: UnsafePointer<UInt8>, _ count: Int) -> (value: Double?, outOfRange: Bool) {
        let text = String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
        guard let value = CellText.plainNumber(text) else { return (nil, false) }
        guard value.isFinite else { return (nil, true) }
        return (value, false)
    }
}
