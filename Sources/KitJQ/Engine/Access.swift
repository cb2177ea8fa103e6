import KitCore

/// jq's indexing, slicing and path operations on values (`jv_get`, `jv_set`, `jv_has`,
/// `jv_getpath`, `jv_setpath`, `jv_delpaths`), with jq's error messages.
enum Access {
    /// Deepest path `getpath`/`setpath`/`delpaths` accept.
    static let maxPathDepth = 10_000

    /// `t[k]`
    static func index(_ t: Value, _ k: Value) throws -> Value {
        switch (t, k) {
        case (.object(let o), .string(let key)):
            return o[key] ?? .null
        case (.array(let a), _) where k.isNumber:
            guard let i = arrayIndex(k, count: a.count) else { return .null }
            return i >= 0 && i < a.count ? a[i] : .null
        case (.array(let a), .object):
            let (start, end) = try sliceBounds(k, count: a.count)
            return .array(Array(a[start..<end]))
        case (.string(let s), .object):
            let scalars = s.unicodeScalars
            let (start, end) = try sliceBounds(k, count: scalars.count)
            return .string(substring(s, start, end))
        case (.array(let a), .array(let b)):
            return .array(try indexes(of: b, in: a).map { .int($0) })
        case (.null, .string), (.null, .object):
            return .null
        case (.null, _) where k.isNumber:
            return .null
        default:
            throw JQError("Cannot index \(t.typeName) with \(k.typeName) (\(truncatedDump(k)))")
        }
    }

    /// `t.key` (the common case, without building a key value).
    @inline(__always)
    static func field(_ t: Value, _ key: String) throws -> Value {
        switch t {
        case .object(let o): return o[key] ?? .null
        case .null: return .null
        default: throw JQError("Cannot index \(t.typeName) with string (\(truncatedDump(.string(key))))")
        }
    }

    /// The array position a number index denotes (negative counts from the end), or nil for
    /// NaN. Fractions truncate toward zero, as jq's `(int)` cast does.
    static func arrayIndex(_ k: Value, count: Int) -> Int? {
        let i: Int
        switch k {
        case .int(let n): i = n
        default:
            guard let d = k.number, !d.isNaN else { return nil }
            let clamped = max(min(d, Double(Int32.max)), Double(Int32.min))
            i = Int(clamped)
        }
        return i < 0 ? i + count : i
    }

    /// Positions where `b` occurs as a contiguous run in `a` (`indices` of an array).
    static func indexes(of b: [Value], in a: [Value]) throws -> [Int] {
        guard !b.isEmpty else { return [] }
        var out: [Int] = []
        var i = 0
        while i + b.count <= a.count {
            var match = true
            for j in 0..<b.count where !(try jqEqual(a[i + j], b[j])) {
                match = false
                break
            }
            if match { out.append(i) }
            i += 1
        }
        return out
    }

    /// jq's `parse_slice`: the `{start, end}` key of a slice as bounds in `0…count`.
    static func sliceBounds(_ k: Value, count: Int) throws -> (Int, Int) {
        var startValue = k["start"] ?? .null
        var endValue = k["end"] ?? .null
        if case .null = startValue { startValue = .int(0) }
        if case .null = endValue { endValue = .int(count) }
        guard var dstart = startValue.number, var dend = endValue.number else {
            throw JQError("Array/string slice indices must be integers")
        }
        let len = Double(count)
        if dstart.isNaN { dstart = 0 }
        if dstart < 0 { dstart += len }
        if dstart < 0 { dstart = 0 }
        if dstart > len { dstart = len }
        let start = Int(dstart)  // rounds down
        if dend.isNaN { dend = len }
        if dend < 0 { dend += len }
        if dend < 0 { dend = Double(start) }
        var end = dend > Double(Int32.max) ? Int(Int32.max) : Int(dend)
        if end > count { end = count }
        // The start rounds down and the end rounds up.
        if end < count && Double(end) < dend { end += 1 }
        if end < start { end = start }
        return (start, end)
    }

