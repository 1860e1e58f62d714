import CQCore
import CQStorage
import Glibc

/// The real file system, as the loaders see it (`DataFiles`).
enum FileSystem {
    static let dataFiles = DataFiles(
        read: { path throws(DataLoadError) -> [UInt8] in
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw DataLoadError(
                    file: path, line: 0, column: 0, message: "cannot open: \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            guard let bytes = InputReader.readAll(descriptor) else {
                throw DataLoadError(
                    file: path, line: 0, column: 0, message: "cannot read: \(String(cString: strerror(errno)))")
            }
            return bytes
        },
        kind: { path in
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            return (status.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
        },
        list: { path in
            Directory.names(path)
        },
        withMappedBytes: { path, body throws(DataLoadError) in try withMapping(path, body) })

    /// The whole file as a read-only private mapping (no copy), for the
    /// duration of `body`. Throws for what cannot be mapped (not a regular
    /// file, mmap failing); the loaders then read it instead. An empty file
    /// is an empty buffer (mmap refuses a length of zero).
    private static func withMapping(
        _ path: String, _ body: (UnsafeRawBufferPointer) throws(DataLoadError) -> Void
    ) throws(DataLoadError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DataLoadError(
                file: path, line: 0, column: 0, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw DataLoadError(file: path, line: 0, column: 0, message: "cannot map: not a regular file")
        }
        let size = Int(status.st_size)
        if size == 0 {
            try body(UnsafeRawBufferPointer(start: nil, count: 0))
            return
        }
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else {
            throw DataLoadError(
                file: path, line: 0, column: 0, message: "cannot map: \(String(cString: strerror(errno)))")
        }
        defer { munmap(mapping, size) }
        madvise(mapping, size, MADV_SEQUENTIAL)
        try body(UnsafeRawBufferPointer(start: mapping, count: size))
    }

    /// The text of one line of a file, to quote under a caret; nil when the
    /// file cannot be read again. Long lines are cut: the caret only needs
    /// what lies before it.
    static func line(_ number: Int, of path: String) -> String? {
        guard number > 0, let bytes = try? dataFiles.read(path) else { return nil }
        var line = 1
        var start = TextBytes.byteOrderMarkLength(bytes)
        var index = start
        while index < bytes.count, line < number {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                start = index + 1
            }
            index += 1
        }
        guard line == number else { return nil }
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), end - start < 4096 { end += 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
