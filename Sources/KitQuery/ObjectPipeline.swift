import Dispatch
import KitCore

/// Reads objects on one thread while the query selects and prints on another: parsing a
/// snapshot and computing rows (then freeing each object) take about as long as each other,
/// so two cores finish in a little over half the time. Objects cross in batches, and at most
/// a few batches wait, so memory stays bounded.
enum ObjectPipeline {
    static let batchSize = 256
    static let maxWaitingBatches = 4

    /// Thrown into the reading thread when the query has failed and reading should stop.
    struct Cancelled: Error {}

    final class Channel: @unchecked Sendable {
        let lock = Lock()
        let space = DispatchSemaphore(value: ObjectPipeline.maxWaitingBatches)
        let ready = DispatchSemaphore(value: 0)
        var batches: [[Value]] = []
        var finished = false
        var failure: (any Error)?
        var cancelled = false

        func send(_ batch: [Value]) throws {
            space.wait()
            if lock.withLock({ cancelled }) { throw Cancelled() }
            lock.withLock { batches.append(batch) }
            ready.signal()
        }

        func finish(_ error: (any Error)?) {
            lock.withLock {
                finished = true
                failure = error
            }
            ready.signal()
        }

        /// The next batch, or nil when the reader is done (rethrowing its error).
        func receive() throws -> [Value]? {
            ready.wait()
            let (batch, done, error): ([Value]?, Bool, (any Error)?) = lock.withLock {
                if !batches.isEmpty { return (batches.removeFirst(), false, nil) }
                return (nil, finished, failure)
            }
            if let batch {
                space.signal()
                return batch
            }
            if done, let error { throw error }
            return nil
        }

        /// Stops the reader and waits for it to stop.
        func cancel() {
            lock.withLock { cancelled = true }
            while true {
                space.signal()
                guard let next = try? receive() else { return }
                _ = next
            }
        }
    }

    /// Runs `source` on a reading thread, handing each object it emits to `consume` on the
    /// calling thread, in order. Errors of either side end both and are rethrown.
    static func run(
        _ source: @escaping ((Value) throws -> Void) throws -> Void, consume: (Value) throws(KitError) -> Void
    ) throws(KitError) {
        let channel = Channel()
        let reader = LargeStackThread {
            var batch: [Value] = []
            batch.reserveCapacity(batchSize)
            do {
                try source { object in
                    batch.append(object)
                    if batch.count == batchSize {
                        try channel.send(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { try channel.send(batch) }
                channel.finish(nil)
            } catch is Cancelled {
                channel.finish(nil)
            } catch {
                channel.finish(error)
            }
        }
        guard reader.start() else {
            // No second thread: read and consume on this one.
            do {
                try source { object in try consume(object) }
            } catch let error as KitError {
                throw error
            } catch {
                throw KitError("\(error)")
            }
            return
        }
        defer { reader.join() }
        while true {
            let batch: [Value]?
            do {
                batch = try channel.receive()
            } catch let error as KitError {
                throw error  // the reader failed: it has stopped already
            } catch {
                throw KitError("\(error)")
            }
            guard let batch else { return }
            do {
                for object in batch { try consume(object) }
            } catch {
                channel.cancel()
                throw error
            }
        }
    }
}
