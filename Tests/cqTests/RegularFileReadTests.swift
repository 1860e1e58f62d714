import Foundation
import Testing

@testable import cq

/// `InputReader.readAll` reads a regular file whole; from 16 MB on, in one
/// part per processor (`RegularFileRead`). The bytes must be the file's,
/// whatever its size against the parts' boundaries.
struct RegularFileReadTests {
    private static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        // A word at a time: a byte at a time, 16 MB take seconds in a debug build.
        var state = seed
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var index = 0
            while index < count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                var word = state
                for _ in 0..<min(8, count - index) {
                    buffer[index] = UInt8(truncatingIfNeeded: word >> 56)
                    word <<= 8
                    index += 1
                }
            }
            initialized = count
        }
    }

    private static func withFile<T>(_ bytes: [UInt8], _ body: (Int32) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cq-read-\(getpid())-\(bytes.count).bin"
        ).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        return try body(descriptor)
    }

    @Test(arguments: [
        0, 1, 4095, 65_537, RegularFileRead.parallelFrom - 1, RegularFileRead.parallelFrom,
        RegularFileRead.parallelFrom + 12_345,
    ])
    func a_file_is_read_whole_at_any_size(size: Int) throws {
        let expected = Self.bytes(size, seed: UInt64(size) + 1)
        let read = try Self.withFile(expected) { InputReader.readAll($0) }
        #expect(read?.count == expected.count)
        #expect(read == expected)
    }

    /// A file shorter than its size when it was asked (it shrank): the parts
    /// come up short, and the bytes there are are read again in order.
    @Test func a_file_that_ends_early_gives_the_bytes_it_has() throws {
        let expected = Self.bytes(RegularFileRead.parallelFrom + 999, seed: 7)
        try Self.withFile(expected) { descriptor in
            let size = expected.count + 5_000_000
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
            defer { buffer.deallocate() }
            let filled = RegularFileRead.fill(buffer, size: size, from: descriptor)
            #expect(filled == expected.count)
            #expect(Array(UnsafeBufferPointer(start: buffer, count: min(filled ?? 0, expected.count))) == expected)
        }
    }
}
