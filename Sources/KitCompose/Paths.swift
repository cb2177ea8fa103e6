#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// POSIX path arithmetic (no file system access except `currentDirectory`), as Python's
/// `os.path` and Go's `path/filepath` do it for compose.
enum Paths {
    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(cString: buffer)
    }

    static func isAbsolute(_ path: String) -> Bool { path.hasPrefix("/") }

    /// `b` under `a`, unless `b` is absolute.
    static func join(_ a: String, _ b: String) -> String {
        if isAbsolute(b) || a.isEmpty { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    /// Collapses `.`, `..` and repeated slashes (Python's `os.path.normpath`).
    static func normalize(_ path: String) -> String {
        if path.isEmpty { return "." }
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

    /// The absolute, normalised form of `path` relative to `base` (itself relative to the
    /// current directory when not absolute).
    static func absolute(_ path: String, base: String? = nil) -> String {
        let root = base.map { isAbsolute($0) ? $0 : join(currentDirectory(), $0) } ?? currentDirectory()
        return normalize(join(root, path))
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
