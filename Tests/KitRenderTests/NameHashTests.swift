import KitCore
import XCTest

@testable import KitRender

final class NameHashTests: XCTestCase {
    // Expected suffixes are what kubectl kustomize (kustomize v5.5.0) printed for the same generators.
    func testWordPressSecretMatchesKustomize() {
        let secret: Value = [
            "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "mysql-pass"],
            "type": "Opaque", "data": ["password": "WU9VUl9QQVNTV09SRA=="],
        ]
        XCTAssertEqual(NameHash.suffix(for: secret), "5m26tmdb5k")
    }

    func testConfigMapAndSecretLiterals() {
        let cm: Value = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "x"], "data": ["a": "b"]]
        XCTAssertEqual(NameHash.suffix(for: cm), "4h2mbtbbt6")
        let secret: Value = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"], "type": "Opaque", "data": ["a": "Yg=="]]
        XCTAssertEqual(NameHash.suffix(for: secret), "k695gkmbtk")
    }

    func testNameDoesNotChangeTheHash() {
        let a: Value = ["kind": "ConfigMap", "metadata": ["name": "one"], "data": ["k": "v"]]
        let b: Value = ["kind": "ConfigMap", "metadata": ["name": "two"], "data": ["k": "v"]]
        XCTAssertEqual(NameHash.suffix(for: a), NameHash.suffix(for: b))
        let c: Value = ["kind": "ConfigMap", "metadata": ["name": "one"], "data": ["k": "w"]]
        XCTAssertNotEqual(NameHash.suffix(for: a), NameHash.suffix(for: c))
    }
}
