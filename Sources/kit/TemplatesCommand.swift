import ArgumentParser
import KitCore
import KitTemplates

struct TemplatesCommand: KitCommand {
    static let overview = "lists those templates"

    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List the templates 'kit new' starts projects from.",
        discussion: HelpText.discussion(
            """
            Prints each template's name and one-line description. The built-in templates are \
            compiled into kit; --template-dir DIR adds a team's own (each a directory with a \
            template.yaml), which hide built-in templates of the same name.
            """,
            examples: [
                "kit templates",
                "kit templates --template-dir ./our-templates",
                "kit new wordpress --list-params  # one template's parameters",
            ])
    )

    @Option(name: .long, help: "A directory of templates to list before the built-in ones.")
    var templateDir: String?

    func run() throws {
        let templates = try reportingTemplateErrors {
            try (templateDir.map(TemplateCatalogue.with(directory:)) ?? TemplateCatalogue.builtIn()).all()
        }
        try writeStdout(Array(TemplateListing.catalogue(templates).utf8))
    }
}

/// Runs `body`, printing each error of a broken template (its template.yaml or files) as
/// `kit: error: FILE:LINE:COL: message` and exiting with status 2.
func reportingTemplateErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as TemplateErrors {
        for e in error.errors { printKitError(e) }
        throw FindingsExit(status: 2)
    }
}
