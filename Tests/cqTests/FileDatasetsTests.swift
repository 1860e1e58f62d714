import Foundation
import Testing

@testable import cq

/// `use "file"` is prepared more than once (checked, then run; checked by
/// `cq doc`, then updated); the file is read again only when it changed.
struct FileDatasetsTests {
    private func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func an_unchanged_file_is_read_once_and_a_changed_one_again() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cq-memo-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data.csv").path
        try write("country,year,gdp\nKAZ,2019,1.5\nUZB,2019,2.5\n", to: path)

        let first = try FileDatasets.load(path, as: nil).get()
        let second = try FileDatasets.load(path, as: nil).get()
        // The same load, not a second parse: its report is the same value and
        // so is every array of the dataset (copy-on-write storage is shared).
        #expect(first.report.files == second.report.files)
        first.dataset.indicators[0].values.withUnsafeBufferPointer { a in
            second.dataset.indicators[0].values.withUnsafeBufferPointer { b in
                #expect(a.baseAddress == b.baseAddress)
            }
        }

        // A new value in the file is seen at once, even within the same second.
        try write("country,year,gdp\nKAZ,2019,9.5\nUZB,2019,2.5\n", to: path)
        let third = try FileDatasets.load(path, as: nil).get()
        #expect(third.dataset.indicators[0].values.contains(9.5))
    }
}
