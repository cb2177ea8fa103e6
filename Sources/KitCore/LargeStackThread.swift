#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thread with a 512 MiB stack: kit's readers and writers recurse on deeply nested documents
/// (10,000 levels are allowed), so the threads that run them need room.
public final class LargeStackThread: @unchecked Sendable {
    /// The stack size of kit's threads.
    public static let stackSize = 512 << 20

    private let body: () -> Void
    private var thread = pthread_t()
    private var running = false

    public init(_ body: @escaping () -> Void) {
        self.body = body
    }

    /// Starts the thread; false when the system refuses one (the caller then runs `body` itself).
    public func start() -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, LargeStackThread.stackSize)
        defer { pthread_attr_destroy(&attributes) }
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(&thread, &attributes, { raw in
            let me = Unmanaged<LargeStackThread>.fromOpaque(raw!).takeRetainedValue()
            me.body()
            return nil
        }, context)
        if created != 0 {
            Unmanaged<LargeStackThread>.fromOpaque(context).release()
            return false
        }
        running = true
        return true
    }

    /// Waits for the thread to finish.
    public func join() {
        guard running else { return }
        pthread_join(thread, nil)
        running = false
    }

    /// Runs `body` on a thread with a large stack and returns its result (on the calling
    /// thread when no thread can be made).
    public static func run<T>(_ body: @escaping () -> T) -> T {
        let box = ResultBox<T>()
        let thread = LargeStackThread { box.value = body() }
        if thread.start() {
            thread.join()
            return box.value!
        }
        return body()
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
