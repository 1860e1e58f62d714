import Foundation
import Testing

@testable import CQStorage

/// The binary cache of large loads (16 MB and more), through the real
/// program: a cq folder is cached like a file, keyed by every file in it; a
/// change to any file, or a damaged cache, means parsing again; the cache is
/// written by a detached process, so the loading command does not wait.
@Suite(.serialized) struct DatasetCacheTests {
    /// A cq folder of about 17 MB: 600 indicators × 40 countries × 25 years.
    static func makeFolder(_ folder: URL) throws {
        let countries = [
            "ARG", "AUS", "AUT", "BEL", "BRA", "CAN", "CHE", "CHL", "CHN", "COL", "CZE", "DEU", "DNK", "EGY", "ESP",
            "FIN", "FRA", "GBR", "GRC", "HUN", "IDN", "IND", "IRL", "ISR", "ITA", "JPN", "KAZ", "KEN", "KOR", "MEX",
            "NGA", "NLD", "NOR", "NZL", "POL", "PRT", "SWE", "TUR", "USA", "ZAF",
        ]
        var indicators = "id,label,unit\n"
        var observations = "iso3,indicator,year,value\n"
        for index in 0..<600 {
            let id = "series_\(index)"
            indicators += "\(id),Series number \(index),index\n"
            for (position, code) in countries.enumerated() {
                for year in 2000..<2025 {
                    // Long decimals, so the folder passes the 16 MB threshold.
                    let value = Double(index * 1000 + position * 31 + year) / 7.0
                    observations += "\(code),\(id),\(year),\(value)\n"
                }
            }
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try indicators.write(to: folder.appendingPathComponent("indicators.csv"), atomically: false, encoding: .utf8)
        try observations.write(
            to: folder.appendingPathComponent("observations.csv"), atomically: false, encoding: .utf8)
    }

    /// Waits for the detached writer: until a cache file is in place.
    static func waitForCache(in directory: URL) -> Bool {
        for _ in 0..<200 {
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("cq").path))
                ?? []
            if names.contains(where: { $0.hasSuffix(".cqdb") }) { return true }
            usleep(50_000)
        }
        return false
    }

    @Test func a_folder_is_cached_and_any_change_to_its_files_is_seen() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cq-cache-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("panel")
        let cache = root.appendingPathComponent("cache")
        try Self.makeFolder(folder)
        let environment = ["XDG_CACHE_HOME": cache.path]
        let query = "summarize series_7, series_599 in 2010"
        func run() throws -> Binary.Run {
            // JSON: the query's result on standard output, the load's report on standard error.
            try Binary.run(["--data", folder.path, "--format", "json", "-e", query], environment: environment)
        }

        let first = try run()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("loaded as cq: 600000 observations"), "\(first.stderr)")
        #expect(!first.stderr.contains("from the cache"), "\(first.stderr)")
        #expect(Self.waitForCache(in: cache))

        let second = try run()
        #expect(second.status == 0)
        #expect(second.stderr.contains("loaded as cq from the cache: 600000 observations"), "\(second.stderr)")
        #expect(second.stdout == first.stdout)

        // A label changed in the small file: parsed again, the new label shown.
        let indicatorsFile = folder.appendingPathComponent("indicators.csv")
        var text = try String(contentsOf: indicatorsFile, encoding: .utf8)
        text = text.replacingOccurrences(of: "series_7,Series number 7,", with: "series_7,Renamed seven,")
        try text.write(to: indicatorsFile, atomically: false, encoding: .utf8)
        let third = try Binary.run(["--data", folder.path, "-e", "describe series_7"], environment: environment)
        #expect(third.stdout.contains("loaded as cq"), "\(third.stdout)")
        #expect(!third.stdout.contains("from the cache"), "\(third.stdout)")
        #expect(third.stdout.contains("Renamed seven"), "\(third.stdout)")

        // A file added to the folder changes its stamp too.
        let before = try #require(DatasetCache.Stamp(path: folder.path))
        try "notes\n".write(to: folder.appendingPathComponent("README.txt"), atomically: false, encoding: .utf8)
        #expect(DatasetCache.Stamp(path: folder.path) != before)
    }

    @Test func a_damaged_cache_is_ignored_and_the_data_parsed_again() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cq-cache-damage-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("panel")
        let cache = root.appendingPathComponent("cache")
        try Self.makeFolder(folder)
        let environment = ["XDG_CACHE_HOME": cache.path]
        let query = "correlate series_1, series_2 in 2010"
        let first = try Binary.run(["--data", folder.path, "--format", "json", "-e", query], environment: environment)
        #expect(first.status == 0)
        #expect(Self.waitForCache(in: cache))
        let directory = cache.appendingPathComponent("cq")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first)
        let file = directory.appendingPathComponent(name)
        var bytes = try [UInt8](Data(contentsOf: file))
        // A flipped bit in the middle of the values.
        bytes[bytes.count / 2] ^= 0x10
        try Data(bytes).write(to: file)
        let second = try Binary.run(["--data", folder.path, "--format", "json", "-e", query], environment: environment)
        #expect(second.status == 0)
        #expect(second.stderr.contains("loaded as cq"), "\(second.stderr)")
        #expect(!second.stderr.contains("from the cache"), "\(second.stderr)")
        #expect(second.stdout == first.stdout)
    }

    /// The writer checksums the payload piece by piece as it writes; the
    /// reader checksums the whole mapped payload: the two must agree for
    /// every way of cutting it.
    @Test func the_checksum_of_pieces_is_the_checksum_of_the_whole() {
        var random = UInt64(7)
        func next() -> UInt64 {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return random >> 33
        }
        for length in [0, 1, 31, 32, 33, 64, 100, 1000, 4099] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: next()) }
            let whole = bytes.withUnsafeBytes { DatasetCache.checksum($0) }
            for _ in 0..<20 {
                var sum = DatasetCache.Checksum()
                var start = 0
                while start < length {
                    let end = min(length, start + Int(next() % 70))
                    bytes[start..<end].withUnsafeBytes { sum.add($0) }
                    start = end
                }
                #expect(sum.value == whole, "length \(length)")
            }
        }
    }
}
