import CQCore
import Glibc

/// Files and datasets the data tests share: the package's `Data/` directory
/// (found from this file's path, so tests work from any working directory) and
/// the built-in datasets built once from its CSV files.
enum DataFixtures {
    /// The package root: this file is `<root>/Tests/CQCoreTests/Support/DataFixtures.swift`.
    static let packageRoot: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)
        return parts.joined(separator: "/")
    }()

    struct ReadError: Error, CustomStringConvertible {
        var path: String
        var description: String { "cannot read \(path)" }
    }

    /// The bytes of a file, by path relative to the package root.
    static func read(_ relativePath: String) throws -> [UInt8] {
        let path = packageRoot + "/" + relativePath
        guard let file = fopen(path, "rb") else { throw ReadError(path: path) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        guard ferror(file) == 0 else { throw ReadError(path: path) }
        return bytes
    }

    /// Both built-in datasets as the CSV loader gives them, built once: loading
    /// the 1.5 MB observations file takes a noticeable fraction of a second in
    /// a debug build.
    static let fromCSV: Result<(world: Dataset, paper: Dataset), any Error> = Result {
        try BuiltinDataSources.build { try read("Data/" + $0) }
    }

    static func world() throws -> Dataset { try fromCSV.get().world }
    static func paper() throws -> Dataset { try fromCSV.get().paper }

    /// The `extended` built-in as `Data/world-extended` gives it, built once
    /// and only by the tests that ask (its 7.9 MB take a while in a debug build).
    static let extendedFromCSV: Result<Dataset, any Error> = Result {
        try BuiltinDataSources.buildExtended(world: world()) { try read("Data/" + $0) }
    }

    static func extended() throws -> Dataset { try extendedFromCSV.get() }

    /// A built-in dataset, by name, as its CSV sources give it.
    static func builtin(_ name: String) throws -> Dataset {
        switch name {
        case "world": return try world()
        case "paper": return try paper()
        case "extended": return try extended()
        default: throw ReadError(path: "Data/ (no built-in dataset named \(name))")
        }
    }
}

/// Lookups by name for tests; prefixed so they cannot clash with API added to Dataset later.
extension Dataset {
    /// The value of an indicator for a country and year (NaN when missing).
    func fixtureValue(_ indicator: String, _ code: String, _ year: Int) -> Double? {
        guard let indicator = self.indicator(named: indicator), let country = countryIndex(code: code),
            years.contains(year)
        else { return nil }
        return indicator.values[cell(country: country, year: year)]
    }

    /// The text of an attribute for a country and year (nil when missing).
    func fixtureText(_ attribute: String, _ code: String, _ year: Int) -> String? {
        guard let attribute = self.attribute(named: attribute), let country = countryIndex(code: code),
            years.contains(year)
        else { return nil }
        let value = attribute.code(atCell: cell(country: country, year: year), yearCount: yearCount)
        return value == Attribute.missing ? nil : attribute.values[Int(value)]
    }

    /// Whether a country was in a group in a year (nil for unknown names or years).
    func fixtureMember(_ group: String, _ code: String, _ year: Int) -> Bool? {
        guard let group = self.group(named: group), let country = countryIndex(code: code),
            years.contains(year)
        else { return nil }
        return group.members[cell(country: country, year: year)]
    }
}

/// SplitMix64: a small deterministic generator for the fuzz-style tests, so a
/// failure reproduces.
struct DataFuzzRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
