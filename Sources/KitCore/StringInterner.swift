/// Shares one copy of repeated strings while a document is read.
///
/// Snapshots repeat the same longer strings (images, node names, key names such as
/// `terminationMessagePath`) hundreds of thousands of times; sharing them is what keeps a
/// parsed document near its text size in memory. Strings of 15 bytes or less are stored
/// inline by Swift and are never interned. The table stops growing at `maxEntries`.
struct StringInterner {
    private var slots: [String?]
    private var hashes: [UInt64]
    private var count = 0
    private let maxEntries: Int
    static let maxInternedLength = 128

    init(initialCapacity: Int = 1024, maxEntries: Int = 1 << 16) {
        slots = Array(repeating: nil, count: initialCapacity)
        hashes = Array(repeating: 0, count: initialCapacity)
        self.maxEntries = maxEntries
    }

    /// The string for `bytes` (valid UTF-8), shared with earlier identical strings.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let n = bytes.count
        if n <= 15 || n > StringInterner.maxInternedLength {
            return String(decoding: bytes, as: UTF8.self)
        }
        // FNV-1a: short inputs, cheap, good enough spread for a linear-probing table.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while let existing = slots[i] {
            if hashes[i] == h, existing.utf8.count == n {
                var e = existing
                let same = e.withUTF8 { memcmp($0.baseAddress!, bytes.baseAddress!, n) == 0 }
                if same { return existing }
            }
            i = (i + 1) & mask
        }
        let s = String(decoding: bytes, as: UTF8.self)
        if count < maxEntries {
            slots[i] = s
            hashes[i] = h
            count += 1
            if count * 2 > slots.count { grow() }
        }
        return s
    }

    private mutating func grow() {
        let old = slots
        let oldHashes = hashes
        slots = Array(repeating: nil, count: old.count * 2)
        hashes = Array(repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for (j, s) in old.enumerated() {
            guard let s else { continue }
            var i = Int(truncatingIfNeeded: oldHashes[j]) & mask
            while slots[i] != nil { i = (i + 1) & mask }
            slots[i] = s
            hashes[i] = oldHashes[j]
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
