import KitCore

/// POSIX path arithmetic (no file system access except `currentDirectory`), as Python's
/// `os.path` and Go's `path/filepath` do it for compose.
enum Paths {
    static func currentDirectory() -> String { FileIO.absolute(".") }

    static func isAbsolute(_ path: String) -> Bool { path.hasPrefix("/") }

    /// `b` under `a`, unless `b` is absolute.
    static func join(_ a: String, _ b: String) -> String {
        if isAbsolute(b) || a.isEmpty { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    /// The absolute, normalised form of `path` relative to `base` (itself relative to the
    /// current directory when not absolute).
    static func absolute(_ path: String, base: String? = nil) -> String {
        FileIO.absolute(join(base ?? ".", path))
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func baseName(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return String(p) }
        return String(p[p.index(after: slash)...])
    }

    /// `~` and `~/…` with `home` (left as is without one).
    static func expandUser(_ path: String, home: String?) -> String {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }
}
