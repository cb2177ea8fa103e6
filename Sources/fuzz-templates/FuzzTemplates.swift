import FuzzSupport
import KitCore
import KitTemplates

// kit new with a team's template (--template-dir): template.yaml, Mustache files and their
// paths, and parameter values are user input. The input is a packed template: template.yaml,
// then `#--- PATH` lines each starting a file (as fuzz-kustomization packs trees), and
// optionally `#--- values` for a values file. Reading, checking and rendering never crash;
// every failure is one of kit's error types; a rendered project has only safe, distinct paths;
// a secret given in the values file never appears in a message.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplates(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    check(Fuzz.bytes(data, size))
    return 0
}

struct Counter: RandomNumberGenerator {
    var state: UInt64 = 0
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return state ^ (state >> 29)
    }
}

func check(_ input: [UInt8]) {
    let text = String(decoding: input, as: UTF8.self)
    var files: [TemplateFile] = []
    var values: [UInt8]? = nil
    var current = "template.yaml"
    var body = ""
    func flush() {
        if current == "values" { values = Array(body.utf8) } else { files.append(TemplateFile(path: current, text: body)) }
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("#--- ") {
            flush()
            current = String(line.dropFirst(5))
            body = ""
        } else {
            body += line + "\n"
        }
    }
    flush()
    // The template's directory is named as its manifest says (a mismatch is an error too).
    let declared: String? = try? YAMLReader.read(files[0].text).first?.value["name"]?.stringValue
    let name = declared.flatMap { $0.contains("/") || $0.isEmpty ? nil : $0 } ?? "t"
    files = files.map { TemplateFile(path: name + "/" + $0.path, text: $0.text) }

    let template: Template
    do {
        template = try TemplateCatalogue(files: files, origin: "fuzz").template(named: name)
    } catch let error as TemplateErrors {
        for e in error.errors { Fuzz.requireLocation(e, "template.yaml") }
        return
    } catch is KitError {
        return
    } catch {
        Fuzz.fail("reading the template threw \(error)")
    }
    var random = Counter()
    let parameters: ResolvedParameters
    do {
        parameters = try ParameterResolver.resolve(template, input: ParameterInput(valuesFile: values.map { ("values.yaml", $0) }), random: &random)
    } catch {
        // A secret given in the values file is never repeated in a message.
        if let values, case .object(let o)? = try? YAMLReader.read(values, file: "v").first?.value {
            for p in template.parameters where p.secret {
                if case .string(let secret)? = o[p.name], secret.utf8.count >= 4 {
                    Fuzz.require(!error.description.contains(secret), "a message shows the secret \(p.name)")
                }
            }
        }
        return
    }
    let project: RenderedProject
    do {
        project = try TemplateRenderer.render(template, parameters: parameters)
    } catch is TemplateErrors {
        return
    } catch {
        Fuzz.fail("rendering threw \(error)")
    }
    var seen: Set<String> = []
    for file in project.files {
        Fuzz.require(RelativePath(file.path.text) == file.path, "unsafe path \(file.path)")
        Fuzz.require(seen.insert(file.path.text).inserted, "two files at \(file.path)")
    }
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(check) } }
#endif
