import XCTest

@testable import KitQuery

/// Go's `sort.Sort` port. Tie orders are checked end to end against kubectl (the QueryOracle
/// `sort-by-*-400` cases); these tests check that it sorts, on every path of the algorithm.
final class GoSortTests: XCTestCase {
    /// A deterministic generator (SplitMix64) so the inputs are the same on every run.
    struct Numbers {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func testSortsEverySize() {
        var numbers = Numbers(state: 1)
        for size in [0, 1, 2, 3, 7, 12, 13, 49, 50, 51, 100, 257, 1000, 5000] {
            for spread in [2, 10, 1_000_000] {
                var items = (0..<size).map { _ in Int(numbers.next() % UInt64(spread)) }
                GoSort.sort(&items, by: <)
                XCTAssertEqual(items, items.sorted(), "size \(size), spread \(spread)")
            }
        }
    }

    func testPatternsThatDefeatPlainQuicksort() {
        let size = 3000
        let patterns: [[Int]] = [
            Array(0..<size), Array((0..<size).reversed()), Array(repeating: 7, count: size),
            (0..<size).map { $0 % 2 == 0 ? $0 : size - $0 },  // organ pipe-ish
            (0..<size).map { $0 < size / 2 ? $0 : 0 },
        ]
        for pattern in patterns {
            var items = pattern
            GoSort.sort(&items, by: <)
            XCTAssertEqual(items, pattern.sorted())
        }
    }

    func testTiesAreNotKeptStable() {
        // Go's sort.Sort moves equal elements: with 80% ties, the input order is not kept.
        var numbers = Numbers(state: 42)
        let keys = (0..<500).map { _ in numbers.next() % 5 == 0 ? Int(numbers.next() % 9) + 1 : 0 }
        var items = Array(keys.enumerated())
        GoSort.sort(&items) { $0.element < $1.element }
        XCTAssertEqual(items.map(\.element), keys.sorted())
        let zeros = items.filter { $0.element == 0 }.map(\.offset)
        XCTAssertNotEqual(zeros, zeros.sorted())
    }

    func testBitLength() {
        XCTAssertEqual(GoSort.bitLength(0), 0)
        XCTAssertEqual(GoSort.bitLength(1), 1)
        XCTAssertEqual(GoSort.bitLength(12), 4)
        XCTAssertEqual(GoSort.bitLength(400), 9)
    }
}
