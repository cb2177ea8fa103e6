/// Go's `sort.Sort` (Go 1.19 and later: pattern-defeating quicksort), step for step, so that
/// elements that compare equal end up where kubectl's `--sort-by` leaves them. The algorithm
/// is not stable and its tie order depends on every comparison and swap it makes, so only a
/// faithful port reproduces kubectl's output (with 80% of pods at 0 restarts, ties are most
/// of the list).
///
/// `less` is called with the elements at two positions, exactly as Go calls `data.Less(i, j)`;
/// swaps exchange elements, as `data.Swap(i, j)` does.
public enum GoSort {

    /// Sorts `items` as Go's `sort.Sort` sorts a `sort.Interface` over them.
    public static func sort<T>(_ items: inout [T], by less: (T, T) -> Bool) {
        let n = items.count
        guard n > 1 else { return }
        withoutActuallyEscaping(less) { less in
            items.withUnsafeMutableBufferPointer { buffer in
                let data = Data(buffer: buffer, less: less)
                data.pdqsort(0, n, limit: bitLength(UInt(n)))
            }
        }
    }

    /// `bits.Len`: the number of bits needed to represent `x` (0 for 0).
    static func bitLength(_ x: UInt) -> Int {
        x == 0 ? 0 : UInt.bitWidth - x.leadingZeroBitCount
    }

    private enum SortedHint {
        case unknown, increasing, decreasing
    }

    private struct Data<T> {
        let buffer: UnsafeMutableBufferPointer<T>
        let less: (T, T) -> Bool

        @inline(__always) func isLess(_ i: Int, _ j: Int) -> Bool { less(buffer[i], buffer[j]) }
        @inline(__always) func swap(_ i: Int, _ j: Int) { buffer.swapAt(i, j) }

        func insertionSort(_ a: Int, _ b: Int) {
            var i = a + 1
            while i < b {
                var j = i
                while j > a && isLess(j, j - 1) {
                    swap(j, j - 1)
                    j -= 1
                }
                i += 1
            }
        }

        func siftDown(_ lo: Int, _ hi: Int, first: Int) {
            var root = lo
            while true {
                var child = 2 * root + 1
                if child >= hi { break }
                if child + 1 < hi && isLess(first + child, first + child + 1) { child += 1 }
                if !isLess(first + root, first + child) { return }
                swap(first + root, first + child)
                root = child
            }
        }

        func heapSort(_ a: Int, _ b: Int) {
            let first = a
            let lo = 0
            let hi = b - a
            var i = (hi - 1) / 2
            while i >= 0 {
                siftDown(i, hi, first: first)
                i -= 1
            }
            i = hi - 1
            while i >= 0 {
                swap(first, first + i)
                siftDown(lo, i, first: first)
                i -= 1
            }
        }

        func pdqsort(_ a: Int, _ b: Int, limit: Int) {
            let maxInsertion = 12
            var a = a
            var b = b
            var limit = limit
            var wasBalanced = true
            var wasPartitioned = true
            while true {
                let length = b - a
                if length <= maxInsertion {
                    insertionSort(a, b)
                    return
                }
                if limit == 0 {
                    heapSort(a, b)
                    return
                }
                if !wasBalanced {
                    breakPatterns(a, b)
                    limit -= 1
                }
                var (pivot, hint) = choosePivot(a, b)
                if hint == .decreasing {
                    reverseRange(a, b)
                    pivot = (b - 1) - (pivot - a)
                    hint = .increasing
                }
                if wasBalanced && wasPartitioned && hint == .increasing {
                    if partialInsertionSort(a, b) { return }
                }
                if a > 0 && !isLess(a - 1, pivot) {
                    a = partitionEqual(a, b, pivot: pivot)
                    continue
                }
                let (mid, alreadyPartitioned) = partition(a, b, pivot: pivot)
                wasPartitioned = alreadyPartitioned
                let leftLength = mid - a
                let rightLength = b - mid
                let balanceThreshold = length / 8
                if leftLength < rightLength {
                    wasBalanced = leftLength >= balanceThreshold
                    pdqsort(a, mid, limit: limit)
                    a = mid + 1
                } else {
                    wasBalanced = rightLength >= balanceThreshold
                    pdqsort(mid + 1, b, limit: limit)
                    b = mid
                }
            }
        }

