import Glibc

extension LongFormParser {
    /// Distinct byte strings, found by hash, numbered in order of insertion.
    ///
    /// One probe reads one slot holding both the hash and the id (a shuffled
    /// file looks up every row's codes: two arrays to miss in cost a tenth
    /// of its parse), and the bytes are compared a word at a time in place.
    struct InternTable {
        struct Slot {
            var hash: UInt64
            /// -1: empty.
            var id: Int32
        }

        var slots = [Slot](repeating: Slot(hash: 0, id: -1), count: 64)
        var starts: [Int] = []
        var lengths: [Int] = []
        var arena: [UInt8] = []

        var count: Int { starts.count }

        /// Eight bytes at a time, each word multiplied in (a byte at a time,
        /// FNV-1a cost a fifth of a shuffled file's parse, where no row
        /// repeats the previous row's codes). The tail is gathered byte by
        /// byte, never read past the field: the field may end the mapping.
        @inline(__always)
        static func hash(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
            var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
            var index = 0
            let raw = UnsafeRawPointer(p)
            while index + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
                hash ^= hash >> 32
                index += 8
            }
            if index < count {
                var word: UInt64 = 0
                var shift: UInt64 = 0
                while index < count {
                    word |= UInt64(p[index]) << shift
                    shift += 8
                    index += 1
                }
                hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            }
            hash ^= hash >> 29
            hash = hash &* 0xC4CE_B9FE_1A85_EC53
            return hash ^ (hash >> 32)
        }

        /// Whether the bytes of `id` are the `count` bytes at `p`.
        @inline(__always)
        func equals(_ id: Int32, _ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
            let id = Int(id)
            guard lengths[id] == count else { return false }
            return arena.withUnsafeBufferPointer { buffer in
                let stored = UnsafeRawPointer(buffer.baseAddress! + starts[id])
                let given = UnsafeRawPointer(p)
                var index = 0
                while index + 8 <= count {
                    if stored.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                        != given.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    {
                        return false
                    }
                    index += 8
                }
                while index < count {
                    if stored.load(fromByteOffset: index, as: UInt8.self) != p[index] { return false }
                    index += 1
                }
                return true
            }
        }

        @inline(__always)
        func find(_ p: UnsafePointer<UInt8>, _ count: Int, _ hash: UInt64) -> Int32? {
            slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let entry = slots[slot]
                    if entry.id < 0 { return nil }
                    if entry.hash == hash, equals(entry.id, p, count) { return entry.id }
                    slot = (slot + 1) & mask
                }
            }
        }

        mutating func insert(_ p: UnsafePointer<UInt8>, _ count: Int, _ hash: UInt64) -> Int32 {
            let id = Int32(starts.count)
            starts.append(arena.count)
            lengths.append(count)
            arena.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
            arena.append(0)  // so `arena` is never empty and every start is in range
            if starts.count * 2 > slots.count {
                let old = slots
                slots = [Slot](repeating: Slot(hash: 0, id: -1), count: slots.count * 2)
                for entry in old where entry.id >= 0 { place(entry) }
            }
            place(Slot(hash: hash, id: id))
            return id
        }

        private mutating func place(_ entry: Slot) {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot].id >= 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }

        func string(_ id: Int) -> String {
            arena.withUnsafeBufferPointer {
                String(
                    decoding: UnsafeBufferPointer(rebasing: $0[starts[id]..<starts[id] + lengths[id]]), as: UTF8.self)
            }
        }
    }
}
