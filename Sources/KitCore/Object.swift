#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An ordered JSON/YAML object: keys keep the order they were inserted in.
///
/// Kubernetes objects have few keys, so entries live in one array and small objects are
/// searched linearly (no hash table, no second allocation). Objects that grow past
/// `Object.indexThreshold` keys get a hash index so that lookups stay O(1) — jq programs
/// happily build objects with 100k keys.
///
/// Keys are compared by their UTF-8 bytes, as jq and Go compare them (Swift's `==` on
/// `String` would treat canonically equivalent spellings as the same key).
///
/// An entry can carry one bit beside its value: that the value was written as nothing at all
/// (see `isWrittenEmpty(at:)`). It lives in the entry's padding, so it costs no memory.
public struct Object: Sendable {
    @usableFromInline
    struct Entry: Sendable {
        @usableFromInline var key: String
        @usableFromInline var value: Value
        /// The value was read from empty text (`key:` with nothing after it).
        @usableFromInline var writtenEmpty: Bool
        @inlinable init(key: String, value: Value, writtenEmpty: Bool = false) {
            self.key = key
            self.value = value
            self.writtenEmpty = writtenEmpty
        }
    }

    /// Above this many keys an object keeps a hash index of its keys.
    public static let indexThreshold = 16

    @usableFromInline var entries: [Entry]
    @usableFromInline var index: KeyIndex?

    public init() {
        entries = []
        index = nil
    }

    /// Builds an object with room for `capacity` keys.
    public init(minimumCapacity capacity: Int) {
        entries = []
        entries.reserveCapacity(capacity)
        index = nil
    }

    /// Builds an object from pairs; a repeated key keeps its first position and its last value.
    public init<S: Sequence>(uniqueKeysWithValues pairs: S) where S.Element == (String, Value) {
        self.init()
        for (k, v) in pairs { self[k] = v }
    }

    /// Builds an object from parallel keys and values taken from the ends of `keys` and
    /// `values` (from `keyStart` and `valueStart`), which lose them; a repeated key keeps its
    /// first position and its last value. For readers: the elements are moved, not copied.
    public init(takingKeys keys: inout [String], from keyStart: Int, values: inout [Value], from valueStart: Int) {
        let n = keys.count - keyStart
        var duplicates = false
        // Move keys and values out, leaving "" and null (trivial: no reference counting).
        // reserveCapacity + append: see JSONReader's closeContainer for why not
        // init(unsafeUninitializedCapacity:).
        var built: [Entry] = []
        built.reserveCapacity(n)
        keys.withUnsafeMutableBufferPointer { keySource in
            values.withUnsafeMutableBufferPointer { valueSource in
                for i in 0..<n {
                    let key = (keySource.baseAddress! + keyStart + i).move()
                    (keySource.baseAddress! + keyStart + i).initialize(to: "")
                    let value = (valueSource.baseAddress! + valueStart + i).move()
                    (valueSource.baseAddress! + valueStart + i).initialize(to: .null)
                    if !duplicates && n <= Object.indexThreshold {
                        for j in 0..<i where utf8Equal(built[j].key, key) {
                            duplicates = true
                            break
                        }
                    }
                    built.append(Entry(key: key, value: value))
                }
            }
        }
        keys.removeSubrange(keyStart...)
        values.removeSubrange(valueStart...)
        if duplicates || n > Object.indexThreshold {
            // Rare (or big): resolve repeats the slow way.
            self.init(minimumCapacity: n)
            for e in built { self[e.key] = e.value }
        } else {
            self.init()
            entries = built
        }
    }

    public var count: Int { entries.count }

