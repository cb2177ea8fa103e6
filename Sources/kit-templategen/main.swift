// kit-templategen: compiles templates/ into KitTemplates (Sources/KitTemplates/Generated).
// Run from the package root after changing a template:
//
//     swift run kit-templategen            # rewrite the generated source
//     swift run kit-templategen --check    # exit 1 when it is out of date
import KitCore
import KitTemplates

#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String, status: Int32) -> Never {
    try? FileIO.writeAll(fd: 2, Array("kit-templategen: \(message)\n".utf8), name: "standard error")
    exit(status)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.isEmpty || arguments == ["--check"] else {
    fail("usage: kit-templategen [--check]  (run from the package root)", status: 2)
}
do {
    let source = try TemplateEmbedding.source(templatesDirectory: TemplateEmbedding.templatesPath)
    let current = FileIO.exists(TemplateEmbedding.generatedPath) ? try FileIO.read(TemplateEmbedding.generatedPath) : []
    if current == Array(source.utf8) {
        print("\(TemplateEmbedding.generatedPath) is up to date")
    } else if arguments == ["--check"] {
        fail("\(TemplateEmbedding.generatedPath) is out of date; run swift run kit-templategen", status: 1)
    } else {
        try FileIO.write(Array(source.utf8), to: TemplateEmbedding.generatedPath)
        print("wrote \(TemplateEmbedding.generatedPath)")
    }
} catch {
    fail("\(error)", status: 2)
}
