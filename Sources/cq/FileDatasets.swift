import CQBuiltins
import CQCore
import CQStorage
import Glibc

/// `use "path"` for the executable: loads through `DatasetLoader` on the
/// real file system, with the built-in world as the reference for country
/// attributes, and keeps a binary cache of large files so the second load
/// takes milliseconds instead of seconds.
enum FileDatasets {
    /// Files smaller than this load faster than the cache pays for itself.
    static let cacheThreshold = 16 << 20

    static func load(_ path: String, as format: DatasetFormat?) -> Result<LoadedDataset, DataFileProblem> {
        // A cache made by another cq (another codec version, another built-in
        // world that supplied country attributes) must not be served.
        let key = [format?.rawValue ?? "detect", String(DatasetCodec.formatVersion),
                   BuiltinDatasets.fingerprint("world") ?? ""].joined(separator: "-")
        let large = (fileSize(path) ?? 0) >= cacheThreshold
        if large, let cached = DatasetCache.load(path: path, key: key) {
            let observations = cached.indicators.reduce(0) { total, indicator in
                total + indicator.values.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }
            }
            let report = LoadReport(format: format ?? .table, files: [path + " (from the cache)"],
                                    observations: observations, missingMarkers: 0, aggregatesSkipped: [])
            return .success(LoadedDataset(dataset: cached, report: report))
        }
        let stamp = large ? DatasetCache.Stamp(path: DatasetCache.absolutePath(path) ?? path) : nil
        do {
            let (dataset, report) = try DatasetLoader.load(path, as: format, files: FileSystem.dataFiles,
                                                           reference: BuiltinDatasets.load("world"))
            if large { DatasetCache.store(dataset, for: path, key: key, readAt: stamp) }
            return .success(LoadedDataset(dataset: dataset, report: report))
        } catch {
            return .failure(DataFileProblem(error: error, lineText: FileSystem.line(error.line, of: error.file)))
        }
    }

    private static func fileSize(_ path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }
}
