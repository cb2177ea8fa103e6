import ArgumentParser
import KitCore

#if canImport(Glibc)
import Glibc
#endif

/// `kit man [COMMAND…] [--install DIR]`: the manual pages, one per command, written from the
/// same description as the help (`ManPage`).
struct ManCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "man",
        abstract: "Print or install kit's manual pages (one per command).",
        discussion: HelpText.discussion(
            """
            Without --install, prints the page of COMMAND (kit's own page without one) in \
            man(7) format; 'man -l -' shows it. With --install DIR, writes every page \
            (kit.1, kit-render.1, kit-create-deployment.1, …) into DIR/man1, creating \
            man1 if needed, and lists the files written; 'man kit-render' then finds them \
            when DIR is on the manual path (as /usr/local/share/man is).
            """,
            examples: [
                "kit man render | man -l -",
                "kit man --install /usr/local/share/man",
                "kit man --install ~/.local/share/man  # then: man kit-create-deployment",
            ])
    )

    @Argument(help: ArgumentHelp("The command whose page to print (kit's own page when none).", valueName: "command"))
    var command: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write every page into DIR/man1 instead.", valueName: "DIR"), completion: .directory)
    var install: String?

    func validate() throws {
        if install != nil && !command.isEmpty { throw ValidationError("--install writes every page; leave out COMMAND") }
    }

    func run() throws {
        let tree = CommandInfo.tree(of: Kit.self)
        let pages = ManPage.pages(of: tree)
        guard let directory = install else {
            let name = (["kit"] + command).joined(separator: "-")
            guard let page = pages.first(where: { $0.name == name }) else {
                let known = pages.map { $0.path.dropFirst().joined(separator: " ") }.filter { !$0.isEmpty }
                throw KitError("no manual page for '\(command.joined(separator: " "))'" + NameSuggestion.hint(for: command.joined(separator: " "), among: known))
            }
            try writeStdout(Array(page.text.utf8))
            return
        }
        guard FileIO.isDirectory(directory) else { throw KitError("directory \(directory) does not exist") }
        let section = FileIO.join(directory, "man1")
        if !FileIO.isDirectory(section), mkdir(section, 0o755) != 0 {
            throw KitError("\(section): cannot create the directory: \(String(cString: strerror(errno)))")
        }
        var files: [(name: FileName, bytes: [UInt8])] = []
        for page in pages {
            guard let name = FileName(page.fileName) else { continue }
            files.append((name, Array(page.text.utf8)))
        }
        try FileIO.writeFiles(files, into: section)
        for file in files { print(FileIO.join(section, file.name.text)) }
    }
}
