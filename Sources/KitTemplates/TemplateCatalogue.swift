import KitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Template {
    /// The origin of the templates compiled into kit.
    public static let builtInOrigin = "built-in"
}

/// The templates kit knows: those compiled into it (the repository's `templates/`, embedded
/// at build time) and, with `--template-dir DIR`, a team's own, which come first and hide
/// built-in templates of the same name.
public struct TemplateCatalogue: Sendable {
    /// A template's raw files (`template.yaml` among them) before its manifest is read.
    struct Entry: Sendable {
        var name: String
        var origin: String
        var files: [TemplateFile]
    }

    var entries: [Entry]

    /// Templates held in memory: each file's path is `TEMPLATE/PATH`, as below a
    /// `--template-dir`; `origin` stands for that directory in messages.
    public init(files: [TemplateFile], origin: String) {
        self.init(entries: Self.entries(from: files, origin: origin))
    }

    init(entries: [Entry]) {
        self.entries = entries
    }

    /// The built-in templates.
    public static func builtIn() -> TemplateCatalogue {
        TemplateCatalogue(entries: entries(from: EmbeddedTemplates.files.map { TemplateFile(path: $0.path, text: $0.text, executable: $0.executable) }, origin: Template.builtInOrigin))
    }

    /// The templates in `directory` (each in a subdirectory named after it, or `directory`
    /// itself when it holds a `template.yaml`), then the built-in ones they do not hide.
    public static func with(directory: String) throws -> TemplateCatalogue {
        let own = try load(directory: directory)
        let names = Set(own.map(\.name))
        return TemplateCatalogue(entries: own + builtIn().entries.filter { !names.contains($0.name) })
    }

    /// Template names, in catalogue order.
    public var names: [String] { entries.map(\.name) }

    /// Every template, manifests read (the first broken one throws).
    public func all() throws -> [Template] {
        try entries.map(template)
    }

    /// The template called `name`; an unknown name is an error that lists the known ones.
    public func template(named name: String) throws -> Template {
        guard let entry = entries.first(where: { $0.name == name }) else {
            var message = "no template \"\(name.count > 64 ? String(name.prefix(64)) + "…" : name)\""
            if let close = ParameterResolver.closestName(to: name, in: names) {
                message += "; did you mean \(close)?"
            }
            message += " (templates: \(names.joined(separator: ", ")); kit templates lists them)"
            throw KitError(message)
        }
        return try template(entry)
    }

    func template(_ entry: Entry) throws -> Template {
        guard let manifest = entry.files.first(where: { $0.path == Template.manifestName }) else {
            throw KitError("\(entry.origin): no \(Template.manifestName)")
        }
        let manifestFile = entry.origin == Template.builtInOrigin ? "\(entry.name)/\(Template.manifestName)" : FileIO.join(entry.origin, Template.manifestName)
        var reader = try TemplateManifestReader(bytes: Array(manifest.text.utf8), file: manifestFile)
        reader.checkPatterns = entry.origin != Template.builtInOrigin
        var template = try reader.read(origin: entry.origin)
        if template.name != entry.name {
            throw KitError("\(manifestFile): the template's name is \"\(template.name)\" but its directory is \(entry.name); they must be the same")
        }
        template.files = entry.files.filter { $0.path != Template.manifestName }
        return template
    }

    /// Groups `name/path` files into templates by their first path component.
    static func entries(from files: [TemplateFile], origin: String) -> [Entry] {
        var entries: [Entry] = []
        for file in files {
            guard let slash = file.path.firstIndex(of: "/") else { continue }
            let name = String(file.path[..<slash])
            let inner = TemplateFile(path: String(file.path[file.path.index(after: slash)...]), text: file.text, executable: file.executable)
            if entries.last?.name == name {
                entries[entries.count - 1].files.append(inner)
            } else {
                entries.append(Entry(name: name, origin: origin == Template.builtInOrigin ? origin : FileIO.join(origin, name), files: [inner]))
            }
        }
        return entries
    }

    /// The templates of a directory on disk.
    static func load(directory: String) throws -> [Entry] {
        guard FileIO.isDirectory(directory) else { throw KitError("\(directory): no such template directory") }
        if FileIO.exists(FileIO.join(directory, Template.manifestName)) {
            let trimmed = FileIO.split(FileIO.clean(directory)).base
            let name = trimmed == "." || trimmed == "/" ? "" : trimmed
            var entry = Entry(name: name, origin: directory, files: try readTree(directory))
            // A single template is known by the name its manifest gives.
            if let manifest = entry.files.first(where: { $0.path == Template.manifestName }),
                case .object(let o)? = try? YAMLReader.read(manifest.text).first?.value, let declared = o["name"]?.stringValue
            {
                entry.name = declared
            }
            return [entry]
        }
        var entries: [Entry] = []
        for name in try FileIO.list(directory) where !name.hasPrefix(".") {
            let path = FileIO.join(directory, name)
            guard FileIO.isDirectory(path), FileIO.exists(FileIO.join(path, Template.manifestName)) else { continue }
            entries.append(Entry(name: name, origin: path, files: try readTree(path)))
        }
        if entries.isEmpty {
            throw KitError("\(directory): no templates (a template is a directory with a \(Template.manifestName))")
        }
        return entries
    }

    /// Every file below `root` (hidden ones included, `.git` excluded), as UTF-8 text, in path
    /// order. Symbolic links and special files are refused: a template is plain files.
    static func readTree(_ root: String) throws -> [TemplateFile] {
        var files: [TemplateFile] = []
        func walk(_ directory: String, _ prefix: String) throws {
            for name in try FileIO.list(directory) where name != ".git" {
                let path = FileIO.join(directory, name)
                let relative = prefix.isEmpty ? name : prefix + "/" + name
                var st = stat()
                guard lstat(path, &st) == 0 else { throw KitError("\(path): cannot read it") }
                switch st.st_mode & S_IFMT {
                case S_IFDIR:
                    try walk(path, relative)
                case S_IFREG:
                    let bytes = try FileIO.read(path)
                    guard let text = String(validating: bytes, as: UTF8.self) else {
                        throw KitError("\(path): a template file must be UTF-8 text")
                    }
                    if text.utf8.contains(UInt8(ascii: "\r")) {
                        throw KitError("\(path): a template file must have Unix line ends (it has a carriage return)")
                    }
                    files.append(TemplateFile(path: relative, text: text, executable: st.st_mode & 0o111 != 0))
                default:
                    throw KitError("\(path): a template holds only regular files and directories (this is a link or a special file)")
                }
            }
        }
        try walk(root, "")
        return files
    }
}
