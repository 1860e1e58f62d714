// cq-generate: writes a synthetic long-form CSV at the scale of the full
// World Bank WDI, for the `cq-bench scale` benchmark.
//
//     swift run -c release cq-generate --output .build/bench/wdi-long.csv
//     swift run -c release cq-generate --output small.csv --scale 0.001 --seed 7
//
// The file is `iso3,indicator,year,value`, one observation per line, about
// 1,500 indicators × 266 economies × 64 years (1960–2023): 15.0 million rows,
// 486 MB at `--scale 1` with the default seed. `--scale F` keeps that fraction
// of the indicators (at least two; the first ones drawn, with the same values),
// for small test files. Everything is derived from `--seed` by SplitMix64, so
// the same options give the same bytes.
//
// What makes it look like the real WDI:
// - economies are the 218 ISO3 codes of Data/world/countries.csv (read from
//   `--countries`) plus 48 World Bank aggregate codes (EUU, WLD, SSF, …),
//   in code order;
// - indicator codes look like WDI series codes (`NY.GDP.MKTP.CD`), and the
//   code's last part says the kind, which sets the magnitudes: percentages
//   0–100 (`.ZS`), money 10⁶–10¹³ (`.CD`, `.KD`), per-capita money (`.PC.CD`),
//   counts (`.IN`), growth rates that go negative (`.ZG`), rates per 1,000
//   (`.P3`) and indices (`.XD`);
// - each indicator starts in 1960, 1970, 1980, 1990 or 2000 and ends in
//   2021–2023; 6% of (indicator, economy) pairs have no data at all and 10% of
//   the other cells inside the coverage are absent (absent rows, not empty
//   values), so about 15% of the covered cells are missing;
// - 0.4% of rows have an empty value and 0.3% the marker `..`;
// - values share a latent "development" factor per economy so indicators
//   correlate as real ones do, drift over the years, and are printed as a CSV
//   export would: mostly 3 to 6 significant digits (some series 10 to 15),
//   integers for counts and some money series, exponent notation for others,
//   and 2% of values at full precision (Swift's shortest round-trip form, up
//   to 17 digits).
//
// Shapes (for `cq-bench scale`, which loads each one): real files differ from
// this default in ways a loader must not care about, so each is an option:
// - `--order country|indicator|shuffled`: rows economy by economy (the
//   default), indicator by indicator (as WDI's and OECD's exports are), or in
//   a seeded random order;
// - `--codes iso|mixed`: `mixed` adds 40 entity codes that are neither ISO
//   countries nor World Bank aggregates (OWID_WRL, historical SUN, YUG, …,
//   subnational and invented codes), which a loader keeps as entities;
// - `--digits N` or `--digits N-M`: every value printed with N…M significant
//   digits (7-9: what a statistics office's export writes), no short forms;
// - `--markers wdi|all`: the missing markers used, `..` and empty (default)
//   or also `NA` and `-`; `--missing F` the share of rows with one;
// - `--grid wdi|dense|sparse`: the default coverage above; every economy,
//   indicator and year 1960–2023 present (dense); or 40% of pairs without
//   data and 60% of the other cells absent (sparse).
// - `--folder DIR`: also the same data as a cq-layout folder: DIR/observations.csv
//   (a hard link to the file), indicators.csv (ids, labels, units, and 0–100
//   bounds for percentages), countries.csv (Data/world's rows for its
//   countries, the code as the name of every other economy but the World
//   Bank aggregates, whose rows cq skips) and
//   Data/world's memberships.csv.
// - `--wdi-table DIR`: also the same data as the World Bank's bulk download
//   lays it out, DIR/WDICSV.csv (WDITable.swift); not with shuffled rows.
// The values of an (indicator, economy) pair depend only on the seed, the
// indicator's code and the economy, so the same data in another order is the
// same dataset.
//
// Glibc only, one large buffered write at a time: about two seconds for the
// full file on one core (a shuffled file is built in memory first).

import Glibc

// MARK: - options

enum RowOrder: String { case country, indicator, shuffled }
enum Grid: String { case wdi, dense, sparse }

struct Options {
    var output = "wdi-long.csv"
    var scale = 1.0
    var seed: UInt64 = 1
    var countries = "Data/world/countries.csv"
    var order = RowOrder.country
    var mixedCodes = false
    /// Significant digits for every value (nil: each series' own).
    var digits: ClosedRange<Int>?
    var allMarkers = false
    var missing = 0.007
    var grid = Grid.wdi
    /// A cq-layout folder to write beside the file (nil: none).
    var folder: String?
    /// A folder for the same data as a WDI bulk table (nil: none).
    var wdiTable: String?
}

