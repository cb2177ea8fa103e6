import ArgumentParser
import KitCore

#if canImport(Glibc)
import Glibc
#endif

/// The `--to`/`--format` choice of the commands that print documents.
enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case yaml, json
}

/// Thrown by a command that ran fine but found something (exit status 1).
struct FindingsExit: Error {
    var status: Int32 = 1
}

func printError(_ message: String) {
    var bytes = Array(message.utf8)
    bytes.append(10)
    try? FileIO.writeAll(fd: 2, bytes, name: "standard error")
}

/// `kit: error: …` on standard error (the message carries FILE:LINE:COL when it has one).
func printKitError(_ error: any Error) {
    printError("kit: error: \(error)")
}

func writeStdout(_ bytes: [UInt8]) throws {
    try FileIO.write(bytes, to: "-")
}

private final class ThreadBox {
    let body: () -> Int32
    var result: Int32 = 0
    init(_ body: @escaping () -> Int32) { self.body = body }
}

/// Runs `body` on a thread with a 512 MiB stack and returns its result.
func runOnLargeStack(_ body: @escaping () -> Int32) -> Int32 {
    let box = ThreadBox(body)
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    pthread_attr_setstacksize(&attributes, 512 << 20)
    var thread = pthread_t()
    let context = Unmanaged.passRetained(box).toOpaque()
    let created = pthread_create(&thread, &attributes, { raw in
        let box = Unmanaged<ThreadBox>.fromOpaque(raw!).takeUnretainedValue()
        box.result = box.body()
        return nil
    }, context)
    pthread_attr_destroy(&attributes)
    if created != 0 {
        Unmanaged<ThreadBox>.fromOpaque(context).release()
        return body()
    }
    pthread_join(thread, nil)
    let result = box.result
    Unmanaged<ThreadBox>.fromOpaque(context).release()
    return result
}
