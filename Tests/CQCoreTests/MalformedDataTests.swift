import Testing

@testable import CQCore
@testable import CQData

/// The malformed-data corpus (Tests/CQCoreTests/Fixtures/data/malformed/):
/// each file or folder has one problem, and `EXPECTED.txt` records the error
/// it must give — file, line, column and message. Loading is all or nothing:
/// `load` either returns a whole dataset or throws, so a bad file can never
/// leave part of itself behind.
@Suite struct MalformedDataTests {
    struct Case: Sendable, CustomStringConvertible {
        var path: String
        var format: DatasetFormat?
        var expected: DataLoadError
        var description: String { path }
    }

    static let manifest = "malformed/EXPECTED.txt"

    /// The manifest's lines: `path|format|file|line:column|message`.
    static let cases: [Case] = {
        guard let bytes = try? FixtureFiles.files.read(manifest) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") || line.isEmpty { return nil }
            let parts = line.split(separator: "|", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 5 else { return nil }
            let position = parts[3].split(separator: ":").compactMap { Int($0) }
            guard position.count == 2 else { return nil }
            return Case(
                path: "malformed/" + parts[0], format: parts[1] == "auto" ? nil : DatasetFormat(rawValue: parts[1]),
                expected: DataLoadError(file: parts[2], line: position[0], column: position[1], message: parts[4]))
        }
    }()

    @Test func the_corpus_has_at_least_twenty_cases_and_every_entry_is_listed() throws {
        #expect(Self.cases.count >= 20)
        let listed = Set(Self.cases.map { String($0.path.dropFirst("malformed/".count)) })
        let present = Set(try #require(FixtureFiles.files.list("malformed"))).subtracting(["EXPECTED.txt"])
        #expect(present.subtracting(listed).isEmpty, "files without an expected error")
        #expect(listed.subtracting(present) == ["does-not-exist.csv"], "expected errors without a file")
    }

    @Test(arguments: cases)
    func malformed_data_gives_its_exact_error(testCase: Case) {
        var loaded: (Dataset, LoadReport)?
        let error = #expect(throws: DataLoadError.self) {
            loaded = try FixtureFiles.load(testCase.path, as: testCase.format)
        }
        #expect(error == testCase.expected)
        #expect(loaded == nil, "nothing is returned from a failed load")
    }

    /// Every good fixture, cut short or with bytes changed at random, either
    /// loads into a consistent dataset or fails with a positioned error:
    /// never a crash, never a half-built dataset.
    @Test(arguments: [
        "owid/life-expectancy-vs-gdp-per-capita.csv", "table-long/trade-and-tax.csv", "table-wide/euro-growth.csv",
        "wdi-api/API_NY.GDP.PCAP.CD_DS2_en_csv_v2_5728890.csv", "wdi-bulk/WDICSV.csv", "cq/observations.csv",
        "cq/indicators.csv", "cq/countries.csv", "nist/Norris.csv",
    ])
    func damagedFilesNeverCrash(path: String) throws {
        let original = try FixtureFiles.files.read(path)
        var random = DataFuzzRandom(seed: path.utf8.reduce(UInt64(original.count)) { $0 &* 31 &+ UInt64($1) })
        let replacements: [UInt8] = Array(",\"\n\r.-NA 0123456789abcXYZ".utf8) + [0xFF, 0xC3, 0xEF, 0xBB, 0xBF, 0x00]
        for round in 0..<150 {
            var bytes = original
            switch round % 3 {
            case 0:
                bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count + 1))))
            case 1:
                for _ in 0..<(1 + Int(random.next() % 4)) where !bytes.isEmpty {
                    let at = Int(random.next() % UInt64(bytes.count))
                    bytes[at] = replacements[Int(random.next() % UInt64(replacements.count))]
                }
            default:
                let at = Int(random.next() % UInt64(bytes.count + 1))
                bytes.insert(replacements[Int(random.next() % UInt64(replacements.count))], at: at)
            }
            let damaged = bytes
            let files = DataFiles(
                read: { requested throws(DataLoadError) -> [UInt8] in
                    requested == path ? damaged : try FixtureFiles.files.read(requested)
                },
                kind: FixtureFiles.files.kind, list: FixtureFiles.files.list)
            do {
                let (dataset, report) = try DatasetLoader.load(
                    path, as: nil, files: files, reference: FixtureFiles.world)
                for indicator in dataset.indicators { #expect(indicator.values.count == dataset.cellCount) }
                #expect(dataset.countries.map(\.code) == dataset.countries.map(\.code).sorted())
                #expect(report.observations == dataset.indicators.reduce(0) { $0 + $1.values.count { !$0.isNaN } })
            } catch {
                #expect(!error.file.isEmpty && error.line >= 0 && error.column >= 0 && !error.message.isEmpty)
                if error.line > 0 {
                    #expect(error.column >= 1, "\(error)")
                }
            }
        }
    }

    /// Every CSV file under Fixtures/data, good or bad, by path.
    static func csvFiles(under folder: String = "") -> [String] {
        let files = FixtureFiles.files
        return (files.list(folder.isEmpty ? "." : folder) ?? []).flatMap { name -> [String] in
            let path = folder.isEmpty ? name : folder + "/" + name
            if files.kind(path) == .directory { return csvFiles(under: path) }
            return path.hasSuffix(".csv") ? [path] : []
        }
    }

    /// The streaming reader the WDI loader uses gives the same records, and
    /// the same errors at the same places, as `CSVReader.read()`.
    @Test func record_stream_agrees_with_csv_reader() throws {
        let paths = Self.csvFiles()
        #expect(paths.count > 40)
        for path in paths {
            let bytes = try FixtureFiles.files.read(path)
            let reader = CSVReader(bytes, file: path)
            var whole: Result<[CSVRecord], DataLoadError>
            do {
                let table = try reader.read()
                whole = .success([table.header] + table.records)
            } catch {
                whole = .failure(error)
            }
            var streamed: Result<[CSVRecord], DataLoadError>
            do {
                var stream = try CSVRecordStream(reader)
                var records = [stream.header]
                while let record = try stream.next() { records.append(record) }
                streamed = .success(records)
            } catch {
                streamed = .failure(error)
            }
            switch (whole, streamed) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(path)")
            case (.failure(let a), .failure(let b)): #expect(a == b, "\(path)")
            default: Issue.record("\(path): \(whole) but streamed \(streamed)")
            }
        }
    }
}
