import KitCore
import Mustache

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file of a generated project.
public struct ProjectFile: Sendable {
    public var path: RelativePath
    public var text: String
    public var executable: Bool
    /// True when the file holds the value of a secret parameter (it is written private, 0600).
    public var holdsSecrets: Bool

    /// The file as `FileIO.writeTree` writes it.
    public var treeFile: TreeFile {
        TreeFile(path: path, bytes: Array(text.utf8), mode: holdsSecrets ? 0o600 : executable ? 0o755 : 0o644)
    }
}

/// Where a secret parameter's value ended up.
public struct SecretPlacement: Sendable, Equatable {
    public var parameter: String
    /// True when kit generated the value (it was not given).
    public var generated: Bool
    /// The files that hold the value.
    public var files: [RelativePath]
    /// Those of `files` that no `.gitignore` of the project lists.
    public var notIgnored: [RelativePath]
}

/// A template rendered with its parameters: the files to write, and where the secrets are.
public struct RenderedProject: Sendable {
    public var template: String
    public var files: [ProjectFile]
    public var secrets: [SecretPlacement]
}

/// Renders a template's files (paths and contents) with Mustache.
///
/// Values are inserted as they are (no HTML escaping: the files are YAML, env files and
/// the like); `{{quoted(NAME)}}` inserts a YAML double-quoted string. A name that is not a
/// parameter, an unknown transform, a Mustache syntax error, and a path that renders to
/// something outside the project are errors naming the file.
public enum TemplateRenderer {
    /// Files of template text are Mustache with the TEXT content type: kit prepends this line,
    /// which Mustache removes (a standalone tag), so error lines are one less than Mustache's.
    static let textPragma = "{{%CONTENT_TYPE:TEXT}}\n"

    public static func render(_ template: Template, parameters: ResolvedParameters) throws -> RenderedProject {
        var errors: [KitError] = []
        var files: [ProjectFile] = []
        var taken: [RelativePath: String] = [:]
        let values = parameters.values.map { ($0.parameter, $0.value) }
        for file in template.files {
            let source = "\(template.origin == Template.builtInOrigin ? template.name : template.origin)/\(file.path)"
            let recorder = LookupRecorder()
            let scope = TemplateScope(values, recorder: recorder)
            let pathTemplate: MustacheTemplate
            let textTemplate: MustacheTemplate
            do {
                pathTemplate = try parse(file.path, file: source + " (its path)")
                textTemplate = try parse(file.text, file: source)
            } catch let error as KitError {
                errors.append(error)
                continue
            }
            let renderedPath = pathTemplate.render(scope)
            let text = textTemplate.render(scope)
            for name in recorder.unknownNames.sorted() {
                errors.append(KitError("\(source): {{\(name)}} is not a parameter of template \(template.name)"))
            }
            for name in recorder.unknownTransforms.sorted() {
                errors.append(KitError("\(source): \(name)(…) is not a transform kit knows (it has quoted)"))
            }
            if renderedPath.isEmpty { continue }  // a path that renders empty leaves the file out
            guard let path = RelativePath(renderedPath) else {
                errors.append(KitError("\(source): the path renders to \"\(renderedPath)\", which is not a relative path inside the project"))
                continue
            }
            if let other = taken[path] {
                errors.append(KitError("\(source): renders to \(path), as \(other) does"))
                continue
            }
            taken[path] = source
            files.append(ProjectFile(path: path, text: text, executable: file.executable, holdsSecrets: false))
        }
        if !errors.isEmpty { throw TemplateErrors(errors: errors) }
        files.sort { $0.path < $1.path }

        var secrets: [SecretPlacement] = []
        for (parameter, value) in parameters.values where parameter.secret {
            guard case .string(let secret) = value, !secret.isEmpty else { continue }
            var holders: [RelativePath] = []
            for i in files.indices where contains(files[i].text, secret) {
                files[i].holdsSecrets = true
                holders.append(files[i].path)
            }
            let notIgnored = holders.filter { !GitIgnore.isIgnored($0, in: files) }
            secrets.append(SecretPlacement(parameter: parameter.name, generated: parameters.generated.contains(parameter.name), files: holders, notIgnored: notIgnored))
        }
        return RenderedProject(template: template.name, files: files, secrets: secrets)
    }

