import CQCore
import Glibc

extension DatasetCache {
    /// `store`, with the writing left to a detached process, so the command
    /// that loaded a large file answers without waiting for the disk: on this
    /// machine writing the cache of a 15-million-observation dataset takes
    /// 0.6 s (the disk takes about 300 MB/s), as long as parsing the file.
    ///
    /// The bytes are made here (the encoding, its checksum: about 0.1 s); a
    /// grandchild process, started by a double fork so it is never a zombie
    /// of this one and in a session of its own so Ctrl-C at the terminal does
    /// not reach it, writes them with system calls only (nothing in it
    /// allocates or takes a lock another thread could have held at the
    /// fork), renames the file into place and exits. It holds no descriptor
    /// of this process: a pipe reading cq's output ends when cq does. A
    /// second cq started before the rename finds no cache and parses, as
    /// the first did; a reader never sees half a file. Where fork fails, the
    /// cache is written here, as `store` does.
    ///
    /// True when the bytes were prepared and handed over (or written).
    @discardableResult
    public static func storeInBackground(
        _ dataset: Dataset, for path: String, key: String = "", readAt: Stamp? = nil, note: String = ""
    ) -> Bool {
        guard let prepared = prepare(dataset, for: path, key: key, readAt: readAt, note: note) else { return false }
        // C strings made before the fork: the grandchild only uses them.
        let temporary = strdup("\(prepared.cache).tmp-\(getpid())")
        let cache = strdup(prepared.cache)
        let null = strdup("/dev/null")
        defer {
            free(temporary)
            free(cache)
            free(null)
        }
        guard let temporary, let cache, let null else { return false }
        let descriptorLimit = Int32(clamping: sysconf(Int32(_SC_OPEN_MAX)))
        let child = fork()
        if child < 0 { return prepared.write(temporary: temporary, cache: cache) }
        if child == 0 {
            if fork() == 0 {
                setsid()
                let quiet = open(null, O_RDWR)
                for descriptor in 0..<3 where quiet >= 0 && quiet != descriptor { dup2(quiet, Int32(descriptor)) }
                for descriptor in Int32(3)..<max(3, min(descriptorLimit, 65_536)) { close(descriptor) }
                _exit(prepared.write(temporary: temporary, cache: cache) ? 0 : 1)
            }
            _exit(0)
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        return true
    }
}