func fail(_ message: String) -> Never {
    let line = "cq-generate: \(message)\n"
    _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    exit(1)
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst() {
        func value() -> String {
            guard let value = arguments.popFirst() else { fail("\(argument) needs a value") }
            return value
        }
        switch argument {
        case "--output", "-o": options.output = value()
        case "--scale":
            guard let scale = Double(value()), scale > 0, scale <= 8 else { fail("--scale takes a number in (0, 8]") }
            options.scale = scale
        case "--order":
            guard let order = RowOrder(rawValue: value()) else { fail("--order takes country, indicator or shuffled") }
            options.order = order
        case "--codes":
            switch value() {
            case "iso": options.mixedCodes = false
            case "mixed": options.mixedCodes = true
            default: fail("--codes takes iso or mixed")
            }
        case "--digits":
            let text = value()
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard (1...2).contains(parts.count), parts.allSatisfy({ (1...17).contains($0) }), parts[0] <= parts.last!
            else { fail("--digits takes N or N-M, significant digits from 1 to 17") }
            options.digits = parts[0]...parts.last!
        case "--markers":
            switch value() {
            case "wdi": options.allMarkers = false
            case "all": options.allMarkers = true
            default: fail("--markers takes wdi or all")
            }
        case "--missing":
            guard let share = Double(value()), share >= 0, share < 1 else { fail("--missing takes a share in [0, 1)") }
            options.missing = share
        case "--folder": options.folder = value()
        case "--wdi-table": options.wdiTable = value()
        case "--grid":
            guard let grid = Grid(rawValue: value()) else { fail("--grid takes wdi, dense or sparse") }
            options.grid = grid
        case "--seed":
            guard let seed = UInt64(value()) else { fail("--seed takes a whole number") }
            options.seed = seed
        case "--countries": options.countries = value()
        case "--help", "-h":
            print(
                "usage: cq-generate [--output PATH] [--scale F] [--seed N] [--countries Data/world/countries.csv]\n"
                    + "                   [--order country|indicator|shuffled] [--codes iso|mixed] [--digits N[-M]]\n"
                    + "                   [--markers wdi|all] [--missing SHARE] [--grid wdi|dense|sparse] [--folder DIR]\n"
                    + "                   [--wdi-table DIR]"
            )
            exit(0)
        default: fail("unknown option \(argument) (try --help)")
        }
    }
    return options
}

// MARK: - randomness

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, and the same everywhere.
struct SplitMix64 {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// Standard normal (Box–Muller; one of the pair is enough here).
    mutating func normal() -> Double {
        let u = max(unit(), 0x1p-60)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * unit())
    }
}

/// A stream of its own for each (indicator, economy) pair, so the values of a
/// pair do not depend on the scale.
func stream(_ seed: UInt64, _ code: String, _ economy: Int) -> SplitMix64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a of the indicator code
    for byte in code.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    var mixer = SplitMix64(seed ^ hash ^ (UInt64(economy) &* 0xC2B2_AE3D_27D4_EB4F))
    return SplitMix64(mixer.next())
}

// MARK: - economies

func readCountryCodes(_ path: String) -> [String] {
    readCountryLines(path).codes
}

/// The lines of a countries.csv after its header, with their codes.
func readCountryLines(_ path: String) -> (header: String, codes: [String], lines: [String]) {
    let text = readText(path)
    let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map(String.init)
    guard let header = lines.first, header.hasPrefix("iso3,") else {
        fail("\(path): expected a header starting with iso3")
    }
    let rows = lines.dropFirst().filter { $0.prefix { $0 != "," }.count == 3 }
    return (header, rows.map { String($0.prefix(3)) }, Array(rows))
}

