#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file name that can only name an entry of the directory it is created in: not empty,
/// at most 255 bytes, no `/`, no NUL, and not starting with `.` (so never `.` or `..`, and
/// never a hidden file). Built from data (object names, kinds), a name is made safe with
/// `sanitizing`, never trusted.
public struct FileName: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    /// The name, or nil when `text` is not a safe single path component.
    public init?(_ text: String) {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= 255, bytes.first != UInt8(ascii: "."),
            !bytes.contains(UInt8(ascii: "/")), !bytes.contains(0)
        else { return nil }
        self.text = text
    }

    /// `text` made safe: `/`, `\`, NUL and other control characters become `_`, and so does a
    /// leading `.`; nil when the result is empty or longer than 255 bytes.
    public static func sanitizing(_ text: String) -> FileName? {
        var scalars = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            scalars.append(u == "/" || u == "\\" || u.value < 0x20 || u.value == 0x7F ? "_" : u)
        }
        if scalars.first == "." { scalars.replaceSubrange(scalars.startIndex...scalars.startIndex, with: ["_"]) }
        return FileName(String(scalars))
    }

    public var description: String { text }
}

extension FileIO {
    /// Writes several files into an existing directory as one change: either all of them are
    /// there afterwards, or the directory is as it was.
    ///
    /// Every name is checked first (no two alike; an existing entry must be a writable regular
    /// file, not a directory, link or device). The files are then written into a temporary
    /// directory inside `directory` (inside rather than beside it, so that the final moves are
    /// renames on one file system even when `directory` is a mount point) and moved in one by
    /// one; a file they replace is kept as a hard link in the temporary directory until the
    /// end, so that a failure part way puts every replaced file back and removes the new ones.
    /// Names are `FileName`s and every call is relative to the directory's descriptor, so no
    /// file outside `directory` is ever created or replaced.
    public static func writeFiles(_ files: [(name: FileName, bytes: [UInt8])], into directory: String) throws {
        let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirfd >= 0 else { throw KitError("\(directory): \(lastError())") }
        defer { close(dirfd) }
        func shown(_ name: FileName) -> String { join(directory, name.text) }

        // 1. Check everything before writing anything.
        var seen: Set<FileName> = []
        var existing: [stat?] = []
        for file in files {
            guard seen.insert(file.name).inserted else {
                throw KitError("\(shown(file.name)): two objects would be written to this file; nothing was written")
            }
            var st = stat()
            if fstatat(dirfd, file.name.text, &st, AT_SYMLINK_NOFOLLOW) != 0 {
                guard errno == ENOENT else { throw KitError("\(shown(file.name)): \(lastError())") }
                existing.append(nil)
                continue
            }
            let type = st.st_mode & S_IFMT
            guard type == S_IFREG else {
                let what = type == S_IFDIR ? "a directory" : describe(type)
                throw KitError("\(shown(file.name)): exists and is \(what); kit replaces only regular files (nothing was written)")
            }
            if faccessat(dirfd, file.name.text, W_OK, 0) != 0 || st.st_mode & 0o222 == 0 {
                throw KitError("\(shown(file.name)): the file is read-only; kit does not replace read-only files (nothing was written)")
            }
            existing.append(st)
        }

        // 2. Write every file into a temporary directory inside `directory`.
        var template = Array(join(directory, ".kit-output-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw KitError("\(directory): cannot create a temporary directory: \(lastError())")
        }
        let tempPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let tempName = String(tempPath.split(separator: "/").last!)
        let tempfd = openat(dirfd, tempName, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        guard tempfd >= 0 else {
            let message = lastError()
            unlinkat(dirfd, tempName, AT_REMOVEDIR)
            throw KitError("\(tempPath): \(message)")
        }
        var created: [String] = []  // entries of the temporary directory
        defer {
            for entry in created { unlinkat(tempfd, entry, 0) }
            close(tempfd)
            unlinkat(dirfd, tempName, AT_REMOVEDIR)
        }
        for (i, file) in files.enumerated() {
            let entry = "new\(i)"
            let fd = openat(tempfd, entry, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw KitError("\(shown(file.name)): cannot create a temporary file: \(lastError())") }
            created.append(entry)
            defer { close(fd) }
            try copyOwnerAndMode(from: existing[i], to: fd)
            try writeAll(fd: fd, file.bytes, name: shown(file.name))
            guard fsync(fd) == 0 else { throw KitError("\(shown(file.name)): \(lastError())") }
        }

        // 3. Move them in; on failure undo the moves already made.
        var moved: [(index: Int, backup: String?)] = []
        func rollBack() {
            for (i, backup) in moved.reversed() {
                if let backup {
                    renameat(tempfd, backup, dirfd, files[i].name.text)
                } else {
                    unlinkat(dirfd, files[i].name.text, 0)
                }
            }
        }
        for (i, file) in files.enumerated() {
            var backup: String? = nil
            if existing[i] != nil {
                let entry = "old\(i)"
                guard linkat(dirfd, file.name.text, tempfd, entry, 0) == 0 else {
                    let message = lastError()
                    rollBack()
                    throw KitError("\(shown(file.name)): cannot keep the old file while replacing it: \(message) (nothing was changed)")
                }
                created.append(entry)
                backup = entry
            }
            guard renameat(tempfd, "new\(i)", dirfd, file.name.text) == 0 else {
                let message = lastError()
                rollBack()
                throw KitError("\(shown(file.name)): \(message) (nothing was changed)")
            }
            created.removeAll { $0 == "new\(i)" }
            moved.append((i, backup))
        }
    }
}
