import KitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds, reads and compiles modules for `import` and `include`, as jq's linker does: a
/// module path is relative (`a/b`), searched in the import's `search` directories (default:
/// `.` and the library path), as `DIR/a/b.jq`, `DIR/a/b/jq/main.jq` or `DIR/a/b/b.jq`
/// (`.json` for data imports).
public final class ModuleLoader {
    /// The library path (`-L`), already absolute.
    let libraryPaths: [String]
    /// The directory of the program (`-f FILE`'s directory, else the working directory).
    let programOrigin: String
    /// The directory jq's `$ORIGIN` refers to (the kit binary's).
    let jqOrigin: String

    /// Compiled modules by resolved path: their exported functions.
    var compiled: [String: [(name: String, arity: Int, function: CompiledFunction)]] = [:]
    var loading: Set<String> = []

    public init(libraryPaths: [String], programOrigin: String, jqOrigin: String) {
        self.libraryPaths = libraryPaths
        self.programOrigin = programOrigin
        self.jqOrigin = jqOrigin
    }

    struct ModuleError: Error {
        var message: String
    }

    /// Checks an import path as jq does.
    static func validate(_ relpath: String) throws -> String {
        if relpath.contains("\\") {
            throw ModuleError(message: "Modules must be named by relative paths using '/', not '\\' (\(relpath))")
        }
        let components = relpath.split(separator: "/", omittingEmptySubsequences: false)
        for (i, c) in components.enumerated() {
            if c == ".." { throw ModuleError(message: "Relative paths to modules may not traverse to parent directories (\(relpath))") }
            if i > 0 && c == components[i - 1] {
                throw ModuleError(message: "module names must not have equal consecutive components: \(relpath)")
            }
        }
        return relpath
    }

    static func expandHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = getenv("HOME").map { String(cString: $0) } ?? ""
        return home + path.dropFirst()
    }

    /// The directories to search for an import made from a file in `origin`.
    func searchChain(_ search: Value?, origin: String) -> [String] {
        var entries: [String] = []
        switch search {
        case .string(let s)?: entries = [s]
        case .array(let items)?: entries = items.compactMap(\.stringValue)
        default: entries = ["."] + libraryPaths
        }
        return entries.map { entry in
            let path = ModuleLoader.expandHome(entry)
            if path == "." { return path }
            if path.hasPrefix("$ORIGIN/") { return jqOrigin + "/" + path.dropFirst("$ORIGIN/".count) }
            if !path.hasPrefix("/") { return origin + "/" + path }
            return path
        }
    }

    /// The file an import refers to.
    func resolve(_ relpath: String, search: Value?, origin: String, isData: Bool) throws -> String {
        let rel = try ModuleLoader.validate(relpath)
        let suffix = isData ? ".json" : ".jq"
        let base = rel.split(separator: "/").last.map(String.init) ?? rel
        for dir in searchChain(search, origin: origin) where !dir.isEmpty {
            for candidate in ["\(dir)/\(rel)\(suffix)", "\(dir)/\(rel)/jq/main\(suffix)", "\(dir)/\(rel)/\(base)\(suffix)"] {
                var st = stat()
                if stat(candidate, &st) == 0 { return ModuleLoader.realPath(candidate) }
            }
        }
        throw ModuleError(message: "module not found: \(rel)")
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    func read(_ path: String) throws -> [UInt8] {
        do {
            return try FileIO.read(path)
        } catch {
            throw ModuleError(message: "Could not open \(path): \(error)")
        }
    }

    /// The values of a data file (all the JSON texts in it, as an array).
    func loadData(_ path: String) throws -> Value {
        var values: [Value] = []
        do {
            try JSONReader.forEachValue(try read(path), file: path, options: JSONReader.Options(allowNonFinite: true)) { values.append($0) }
        } catch let e as KitError {
            throw ModuleError(message: "jq: error loading data file \(path): \(e)")
        }
        return .array(values)
    }

    /// `modulemeta`: a module's metadata, imports (`deps`) and definitions (`defs`).
    func metadata(of name: String) throws -> Value {
        let path: String
        let parsed: ParsedModule
        do {
            path = try resolve(name, search: .array(libraryPaths.map { .string($0) }), origin: jqOrigin, isData: false)
            parsed = try Parser.parse(try read(path), library: true)
        } catch let e as ModuleError {
            throw JQError(e.message)
        } catch let e as SyntaxError {
            throw JQError(e.message)
        }
        var meta = parsed.metadata?.objectValue ?? Object()
        var deps: [Value] = []
        for directive in parsed.imports {
            var dep = directive.metadata?.objectValue ?? Object()
            if let alias = directive.alias { dep["as"] = .string(alias) }
            dep["is_data"] = .bool(directive.isData)
            dep["relpath"] = .string(directive.path)
            deps.append(.object(dep))
        }
        meta["deps"] = .array(deps)
        var seen = Set<String>()
        var defs: [Value] = []
        for d in parsed.definitions {
            let key = "\(d.name)/\(d.parameters.count)"
            if seen.insert(key).inserted { defs.append(.string(key)) }
        }
        meta["defs"] = .array(defs)
        return .object(meta)
    }
}

