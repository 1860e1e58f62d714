import Glibc

extension DatasetLoader {
    /// Runs `body` on a file's bytes the way the long-form parser wants them:
    /// the whole file mapped read-only when the file system can map it, with
    /// `release` dropping the pages of each window once it is parsed (a
    /// private file mapping: dropped pages are read back if a duplicate makes
    /// the parser look again); otherwise the file read into memory, and
    /// `release` nil (and the bytes kept in `reader` until the caller
    /// releases them: a caller that finds the file is not its to read leaves
    /// them for the next, as a pipe cannot be read twice). Every large long-form load — a table, a cq folder's
    /// observations.csv — goes through here, so none holds a copy of its file.
    static func withLongFormBytes<T>(
        _ file: String, reader: inout FileReader,
        _ body: (UnsafeRawBufferPointer, _ release: ((Range<Int>) -> Void)?) throws(DataLoadError) -> T
    ) throws(DataLoadError) -> T {
        if let withMappedBytes = reader.files.withMappedBytes {
            var result: Result<T, DataLoadError>?
            try? withMappedBytes(file) { bytes throws(DataLoadError) in
                let page = Int(sysconf(Int32(_SC_PAGESIZE)))
                result = Result { () throws(DataLoadError) in
                    try body(bytes) { range in
                        let start = (range.lowerBound + page - 1) / page * page
                        let end = range.upperBound / page * page
                        if end > start, let base = bytes.baseAddress {
                            madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
                        }
                    }
                }
            }
            // nil: not mappable (a pipe, …); read it as the other formats do.
            if let result {
                reader.noteRead(file)
                return try result.get()
            }
        }
        let bytes = try reader.bytes(file)
        return try bytes.withUnsafeBytes { raw in
            Result { () throws(DataLoadError) in try body(raw, nil) }
        }.get()
    }
}