        func partition(_ a: Int, _ b: Int, pivot: Int) -> (Int, Bool) {
            swap(a, pivot)
            var i = a + 1
            var j = b - 1
            while i <= j && isLess(i, a) { i += 1 }
            while i <= j && !isLess(j, a) { j -= 1 }
            if i > j {
                swap(j, a)
                return (j, true)
            }
            swap(i, j)
            i += 1
            j -= 1
            while true {
                while i <= j && isLess(i, a) { i += 1 }
                while i <= j && !isLess(j, a) { j -= 1 }
                if i > j { break }
                swap(i, j)
                i += 1
                j -= 1
            }
            swap(j, a)
            return (j, false)
        }

        func partitionEqual(_ a: Int, _ b: Int, pivot: Int) -> Int {
            swap(a, pivot)
            var i = a + 1
            var j = b - 1
            while true {
                while i <= j && !isLess(a, i) { i += 1 }
                while i <= j && isLess(a, j) { j -= 1 }
                if i > j { break }
                swap(i, j)
                i += 1
                j -= 1
            }
            return i
        }

        func partialInsertionSort(_ a: Int, _ b: Int) -> Bool {
            let maxSteps = 5
            let shortestShifting = 50
            var i = a + 1
            for _ in 0..<maxSteps {
                while i < b && !isLess(i, i - 1) { i += 1 }
                if i == b { return true }
                if b - a < shortestShifting { return false }
                swap(i, i - 1)
                if i - a >= 2 {
                    var j = i - 1
                    while j >= 1 {
                        if !isLess(j, j - 1) { break }
                        swap(j, j - 1)
                        j -= 1
                    }
                }
                if b - i >= 2 {
                    var j = i + 1
                    while j < b {
                        if !isLess(j, j - 1) { break }
                        swap(j, j - 1)
                        j += 1
                    }
                }
            }
            return false
        }

        func breakPatterns(_ a: Int, _ b: Int) {
            let length = b - a
            guard length >= 8 else { return }
            var random = UInt64(length)
            let modulus = UInt(1) << UInt(GoSort.bitLength(UInt(length)))
            var idx = a + (length / 4) * 2 - 1
            while idx <= a + (length / 4) * 2 + 1 {
                // Go's xorshift: x ^= x<<13; x ^= x>>7; x ^= x<<17.
                // Go's sort package's xorshift (x<<13, x>>17, x<<5; the slices package uses
                // other shifts): measured against kubectl 1.32 (go1.23.8).
                random ^= random << 13
                random ^= random >> 17
                random ^= random << 5
                var other = Int(UInt(truncatingIfNeeded: random) & (modulus - 1))
                if other >= length { other -= length }
                swap(idx, a + other)
                idx += 1
            }
        }

        func choosePivot(_ a: Int, _ b: Int) -> (Int, SortedHint) {
            let shortestNinther = 50
            let maxSwaps = 4 * 3
            let l = b - a
            var swaps = 0
            var i = a + l / 4 * 1
            var j = a + l / 4 * 2
            var k = a + l / 4 * 3
            if l >= 8 {
                if l >= shortestNinther {
                    i = medianAdjacent(i, &swaps)
                    j = medianAdjacent(j, &swaps)
                    k = medianAdjacent(k, &swaps)
                }
                j = median(i, j, k, &swaps)
            }
            switch swaps {
            case 0: return (j, .increasing)
            case maxSwaps: return (j, .decreasing)
            default: return (j, .unknown)
            }
        }

        func order2(_ a: Int, _ b: Int, _ swaps: inout Int) -> (Int, Int) {
            if isLess(b, a) {
                swaps += 1
                return (b, a)
            }
            return (a, b)
        }

        func median(_ a: Int, _ b: Int, _ c: Int, _ swaps: inout Int) -> Int {
            var (a, b) = order2(a, b, &swaps)
            var c = c
            (b, c) = order2(b, c, &swaps)
            (a, b) = order2(a, b, &swaps)
            _ = a
            _ = c
            return b
        }

        func medianAdjacent(_ a: Int, _ swaps: inout Int) -> Int {
            median(a - 1, a, a + 1, &swaps)
        }

        func reverseRange(_ a: Int, _ b: Int) {
            var i = a
            var j = b - 1
            while i < j {
                swap(i, j)
                i += 1
                j -= 1
            }
        }
    }
}
