import CQCore
import Dispatch
import Glibc

/// Reads a regular file of known size into memory. A large one is read in
/// one part per processor, each by its own thread with `pread`: the copy
/// out of the page cache and the page faults of the new memory (most of a
/// 185 MB read, on one thread 0.2 s) are shared out.
enum RegularFileRead {
    /// Below this, one `read` loop: threads would cost more than they save.
    static let parallelFrom = 16 << 20

    /// Reads the first `size` bytes of the file into `buffer`; the number
    /// read (less than `size` if the file ended sooner), or nil on an error.
    /// Leaves the file offset after the bytes read, so a caller can read on
    /// whatever was appended.
    static func fill(_ buffer: UnsafeMutablePointer<UInt8>, size: Int, from descriptor: Int32) -> Int? {
        let parts = min(8, LongFormParser.processorCount)
        if size >= parallelFrom, parts > 1 {
            let filled = UnsafeMutablePointer<Int>.allocate(capacity: parts)
            defer { filled.deallocate() }
            let shared = Shared(buffer: buffer, filled: filled)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let start = size * part / parts
                let end = size * (part + 1) / parts
                shared.filled[part] = readFully(descriptor, into: shared.buffer + start, count: end - start, at: start)
            }
            if (0..<parts).allSatisfy({ filled[$0] == size * ($0 + 1) / parts - size * $0 / parts }) {
                guard lseek(descriptor, off_t(size), SEEK_SET) >= 0 else { return nil }
                return size
            }
            // A part failed or came up short (the file shrank): read it again in order.
            guard lseek(descriptor, 0, SEEK_SET) == 0 else { return nil }
        }
        var filled = 0
        while filled < size {
            let count = read(descriptor, buffer + filled, size - filled)
            if count < 0, errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { break }
            filled += count
        }
        return filled
    }

    /// `count` bytes at `offset`, fewer at the end of the file; -1 on an error.
    private static func readFully(
        _ descriptor: Int32, into buffer: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int
    )
        -> Int
    {
        var filled = 0
        while filled < count {
            let got = pread(descriptor, buffer + filled, count - filled, off_t(offset + filled))
            if got < 0, errno == EINTR { continue }
            if got < 0 { return -1 }
            if got == 0 { break }
            filled += got
        }
        return filled
    }

    private struct Shared: @unchecked Sendable {
        let buffer: UnsafeMutablePointer<UInt8>
        let filled: UnsafeMutablePointer<Int>
    }
}
