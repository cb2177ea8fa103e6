import ArgumentParser
import KitCore
import KitTemplates

struct NewCommand: KitCommand {
    static let overview = "starts projects from parameterised templates"

    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a project from a template.",
        discussion: HelpText.discussion(
            """
            Renders TEMPLATE's files with its parameters into DIR: the defaults, then the values \
            of a --values file, then each --set (later ones win). Every problem with the values \
            (an unknown parameter, a wrong type, a value outside the allowed ones or its \
            pattern, a missing required value) is reported at once, with exit status 2, and \
            nothing is written.

            DIR must not exist or be empty; --force writes into a non-empty directory, \
            replacing files of the same names and keeping the others. All files are written or \
            none: they go to a temporary directory first, which is then moved into place.

            Secret parameters are never printed. Those not given get a random value from the \
            system's secure generator, written only into the project's files (which are made \
            readable by you only, and which the template's .gitignore lists); kit names them.
            """,
            examples: [
                "kit new wordpress ./blog && kit render ./blog",
                "kit new wordpress --list-params",
                "kit new web-service ./shop --set name=shop --set host=shop.example.com --set tls=true",
                "kit new ecs-fargate ./site --values site.yaml  # parameters from a file",
                "kit render ./site --target ecs  # its ECS task definition",
                "kit new compose-app ./app && kit render ./app --target kubernetes",
                "kit new our-service ./svc --template-dir ./our-templates",
            ])
    )

    @Argument(help: "The template ('kit templates' lists them).", completion: .custom(Completions.templateNames))
    var template: String

    @Argument(help: "The directory to create (it must not exist, or be empty, unless --force).", completion: .directory)
    var directory: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Set a parameter (repeatable); lists are comma-separated.", valueName: "name=value"))
    var assignments: [String] = []

    @Option(name: .long, help: ArgumentHelp("A YAML or JSON mapping of parameter names to values.", valueName: "file.yaml"))
    var values: String?

    @Flag(name: .long, help: "Write into a non-empty directory, replacing files of the same names.")
    var force = false

    @Flag(name: .long, help: "Print the template's parameters (type, default, allowed values, help) and exit.")
    var listParams = false

    @Option(name: .long, help: "A directory of templates to look in before the built-in ones.")
    var templateDir: String?

    @Flag(name: [.short, .long], help: "Print nothing when the project is written.")
    var quiet = false

    func validate() throws {
        if !listParams && directory == nil {
            throw ValidationError("give the directory to create: kit new \(template) DIR (or --list-params)")
        }
    }

    func run() throws {
        let chosen = try reportingTemplateErrors {
            try (templateDir.map(TemplateCatalogue.with(directory:)) ?? TemplateCatalogue.builtIn()).template(named: template)
        }
        if listParams {
            try writeStdout(Array(TemplateListing.parameters(of: chosen).utf8))
            return
        }
        guard let directory else { return }
        var input = ParameterInput(assignments: assignments)
        if let values { input.valuesFile = (values, try FileIO.read(values)) }

        let parameters: ResolvedParameters
        do {
            var random = SystemRandomNumberGenerator()
            parameters = try ParameterResolver.resolve(chosen, input: input, random: &random)
        } catch {
            for problem in error.problems { printError("kit: error: \(problem)") }
            printError("kit: nothing was written (kit new \(template) --list-params shows the parameters)")
            throw FindingsExit(status: 2)
        }
        let project = try reportingTemplateErrors { try TemplateRenderer.render(chosen, parameters: parameters) }
        try FileIO.writeTree(project.files.map(\.treeFile), to: directory, existing: force ? .merge : .refuse)
        for warning in TemplateListing.warnings(for: project, directory: directory) {
            printError("kit: warning: \(warning)")
        }
        if !quiet {
            try writeStdout(Array(TemplateListing.summary(of: project, template: chosen, directory: directory).utf8))
        }
    }
}
