import Glibc

extension LongFormParser {
    /// Distinct byte strings, found by hash, numbered in order of insertion.
    struct InternTable {
        var slots = [Int32](repeating: -1, count: 64)
        var hashes: [UInt64] = []
        var starts: [Int] = []
        var lengths: [Int] = []
        var arena: [UInt8] = []

        var count: Int { starts.count }

        @inline(__always)
        static func hash(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for index in 0..<count { hash = (hash ^ UInt64(p[index])) &* 0x100_0000_01B3 }
            return hash ^ (hash >> 29)
        }

        @inline(__always)
        func equals(_ id: Int32, _ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
            let id = Int(id)
            guard lengths[id] == count else { return false }
            return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + starts[id], p, count) == 0 }
        }

        func find(_ p: UnsafePointer<UInt8>, _ count: Int, _ hash: UInt64) -> Int32? {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let id = slots[slot]
                if id < 0 { return nil }
                if hashes[Int(id)] == hash, equals(id, p, count) { return id }
                slot = (slot + 1) & mask
            }
        }

        mutating func insert(_ p: UnsafePointer<UInt8>, _ count: Int, _ hash: UInt64) -> Int32 {
            let id = Int32(starts.count)
            starts.append(arena.count)
            lengths.append(count)
            hashes.append(hash)
            arena.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
            arena.append(0)  // so `arena` is never empty and every start is in range
            if starts.count * 2 > slots.count {
                slots = [Int32](repeating: -1, count: slots.count * 2)
                for existing in 0..<starts.count { place(Int32(existing)) }
            } else {
                place(id)
            }
            return id
        }

        private mutating func place(_ id: Int32) {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hashes[Int(id)]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = id
        }

        func string(_ id: Int) -> String {
            arena.withUnsafeBufferPointer {
                String(
                    decoding: UnsafeBufferPointer(rebasing: $0[starts[id]..<starts[id] + lengths[id]]), as: UTF8.self)
            }
        }
    }
}