func readText(_ path: String) -> String {
    guard let file = fopen(path, "rb") else {
        fail("cannot read \(path) (\(String(cString: strerror(errno)))); run from the package root or pass --countries")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if count == 0 { break }
        bytes += chunk[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// World Bank aggregate codes (regions, income groups, lending groups, …).
let aggregateCodes = [
    "AFE", "AFW", "ARB", "CEB", "CSS", "EAP", "EAR", "EAS", "ECA", "ECS", "EMU", "EUU", "FCS", "HIC", "HPC", "IBD",
    "IBT", "IDA", "IDB", "IDX", "LAC", "LCN", "LDC", "LIC", "LMC", "LMY", "LTE", "MEA", "MIC", "MNA", "NAC", "OED",
    "OSS", "PRE", "PSS", "PST", "SAS", "SSA", "SSF", "SST", "TEA", "TEC", "TLA", "TMN", "TSA", "TSS", "UMC", "WLD",
]

/// Entity codes that are neither ISO countries nor World Bank aggregates, as
/// other publishers' files carry them: Our World in Data's own codes,
/// historical states, subnational units and invented codes.
let unknownCodes = [
    "OWID_WRL", "OWID_KOS", "OWID_CYN", "OWID_USS", "OWID_CZS", "OWID_YGS", "OWID_EUR", "OWID_AFR", "OWID_ASI",
    "OWID_NAM", "SUN", "YUG", "CSK", "DDR", "ANT", "SCG", "ZAR", "TMP", "BUR", "DHY", "US-CA", "US-TX", "US-NY",
    "DE-BY", "DE-NW", "GB-SCT", "GB-WLS", "CA-QC", "ES-CT", "IT-LOM", "X01", "X02", "X03", "QQA", "QQB", "ZZA",
    "ZZB", "ZZC", "EU27", "G7",
]

// MARK: - indicators

enum Kind: CaseIterable {
    case percent, money, moneyPerCapita, count, growth, ratePerThousand, index

    var suffix: String {
        switch self {
        case .percent: "ZS"
        case .money: "CD"
        case .moneyPerCapita: "PC.CD"
        case .count: "IN"
        case .growth: "KD.ZG"
        case .ratePerThousand: "P3"
        case .index: "XD"
        }
    }
}

struct Series {
    var code: String
    var kind: Kind
    /// Typical level (the median across economies) and spread (log scale).
    var level: Double
    var spread: Double
    /// Loading on the economies' development factor, in [-1, 1].
    var loading: Double
    var trend: Double
    var firstYear: Int
    var lastYear: Int
    /// Significant digits printed (3…15); 0 prints whole numbers.
    var digits: Int
    var exponentNotation: Bool
}

let topics = [
    "AG", "BM", "BN", "BX", "CM", "DC", "DT", "EG", "EN", "ER", "FB", "FD", "FI", "FM", "FP", "FR", "FS", "GB", "GC",
    "IC", "IE", "IP", "IQ", "IS", "IT", "LP", "MS", "NE", "NV", "NY", "PA", "PX", "SE", "SG", "SH", "SI", "SL", "SM",
    "SN", "SP", "ST", "TG", "TM", "TT", "TX", "VC",
]

func letters(_ count: Int, _ random: inout SplitMix64) -> String {
    String((0..<count).map { _ in Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(random.below(26)))) })
}

func makeSeries(count: Int, seed: UInt64, options: Options) -> [Series] {
    var random = SplitMix64(seed ^ 0x5EED_0F_1AD1CA70)
    var seen: Set<String> = []
    var series: [Series] = []
    while series.count < count {
        let kind = Kind.allCases[random.below(Kind.allCases.count)]
        let code =
            topics[random.below(topics.count)] + "." + letters(3, &random) + "." + letters(4, &random) + "."
            + kind.suffix
        guard seen.insert(code).inserted else { continue }
        let level: Double
        let spread: Double
        switch kind {
        case .percent: (level, spread) = (5 + 60 * random.unit(), 0.6)
        case .money: (level, spread) = (pow(10, 8 + 3 * random.unit()), 1.6)
        case .moneyPerCapita: (level, spread) = (pow(10, 3 + random.unit()), 1.2)
        case .count: (level, spread) = (pow(10, 4 + 3 * random.unit()), 1.5)
        case .growth: (level, spread) = (3 * random.unit(), 0)
        case .ratePerThousand: (level, spread) = (5 + 40 * random.unit(), 0.5)
        case .index: (level, spread) = (100, 0.15)
        }
        let startRoll = random.unit()
        let firstYear =
            startRoll < 0.25 ? 1960 : startRoll < 0.40 ? 1970 : startRoll < 0.60 ? 1980 : startRoll < 0.85 ? 1990 : 2000
        let endRoll = random.unit()
        let lastYear = endRoll < 0.7 ? 2023 : endRoll < 0.9 ? 2022 : 2021
        var digits: Int
        switch kind {
        case .count: digits = 0
        case .money: digits = random.unit() < 0.2 ? 0 : 3 + random.below(4)
        default: digits = random.unit() < 0.05 ? 10 + random.below(6) : 3 + random.below(4)
        }
        if let range = options.digits { digits = range.lowerBound + random.below(range.count) }
        series.append(
            Series(
                code: code, kind: kind, level: level, spread: spread, loading: 2 * random.unit() - 1,
                trend: (random.unit() - 0.3) * 0.04, firstYear: options.grid == .dense ? 1960 : firstYear,
                lastYear: options.grid == .dense ? 2023 : lastYear, digits: digits,
                exponentNotation: kind == .money && digits > 0 && random.unit() < 0.5))
    }
    return series.sorted { $0.code < $1.code }
}

// MARK: - output

/// Appends to a large buffer and writes it out when full — or, when
/// `collected` is set, keeps everything in memory (for a shuffled file).
struct Output {
    let descriptor: Int32
    let path: String
    var collected: [UInt8]?
    var buffer: UnsafeMutablePointer<UInt8>
    let capacity = 8 << 20
    var count = 0
    var total = 0

    init(path: String) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { fail("cannot create \(path): \(String(cString: strerror(errno)))") }
        buffer = .allocate(capacity: capacity)
    }

    /// An output kept in memory.
    init(inMemoryFor path: String) {
        self.path = path
        descriptor = -1
        collected = []
        buffer = .allocate(capacity: capacity)
    }

    /// The offset the next byte will have.
    var offset: Int { total + count }

    @inline(__always) mutating func byte(_ value: UInt8) {
        buffer[count] = value
        count += 1
    }
    mutating func text(_ value: String) {
        for byte in value.utf8 { self.byte(byte) }
    }
    /// Room for one more row (rows are far shorter than this).
    @inline(__always) mutating func reserve() {
        if count > capacity - 512 { flush() }
    }
    /// The decimal digits of a non-negative whole number.
    @inline(__always) mutating func digits(_ value: UInt64, minimumCount: Int = 1) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes
        var length = 0
        var rest = value
        withUnsafeMutableBytes(of: &scratch) { raw in
            repeat {
                raw[23 - length] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                length += 1
            } while rest > 0 || length < minimumCount
            for index in (24 - length)..<24 { byte(raw[index]) }
        }
    }
    mutating func flush() {
        if collected != nil {
            collected!.append(contentsOf: UnsafeBufferPointer(start: buffer, count: count))
            total += count
            count = 0
            return
        }
        var written = 0
        while written < count {
            let result = write(descriptor, buffer + written, count - written)
            if result < 0 {
                if errno == EINTR { continue }
                fail("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            written += result
        }
        total += count
        count = 0
    }
    mutating func close() {
        flush()
        guard Glibc.close(descriptor) == 0 else { fail("cannot write \(path): \(String(cString: strerror(errno)))") }
    }
}

let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

/// Writes `value` as a CSV export would: `digits` significant digits (0: a
/// whole number), trailing zeros dropped, optionally in exponent notation.
func writeValue(_ value: Double, digits: Int, exponent: Bool, into output: inout Output) {
    var magnitude = abs(value)
    if value < 0 { output.byte(UInt8(ascii: "-")) }
    if digits == 0 || magnitude == 0 {
        output.digits(UInt64(magnitude.rounded()))
        return
    }
    var decimalExponent = Int(floor(log10(magnitude)))
    if exponent {
        // d.ddddde+XX
        var mantissa = UInt64((magnitude / pow(10, Double(decimalExponent - digits + 1))).rounded())
        if mantissa >= UInt64(powersOfTen[digits]) {
            decimalExponent += 1
            mantissa = UInt64((magnitude / pow(10, Double(decimalExponent - digits + 1))).rounded())
        }
        var fraction = mantissa % UInt64(powersOfTen[digits - 1])
        var fractionDigits = digits - 1
        while fractionDigits > 0, fraction % 10 == 0 {
            fraction /= 10
            fractionDigits -= 1
        }
        output.digits(mantissa / UInt64(powersOfTen[digits - 1]))
        if fractionDigits > 0 {
            output.byte(UInt8(ascii: "."))
            output.digits(fraction, minimumCount: fractionDigits)
        }
        output.byte(UInt8(ascii: "e"))
        output.byte(UInt8(ascii: decimalExponent < 0 ? "-" : "+"))
        output.digits(UInt64(abs(decimalExponent)), minimumCount: 2)
        return
    }
    // Fixed notation with `digits` significant digits, at most 15 decimals.
    let decimals = max(0, min(15, digits - 1 - decimalExponent))
    magnitude = (magnitude * powersOfTen[decimals]).rounded()
    guard magnitude < 1e18 else {
        output.digits(UInt64(abs(value).rounded()))
        return
    }
    let scaled = UInt64(magnitude)
    let unit = UInt64(powersOfTen[decimals])
    var fraction = scaled % unit
    var fractionDigits = decimals
    while fractionDigits > 0, fraction % 10 == 0 {
        fraction /= 10
        fractionDigits -= 1
    }
    output.digits(scaled / unit)
    if fractionDigits > 0 {
        output.byte(UInt8(ascii: "."))
        output.digits(fraction, minimumCount: fractionDigits)
    }
}

// MARK: - main

let options = parseOptions()
let start = clock_gettime_seconds()
func clock_gettime_seconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let economies = (readCountryCodes(options.countries) + aggregateCodes + (options.mixedCodes ? unknownCodes : []))
    .sorted()
guard economies.count > aggregateCodes.count else { fail("no country codes in \(options.countries)") }
let seriesCount = max(2, Int((1500 * options.scale).rounded()))
let series = makeSeries(count: seriesCount, seed: options.seed, options: options)
let firstYear = 1960
let lastYear = 2023
/// The share of (indicator, economy) pairs without data, and of absent cells.
let (emptyPairs, absentCells): (Double, Double) =
    switch options.grid {
    case .wdi: (0.06, 0.10)
    case .dense: (0, 0)
    case .sparse: (0.40, 0.60)
    }
let markerTexts: [[UInt8]] = (options.allMarkers ? ["", "..", "NA", "-"] : ["", ".."]).map { Array($0.utf8) }

// The development factor of each economy, shared by all its indicators.
var development: [Double] = []
do {
    var random = SplitMix64(options.seed ^ 0xDE7E_10F3)
    development = economies.map { _ in random.normal() }
}

let economyBytes = economies.map { Array($0.utf8) }
let seriesBytes = series.map { Array($0.code.utf8) }
var rows = 0
var markers = 0
/// Where each row starts, when the rows are to be shuffled.
var rowStarts: [Int]?

/// Writes the rows of one (economy, indicator) pair, drawn from the pair's
/// own stream: the same values whatever the order the pairs are written in.
@MainActor func writePair(economy economyIndex: Int, series seriesIndex: Int, into output: inout Output) {
    let info = series[seriesIndex]
    let economy = economyBytes[economyIndex]
    var random = stream(options.seed, info.code, economyIndex)
    if random.unit() < emptyPairs { return }  // no data at all for this pair
    let own = random.normal()
    let factor = info.loading * development[economyIndex] + (1 - info.loading * info.loading).squareRoot() * own
    var level = info.level * exp(info.spread * factor)
    if info.kind == .growth { level = info.level + 2.5 * factor }
    var drift = 0.0
    for year in info.firstYear...info.lastYear {
        drift += info.trend + 0.03 * random.normal()
        if random.unit() < absentCells { continue }  // an absent cell
        output.reserve()
        rowStarts?.append(output.offset)
        for byte in economy { output.byte(byte) }
        output.byte(UInt8(ascii: ","))
        for byte in seriesBytes[seriesIndex] { output.byte(byte) }
        output.byte(UInt8(ascii: ","))
        output.digits(UInt64(year))
        output.byte(UInt8(ascii: ","))
        rows += 1
        let roll = random.unit()
        if roll < options.missing {
            markers += 1
            for byte in markerTexts[Int(roll / options.missing * Double(markerTexts.count))] { output.byte(byte) }
        } else {
            var value: Double
            switch info.kind {
            case .growth: value = level + 4 * random.normal() + drift * 10
            case .percent:
                // Logistic, so shares stay inside 0–100 and rarely touch the ends.
                let share = info.level / 100
                value = 100 / (1 + exp(-(log(share / (1 - share)) + 1.5 * factor + 3 * drift)))
            case .index: value = level * exp(drift)
            default: value = level * exp(drift + Double(year - 1990) * info.trend)
            }
            if info.kind == .count, options.digits == nil { value = value.rounded() }
            if roll > 0.98, info.kind != .count, options.digits == nil {
                // Full precision, as a float written by a program: 17 digits.
                output.text(value.description)
            } else {
                writeValue(value, digits: info.digits, exponent: info.exponentNotation, into: &output)
            }
        }
        output.byte(UInt8(ascii: "\n"))
    }
}

var output = Output(path: options.output)
output.text("iso3,indicator,year,value\n")
switch options.order {
case .country:
    for economy in economies.indices {
        for index in series.indices { writePair(economy: economy, series: index, into: &output) }
    }
case .indicator:
    for index in series.indices {
        for economy in economies.indices { writePair(economy: economy, series: index, into: &output) }
    }
case .shuffled:
    // Every row in memory, then written in a seeded random order (Fisher–Yates).
    var memory = Output(inMemoryFor: options.output)
    rowStarts = []
    for economy in economies.indices {
        for index in series.indices { writePair(economy: economy, series: index, into: &memory) }
    }
    memory.flush()
    let bytes = memory.collected!
    var starts = rowStarts!
    rowStarts = nil
    starts.append(bytes.count)
    var order = Array(0..<(starts.count - 1))
    var random = SplitMix64(options.seed ^ 0x5_4FF1_E)
    for index in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(index, random.below(index + 1)) }
    bytes.withUnsafeBufferPointer { all in
        for row in order {
            output.reserve()
            for offset in starts[row]..<starts[row + 1] { output.byte(all[offset]) }
        }
    }
}
output.close()
if let folder = options.folder { writeFolder(folder) }
if let folder = options.wdiTable {
    if options.order == .shuffled { fail("--wdi-table needs the rows of each pair together: not --order shuffled") }
    writeWDITable(folder, from: options.output, countries: options.countries, firstYear: firstYear, lastYear: lastYear)
}
let seconds = clock_gettime_seconds() - start
let megabytes = Double(output.total) / 1e6
print(
    "cq-generate: wrote \(options.output): \(rows) rows (\(markers) with a missing marker), \(series.count) indicators × "
        + "\(economies.count) economies × \(lastYear - firstYear + 1) years, \((megabytes * 10).rounded() / 10) MB in "
        + "\((seconds * 100).rounded() / 100) s")

