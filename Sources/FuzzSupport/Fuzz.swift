#if canImport(Glibc)
import Glibc
#endif
import KitCore

/// What the fuzz targets (`Sources/fuzz-*`, one file each) share. Not shipped.
///
/// A target is a function from bytes to nothing that must not crash and must keep its
/// invariants; it is built two ways:
/// - by `scripts/fuzz`, with `-sanitize=fuzzer,address` and `-DFUZZING`: libFuzzer calls the
///   target's `LLVMFuzzerTestOneInput` with mutated inputs;
/// - by a plain `swift build`: the target's `@main` replays files instead (`Fuzz.replay`), so
///   that a crash input reproduces without libFuzzer and CI replays the saved corpus
///   (`Tests/FuzzCorpus/<target>/`) cheaply.
public enum Fuzz {
    /// An invariant broke: print why and abort, so that libFuzzer saves the input.
    public static func fail(_ message: String) -> Never {
        var bytes = Array("fuzz invariant broken: \(message)\n".utf8)
        bytes.withUnsafeMutableBufferPointer { _ = write(2, $0.baseAddress, $0.count) }
        abort()
    }

    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fail(message()) }
    }

    /// Every error kit reports about an input carries FILE:LINE:COL.
    public static func requireLocation(_ error: any Error, _ what: String) {
        guard let error = error as? KitError else { fail("\(what) threw a non-KitError: \(error)") }
        require(error.location != nil, "\(what) threw an error without a position: \(error.message)")
    }

    /// The input as bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Runs `body` on every file named on the command line (a directory stands for the files
    /// below it) and reports how many ran. Exits 0 when all ran (a broken invariant aborts).
    public static func replay(_ body: ([UInt8]) -> Void) -> Never {
        var count = 0
        func run(_ path: String) {
            if FileIO.isDirectory(path) {
                for name in (try? FileIO.list(path)) ?? [] { run(FileIO.join(path, name)) }
                return
            }
            guard let input = try? FileIO.read(path, limits: .regularFiles()) else { return }
            body(input)
            count += 1
        }
        for path in CommandLine.arguments.dropFirst() { run(path) }
        print("replayed \(count) inputs")
        exit(0)
    }
}
