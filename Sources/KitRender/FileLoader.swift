import KitCore

#if canImport(Glibc)
import Glibc
#endif

/// Reads the files a kustomization names, relative to its directory, with kustomize's load
/// restrictor: by default a file must lie in or below the kustomization's directory
/// (`LoadRestrictionsRootOnly`); `LoadRestrictionsNone` lifts that. Bases (directories) may
/// lie anywhere, but a base that contains one of the directories already being built is a
/// cycle. Remote URLs are refused: kit never fetches anything.
public struct FileLoader: Sendable {
    public enum Restriction: String, Sendable {
        case rootOnly = "LoadRestrictionsRootOnly"
        case none = "LoadRestrictionsNone"
    }

    /// Absolute path of this kustomization's directory, symbolic links resolved.
    public let root: String
    public let restriction: Restriction
    /// Largest file read, in bytes.
    public let maxFileSize: Int
    /// Roots of the kustomizations that include this one, outermost first.
    let ancestors: [String]

    public init(root: String, restriction: Restriction = .rootOnly, maxFileSize: Int = FileIO.defaultMaxFileSize) throws {
        guard let resolved = FileLoader.realPath(root) else {
            throw KitError("must build at directory: not a valid directory: evalsymlink failure on '\(FileIO.absolute(root))' : lstat \(FileIO.absolute(root)): no such file or directory")
        }
        guard FileIO.isDirectory(resolved) else {
            throw KitError("must build at directory: '\(resolved)' is not a directory")
        }
        self.root = resolved
        self.restriction = restriction
        self.maxFileSize = maxFileSize
        self.ancestors = []
    }

    private init(root: String, restriction: Restriction, maxFileSize: Int, ancestors: [String]) {
        self.root = root
        self.restriction = restriction
        self.maxFileSize = maxFileSize
        self.ancestors = ancestors
    }

    /// True for paths kustomize would fetch over the network (`https://…`, `github.com/…`, `git@…`).
    public static func isRemote(_ path: String) -> Bool {
        path.contains("://") || path.hasPrefix("git@") || path.hasPrefix("github.com/") || path.hasPrefix("gitlab.com/")
            || path.hasPrefix("bitbucket.org/")
    }

    /// The absolute, lexically cleaned path of `relative` inside this root.
    public func join(_ relative: String) -> String {
        relative.hasPrefix("/") ? FileIO.clean(relative) : FileIO.clean(root + "/" + relative)
    }

    /// The first document of a schema file (`openapi:` and `crds:`): JSON when it starts
    /// with `{`, otherwise YAML read as kustomize's go-yaml v2 reads it.
    func loadSchemaDocument(_ relative: String) throws -> Value {
        let bytes = try load(relative)
        if bytes.first == UInt8(ascii: "{") { return try JSONReader.read(bytes, file: join(relative)) }
        return try YAMLReader.read(bytes, file: join(relative), options: .goYAMLv2).first?.value ?? .null
    }

    /// The bytes of a file named relative to the root: a regular file (a FIFO or device is
    /// refused, so nothing can hang or stream forever) of at most `maxFileSize` bytes.
    public func load(_ relative: String) throws -> [UInt8] {
        let resolved = try resolve(relative)
        if FileIO.isDirectory(resolved) {
            throw KitError("read \(resolved): is a directory")
        }
        return try FileIO.read(resolved, limits: .regularFiles(maxSize: maxFileSize))
    }

    /// The bytes of a kustomization file, or nil when kustomize would not find it: the load
    /// restrictor refuses it (a link to a file outside the root), or it is no regular file.
    /// Other failures (too large, unreadable) are errors.
    func loadKustomizationFile(_ name: String) throws -> [UInt8]? {
        guard let resolved = try? resolve(name) else { return nil }
        var st = stat()
        guard stat(resolved, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return try FileIO.read(resolved, limits: .regularFiles(maxSize: maxFileSize))
    }

    /// The absolute, resolved path of a file named relative to the root, checked against the
    /// load restrictor.
    func resolve(_ relative: String) throws -> String {
        if FileLoader.isRemote(relative) {
            throw KitError("'\(relative)' is a remote file: kit works offline and does not fetch URLs")
        }
        let path = join(relative)
        guard let resolved = FileLoader.realPath(path) else {
            throw KitError("evalsymlink failure on '\(path)' : lstat \(path): no such file or directory")
        }
        if restriction == .rootOnly && !FileLoader.isInside(resolved, root) {
            throw KitError("security; file '\(resolved)' is not in or below '\(root)'")
        }
        return resolved
    }

    /// A loader for the base directory `relative`.
    public func loader(for relative: String) throws -> FileLoader {
        if FileLoader.isRemote(relative) {
            throw KitError("'\(relative)' is a remote base: kit works offline and does not fetch git repositories or URLs")
        }
        let path = join(relative)
        guard let resolved = FileLoader.realPath(path) else {
            throw KitError("must build at directory: not a valid directory: evalsymlink failure on '\(path)' : lstat \(path): no such file or directory")
        }
        guard FileIO.isDirectory(resolved) else {
            throw KitError("must build at directory: '\(resolved)' is not a directory")
        }
        let visited = ancestors + [root]
        for v in visited where FileLoader.isInside(v, resolved) {
            throw KitError("cycle detected: candidate root '\(resolved)' contains visited root '\(v)'")
        }
        return FileLoader(root: resolved, restriction: restriction, maxFileSize: maxFileSize, ancestors: visited)
    }

    /// True when `path` is `directory` or below it.
    static func isInside(_ path: String, _ directory: String) -> Bool {
        path == directory || path.hasPrefix(directory == "/" ? "/" : directory + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}
