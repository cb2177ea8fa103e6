#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A path relative to a directory that can only name something inside it: `/`-separated
/// components, none empty, `.` or `..`, none with NUL or longer than 255 bytes, and not
/// starting with `/`.
public struct RelativePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let components: [String]

    /// The path, or nil when `text` could name something outside the directory (or nothing).
    public init?(_ text: String) {
        guard !text.isEmpty, !text.hasPrefix("/") else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for part in parts {
            guard !part.isEmpty, part != ".", part != "..", part.utf8.count <= 255, !part.utf8.contains(0) else { return nil }
        }
        components = parts
    }

    public var text: String { components.joined(separator: "/") }
    public var description: String { text }

    public static func < (a: RelativePath, b: RelativePath) -> Bool { utf8Less(a.text, b.text) }
}

/// One file of a tree `FileIO.writeTree` writes.
public struct TreeFile: Sendable {
    public var path: RelativePath
    public var bytes: [UInt8]
    /// Permission bits before the umask: 0o644 for a plain file, 0o755 for an executable,
    /// 0o600 for a file that holds secrets.
    public var mode: mode_t

    public init(path: RelativePath, bytes: [UInt8], mode: mode_t = 0o644) {
        self.path = path
        self.bytes = bytes
        self.mode = mode
    }
}

extension FileIO {
    /// How `writeTree` treats a target directory that already has entries.
    public enum ExistingDirectory: Sendable {
        /// Refuse it (nothing is written).
        case refuse
        /// Write into it: files of the same paths are replaced, every other entry is kept.
        case merge
    }

    /// Writes a tree of files to `target` as one change: afterwards either every file is
    /// there, or nothing changed.
    ///
    /// When `target` does not exist the tree is written into a temporary directory beside it,
    /// which is then renamed to `target`. When `target` is an empty directory, or has entries
    /// and `existing` is `.merge`, every path is checked first (a directory on the way
    /// must be a directory, not a file or a link; a file to replace must be a regular file),
    /// the files are written into a temporary directory inside `target` (so the moves are
    /// renames on one file system) and moved in one by one; a replaced file is kept until the
    /// end, so that a failure part way puts everything back. Symbolic links are never followed
    /// below `target`, so no file outside it is created or replaced.
    public static func writeTree(_ files: [TreeFile], to target: String, existing: ExistingDirectory) throws {
        try checkTree(files)
        // A directory named with trailing slashes (`blog/`) is the directory `blog`.
        var trimmed = Substring(target)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let (parent, base) = split(String(trimmed))
        var st = stat()
        if lstat(target, &st) != 0 {
            guard errno == ENOENT else { throw KitError("\(target): \(lastError())") }
            guard isDirectory(parent) else { throw KitError("\(target): the directory \(parent) does not exist") }
            try writeFresh(files, parent: parent, base: base, target: target)
            return
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            throw KitError("\(target): exists and is not a directory (nothing was written)")
        }
        // An empty directory (`.` included) is filled in place, keeping its owner and mode.
        let isEmpty = try list(target).isEmpty
        guard existing == .merge || isEmpty else {
            throw KitError("\(target): the directory exists and is not empty; use --force to write into it (nothing was written)")
        }
        try merge(files, into: target)
    }

    /// No two files with the same path, and no file where another needs a directory.
    static func checkTree(_ files: [TreeFile]) throws {
        var paths: Set<String> = []
        for file in files where !paths.insert(file.path.text).inserted {
            throw KitError("\(file.path): two files have this path (nothing was written)")
        }
        for file in files {
            for end in 1..<max(file.path.components.count, 1) {
                let directory = file.path.components[..<end].joined(separator: "/")
                if paths.contains(directory) {
                    throw KitError("\(directory): is both a file and the directory of \(file.path) (nothing was written)")
                }
            }
        }
    }

