/// jq's equality, hashing and total order over `Value`.
///
/// Numbers compare by value whatever their form. Two integers (`int` or integral `decimal`
/// literals) compare exactly, as jq 1.7+ compares two literals; a `double` against anything
/// compares as doubles, as jq does once arithmetic is involved.
extension Value: Equatable, Hashable, Comparable {
    public static func == (lhs: Value, rhs: Value) -> Bool {
        equal(lhs, rhs, depth: 0, limit: Int.max) == true
    }

    /// `==` that gives up on values nested deeper than `depthLimit` (nil then), as jq does
    /// ("Equality check too deep"). Shared arrays and objects are equal without a look inside.
    public static func equal(_ lhs: Value, _ rhs: Value, depthLimit: Int) -> Bool? {
        equal(lhs, rhs, depth: 0, limit: depthLimit)
    }

    static func equal(_ lhs: Value, _ rhs: Value, depth: Int, limit: Int) -> Bool? {
        if depth > limit { return nil }
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return utf8Equal(a, b)
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            if a.withUnsafeBufferPointer({ pa in b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress } }) { return true }
            for (x, y) in zip(a, b) {
                guard let e = equal(x, y, depth: depth + 1, limit: limit) else { return nil }
                if !e { return false }
            }
            return true
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            if a.sharesStorage(with: b) { return true }
            for (k, v) in a {
                guard let w = b[k] else { return false }
                guard let e = equal(v, w, depth: depth + 1, limit: limit) else { return nil }
                if !e { return false }
            }
            return true
        default:
            if lhs.isNumber && rhs.isNumber { return Value.compareNumbers(lhs, rhs) == 0 }
            return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kindRank)
        switch self {
        case .null, .bool: break
        case .int, .double, .decimal:
            let d = doubleValue!
            hasher.combine(d == 0 ? 0 : d)  // -0 and +0 are equal
        case .string(let s):
            ByteKey(s).hash(into: &hasher)
        case .array(let a):
            hasher.combine(a.count)
            for v in a { v.hash(into: &hasher) }
        case .object(let o):
            // Order-independent: combine per-entry hashes commutatively.
            hasher.combine(o.count)
            var sum = 0
            for (k, v) in o {
                var h = Hasher()
                ByteKey(k).hash(into: &h)
                v.hash(into: &h)
                sum = sum &+ h.finalize()
            }
            hasher.combine(sum)
        }
    }

    public static func < (lhs: Value, rhs: Value) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Rank of each kind in jq's order.
    var kindRank: Int {
        switch self {
        case .null: return 0
        case .bool(let b): return b ? 2 : 1
        case .int, .double, .decimal: return 3
        case .string: return 4
        case .array: return 5
        case .object: return 6
        }
    }

    /// jq's total order: negative, zero or positive.
    public static func compare(_ lhs: Value, _ rhs: Value) -> Int {
        compare(lhs, rhs, depth: 0, limit: Int.max) ?? 0
    }

    /// `compare` that gives up on values nested deeper than `depthLimit` (nil then), as jq
    /// does ("Comparison too deep").
    public static func compare(_ lhs: Value, _ rhs: Value, depthLimit: Int) -> Int? {
        compare(lhs, rhs, depth: 0, limit: depthLimit)
    }

    static func compare(_ lhs: Value, _ rhs: Value, depth: Int, limit: Int) -> Int? {
        if depth > limit { return nil }
        let lr = lhs.kindRank, rr = rhs.kindRank
        if lr != rr { return lr < rr ? -1 : 1 }
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)):
            let c = utf8Compare(a, b)
            return c < 0 ? -1 : (c > 0 ? 1 : 0)
        case (.array(let a), .array(let b)):
            for (x, y) in zip(a, b) {
                guard let c = compare(x, y, depth: depth + 1, limit: limit) else { return nil }
                if c != 0 { return c }
            }
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        case (.object(let a), .object(let b)):
            // First the sorted key lists, compared as arrays of strings are; then the values.
            let ak = a.keys.sorted(by: utf8Less), bk = b.keys.sorted(by: utf8Less)
            for (x, y) in zip(ak, bk) {
                let c = utf8Compare(x, y)
                if c != 0 { return c < 0 ? -1 : 1 }
            }
            if ak.count != bk.count { return ak.count < bk.count ? -1 : 1 }
            for k in ak {
                guard let c = compare(a[k]!, b[k]!, depth: depth + 1, limit: limit) else { return nil }
                if c != 0 { return c }
            }
            return 0
        default:
            if lhs.isNumber { return compareNumbers(lhs, rhs) }
            return 0  // null/null, same bool
        }
    }

    static func compareNumbers(_ lhs: Value, _ rhs: Value) -> Int {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            return a == b ? 0 : (a < b ? -1 : 1)
        case (.decimal(let a), .decimal(let b)):
            return a.compare(b)
        case (.decimal(let a), .int(let b)):
            return a.compare(b)
        case (.int(let a), .decimal(let b)):
            return -b.compare(a)
        default:
            let a = lhs.doubleValue!, b = rhs.doubleValue!
            // jq compares nan as if it were null: below every number, itself included.
            if a.isNaN { return -1 }
            if b.isNaN { return 1 }
            return a < b ? -1 : (a == b ? 0 : 1)
        }
    }
}
