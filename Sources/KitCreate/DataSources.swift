import KitCore
import KitModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path is, as `os.Stat` (which follows symbolic links) sees it.
public enum FileStatus: Sendable, Equatable {
    case regular
    case directory
    /// A device, socket or pipe.
    case other
    /// Stat failed; the text is Go's (`no such file or directory`).
    case failed(String)
}

/// The files `--from-file`, `--from-env-file`, `--cert` and `--key` read. The builders see
/// the file system only through this, so tests can give them files in memory.
public protocol SourceFileSystem: Sendable {
    /// `os.Stat(path)`.
    func status(_ path: String) -> FileStatus
    /// The whole file; the error message is Go's (`open PATH: permission denied`).
    func read(_ path: String) throws(CreateError) -> [UInt8]
    /// A directory's entries in name order, each with whether it is a regular file itself
    /// (symbolic links are not: kubectl skips them in directories).
    func entries(_ directory: String) throws(CreateError) -> [(name: String, isRegular: Bool)]
}

/// The real file system, through KitCore's `FileIO`.
public struct LocalFileSystem: SourceFileSystem {
    public init() {}

    public func status(_ path: String) -> FileStatus {
        var st = stat()
        guard stat(path, &st) == 0 else { return .failed(Self.errorText()) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    public func read(_ path: String) throws(CreateError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CreateError("open \(path): \(Self.errorText())") }
        close(fd)
        do {
            return try FileIO.read(path)
        } catch {
            throw CreateError("read \(path): \(error)")
        }
    }

    public func entries(_ directory: String) throws(CreateError) -> [(name: String, isRegular: Bool)] {
        let names: [String]
        do {
            names = try FileIO.list(directory)
        } catch {
            throw CreateError("error listing files in \(directory): \(Self.errorText())")
        }
        return names.map { name in
            var st = stat()
            let path = FileIO.join(directory, name)
            let regular = lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
            return (name, regular)
        }
    }

    static func errorText() -> String {
        let code = errno
        return GoText.errnoText(code, fallback: String(cString: strerror(code)))
    }
}

/// A data source of a ConfigMap or Secret: one key and its bytes.
struct DataEntry {
    var key: String
    var bytes: [UInt8]
}

/// kubectl's readers for `--from-literal`, `--from-file` and `--from-env-file`.
enum DataSources {
    /// `ParseLiteralSource`: `KEY=VALUE`, split at the first `=`, the key not empty.
    /// `secret` leaves the text out of the message, since it may be the secret itself.
    static func literal(_ source: String, secret: Bool) throws(CreateError) -> (key: String, value: String) {
        guard let eq = source.firstIndex(of: "="), eq != source.startIndex else {
            if secret {
                throw CreateError("invalid literal source in --from-literal, expected key=value (the text is not shown: it may be a secret value)")
            }
            throw CreateError("invalid literal source \(source), expected key=value")
        }
        return (String(source[..<eq]), String(source[source.index(after: eq)...]))
    }

    /// `ParseFileSource`: `PATH` (the key is the base name) or `KEY=PATH`.
    static func fileSource(_ source: String) throws(CreateError) -> (key: String, path: String) {
        let separators = source.filter { $0 == "=" }.count
        switch separators {
        case 0:
            return (base(source), source)
        case 1 where source.hasPrefix("="):
            throw CreateError("key name for file path \(source.dropFirst()) missing")
        case 1 where source.hasSuffix("="):
            throw CreateError("file path for key name \(source.dropLast()) missing")
        case 1:
            let eq = source.firstIndex(of: "=")!
            return (String(source[..<eq]), String(source[source.index(after: eq)...]))
        default:
            throw CreateError("key names or file paths cannot contain '='")
        }
    }

    /// The entries one `--from-file` source gives: the file, or every regular file of a
    /// directory (keys are file names; a directory cannot be given a key).
    static func files(_ source: String, fileSystem: any SourceFileSystem) throws(CreateError) -> [DataEntry] {
        let (key, path) = try fileSource(source)
        switch fileSystem.status(path) {
        case .failed(let why):
            throw CreateError("error reading \(path): \(why)")
        case .directory:
            if source.contains("=") { throw CreateError("cannot give a key name for a directory path") }
            var entries: [DataEntry] = []
            for entry in try fileSystem.entries(path) where entry.isRegular {
                entries.append(DataEntry(key: entry.name, bytes: try fileSystem.read(FileIO.join(path, entry.name))))
            }
            return entries
        case .regular, .other:
            return [DataEntry(key: key, bytes: try fileSystem.read(path))]
        }
    }

    /// The `KEY=VALUE` lines of an env file (`cmdutil.AddFromEnvFile`): blank lines and `#`
    /// comments skipped, leading white space and a first-line BOM dropped, keys checked as
    /// environment variable names, a line without `=` taking its value from `environment`.
    /// `secret` keeps line contents out of messages.
    static func envFile(_ path: String, fileSystem: any SourceFileSystem, environment: (String) -> String?,
                        secret: Bool) throws(CreateError) -> [(key: String, value: String)] {
        switch fileSystem.status(path) {
        case .failed(let why): throw CreateError("error reading \(path): \(why)")
        case .directory: throw CreateError(secret ? "env secret file cannot be a directory" : "env config file cannot be a directory")
        default: break
        }
        let bytes = try fileSystem.read(path)
        var pairs: [(key: String, value: String)] = []
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
        if bytes.last == 10 { lines.removeLast() }  // bufio.ScanLines: no empty token after a final newline
        for (number, rawLine) in lines.enumerated() {
            var line = Array(rawLine)
            if line.last == 13 { line.removeLast() }
            if line.count >= 64 * 1024 { throw CreateError("bufio.Scanner: token too long") }
            guard let text = String(validating: line, as: UTF8.self) else {
                // kubectl lists the line's bytes; kit names the line only (for ConfigMaps too:
                // a message holds no value kit does not need to name).
                throw CreateError("env file \(path) contains invalid utf8 bytes at line \(number + 1)")
            }
            var scalars = Substring(text).unicodeScalars
            if number == 0, scalars.first == "\u{FEFF}" { scalars.removeFirst() }
            while let first = scalars.first, GoSyntax.isSpace(first) { scalars.removeFirst() }
            let trimmed = String(String.UnicodeScalarView(scalars))
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let key: String
            let value: String
            if let eq = trimmed.firstIndex(of: "=") {
                key = String(trimmed[..<eq])
                value = String(trimmed[trimmed.index(after: eq)...])
            } else {
                key = trimmed
                value = environment(trimmed) ?? ""
            }
            let errors = Validation.envVarName(key)
            if !errors.isEmpty {
                if !trimmed.contains("=") {
                    throw CreateError("line \(number + 1) of env file \(path) is not a valid key name (the line is not shown: it may be a secret value): \(errors.joined(separator: ";"))")
                }
                throw CreateError("\(GoSyntax.quote(key)) is not a valid key name: \(errors.joined(separator: ";"))")
            }
            pairs.append((key, value))
        }
        return pairs
    }

    /// Go's `path.Base`.
    static func base(_ path: String) -> String {
        if path.isEmpty { return "." }
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        if p == "/" { return "/" }
        if let slash = p.lastIndex(of: "/") { return String(p[p.index(after: slash)...]) }
        return String(p)
    }
}
