import CQCore
import Dispatch
import Glibc

/// A binary copy of each dataset loaded from a user's file, so the next `use`
/// of the same unchanged file decodes (tens of milliseconds for the full WDI)
/// instead of parsing CSV (about a second).
///
/// Where: `$XDG_CACHE_HOME/cq/<16 hex digits>.cqdb`, or `~/.cache/cq/…` when
/// `XDG_CACHE_HOME` is not set; the digits are the FNV-1a hash of the source's
/// absolute path (symbolic links resolved) and the key.
///
/// A cache file is the `DatasetCodec` encoding after a header that records
/// what it was made from:
///
///     "CQCACHE1"  u32 header size (from the start, 8-aligned)
///     u64 source size, i64 mtime s, i64 mtime ns, i64 ctime s, i64 ctime ns,
///     u64 inode, u64 device, u64 payload size, u64 payload checksum
///     u32 path length, path, u32 key length, key, zero padding
///     payload: DatasetCodec.encode(dataset)
///
/// `load` uses the file only if the source still has that size, modification
/// and change times, inode and device, and the path and key match; the change
/// time cannot be set back by a program, so an edited source is never served
/// stale. The key is whatever else the dataset depends on — the format and
/// options it was loaded with, the fingerprint of a reference dataset — and
/// is the caller's to choose. Anything unexpected (a missing, truncated or
/// corrupted cache file, an old codec version) makes `load` return nil, never
/// crash; the caller then parses the source and `store`s a fresh copy over it.
/// The checksum catches a flipped bit the codec's checks cannot (a value that
/// decodes but is wrong); its cost is part of "cq cached" in cq-bench scale.
///
/// `store` writes a temporary file in the cache directory and renames it, so
/// a reader never sees half a file; two cq processes storing at once both
/// write whole files, and the last rename wins. It does not `fsync`: after a
/// power cut the renamed file may hold zeros or old blocks, which the
/// checksum rejects like any other damage, and the next load parses the
/// source again. Waiting for the disk instead cost more than the parse
/// itself (1.3 s for a 15-million-observation dataset, against 0.7 s).
/// Failures to store are silent (the cache only saves time) but reported by
/// the return value.
public enum DatasetCache {
    static let magic: [UInt8] = Array("CQCACHE1".utf8)

    /// The directory of cache files, from the environment; nil without a home.
    static var directory: String? { UserDirectories.cache }

    /// The absolute path of a file with symbolic links resolved, or nil.
    public static func absolutePath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The cache file for a source, or nil when there is no cache directory
    /// or the source does not exist.
    static func cachePath(for source: String, key: String = "") -> String? {
        guard let directory, let absolute = absolutePath(source) else { return nil }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in absolute.utf8 + [0] + key.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        let digits = Array("0123456789abcdef")
        var name = ""
        for shift in stride(from: 60, through: 0, by: -4) { name.append(digits[Int((hash >> UInt64(shift)) & 0xF)]) }
        return directory + "/" + name + ".cqdb"
    }

    /// What identifies a version of a source file.
    public struct Stamp: Equatable, Sendable {
        public internal(set) var size: UInt64
        var modified: (seconds: Int64, nanoseconds: Int64)
        var changed: (seconds: Int64, nanoseconds: Int64)
        var inode: UInt64
        var device: UInt64

        /// The stamp of a file, or of a folder: a folder's stands for every
        /// regular file in it (a cq layout, a WDI bulk download), since the
        /// folder's own times do not change when a file in it is rewritten.
        /// Sizes are summed, the times are the latest, and `inode` is a hash
        /// of each file's name, size, times and inode, so changing, adding,
        /// removing or renaming any file changes the stamp.
        public init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            switch status.st_mode & S_IFMT {
            case S_IFREG: self.init(status)
            case S_IFDIR: self.init(folder: path, status)
            default: return nil
            }
        }

