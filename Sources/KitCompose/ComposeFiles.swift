import KitCore

/// Which compose files make a project, and the project's directory and name.
enum ComposeFiles {
    /// The names compose looks for, in its order of preference (docker compose v2).
    static let defaultNames = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]
    static let overrideNames = ["compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml", "docker-compose.override.yml"]

    /// `name` in `directory`, without a leading `./` for the current directory.
    static func path(_ directory: String, _ name: String) -> String {
        directory == "." || directory.isEmpty ? name : FileIO.join(directory, name)
    }

    /// True when `directory` holds one of the default compose files.
    static func hasDefaultFile(in directory: String) -> Bool {
        defaultNames.contains { FileIO.exists(FileIO.join(directory, $0)) }
    }

    /// The files to read: `-f` files (relative to the current directory), else `COMPOSE_FILE`
    /// (split on `COMPOSE_PATH_SEPARATOR`, default `:`; relative to `directory`), else the
    /// first default file in `directory` plus its override file.
    static func resolve(_ options: ComposeLoadOptions, diagnostics: Diagnostics) throws -> [String] {
        if !options.files.isEmpty { return options.files }
        if let list = options.environment["COMPOSE_FILE"], !list.isEmpty {
            let separator = options.environment["COMPOSE_PATH_SEPARATOR"].flatMap(\.first) ?? ":"
            return list.split(separator: separator).map { item in
                Paths.isAbsolute(String(item)) ? String(item) : path(options.directory, String(item))
            }
        }
        guard FileIO.isDirectory(options.directory) else {
            throw KitError("\(options.directory): no such directory")
        }
        let found = defaultNames.filter { FileIO.exists(FileIO.join(options.directory, $0)) }
        guard let first = found.first else {
            throw KitError(
                "\(options.directory): no compose file found (looked for \(defaultNames.joined(separator: ", ")))")
        }
        if found.count > 1 {
            diagnostics.warn("found several compose files (\(found.joined(separator: ", "))); using \(first)")
        }
        var files = [path(options.directory, first)]
        if let override = overrideNames.first(where: { FileIO.exists(FileIO.join(options.directory, $0)) }) {
            files.append(path(options.directory, override))
        }
        return files
    }

    /// docker compose's project name normalisation: lower case, only `a-z`, `0-9`, `_`, `-`.
    static func normalizeProjectName(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { c in
            (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "_" || c == "-"
        }.map(Character.init))
    }
}
