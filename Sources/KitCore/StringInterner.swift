/// Shares one copy of repeated strings while a document is read.
///
/// Snapshots repeat the same longer strings (images, node names, key names such as
/// `terminationMessagePath`) hundreds of thousands of times; sharing them is what keeps a
/// parsed document near its text size in memory. The table stops growing at `maxEntries`;
/// only strings of at least 16 bytes reach it (`hash` relies on that).
///
/// Strings of 15 bytes or less are stored inline by Swift, so sharing them saves no memory,
/// but building one still costs a UTF-8 check and a copy; a small direct-mapped cache of
/// recent ones (keys such as `name`, `image`, `ports`) skips that work.
struct StringInterner {
    private var slots: [String?]
    private var hashes: [UInt64]
    private var count = 0
    private let maxEntries: Int
    static let maxInternedLength = 128

    /// A recent short string and its bytes packed in two words (see `smallString`).
    private struct SmallEntry {
        var first: UInt64 = 0
        var last: UInt64 = 0
        var length = -1
        var string = ""
    }
    private var small: [SmallEntry]
    private static let smallSlotBits = 12

    init(initialCapacity: Int = 1024, maxEntries: Int = 1 << 16) {
        slots = Array(repeating: nil, count: initialCapacity)
        hashes = Array(repeating: 0, count: initialCapacity)
        small = Array(repeating: SmallEntry(), count: 1 << StringInterner.smallSlotBits)
        self.maxEntries = maxEntries
    }

    /// The string for `bytes` (valid UTF-8), shared with earlier identical strings.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let n = bytes.count
        if n <= 15 { return smallString(bytes) }
        if n > StringInterner.maxInternedLength {
            return String(decoding: bytes, as: UTF8.self)
        }
        let h = StringInterner.hash(bytes)
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

    /// Short strings: the bytes themselves (two possibly overlapping words and the length)
    /// identify the string, so a hit needs no byte comparison.
    @inline(__always)
    private mutating func smallString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let n = bytes.count
        if n == 0 { return "" }
        let base = UnsafeRawPointer(bytes.baseAddress!)
        var first: UInt64 = 0
        var last: UInt64 = 0
        if n >= 8 {
            first = base.loadUnaligned(as: UInt64.self)
            last = base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 {
            first = UInt64(base.loadUnaligned(as: UInt32.self))
            last = UInt64(base.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
        } else {
            for i in 0..<n { first |= UInt64(bytes[i]) << (8 * i) }
        }
        let mixed = (first &* 0x9E37_79B9_7F4A_7C15) ^ (last &* 0xBF58_476D_1CE4_E5B9) ^ UInt64(n)
        let slot = Int(truncatingIfNeeded: mixed >> UInt64(64 - StringInterner.smallSlotBits))
        if small[slot].length == n && small[slot].first == first && small[slot].last == last {
            return small[slot].string
        }
        let s = String(decoding: bytes, as: UTF8.self)
        small[slot] = SmallEntry(first: first, last: last, length: n, string: s)
        return s
    }

    /// Mixes 8 bytes per step (the strings here are 16 to 128 bytes): a multiply-xorshift
    /// per word, enough spread for a linear-probing table at a fraction of a byte loop's cost.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        let base = UnsafeRawPointer(bytes.baseAddress!)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        var i = 0
        while i + 8 <= n {
            h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        if i < n {
            // The last (overlapping) word covers the tail; n >= 8 always holds here.
            h = (h ^ base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 32
        }
        return h
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