        private init?(folder: String, _ status: stat) {
            guard let names = Directory.names(folder) else { return nil }
            var stamp = Stamp(status)
            stamp.size = 0
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            func mix(_ value: UInt64) {
                for shift in stride(from: 0, to: 64, by: 8) {
                    hash = (hash ^ ((value >> UInt64(shift)) & 0xFF)) &* 0x100_0000_01B3
                }
            }
            for name in names {
                var file = stat()
                guard stat(folder + "/" + name, &file) == 0, (file.st_mode & S_IFMT) == S_IFREG else { continue }
                let part = Stamp(file)
                for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
                mix(part.size)
                mix(UInt64(bitPattern: part.modified.seconds))
                mix(UInt64(bitPattern: part.modified.nanoseconds))
                mix(UInt64(bitPattern: part.changed.seconds))
                mix(UInt64(bitPattern: part.changed.nanoseconds))
                mix(part.inode)
                stamp.size += part.size
                if stamp.modified < part.modified { stamp.modified = part.modified }
                if stamp.changed < part.changed { stamp.changed = part.changed }
            }
            stamp.inode = hash
            self = stamp
        }

        init(_ status: stat) {
            size = UInt64(status.st_size)
            modified = (Int64(status.st_mtim.tv_sec), Int64(status.st_mtim.tv_nsec))
            changed = (Int64(status.st_ctim.tv_sec), Int64(status.st_ctim.tv_nsec))
            inode = UInt64(status.st_ino)
            device = UInt64(status.st_dev)
        }

        init(size: UInt64, modified: (Int64, Int64), changed: (Int64, Int64), inode: UInt64, device: UInt64) {
            self.size = size
            self.modified = modified
            self.changed = changed
            self.inode = inode
            self.device = device
        }