    /// True when `text` contains `part` (a plain byte search: the generic `firstRange(of:)`
    /// costs more than the whole render).
    static func contains(_ text: String, _ part: String) -> Bool {
        let haystack = Array(text.utf8), needle = Array(part.utf8)
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == first && haystack[i..<i + needle.count].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    /// Parses Mustache text, turning the parser's error into a positioned `KitError`.
    static func parse(_ text: String, file: String) throws -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: textPragma + text)
        } catch let error as MustacheTemplate.ParserError {
            let location = SourceLocation(file: file, line: max(error.context.lineNumber - 1, 1), column: error.context.columnNumber)
            throw KitError(describe(error.error), at: location)
        } catch {
            throw KitError("\(file): \(error)")
        }
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "Mustache error: \(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "this closing tag does not match the open section"
        case .unfinishedName: return "a tag is not finished (a name, then }} — or the delimiter set with {{=…=}})"
        case .expectedSectionEnd: return "a section is not closed (expected {{/NAME}})"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only blocks may appear inside an inheritance section"
        case .textInsideInheritSection: return "text cannot appear inside an inheritance section"
        case .invalidConfigVariableSyntax: return "invalid {{% … }} pragma"
        case .unrecognisedConfigVariable: return "unknown {{% … }} pragma"
        }
    }
}

/// Just enough of gitignore's rules to tell whether a generated file is kept out of version
/// control by a `.gitignore` generated beside it (or above it): blank lines and `#` comments
/// are skipped; a pattern without `/` (but a trailing one) matches a file or directory name at
/// any depth, a pattern with one matches the path from the `.gitignore`'s directory; `*`, `?`
/// and `[…]` are globs. Negations (`!`) are not applied, so a file they re-include still
/// counts as ignored only if no negation could match it.
enum GitIgnore {
    static func isIgnored(_ path: RelativePath, in files: [ProjectFile]) -> Bool {
        var ignored = false
        for file in files where file.path.components.last == ".gitignore" {
            let base = Array(file.path.components.dropLast())
            guard path.components.count > base.count, Array(path.components.prefix(base.count)) == base else { continue }
            let relative = Array(path.components.dropFirst(base.count))
            for rawLine in file.text.split(separator: "\n", omittingEmptySubsequences: true) {
                var line = String(rawLine)
                while line.hasSuffix(" ") || line.hasSuffix("\r") { line.removeLast() }
                if line.isEmpty || line.hasPrefix("#") { continue }
                if line.hasPrefix("!") {
                    if matches(String(line.dropFirst()), relative) { return false }
                    continue
                }
                if matches(line, relative) { ignored = true }
            }
        }
        return ignored
    }

    /// True when `pattern` matches `relative` or one of its parent directories.
    static func matches(_ pattern: String, _ relative: [String]) -> Bool {
        var pattern = pattern
        let directoryOnly = pattern.hasSuffix("/")
        if directoryOnly { pattern.removeLast() }
        let anchored = pattern.contains("/")
        if pattern.hasPrefix("/") { pattern.removeFirst() }
        // Each prefix of the path names a directory (or, for the whole path, the file).
        for end in 1...relative.count {
            let isFile = end == relative.count
            if directoryOnly && isFile { continue }
            let matched = anchored
                ? fnmatch(pattern, relative[..<end].joined(separator: "/"), FNM_PATHNAME) == 0
                : fnmatch(pattern, relative[end - 1], 0) == 0
            if matched { return true }
        }
        return false
    }
}
