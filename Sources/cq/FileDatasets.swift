import CQBuiltins
import CQCore
import CQStorage
import Glibc
import Synchronization

/// `use "path"` for the executable: loads through `DatasetLoader` on the
/// real file system, with the built-in world as the reference for country
/// attributes, and keeps a binary cache of large files so the second load
/// takes milliseconds instead of seconds.
enum FileDatasets {
    /// Files smaller than this load faster than the cache pays for itself.
    static let cacheThreshold = 16 << 20

    /// The last file loaded, with what identifies it: a statement is checked
    /// before it runs, and `cq doc` checks a lesson before it updates it, so
    /// the same `use` is prepared more than once; the file is read once as
    /// long as it has not changed (same size, times, inode; for a folder,
    /// those of every file in it).
    private static let lastLoad = Mutex<(key: String, stamp: DatasetCache.Stamp, loaded: LoadedDataset)?>(nil)

    static func load(
        _ path: String, as format: DatasetFormat?, options: LoadOptions = .none
    ) -> Result<LoadedDataset, DataFileProblem> {
        let memoKey =
            (DatasetCache.absolutePath(path) ?? path) + "\u{0}" + (format?.rawValue ?? "detect") + "\u{0}" + options.key
        let stamp = DatasetCache.Stamp(path: path)
        if let stamp, let last = lastLoad.withLock({ $0 }), last.key == memoKey, last.stamp == stamp {
            return .success(last.loaded)
        }
        let result = loadUncached(path, as: format, options: options)
        if let stamp, case .success(let loaded) = result {
            lastLoad.withLock { $0 = (memoKey, stamp, loaded) }
        }
        return result
    }

    private static func loadUncached(_ path: String, as format: DatasetFormat?, options: LoadOptions) -> Result<
        LoadedDataset, DataFileProblem
    > {
        // A cache made by another cq (another codec version, another built-in
        // world that supplied country attributes) must not be served.
        let key = [
            format?.rawValue ?? "detect", String(DatasetCodec.formatVersion),
            BuiltinDatasets.fingerprint("world") ?? "",
            // The options change what is read: a stable hash of them (none: empty).
            options.isEmpty
                ? "" : String(Array(options.key.utf8).withUnsafeBytes { DatasetCodec.fingerprint(of: $0) }.prefix(8)),
        ].joined(separator: "-")
        // One stamp, taken before anything is read: its size (a file's, or the
        // sum of a folder's files) decides whether to cache, and it is the
        // version a fresh cache is stored under.
        let stamp = DatasetCache.Stamp(path: DatasetCache.absolutePath(path) ?? path)
        let large = Int(stamp?.size ?? 0) >= cacheThreshold
        if large, let (cached, note) = DatasetCache.entry(path: path, key: key) {
            // The parse's report, as the load that wrote the cache kept it.
            var report = CachedReport.decode(
                note, files: [path],
                count: {
                    cached.indicators.reduce(0) { $0 + $1.observationCount }
                },
                detectedFormat: { format ?? (try? DatasetLoader.detect(path, files: FileSystem.dataFiles)) ?? .table })
            report.fromCache = true
            return .success(LoadedDataset(dataset: cached, report: report))
        }
        do {
            let (dataset, report) = try DatasetLoader.load(
                path, as: format, files: FileSystem.dataFiles,
                reference: BuiltinDatasets.load("world"), options: options)
            if large {
                DatasetCache.storeInBackground(
                    dataset, for: path, key: key, readAt: stamp, note: CachedReport.encode(report))
            }
            return .success(LoadedDataset(dataset: dataset, report: report))
        } catch {
            return .failure(DataFileProblem(error: error, lineText: FileSystem.line(error.line, of: error.file)))
        }
    }
}
