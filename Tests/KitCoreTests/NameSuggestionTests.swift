import XCTest

@testable import KitCore

final class NameSuggestionTests: XCTestCase {
    func testDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
        XCTAssertEqual(NameSuggestion.distance("render", "render"), 0)
        XCTAssertEqual(NameSuggestion.distance("rendr", "render"), 1)
        XCTAssertEqual(NameSuggestion.distance("resourcse", "resources"), 1)  // a swap counts one
        XCTAssertEqual(NameSuggestion.distance("kitten", "sitting"), 3)
        XCTAssertEqual(NameSuggestion.distance("", "abc"), 3)
        XCTAssertEqual(NameSuggestion.distance("abc", ""), 3)
        XCTAssertEqual(NameSuggestion.distance("ca", "abc"), 3)  // no edit of a swapped pair
        XCTAssertEqual(NameSuggestion.distance("pöds", "pods"), 1)
    }

    func testDistanceStopsAboveTheLimit() {
        XCTAssertEqual(NameSuggestion.distance("abcdefgh", "zyxwvuts", limit: 2), 3)
        XCTAssertEqual(NameSuggestion.distance("a", "abcdefgh", limit: 2), 3)
        XCTAssertEqual(NameSuggestion.distance("rendr", "render", limit: 1), 1)
    }

    func testClosestSuggestsTyposOfKnownNames() {
        let commands = ["render", "convert", "create", "explain", "fmt", "version"]
        XCTAssertEqual(NameSuggestion.closest(to: "rendr", among: commands), "render")
        XCTAssertEqual(NameSuggestion.closest(to: "crate", among: commands), "create")
        XCTAssertEqual(NameSuggestion.closest(to: "explian", among: commands), "explain")
        XCTAssertEqual(NameSuggestion.closest(to: "Render", among: commands), "render")  // case is ignored
        XCTAssertEqual(NameSuggestion.closest(to: "vers", among: commands), "version")  // a prefix
        XCTAssertNil(NameSuggestion.closest(to: "frobnicate", among: commands))
        XCTAssertNil(NameSuggestion.closest(to: "render", among: commands))  // the name itself is no suggestion
        XCTAssertNil(NameSuggestion.closest(to: "", among: commands))
        XCTAssertNil(NameSuggestion.closest(to: "x", among: commands))
    }

    func testTheClosestWinsAndTiesGoToTheEarlierCandidate() {
        XCTAssertEqual(NameSuggestion.closest(to: "deploymnt", among: ["deploy", "deployments", "deployment"]), "deployment")
        XCTAssertEqual(NameSuggestion.closest(to: "pod", among: ["pods", "pox"]), "pods")
        XCTAssertEqual(NameSuggestion.closest(to: "ab", among: ["abc", "abd"]), "abc")
        // A prefix only when no candidate is within the edit limit.
        XCTAssertEqual(NameSuggestion.closest(to: "conf", among: ["configurations", "cong"]), "cong")
    }

    func testHintIsReadyToAppend() {
        XCTAssertEqual(NameSuggestion.hint(for: "rendr", among: ["render"]), "; did you mean 'render'?")
        XCTAssertEqual(NameSuggestion.hint(for: "resourcse", among: ["resources"], quote: "\""), "; did you mean \"resources\"?")
        XCTAssertEqual(NameSuggestion.hint(for: "zzz", among: ["render"]), "")
    }

    func testLimitGrowsWithTheWord() {
        XCTAssertEqual(NameSuggestion.defaultLimit(for: 2), 1)
        XCTAssertEqual(NameSuggestion.defaultLimit(for: 6), 2)
        XCTAssertEqual(NameSuggestion.defaultLimit(for: 9), 3)
        XCTAssertEqual(NameSuggestion.defaultLimit(for: 40), 3)
    }
}
