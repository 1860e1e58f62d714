import CQCore
import Foundation
import Testing

@testable import cq

/// Every shape `cq-bench scale` loads, at small scale: the files cq-generate
/// writes in each row order (by country, by indicator, shuffled) load through
/// the real file system (mapped, in parallel) into the same dataset, and
/// that dataset holds exactly what a naive reading of the file says — every
/// (country, indicator, year) value, World Bank aggregates left out, unknown
/// codes kept, every missing marker counted. The same data as a cq folder
/// gives the same values. Not timed: the figures are `cq-bench scale`'s.
@Suite(.serialized) struct GeneratedShapesTests {
    static let shapes: [(name: String, options: [String])] = [
        ("wdi", []),
        ("mixed codes, 7-8 digits", ["--codes", "mixed", "--digits", "7-8"]),
        ("every marker", ["--markers", "all", "--missing", "0.05"]),
        ("dense", ["--grid", "dense", "--digits", "7-9"]),
        ("sparse", ["--grid", "sparse", "--codes", "mixed"]),
    ]

    static let generator = Binary.url.deletingLastPathComponent().appendingPathComponent("cq-generate")

    static func generate(_ options: [String], order: String, to file: URL, folder: URL? = nil) throws {
        let process = Process()
        process.executableURL = generator
        process.arguments =
            ["--scale", "0.005", "--seed", "11", "--order", order, "--output", file.path]
            + (folder.map { ["--folder", $0.path] } ?? []) + options
        process.currentDirectoryURL = Binary.packageRoot
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// The file read the simplest way there is: split at commas and line ends.
    static func naive(_ file: URL) throws -> (values: [String: Double], markers: Int, aggregates: Set<String>) {
        let aggregateCodes = Set(
            "AFE AFW ARB CEB CSS EAP EAR EAS ECA ECS EMU EUU FCS HIC HPC IBD IBT IDA IDB IDX LAC LCN LDC LIC LMC LMY LTE MEA MIC MNA NAC OED OSS PRE PSS PST SAS SSA SSF SST TEA TEC TLA TMN TSA TSS UMC WLD"
                .split(separator: " ").map(String.init))
        var values: [String: Double] = [:]
        var markers = 0
        var aggregates: Set<String> = []
        let text = try String(contentsOf: file, encoding: .utf8)
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if ["", "..", "NA", "-"].contains(fields[3]) {
                markers += 1
                continue
            }
            if aggregateCodes.contains(fields[0]) || fields[0].hasPrefix("OWID_") {
                aggregates.insert(fields[0])
                continue
            }
            values["\(fields[0])|\(fields[1])|\(fields[2])"] = Double(fields[3])!
        }
        return (values, markers, aggregates)
    }

    @Test(arguments: shapes.map(\.name))
    func every_order_loads_the_same_dataset_and_exactly_the_files_values(shape: String) throws {
        let options = Self.shapes.first { $0.name == shape }!.options
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cq-shapes-\(getpid())-\(shape.filter(\.isLetter))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }

        var datasets: [CQCore.Dataset] = []
        for order in ["country", "indicator", "shuffled"] {
            let file = root.appendingPathComponent("\(order).csv")
            try Self.generate(options, order: order, to: file)
            let loaded = try FileDatasets.load(file.path, as: nil).get()
            // The file's name is in the name, the title, the sources and the
            // attribution; everything else must be the same.
            var dataset = loaded.dataset
            dataset.name = "shape"
            dataset.title = ""
            dataset.attribution = []
            for index in dataset.indicators.indices { dataset.indicators[index].source = "" }
            datasets.append(dataset)

            if order == "shuffled" {
                // Against the naive reading: every value, and nothing else.
                let expected = try Self.naive(file)
                var found = 0
                for indicator in dataset.indicators {
                    for (country, entry) in dataset.countries.enumerated() {
                        for year in dataset.firstYear...dataset.lastYear {
                            let value = indicator.values[country * dataset.yearCount + year - dataset.firstYear]
                            guard !value.isNaN else { continue }
                            found += 1
                            #expect(expected.values["\(entry.code)|\(indicator.label)|\(year)"] == value)
                        }
                    }
                }
                #expect(found == expected.values.count)
                #expect(loaded.report.observations == expected.values.count)
                #expect(loaded.report.missingMarkers == expected.markers)
                #expect(Set(loaded.report.aggregatesSkipped) == expected.aggregates)
            }
        }
        // Compared as booleans: a failure would otherwise print whole datasets.
        let byIndicator = datasets[1] == datasets[0]
        let shuffled = datasets[2] == datasets[0]
        #expect(byIndicator, "by indicator differs from by country")
        #expect(shuffled, "shuffled differs from by country")

        // The same data as a cq folder: every value of the file's dataset, in the same place.
        let folder = root.appendingPathComponent("folder")
        try Self.generate(options, order: "indicator", to: root.appendingPathComponent("f.csv"), folder: folder)
        let fromFolder = try FileDatasets.load(folder.path, as: nil).get().dataset
        #expect(fromFolder.firstYear == datasets[0].firstYear && fromFolder.lastYear == datasets[0].lastYear)
        // The same countries, the aggregates skipped in the folder as in the
        // file; countries.csv may also list economies without any data.
        let inFile = Set(datasets[0].countries.map(\.code))
        #expect(inFile.isSubset(of: fromFolder.countries.map(\.code)))
        for (position, country) in fromFolder.countries.enumerated() where !inFile.contains(country.code) {
            let cells = position * fromFolder.yearCount..<(position + 1) * fromFolder.yearCount
            #expect(fromFolder.indicators.allSatisfy { $0.values[cells].allSatisfy(\.isNaN) }, "\(country.code)")
        }
        for indicator in datasets[0].indicators {
            let other = try #require(fromFolder.indicators.first { $0.id == indicator.label })
            for (country, entry) in datasets[0].countries.enumerated() {
                let position = try #require(fromFolder.countries.firstIndex { $0.code == entry.code })
                let mine = indicator.values[country * datasets[0].yearCount..<(country + 1) * datasets[0].yearCount]
                let theirs = other.values[position * fromFolder.yearCount..<(position + 1) * fromFolder.yearCount]
                #expect(mine.elementsEqual(theirs) { $0 == $1 || ($0.isNaN && $1.isNaN) })
            }
        }
    }
}