    /// Code points `start..<end` of `s`.
    static func substring(_ s: String, _ start: Int, _ end: Int) -> String {
        if start == 0 && end >= s.utf8.count { return s }
        let scalars = s.unicodeScalars
        let from = scalars.index(scalars.startIndex, offsetBy: start)
        let to = scalars.index(from, offsetBy: end - start)
        return String(scalars[from..<to])
    }

    /// `has(k)`
    static func has(_ t: Value, _ k: Value) throws -> Bool {
        switch (t, k) {
        case (.object(let o), .string(let key)):
            return o.contains(key)
        case (.array(let a), _) where k.isNumber:
            guard let d = k.number, !d.isNaN else { return false }
            let i = Int(max(min(d, Double(Int32.max)), Double(Int32.min)))
            return i >= 0 && i < a.count
        default:
            throw JQError("Cannot check whether \(t.typeName) has a \(k.typeName) key")
        }
    }

    /// `t[k] = v` (jq's `jv_set`): null becomes an object or array as the key asks, arrays
    /// grow with nulls, negative indices count from the end.
    static func set(_ t: inout Value, _ k: Value, _ v: Value) throws {
        switch (t, k) {
        case (.object, .string(let key)):
            guard case .object(var o) = t else { return }
            t = .null
            o[key] = v
            t = .object(o)
        case (.null, .string(let key)):
            var o = Object()
            o[key] = v
            t = .object(o)
        case (.array, _) where k.isNumber, (.null, _) where k.isNumber:
            guard let d = k.number, !d.isNaN else { throw JQError("Cannot set array element at NaN index") }
            var a: [Value] = []
            if case .array(let existing) = t { a = existing }
            t = .null
            var i = Int(max(min(d, Double(Int32.max)), Double(Int32.min)))
            if i < 0 { i += a.count }
            if i < 0 {
                t = .array(a)
                throw JQError("Out of bounds negative array index")
            }
            if i > (Int(Int32.max) >> 2) {
                t = .array(a)
                throw JQError("Array index too large")
            }
            if i < a.count {
                a[i] = v
            } else {
                a.reserveCapacity(i + 1)
                while a.count < i { a.append(.null) }
                a.append(v)
            }
            t = .array(a)
        case (.array, .object), (.null, .object):
            var a: [Value] = []
            if case .array(let existing) = t { a = existing }
            let (start, end) = try sliceBounds(k, count: a.count)
            guard case .array(let insert) = v else {
                throw JQError("A slice of an array can only be assigned another array")
            }
            t = .null
            a.replaceSubrange(start..<end, with: insert)
            t = .array(a)
        case (.string, .object):
            throw JQError("Cannot update string slices")
        default:
            throw JQError("Cannot update field at \(k.typeName) index of \(t.typeName)")
        }
    }

    /// `getpath(p)`
    static func getPath(_ root: Value, _ path: Value) throws -> Value {
        guard case .array(let keys) = path else { throw JQError("Path must be specified as an array") }
        guard keys.count <= maxPathDepth else { throw JQError("Path too deep") }
        var v = root
        for k in keys { v = try index(v, k) }
        return v
    }

    /// `setpath(p; v)`, editing `root` in place.
    static func setPath(_ root: inout Value, _ path: Value, _ value: Value) throws {
        guard case .array(let keys) = path else { throw JQError("Path must be specified as an array") }
        guard keys.count <= maxPathDepth else { throw JQError("Path too deep") }
        try modify(&root, keys[...]) { v in
            v = value
            return true
        }
    }