    /// Creates a temporary directory whose name starts with `prefix` inside `directory`.
    static func makeTemporaryDirectory(in directory: String, prefix: String) throws -> String {
        var template = Array(join(directory, "\(prefix)XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw KitError("\(directory): cannot create a temporary directory: \(lastError())")
        }
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Removes a directory tree that kit created (links are removed, never followed).
    static func removeTree(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            for name in (try? list(path)) ?? [] { removeTree(join(path, name)) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    static func currentUmask() -> mode_t {
        let mask = umask(0)
        umask(mask)
        return mask
    }

    /// Writes one new file (it must not exist) with `mode` less the umask, and flushes it.
    static func createFile(_ path: String, _ bytes: [UInt8], mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw KitError("\(path): \(lastError())") }
        defer { close(fd) }
        try writeAll(fd: fd, bytes, name: path)
        guard fsync(fd) == 0 else { throw KitError("\(path): \(lastError())") }
    }

    /// Creates the missing directories of `path` below `root`; returns those it created.
    static func makeDirectories(for path: RelativePath, in root: String) throws -> [String] {
        var created: [String] = []
        var current = root
        for component in path.components.dropLast() {
            current = join(current, component)
            var st = stat()
            if lstat(current, &st) == 0 {
                guard (st.st_mode & S_IFMT) == S_IFDIR else {
                    throw KitError("\(current): exists and is not a directory (nothing was written)")
                }
                continue
            }
            guard mkdir(current, 0o777) == 0 else { throw KitError("\(current): \(lastError())") }
            created.append(current)
        }
        return created
    }

    static func writeFresh(_ files: [TreeFile], parent: String, base: String, target: String) throws {
        let temporary = try makeTemporaryDirectory(in: parent, prefix: ".\(base).kit-")
        var committed = false
        defer { if !committed { removeTree(temporary) } }
        for file in files {
            _ = try makeDirectories(for: file.path, in: temporary)
            try createFile(join(temporary, file.path.text), file.bytes, mode: file.mode)
        }
        // mkdtemp makes the directory private; give it the mode a new directory has.
        guard chmod(temporary, 0o777 & ~currentUmask()) == 0 else {
            throw KitError("\(temporary): \(lastError())")
        }
        // rename fails if something appeared at `target` meanwhile (unless an empty directory).
        guard rename(temporary, target) == 0 else {
            throw KitError("\(target): cannot move the new directory into place: \(lastError()) (nothing was written)")
        }
        committed = true
    }

    static func merge(_ files: [TreeFile], into target: String) throws {
        // 1. Check every path before writing anything.
        var replaces: [Bool] = []
        for file in files {
            var current = target
            for (i, component) in file.path.components.enumerated() {
                current = join(current, component)
                var st = stat()
                guard lstat(current, &st) == 0 else {
                    guard errno == ENOENT else { throw KitError("\(current): \(lastError())") }
                    break
                }
                let type = st.st_mode & S_IFMT
                if i < file.path.components.count - 1 {
                    guard type == S_IFDIR else {
                        throw KitError("\(current): exists and is not a directory, but \(file.path) goes there (nothing was written)")
                    }
                } else {
                    guard type == S_IFREG else {
                        let what = type == S_IFDIR ? "a directory" : type == S_IFLNK ? "a symbolic link" : "not a regular file"
                        throw KitError("\(current): exists and is \(what); kit replaces only regular files (nothing was written)")
                    }
                }
            }
            replaces.append(exists(join(target, file.path.text)))
        }

        // 2. Write everything into a temporary directory inside the target.
        let temporary = try makeTemporaryDirectory(in: target, prefix: ".kit-new-")
        defer { removeTree(temporary) }
        for (i, file) in files.enumerated() {
            try createFile(join(temporary, "new\(i)"), file.bytes, mode: file.mode)
        }

        // 3. Move the files in; on failure put back what was there.
        var createdDirectories: [String] = []
        var moved: [(index: Int, backup: String?)] = []
        func rollBack() {
            for (i, backup) in moved.reversed() {
                let destination = join(target, files[i].path.text)
                if let backup { rename(backup, destination) } else { unlink(destination) }
            }
            for directory in createdDirectories.reversed() { rmdir(directory) }
        }
        for (i, file) in files.enumerated() {
            let destination = join(target, file.path.text)
            do {
                createdDirectories += try makeDirectories(for: file.path, in: target)
            } catch {
                rollBack()
                throw error
            }
            var backup: String? = nil
            if replaces[i] {
                let kept = join(temporary, "old\(i)")
                guard link(destination, kept) == 0 else {
                    let message = lastError()
                    rollBack()
                    throw KitError("\(destination): cannot keep the old file while replacing it: \(message) (nothing was changed)")
                }
                backup = kept
            }
            guard rename(join(temporary, "new\(i)"), destination) == 0 else {
                let message = lastError()
                if let backup { unlink(backup) }
                rollBack()
                throw KitError("\(destination): \(message) (nothing was changed)")
            }
            moved.append((i, backup))
        }
    }
}