        public static func == (a: Stamp, b: Stamp) -> Bool {
            a.size == b.size && a.modified == b.modified && a.changed == b.changed && a.inode == b.inode
                && a.device == b.device
        }
    }

    // MARK: - load

    /// The cached dataset for `path`, if there is one made from the file as it
    /// is now with the same key; nil otherwise (and for any damaged cache file).
    public static func load(path: String, key: String = "") -> Dataset? {
        entry(path: path, key: key)?.dataset
    }

    /// `load`, with the note `store` was given.
    public static func entry(path: String, key: String = "") -> (dataset: Dataset, note: String)? {
        guard let absolute = absolutePath(path), let stamp = Stamp(path: absolute),
            let cache = cachePath(for: path, key: key)
        else { return nil }
        let descriptor = open(cache, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
        let size = Int(status.st_size)
        // Read-only and private: the copy-out below faults the pages in from the
        // page cache; MAP_POPULATE does that in one go.
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0),
            mapping != MAP_FAILED
        else { return nil }
        defer { munmap(mapping, size) }
        let bytes = UnsafeRawBufferPointer(start: mapping, count: size)
        guard let header = Header(bytes), header.path == absolute, header.key == key, header.stamp == stamp,
            header.payloadSize == size - header.size
        else { return nil }
        // The checksum first (a damaged file is not decoded), then the
        // decoding, which lays the grids out on two threads: for a large
        // dataset most of a reload is the kernel handing out the grids'
        // pages. The codec checks every count and invariant besides, so a
        // damaged file is an error there, never a crash.
        let payload = UnsafeRawBufferPointer(rebasing: bytes[header.size...])
        guard checksum(payload) == header.checksum, let dataset = try? DatasetCodec.decode(payload) else {
            return nil
        }
        return (dataset, header.note)
    }

    /// A 64-bit checksum of the payload: four independent multiply-add lanes
    /// over little-endian words (so memory speed, not latency, bounds it), mixed.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var sum = Checksum()
        sum.add(bytes)
        return sum.value
    }

    /// `checksum`, fed in pieces of any length: the same value as over the
    /// pieces joined. No allocation, so a forked writer may use it.
    struct Checksum {
        private var lanes: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
        /// Bytes of an unfinished 32-byte block, and how many.
        private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        private var pendingCount = 0
        private var total = 0
        private static let prime: UInt64 = 0x9E37_79B9_7F4A_7C15

        @inline(__always)
        private mutating func block(_ bytes: UnsafeRawPointer) {
            let prime = Self.prime
            lanes.0 = (lanes.0 &+ UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))) &* prime
            lanes.1 =
                (lanes.1 &+ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))) &* prime
            lanes.2 =
                (lanes.2 &+ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self))) &* prime
            lanes.3 =
                (lanes.3 &+ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))) &* prime
        }

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            total += bytes.count
            var offset = 0
            if pendingCount > 0 {
                let take = min(32 - pendingCount, bytes.count)
                withUnsafeMutableBytes(of: &pending) { buffer in
                    buffer.baseAddress!.advanced(by: pendingCount).copyMemory(from: base, byteCount: take)
                }
                pendingCount += take
                offset = take
                if pendingCount < 32 { return }
                let full = pending
                withUnsafeBytes(of: full) { block($0.baseAddress!) }
                pendingCount = 0
            }
            while offset + 32 <= bytes.count {
                block(base + offset)
                offset += 32
            }
            if offset < bytes.count {
                let rest = bytes.count - offset
                withUnsafeMutableBytes(of: &pending) { buffer in
                    buffer.baseAddress!.copyMemory(from: base + offset, byteCount: rest)
                }
                pendingCount = rest
            }
        }

        var value: UInt64 {
            let prime = Self.prime
            var hash = lanes.0 ^ (lanes.1 &* 3) ^ (lanes.2 &* 5) ^ (lanes.3 &* 7) ^ UInt64(total)
            withUnsafeBytes(of: pending) { raw in
                for index in 0..<pendingCount { hash = (hash ^ UInt64(raw[index])) &* prime }
            }
            return hash ^ (hash >> 31)
        }
    }

    /// The parsed header of a cache file.
    struct Header {
        var size: Int
        var stamp: Stamp
        var payloadSize: Int
        var checksum: UInt64
        var path: String
        var key: String
        /// What the caller keeps beside the dataset (the load's report).
        var note: String

        static let fixedSize = 8 + 4 + 8 * 9
        /// Where the payload's checksum is: after the magic, the header size,
        /// the stamp's seven words and the payload size.
        static let checksumOffset = 8 + 4 + 8 * 8

        init?(_ bytes: UnsafeRawBufferPointer) {
            guard bytes.count >= Self.fixedSize, bytes.prefix(8).elementsEqual(DatasetCache.magic) else { return nil }
            func u32(_ offset: Int) -> UInt32 {
                UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            }
            func u64(_ offset: Int) -> UInt64 {
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            }
            let headerSize = Int(u32(8))
            guard headerSize >= Self.fixedSize + 8, headerSize <= bytes.count, headerSize % 8 == 0 else { return nil }
            stamp = Stamp(
                size: u64(12), modified: (Int64(bitPattern: u64(20)), Int64(bitPattern: u64(28))),
                changed: (Int64(bitPattern: u64(36)), Int64(bitPattern: u64(44))), inode: u64(52), device: u64(60))
            let payload = u64(68)
            guard payload <= UInt64(bytes.count) else { return nil }
            payloadSize = Int(payload)
            checksum = u64(Self.checksumOffset)
            var offset = Self.fixedSize
            func text() -> String? {
                guard offset + 4 <= headerSize else { return nil }
                let length = Int(u32(offset))
                offset += 4
                guard length <= headerSize - offset else { return nil }
                defer { offset += length }
                return String(
                    validating: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
            }
            guard let path = text(), let key = text() else { return nil }
            self.path = path
            self.key = key
            // Caches written before the note existed end here (padding reads as empty).
            self.note = text() ?? ""
            size = headerSize
        }

        static func encode(
            stamp: Stamp, payloadSize: Int, checksum: UInt64, path: String, key: String, note: String
        ) -> [UInt8] {
            var bytes = DatasetCache.magic
            func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
            func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
            u32(0)  // header size, patched below
            u64(stamp.size)
            u64(UInt64(bitPattern: stamp.modified.seconds))
            u64(UInt64(bitPattern: stamp.modified.nanoseconds))
            u64(UInt64(bitPattern: stamp.changed.seconds))
            u64(UInt64(bitPattern: stamp.changed.nanoseconds))
            u64(stamp.inode)
            u64(stamp.device)
            u64(UInt64(payloadSize))
            u64(checksum)
            for text in [path, key, note] {
                u32(UInt32(text.utf8.count))
                bytes += text.utf8
            }
            while bytes.count % 8 != 0 { bytes.append(0) }
            let size = UInt32(bytes.count).littleEndian
            withUnsafeBytes(of: size) { raw in
                for index in 0..<4 { bytes[8 + index] = raw[index] }
            }
            return bytes
        }
    }

    // MARK: - store

    /// Writes `dataset` as the cache of `path` (the file it was just loaded
    /// from, with the key it was loaded with). `readAt` is the source's stamp
    /// taken before it was read (`Stamp(path:)`), so a file that changed during
    /// the load is not cached under its new stamp; without it, the stamp now.
    /// True when the cache file is in place.
    @discardableResult
    public static func store(
        _ dataset: Dataset, for path: String, key: String = "", readAt: Stamp? = nil, note: String = ""
    ) -> Bool {
        guard let prepared = prepare(dataset, for: path, key: key, readAt: readAt, note: note) else { return false }
        guard prepared.write(temporary: "\(prepared.cache).tmp-\(getpid())") else { return false }
        // The source may have changed while this was written: then the copy
        // may be of an older version. Check and discard.
        guard Stamp(path: prepared.source) == prepared.stamp else {
            unlink(prepared.cache)
            return false
        }
        return true
    }

    /// A cache file ready to be written: where, its header (the checksum
    /// still zero) and the payload's pieces.
    struct Prepared {
        var source: String
        var stamp: Stamp
        var cache: String
        var header: [UInt8]
        var payload: DatasetCodec.Pieces

        /// Writes the temporary file — header, pieces, then the checksum of
        /// the pieces into the header — and renames it over the cache:
        /// system calls and arithmetic only, with no allocation, so a forked
        /// process may run it.
        func write(temporary: String) -> Bool {
            temporary.withCString { temporary in
                cache.withCString { cache in write(temporary: temporary, cache: cache) }
            }
        }

        func write(temporary: UnsafePointer<CChar>, cache: UnsafePointer<CChar>) -> Bool {
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { return false }
            var sum = Checksum()
            var written = AtomicFile.writeAll(descriptor, header)
            for piece in payload.pieces where written {
                switch piece {
                case .bytes(let bytes):
                    bytes.withUnsafeBytes { sum.add($0) }
                    written = AtomicFile.writeAll(descriptor, bytes)
                case .values(let values):
                    written = values.withUnsafeBytes { raw in
                        sum.add(raw)
                        return AtomicFile.writeAll(descriptor, raw)
                    }
                case .words(let words):
                    written = words.withUnsafeBytes { raw in
                        sum.add(raw)
                        return AtomicFile.writeAll(descriptor, raw)
                    }
                }
            }
            if written {
                var checksum = sum.value.littleEndian
                written = pwrite(descriptor, &checksum, 8, off_t(Header.checksumOffset)) == 8
            }
            guard written else {
                close(descriptor)
                unlink(temporary)
                return false
            }
            guard close(descriptor) == 0, rename(temporary, cache) == 0 else {
                unlink(temporary)
                return false
            }
            return true
        }
    }

    static func prepare(_ dataset: Dataset, for path: String, key: String, readAt: Stamp?, note: String) -> Prepared? {
        guard let absolute = absolutePath(path), let stamp = Stamp(path: absolute),
            readAt == nil || readAt == stamp,
            let directory, let cache = cachePath(for: path, key: key), AtomicFile.makeDirectories(directory)
        else { return nil }
        let payload = DatasetCodec.encodePieces(dataset)
        // The checksum is filled in as the pieces are written.
        let header = Header.encode(
            stamp: stamp, payloadSize: payload.count, checksum: 0, path: absolute, key: key, note: note)
        return Prepared(source: absolute, stamp: stamp, cache: cache, header: header, payload: payload)
    }
}
