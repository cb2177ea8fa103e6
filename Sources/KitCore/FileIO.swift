#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing whole files; the only place kit touches the file system for data.
/// `-` names standard input or output.
///
/// Writes never leave half a file and never change what the user did not name:
/// - a regular file is replaced atomically (a temporary file beside it is written, flushed
///   and renamed over it), keeping its owner and permissions — but never a set-user-ID or
///   set-group-ID bit when the owner or group could not be kept;
/// - a symbolic link is written through: its target is replaced, the link stays;
/// - a file with several hard links is rewritten in place, so that every link sees the new
///   content (the old content is restored if the write fails);
/// - a read-only file is refused unless the caller forces it;
/// - a device or pipe (`/dev/null`, `/dev/stdout`) is simply written to.
public enum FileIO {
    /// What `read` accepts.
    public struct ReadLimits: Sendable {
        /// Only regular files: a FIFO, device or socket is refused (before it is opened for
        /// blocking reads, so a FIFO without a writer cannot hang kit).
        public var regularFilesOnly: Bool
        /// Largest accepted size in bytes; nil for no limit.
        public var maxSize: Int?

        public init(regularFilesOnly: Bool, maxSize: Int?) {
            self.regularFilesOnly = regularFilesOnly
            self.maxSize = maxSize
        }

        /// Anything that can be read: pipes and process substitutions included, any size.
        public static let unlimited = ReadLimits(regularFilesOnly: false, maxSize: nil)

        /// Regular files of at most `maxSize` bytes (the files a kustomization or `kit fmt` names).
        public static func regularFiles(maxSize: Int = FileIO.defaultMaxFileSize) -> ReadLimits {
            ReadLimits(regularFilesOnly: true, maxSize: maxSize)
        }
    }

    /// The default largest file `kit render` and `kit fmt` read: 256 MiB.
    public static let defaultMaxFileSize = 256 << 20

    /// The bytes of a file, or of standard input for `-`.
    public static func read(_ path: String, limits: ReadLimits = .unlimited) throws -> [UInt8] {
        if path == "-" { return try readAll(fd: 0, name: "standard input", maxSize: limits.maxSize) }
        // A FIFO opened for reading blocks until a writer comes; O_NONBLOCK makes the open
        // return at once, so that a file kit must refuse is refused before anything waits.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | (limits.regularFilesOnly ? O_NONBLOCK : 0))
        guard fd >= 0 else { throw KitError("\(path): \(lastError())") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw KitError("\(path): \(lastError())") }
        let type = st.st_mode & S_IFMT
        if type == S_IFDIR { throw KitError("\(path): is a directory") }
        if limits.regularFilesOnly {
            guard type == S_IFREG else {
                throw KitError("\(path): not a regular file (\(describe(type))); kit reads only regular files here")
            }
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
        }
        if let max = limits.maxSize, type == S_IFREG, Int(st.st_size) > max {
            throw sizeError(path, max)
        }
        return try readAll(fd: fd, name: path, sizeHint: type == S_IFREG ? Int(st.st_size) : 0, maxSize: limits.maxSize)
    }

    static func sizeError(_ name: String, _ max: Int) -> KitError {
        KitError("\(name): larger than the \(describeSize(max)) limit on input files (--max-file-size raises it)")
    }

    /// `256 MiB`, `1 KiB`, `1000 bytes`.
    static func describeSize(_ n: Int) -> String {
        if n >= 1 << 20 && n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
        if n >= 1 << 10 && n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
        return "\(n)-byte"
    }