    /// True when both objects are the same storage (one was copied from the other and
    /// neither has changed since): jq's notion of identical values.
    public func sharesStorage(with other: Object) -> Bool {
        if entries.isEmpty && other.entries.isEmpty { return true }
        return entries.withUnsafeBufferPointer { a in
            other.entries.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress && a.count == b.count }
        }
    }
    public var isEmpty: Bool { entries.isEmpty }

    /// The keys in order.
    public var keys: [String] { entries.map(\.key) }
    /// The values in key order.
    public var values: [Value] { entries.map(\.value) }

    /// The key and value at position `i` (0-based, in key order).
    public func entry(at i: Int) -> (key: String, value: Value) {
        (entries[i].key, entries[i].value)
    }

    /// Whether the value at position `i` was written as nothing at all — `key:` with no value,
    /// `!!null ''`, a `? key` without `:` — as `YAMLReader` records it with
    /// `Options.markWrittenEmpty`. Such a value reads as null like a spelled-out `null` or `~`,
    /// and every consumer but one sees no difference: kustomize's strategic merge (kyaml's)
    /// drops these fields from an object it patches while it keeps spelled-out nulls.
    ///
    /// Storing a new value under the key (the subscript) clears the mark; `setValue(_:at:)`,
    /// which walks use to put a value back in place, keeps it, so a consumer should honour
    /// the mark only while the value is still the one empty text reads as. Equality,
    /// hashing and the writers ignore it.
    public func isWrittenEmpty(at i: Int) -> Bool {
        entries[i].writtenEmpty
    }

    /// Sets or clears the mark of `isWrittenEmpty(at:)` at position `i`.
    public mutating func setWrittenEmpty(_ flag: Bool, at i: Int) {
        entries[i].writtenEmpty = flag
    }

    /// Position of `key`, or nil.
    public func position(of key: String) -> Int? {
        if let index { return index.slots[ByteKey(key)] }
        for i in entries.indices where utf8Equal(entries[i].key, key) { return i }
        return nil
    }

    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    /// Reads, replaces, appends (new keys go last) or, with nil, removes a key.
    public subscript(key: String) -> Value? {
        get {
            guard let i = position(of: key) else { return nil }
            return entries[i].value
        }
        set {
            if let newValue {
                if let i = position(of: key) {
                    entries[i].value = newValue
                    entries[i].writtenEmpty = false
                } else {
                    append(key: key, value: newValue)
                }
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Sets the value at an existing position (keeping the mark of `isWrittenEmpty(at:)`).
    public mutating func setValue(_ value: Value, at i: Int) {
        entries[i].value = value
    }

    /// Appends a key known not to be present (readers use this after their own duplicate
    /// check), optionally marked as written empty (see `isWrittenEmpty(at:)`).
    public mutating func appendNew(key: String, value: Value, writtenEmpty: Bool = false) {
        append(key: key, value: value, writtenEmpty: writtenEmpty)
    }

    @usableFromInline
    mutating func append(key: String, value: Value, writtenEmpty: Bool = false) {
        entries.append(Entry(key: key, value: value, writtenEmpty: writtenEmpty))
        if index != nil {
            if !isKnownUniquelyReferenced(&index!) { index = KeyIndex(copying: index!) }
            index!.slots[ByteKey(key)] = entries.count - 1
        } else if entries.count > Object.indexThreshold {
            rebuildIndex()
        }
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> Value? {
        guard let i = position(of: key) else { return nil }
        let old = entries.remove(at: i).value
        if index != nil { rebuildIndex() }
        return old
    }

    mutating func rebuildIndex() {
        if entries.count <= Object.indexThreshold {
            index = nil
            return
        }
        let fresh = KeyIndex()
        fresh.slots.reserveCapacity(entries.count)
        for (i, e) in entries.enumerated() { fresh.slots[ByteKey(e.key)] = i }
        index = fresh
    }

    /// A copy with keys reordered by `areInIncreasingOrder` (a stable sort).
    public func sorted(by areInIncreasingOrder: (String, String) -> Bool) -> Object {
        var copy = self
        copy.entries = entries.enumerated().sorted { a, b in
            if areInIncreasingOrder(a.element.key, b.element.key) { return true }
            if areInIncreasingOrder(b.element.key, a.element.key) { return false }
            return a.offset < b.offset
        }.map(\.element)
        copy.rebuildIndex()
        return copy
    }

    /// A copy with keys in UTF-8 byte order (the order jq's `keys` and `-S` use).
    public func sortedByKeyBytes() -> Object {
        sorted(by: utf8Less)
    }

    /// Applies `transform` to every value, keeping keys and order.
    public func mapValues(_ transform: (Value) throws -> Value) rethrows -> Object {
        var copy = self
        for i in copy.entries.indices { copy.entries[i].value = try transform(copy.entries[i].value) }
        return copy
    }

    /// Changes every value in place.
    public mutating func updateValues(_ transform: (inout Value) throws -> Void) rethrows {
        for i in entries.indices { try transform(&entries[i].value) }
    }
}

extension Object: Sequence {
    public struct Iterator: IteratorProtocol {
        var base: IndexingIterator<[Entry]>
        public mutating func next() -> (key: String, value: Value)? {
            guard let e = base.next() else { return nil }
            return (e.key, e.value)
        }
    }
    public func makeIterator() -> Iterator { Iterator(base: entries.makeIterator()) }
    public var underestimatedCount: Int { entries.count }
}

extension Object: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, Value)...) {
        self.init(uniqueKeysWithValues: elements)
    }
}

/// Hash index of an object's keys (shared copy-on-write between copies of an object).
@usableFromInline
final class KeyIndex: @unchecked Sendable {
    var slots: [ByteKey: Int] = [:]
    init() {}
    init(copying other: KeyIndex) { slots = other.slots }
}

/// A string that hashes and compares by its UTF-8 bytes.
struct ByteKey: Hashable {
    var string: String
    init(_ s: String) { string = s }
    static func == (a: ByteKey, b: ByteKey) -> Bool { utf8Equal(a.string, b.string) }
    func hash(into hasher: inout Hasher) {
        var s = string
        s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// True when two strings have the same UTF-8 bytes.
@inline(__always)
public func utf8Equal(_ a: String, _ b: String) -> Bool {
    // Different lengths (O(1) to tell for native strings) settle most comparisons.
    if a.utf8.count != b.utf8.count { return false }
    var a = a
    var b = b
    return a.withUTF8 { pa in
        b.withUTF8 { pb in
            pa.count == pb.count && (pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0)
        }
    }
}

/// Orders strings by their UTF-8 bytes (jq's and Go's string order).
@inline(__always)
public func utf8Less(_ a: String, _ b: String) -> Bool {
    utf8Compare(a, b) < 0
}

/// Compares strings by their UTF-8 bytes: negative, zero or positive.
public func utf8Compare(_ a: String, _ b: String) -> Int {
    var a = a
    var b = b
    return a.withUTF8 { pa in
        b.withUTF8 { pb in
            let n = min(pa.count, pb.count)
            if n > 0 {
                let c = memcmp(pa.baseAddress!, pb.baseAddress!, n)
                if c != 0 { return Int(c) }
            }
            return pa.count - pb.count
        }
    }
}

extension Value {
    /// The value with every object's keys in UTF-8 byte order, at every depth: how Go's
    /// encoding/json prints a decoded document (kubectl's `-o json`) and jq's `-S`.
    public func withKeysSortedByBytes() -> Value {
        switch self {
        case .array(let a): return .array(a.map { $0.withKeysSortedByBytes() })
        case .object(let o): return .object(o.sortedByKeyBytes().mapValues { $0.withKeysSortedByBytes() })
        default: return self
        }
    }
}
