import Glibc

/// Writing files so that nobody ever sees half of one: the bytes go to a
/// temporary file in the same directory, are flushed to the disk, and then
/// replace the target with `rename`, which is atomic. An interruption at any
/// point (Ctrl-C, a kill, a power cut after the fsync) leaves either the old
/// file or the new one, never a mixture; a failure leaves the old one.
public enum AtomicFile {
    /// Replaces `path` with `bytes`. A file already there keeps its
    /// permissions; a new one gets `permissions`. Returns nil on success,
    /// else the reason (from `strerror`).
    public static func write(_ bytes: [UInt8], to path: String, permissions: mode_t = 0o644) -> String? {
        var mode = permissions
        var existing = stat()
        if stat(path, &existing) == 0 { mode = existing.st_mode & 0o7777 }
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { return reason() }
        guard writeAll(descriptor, bytes), fsync(descriptor) == 0 else {
            let failure = reason()
            close(descriptor)
            unlink(temporary)
            return failure
        }
        // open() applied the umask; a file that existed keeps its exact mode.
        fchmod(descriptor, mode)
        guard close(descriptor) == 0, rename(temporary, path) == 0 else {
            let failure = reason()
            unlink(temporary)
            return failure
        }
        return nil
    }

    /// Writes all of `bytes` to an open descriptor, retrying after signals.
    public static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll(descriptor, $0) }
    }

    /// Writes all of `bytes` to an open descriptor, retrying after signals.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var written = 0
        while written < bytes.count {
            let count = Glibc.write(descriptor, base + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += count
        }
        return true
    }

    /// `mkdir -p`, private to the user (0700) for the directories it creates.
    public static func makeDirectories(_ path: String) -> Bool {
        var status = stat()
        if stat(path, &status) == 0 { return (status.st_mode & S_IFMT) == S_IFDIR }
        if let slash = path.lastIndex(of: "/"), slash > path.startIndex {
            guard makeDirectories(String(path[..<slash])) else { return false }
        }
        return mkdir(path, 0o700) == 0 || errno == EEXIST
    }

    private static func reason() -> String {
        String(cString: strerror(errno))
    }
}

/// Where cq keeps files for the user, following the XDG base directory
/// specification: `$XDG_CACHE_HOME/cq` (default `~/.cache/cq`) for what can
/// be rebuilt, `$XDG_STATE_HOME/cq` (default `~/.local/state/cq`) for what
/// should survive, like the REPL's history. Nil without a home directory.
public enum UserDirectories {
    public static var cache: String? { directory(variable: "XDG_CACHE_HOME", fallback: ".cache") }
    public static var state: String? { directory(variable: "XDG_STATE_HOME", fallback: ".local/state") }

    private static func directory(variable: String, fallback: String) -> String? {
        if let value = getenv(variable), value.pointee != 0 {
            let base = String(cString: value)
            // The specification says to ignore relative paths.
            if base.hasPrefix("/") { return base + "/cq" }
        }
        guard let home = getenv("HOME"), home.pointee != 0 else { return nil }
        return String(cString: home) + "/" + fallback + "/cq"
    }
}