    static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a file"
        }
    }

    static func readAll(fd: Int32, name: String, sizeHint: Int = 0, maxSize: Int? = nil) throws -> [UInt8] {
        let limit = min(maxSize ?? Int.max / 4, Int.max / 4)
        // Read into uninitialized memory: zero-filling a snapshot of a gigabyte first costs
        // as much as reading it. Each chunk holds one byte more than the limit allows, so
        // that reaching it shows the input is too big.
        var bytes: [UInt8] = []
        var chunk = min(max(sizeHint, 65536), limit) + 1
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
            // A file that grows past the limit while it is read (or /dev/zero) stops here.
            if bytes.count > limit { throw sizeError(name, limit) }
            if atEnd { return bytes }
            chunk = min(max(chunk, 1 << 20), limit + 1 - bytes.count)
        }
    }

    // MARK: - Writing one file

    /// Writes `bytes` to `path` (see the type's notes), or to standard output for `-`.
    /// A read-only file is refused unless `replacingReadOnly`.
    public static func write(_ bytes: [UInt8], to path: String, replacingReadOnly: Bool = false) throws {
        if path == "-" {
            try writeAll(fd: 1, bytes, name: "standard output")
            return
        }
        var st = stat()
        guard lstat(path, &st) == 0 else {
            guard errno == ENOENT || errno == ENOTDIR else { throw KitError("\(path): \(lastError())") }
            // A new file goes into an existing directory; kit creates no directories.
            if path.hasSuffix("/") { throw KitError("directory \(path) does not exist") }
            let directory = split(path).directory
            guard isDirectory(directory) else {
                throw KitError("\(path): " + (exists(directory) ? "\(directory) is not a directory" : "directory \(directory) does not exist"))
            }
            try replaceAtomically(path, bytes, existing: nil, name: path)
            return
        }
        var target = path
        if st.st_mode & S_IFMT == S_IFLNK {
            // Write through the link: its final target is what gets replaced.
            guard let resolved = resolvedPath(path) else {
                throw KitError("\(path): a symbolic link to a file that does not exist (kit writes through links, not over them)")
            }
            target = resolved
            guard stat(target, &st) == 0 else { throw KitError("\(path): \(lastError())") }
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            throw KitError("\(path): is a directory")
        case S_IFREG:
            if !replacingReadOnly && isReadOnly(target, st) {
                throw KitError("\(path): the file is read-only; kit does not replace read-only files")
            }
            if st.st_nlink > 1 {
                try rewriteInPlace(target, bytes, existing: st, name: path)
            } else {
                try replaceAtomically(target, bytes, existing: st, name: path)
            }
        default:
            // A device, FIFO or socket: there is no file to replace, only a stream to write.
            let fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { throw KitError("\(path): \(lastError())") }
            defer { close(fd) }
            try writeAll(fd: fd, bytes, name: path)
        }
    }

    /// True when a file must not be replaced without `--force`: the caller cannot write it,
    /// or (for root, who can write anything) nobody may write it.
    public static func isReadOnly(_ path: String) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return false }
        return isReadOnly(path, st)
    }

    static func isReadOnly(_ path: String, _ st: stat) -> Bool {
        access(path, W_OK) != 0 || st.st_mode & 0o222 == 0
    }

    /// A temporary file beside `path`, with `existing`'s owner and mode, renamed over `path`.
    static func replaceAtomically(_ path: String, _ bytes: [UInt8], existing: stat?, name: String) throws {
        let (directory, base) = split(path)
        // The temporary name must fit in 255 bytes too: a long name is left out of it.
        let hint = base.utf8.count > 200 ? "" : "." + base
        var template = Array("\(directory)/\(hint).kit-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw KitError("\(name): cannot create a temporary file: \(lastError())") }
        let tempPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var committed = false
        defer { if !committed { unlink(tempPath) } }
        do {
            defer { close(fd) }
            try copyOwnerAndMode(from: existing, to: fd)
            try writeAll(fd: fd, bytes, name: name)
            guard fsync(fd) == 0 else { throw KitError("\(name): \(lastError())") }
        }
        guard rename(tempPath, path) == 0 else { throw KitError("\(name): cannot replace the file: \(lastError())") }
        committed = true
    }

    /// Gives a new file the owner, group and permissions of the file it replaces (or the
    /// default permissions for a new file). When the owner or group cannot be kept (kit is
    /// not root and does not own the file), the set-user-ID / set-group-ID bit is dropped:
    /// never a privileged file with another owner.
    static func copyOwnerAndMode(from existing: stat?, to fd: Int32) throws {
        guard let existing else {
            let mask = umask(0)
            umask(mask)
            fchmod(fd, 0o666 & ~mask)
            return
        }
        var mode = existing.st_mode & 0o7777
        var current = stat()
        fstat(fd, &current)
        if current.st_uid != existing.st_uid || current.st_gid != existing.st_gid {
            // Owner first: changing the owner clears the set-ID bits, chmod puts them back.
            if fchown(fd, existing.st_uid, existing.st_gid) != 0 {
                _ = fchown(fd, uid_t.max, existing.st_gid)  // at least the group, if allowed
            }
            fstat(fd, &current)
            if current.st_uid != existing.st_uid { mode &= ~mode_t(S_ISUID) }
            if current.st_gid != existing.st_gid { mode &= ~mode_t(S_ISGID) }
        }
        fchmod(fd, mode)
    }

    /// Rewrites a hard-linked file in place (a rename would split the links). The old content
    /// is read first and written back if the new one cannot be written whole.
    static func rewriteInPlace(_ path: String, _ bytes: [UInt8], existing: stat, name: String) throws {
        let fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw KitError("\(name): \(lastError())") }
        defer { close(fd) }
        let original = try readAll(fd: fd, name: name, sizeHint: Int(existing.st_size))
        func put(_ content: [UInt8]) throws {
            guard lseek(fd, 0, SEEK_SET) == 0 else { throw KitError("\(name): \(lastError())") }
            try writeAll(fd: fd, content, name: name)
            guard ftruncate(fd, off_t(content.count)) == 0, fsync(fd) == 0 else { throw KitError("\(name): \(lastError())") }
        }
        do {
            try put(bytes)
        } catch {
            try? put(original)
            throw error
        }
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

    /// The directory and last component of a path (`.` for a bare name).
    public static func split(_ path: String) -> (directory: String, base: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    // MARK: - Paths

    /// `name` inside `directory` (no doubled `/`).
    public static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Lexical clean-up of a path, like Go's `filepath.Clean` (and Python's
    /// `os.path.normpath`): no `.`, no `..` after a name, no repeated or trailing `/`.
    public static func clean(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path` made absolute against the current directory, and cleaned.
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return clean(path) }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return clean(path) }
        let cwd = String(cString: buffer)
        return clean(cwd + "/" + path)
    }

    /// True when `path` is a directory (following symbolic links).
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// True when `path` exists.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// The absolute path of `path` with every symbolic link resolved, or nil when it does not exist.
    public static func resolvedPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// What identifies a file whatever path names it (device and inode): two paths with the
    /// same identity are one file, through links of either kind.
    public struct FileIdentity: Hashable, Sendable {
        let device: UInt64
        let inode: UInt64
    }

    /// The identity of the file `path` names (following symbolic links), or nil.
    public static func identity(_ path: String) -> FileIdentity? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    /// The regular files below `directory` whose names `include` accepts, in byte order,
    /// depth first. Hidden entries (`.git`, `.cache`) are skipped, and so are symbolic links:
    /// a walk never leaves the tree it was given, never loops, and meets each file once
    /// (a link must be named to be followed).
    public static func regularFiles(below directory: String, include: (String) -> Bool) throws -> [String] {
        var files: [String] = []
        var visited: Set<FileIdentity> = []
        func walk(_ path: String) throws {
            if let id = identity(path), !visited.insert(id).inserted { return }  // bind-mount loops
            for name in try list(path) where !name.hasPrefix(".") {
                let child = path == "." ? name : join(path, name)
                var st = stat()
                guard lstat(child, &st) == 0 else { continue }
                switch st.st_mode & S_IFMT {
                case S_IFDIR: try walk(child)
                case S_IFREG: if include(name) { files.append(child) }
                default: continue  // links, FIFOs, devices, sockets
                }
            }
        }
        try walk(directory)
        return files
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

/// The bytes of one input held for a parser. A regular file is mapped into memory rather than
/// copied, and a parser moving through it can give back the pages it has finished with
/// (`release(upTo:)`), so that a 1 GB document never costs its size twice; standard input
/// and other streams are read into memory.
public final class InputBuffer {
    public let bytes: UnsafeBufferPointer<UInt8>
    private let mapping: UnsafeMutableRawPointer?
    private let mappedLength: Int
    private var released = 0
    var isMapped: Bool { mapping != nil }

    /// Reads (or maps) `path`; `-` is standard input.
    public init(path: String) throws {
        if path != "-" {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw KitError("\(path): \(FileIO.lastError())") }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0 else { throw KitError("\(path): \(FileIO.lastError())") }
            if (st.st_mode & S_IFMT) == S_IFDIR { throw KitError("\(path): is a directory") }
            let size = Int(st.st_size)
            if (st.st_mode & S_IFMT) == S_IFREG && size > 0 {
                let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
                if let address, address != MAP_FAILED {
                    madvise(address, size, MADV_SEQUENTIAL)
                    mapping = address
                    mappedLength = size
                    bytes = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size)
                    return
                }
            }
            let data = try FileIO.readAll(fd: fd, name: path, sizeHint: size)
            (bytes, mapping, mappedLength) = InputBuffer.copy(data)
            return
        }
        let data = try FileIO.readAll(fd: 0, name: "standard input")
        (bytes, mapping, mappedLength) = InputBuffer.copy(data)
    }

    /// Holds `data` (for tests and in-memory inputs).
    public init(bytes data: [UInt8]) {
        (bytes, mapping, mappedLength) = InputBuffer.copy(data)
    }

    private static func copy(_ data: [UInt8]) -> (UnsafeBufferPointer<UInt8>, UnsafeMutableRawPointer?, Int) {
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(data.count, 1))
        _ = storage.initialize(from: data)
        return (UnsafeBufferPointer(start: storage.baseAddress, count: data.count), nil, 0)
    }

    /// Gives the pages before `offset` back to the system (mapped files only; reading them
    /// again still works, from the file).
    public func release(upTo offset: Int) {
        guard let mapping else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(offset, mappedLength) / page * page
        guard end > released else { return }
        madvise(mapping + released, end - released, MADV_DONTNEED)
        released = end
    }

    deinit {
        if let mapping {
            munmap(mapping, mappedLength)
        } else {
            UnsafeMutableBufferPointer(mutating: bytes).deallocate()
        }
    }
}