    /// Runs `body` on the value at `keys`, in place: the containers on the way are taken out of
    /// their parents while they change, so that a uniquely held tree is never copied. Where the
    /// path does not exist, `body` sees null, and the path is created (with jq's `setpath`
    /// rules) only if `body` returns true. Returns what `body` returned.
    @discardableResult
    static func modify(_ root: inout Value, _ keys: ArraySlice<Value>, _ body: (inout Value) throws -> Bool) throws -> Bool {
        guard let k = keys.first else {
            return try body(&root)
        }
        let rest = keys.dropFirst()
        switch (root, k) {
        case (.object(var o), .string(let key)):
            if let i = o.position(of: key) {
                root = .null
                defer { root = .object(o) }
                var child = o.entry(at: i).value
                o.setValue(.null, at: i)
                defer { o.setValue(child, at: i) }
                return try modify(&child, rest, body)
            }
            var child = Value.null
            guard try modify(&child, rest, body) else { return false }
            root = .null
            o[key] = child
            root = .object(o)
            return true
        case (.array(var a), _) where k.isNumber:
            if let d = k.number, !d.isNaN {
                var i = Int(max(min(d, Double(Int32.max)), Double(Int32.min)))
                if i < 0 { i += a.count }
                if i >= 0 && i < a.count {
                    root = .null
                    defer { root = .array(a) }
                    var child = a[i]
                    a[i] = .null
                    defer { a[i] = child }
                    return try modify(&child, rest, body)
                }
            }
            fallthrough
        default:
            // Slices, missing elements, null containers: read, change, write back.
            var child = try index(root, k)
            guard try modify(&child, rest, body) else { return false }
            try set(&root, k, child)
            return true
        }
    }

    /// `delpaths(ps)`
    static func deletePaths(_ root: Value, _ paths: Value) throws -> Value {
        guard case .array(var list) = paths else { throw JQError("Paths must be specified as an array") }
        for p in list {
            guard case .array(let keys) = p else { throw JQError("Path must be specified as array, not \(p.typeName)") }
            guard keys.count <= maxPathDepth else { throw JQError("Path too deep") }
        }
        if list.isEmpty { return root }
        list = try sortValues(list)
        var keysList: [[Value]] = list.map { $0.arrayValue! }
        if keysList[0].isEmpty { return .null }
        var result = root
        try deleteSorted(&result, &keysList, 0..<keysList.count, depth: 0)
        return result
    }

    /// Deletes the sorted `paths[range]`, all at least `depth + 1` long, from `object`.
    static func deleteSorted(_ object: inout Value, _ paths: inout [[Value]], _ range: Range<Int>, depth: Int) throws {
        var deleteKeys: [Value] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let key = paths[i][depth]
            let deleteWhole = paths[i].count == depth + 1
            var j = i + 1
            while j < range.upperBound, try jqEqual(paths[j][depth], key) { j += 1 }
            if deleteWhole {
                deleteKeys.append(key)
            } else {
                var sub = try index(object, key)
                if case .null = sub {
                } else {
                    try deleteSorted(&sub, &paths, i..<j, depth: depth + 1)
                    try set(&object, key, sub)
                }
            }
            i = j
        }
        try deleteKeysSorted(&object, deleteKeys)
    }

    /// jq's `jv_dels`: removes keys (already sorted) from an object or array.
    static func deleteKeysSorted(_ t: inout Value, _ keys: [Value]) throws {
        if keys.isEmpty { return }
        switch t {
        case .null:
            return
        case .array(let a):
            var negative: [Int] = []
            var nonNegative: [Int] = []
            var ranges: [(Int, Int)] = []
            for key in keys {
                if key.isNumber {
                    guard let d = key.number, !d.isNaN else { continue }
                    if d < 0 { negative.append(Int(max(d, Double(Int32.min)))) } else { nonNegative.append(Int(min(d, Double(Int32.max)))) }
                } else if case .object = key {
                    ranges.append(try sliceBounds(key, count: a.count))
                } else {
                    throw JQError("Cannot delete \(key.typeName) element of array")
                }
            }
            var deleted = Set<Int>()
            for n in negative { deleted.insert(a.count + n) }
            for n in nonNegative { deleted.insert(n) }
            var out: [Value] = []
            out.reserveCapacity(a.count)
            for (i, item) in a.enumerated() {
                if deleted.contains(i) { continue }
                if ranges.contains(where: { $0.0 <= i && i < $0.1 }) { continue }
                out.append(item)
            }
            t = .array(out)
        case .object(var o):
            t = .null
            for key in keys {
                guard case .string(let name) = key else {
                    t = .object(o)
                    throw JQError("Cannot delete \(key.typeName) field of object")
                }
                o.removeValue(forKey: name)
            }
            t = .object(o)
        default:
            throw JQError("Cannot delete fields from \(t.typeName)")
        }
    }
}
