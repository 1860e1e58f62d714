/// A unit of measurement as a product of named factors with integer powers:
/// "current US$", "current US$ × people", "1 / people", "(% of GDP)²".
///
/// Factors are the units as the data publishes them; cq does not know that a
/// "score 1-7" and "score 0-100" are different scales, only that they are
/// different units, which is enough to refuse adding them.
public struct Unit: Sendable, Hashable, CustomStringConvertible {
    /// Factor name → power, never zero.
    public private(set) var factors: [String: Int]

    public init(_ name: String) {
        factors = name.isEmpty ? [:] : [name: 1]
    }

    private init(factors: [String: Int]) {
        self.factors = factors.filter { $0.value != 0 }
    }

    /// A pure number: a ratio of two quantities in the same unit.
    public static let dimensionless = Unit(factors: [:])

    public var isDimensionless: Bool { factors.isEmpty }

    /// Powers beyond this are refused: no quantity is meaningful in
    /// (US$)¹⁰⁰, and the bound keeps unit arithmetic from overflowing.
    public static let maximumPower = 99

    /// The product, or nil when a power would pass `maximumPower`.
    public func multiplied(by other: Unit) -> Unit? {
        combined(with: other, sign: 1)
    }

    /// The quotient, or nil when a power would pass `maximumPower`.
    public func divided(by other: Unit) -> Unit? {
        combined(with: other, sign: -1)
    }

    private func combined(with other: Unit, sign: Int) -> Unit? {
        var result = factors
        for (name, power) in other.factors {
            let sum = (result[name] ?? 0) + sign * power
            guard abs(sum) <= Unit.maximumPower else { return nil }
            result[name] = sum
        }
        return Unit(factors: result)
    }

    /// The unit to a whole power, or nil when a power would pass `maximumPower`.
    public func raised(to power: Int) -> Unit? {
        guard abs(power) <= Unit.maximumPower else { return factors.isEmpty ? self : nil }
        var result: [String: Int] = [:]
        for (name, exponent) in factors {
            let product = exponent * power
            guard abs(product) <= Unit.maximumPower else { return nil }
            result[name] = product
        }
        return Unit(factors: result)
    }

    public var description: String {
        if factors.isEmpty { return "dimensionless" }
        let ordered = factors.sorted { $0.key < $1.key }
        func term(_ name: String, _ power: Int) -> String {
            let base = name.contains(" ") && ordered.count > 1 || power != 1 && name.contains(" ") ? "(\(name))" : name
            return power == 1 ? base : base + Unit.superscript(power)
        }
        let numerator = ordered.filter { $0.value > 0 }.map { term($0.key, $0.value) }
        let denominator = ordered.filter { $0.value < 0 }.map { term($0.key, -$0.value) }
        let top = numerator.isEmpty ? "1" : numerator.joined(separator: " × ")
        // "current US$ per person" reads better than "(current US$) / person".
        let perSingle = ordered.filter { $0.value > 0 }
        let below = ordered.filter { $0.value < 0 }
        if perSingle.count == 1, perSingle[0].value == 1, below.count == 1, below[0].value == -1 {
            return perSingle[0].key + " per " + below[0].key
        }
        return denominator.isEmpty ? top : top + " / " + denominator.joined(separator: " × ")
    }

    private static func superscript(_ power: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let magnitude = String(abs(power)).map { digits[Int(String($0))!] }
        return (power < 0 ? "⁻" : "") + String(magnitude)
    }
}

/// The type of every expression, known before anything runs.
public enum ValueType: Sendable, Equatable, CustomStringConvertible {
    /// A number; `nil` unit means a bare literal such as `2`, which takes on
    /// the unit of whatever it is combined with (`rnd > 2`).
    case number(Unit?)
    case text
    case boolean
    case year

    public var description: String {
        switch self {
        case .number(let unit?): return unit.isDimensionless ? "a number" : "a number in \(unit)"
        case .number(nil): return "a number"
        case .text: return "text"
        case .boolean: return "a condition"
        case .year: return "a year"
        }
    }

    public var isNumeric: Bool {
        switch self {
        case .number, .year: return true
        case .text, .boolean: return false
        }
    }
}

extension Unit {
    /// The unit an indicator's values carry, read from its metadata.
    ///
    /// Published unit texts name the currency but not what it is divided by:
    /// GDP per capita and FDI are both "current US$". So a money indicator
    /// whose label or id says "per capita" is money per person, and "people"
    /// counts persons; that is what makes `gdp_per_capita * population`
    /// current US$ and `fdi / (gdp_per_capita * population) * 100` a pure
    /// number. Every other unit text is its own unit, compared as written.
    public static func of(_ indicator: Indicator) -> Unit {
        let text = indicator.unit.trimmingSpaces
        let lowered = text.lowercased()
        if text.isEmpty { return .dimensionless }
        if ["people", "persons", "person", "population"].contains(lowered) { return Unit("person") }
        let label = indicator.label.lowercased()
        let perCapita =
            label.contains("per capita") || indicator.id.lowercased().contains("per_capita")
            || indicator.id.lowercased().hasSuffix("_pc") || indicator.id.lowercased().contains("_pcap")
        let money = lowered.contains("$") || lowered.contains("us dollar") || lowered.contains("lcu")
        if perCapita, money, !lowered.contains("per ") {
            return Unit(text).divided(by: Unit("person")) ?? Unit(text)
        }
        return Unit(text)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
