#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing whole files; the only place kit touches the file system for data.
/// `-` names standard input or output. Writes are atomic: a temporary file beside the
/// target is written, flushed and renamed over it, so a failure never leaves half a file.
public enum FileIO {
    /// The bytes of a file, or of standard input for `-`.
    public static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return try readAll(fd: 0, name: "standard input") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw KitError("\(path): \(lastError())") }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            throw KitError("\(path): is a directory")
        }
        return try readAll(fd: fd, name: path, sizeHint: Int(st.st_size))
    }

    static func readAll(fd: Int32, name: String, sizeHint: Int = 0) throws -> [UInt8] {
        // Read into uninitialized memory: zero-filling a snapshot of a gigabyte first costs
        // as much as reading it.
        var bytes: [UInt8] = []
        var chunk = max(sizeHint, 65536) + 1
        while true {
            var failure: Int32 = 0
            var atEnd = false
            let piece = try [UInt8](unsafeUninitializedCapacity: chunk) { buffer, count in
                count = 0
                while count < buffer.count {
                    let n = Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if n == 0 {
                        atEnd = true
                        return
                    }
                    count += n
                }
            }
            if failure != 0 {
                errno = failure
                throw KitError("\(name): \(lastError())")
            }
            if bytes.isEmpty { bytes = piece } else { bytes.append(contentsOf: piece) }
            if atEnd { return bytes }
            chunk = max(chunk, 1 << 20)
        }
    }

    /// Writes `bytes` to `path` atomically (keeping the permissions of a file it replaces),
    /// or to standard output for `-`.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        if path == "-" {
            try writeAll(fd: 1, bytes, name: "standard output")
            return
        }
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let base = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(base).kit-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw KitError("\(path): cannot create a temporary file: \(lastError())") }
        let tempPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var committed = false
        defer {
            if !committed { unlink(tempPath) }
        }
        do {
            defer { close(fd) }
            var st = stat()
            let mode: mode_t
            if stat(path, &st) == 0 {
                mode = st.st_mode & 0o7777
            } else {
                let mask = umask(0)
                umask(mask)
                mode = 0o666 & ~mask
            }
            fchmod(fd, mode)
            try writeAll(fd: fd, bytes, name: path)
            guard fsync(fd) == 0 else { throw KitError("\(path): \(lastError())") }
        }
        guard rename(tempPath, path) == 0 else { throw KitError("\(path): cannot replace the file: \(lastError())") }
        committed = true
    }

    public static func writeAll(fd: Int32, _ bytes: [UInt8], name: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBufferPointer { buf in
                Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw KitError("\(name): \(lastError())")
            }
            offset += n
        }
    }

    /// True when `path` is a directory.
    /// `name` inside `directory` (no doubled `/`).
    public static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// True when `path` exists.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// Entries of a directory (names only, no `.`/`..`), sorted by byte order.
    public static func list(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw KitError("\(path): \(lastError())") }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted(by: utf8Less)
    }

    static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