extension Compiler {
    /// Adds a module's or program's imports to `scope`: functions as `alias::name` (or plain
    /// names for `include`), data as `$alias::alias` and `$alias`. `origin` is the directory of
    /// the importing file.
    func addImports(_ imports: [ImportDirective], origin: String, to scope: Scope) -> Scope {
        var scope = scope
        for directive in imports {
            do {
                let search = directive.metadata?["search"]
                let path = try modules.resolve(directive.path, search: search, origin: origin, isData: directive.isData)
                if directive.isData {
                    let data = try modules.loadData(path)
                    let alias = directive.alias ?? directive.path
                    scope = scope.adding(.constant("\(alias)::\(alias)", data))
                    scope = scope.adding(.constant(alias, data))
                    continue
                }
                for export in try compileModule(path) {
                    let name = directive.alias.map { "\($0)::\(export.name)" } ?? export.name
                    scope = scope.adding(.function(name, arity: export.arity, export.function))
                }
            } catch let e as ModuleLoader.ModuleError {
                // An empty message: the module's own errors are already reported.
                if !e.message.isEmpty { error(e.message, start: directive.start, end: directive.end) }
            } catch {
                self.error("\(error)", start: directive.start, end: directive.end)
            }
        }
        return scope
    }

    /// Compiles the module at `path` (once) and returns its definitions.
    func compileModule(_ path: String) throws -> [(name: String, arity: Int, function: CompiledFunction)] {
        if let done = modules.compiled[path] { return done }
        if modules.loading.contains(path) {
            throw ModuleLoader.ModuleError(message: "circular import of \(path)")
        }
        modules.loading.insert(path)
        defer { modules.loading.remove(path) }
        let bytes = try modules.read(path)
        let parsed: ParsedModule
        do {
            parsed = try Parser.parse(bytes, library: true)
        } catch {
            errors.append(CompileError(message: error.message, file: path, source: bytes, start: error.start, end: error.end))
            throw ModuleLoader.ModuleError(message: "")
        }
        let savedFile = fileName
        let savedSource = source
        fileName = path
        source = bytes
        defer {
            fileName = savedFile
            source = savedSource
        }
        let origin = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        var scope = addImports(parsed.imports, origin: origin, to: Scope())
        var exports: [(name: String, arity: Int, function: CompiledFunction)] = []
        for definition in parsed.definitions {
            let function = CompiledFunction(name: definition.name, parameters: definition.parameters)
            scope = scope.adding(.function(definition.name, arity: definition.parameters.count, function))
            compileBody(function, definition, scope)
            exports.append((definition.name, definition.parameters.count, function))
        }
        modules.compiled[path] = exports
        return exports
    }
}