// MARK: - the cq folder

/// Writes the cq-layout folder of the file just written (see `--folder`).
@MainActor func writeFolder(_ folder: String) {
    mkdir(folder, 0o755)
    let observations = folder + "/observations.csv"
    unlink(observations)
    if link(options.output, observations) != 0 {
        fail("cannot link \(options.output) to \(observations): \(String(cString: strerror(errno)))")
    }
    var indicators = Output(path: folder + "/indicators.csv")
    indicators.text("id,label,unit,min,max\n")
    for info in series {
        let unit: String
        switch info.kind {
        case .percent: unit = "%"
        case .money: unit = "current US$"
        case .moneyPerCapita: unit = "current US$ per person"
        case .count: unit = "number"
        case .growth: unit = "annual %"
        case .ratePerThousand: unit = "per 1000 people"
        case .index: unit = "index"
        }
        indicators.text("\(info.code),Series \(info.code),\(unit),")
        indicators.text(info.kind == .percent ? "0,100\n" : ",\n")
    }
    indicators.close()
    let world = readCountryLines(options.countries)
    var countries = Output(path: folder + "/countries.csv")
    countries.text(world.header + "\n")
    let known = Set(world.codes)
    let commas = String(repeating: ",", count: world.header.count(where: { $0 == "," }) - 1)
    for line in world.lines { countries.text(line + "\n") }
    // Aggregates (the World Bank's, OWID_ codes) are left out, as a WDI
    // countries list leaves them out: cq skips their rows, in the folder as
    // in the file, so both give one dataset.
    let aggregates = Set(aggregateCodes)
    for code in economies where !known.contains(code) && !aggregates.contains(code) && !code.hasPrefix("OWID_") {
        countries.text("\(code),\(code)\(commas)\n")
    }
    countries.close()
    let membershipsPath = String(options.countries.dropLast("countries.csv".count)) + "memberships.csv"
    var memberships = Output(path: folder + "/memberships.csv")
    memberships.text(readText(membershipsPath))
    memberships.close()
}
