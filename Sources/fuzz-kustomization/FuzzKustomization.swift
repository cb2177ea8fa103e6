#if canImport(Glibc)
import Glibc
#endif
import FuzzSupport
import KitCore
import KitRender

// The kustomization loader and build: a tree of files in, objects or an error out, never a
// crash; the output is written (or refused with the refused value's path) in both formats
// and as one file per object.
//
// Input format: the kustomization.yaml text, optionally followed by more files, each
// introduced by a line `#--- NAME` (NAME a plain file name; `base/NAME` makes one level of
// directory). `scripts/fuzz` packs the render golden cases this way as seeds.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKustomization(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    check(Fuzz.bytes(data, size))
    return 0
}

/// A scratch directory for this process, emptied before each input.
let scratch: String = {
    var template = Array("/tmp/kit-fuzz-kustomization-XXXXXX".utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { Fuzz.fail("mkdtemp") }
    return String(cString: made)
}()

func clear(_ path: String) {
    for name in (try? FileIO.list(path)) ?? [] {
        let child = FileIO.join(path, name)
        if FileIO.isDirectory(child) {
            clear(child)
            rmdir(child)
        } else {
            unlink(child)
        }
    }
}

func check(_ input: [UInt8]) {
    clear(scratch)
    var files: [(String, [UInt8])] = []
    var name = "kustomization.yaml"
    var current: [UInt8] = []
    for line in input.split(separator: 10, omittingEmptySubsequences: false) {
        if line.starts(with: Array("#--- ".utf8)) {
            files.append((name, current))
            name = String(decoding: line.dropFirst(5), as: UTF8.self)
            current = []
        } else {
            current += line
            current.append(10)
        }
    }
    files.append((name, current))
    for (name, bytes) in files {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ FileName(String($0)) != nil }) else { continue }
        if parts.count == 2 { mkdir(FileIO.join(scratch, String(parts[0])), 0o755) }
        try? FileIO.write(bytes, to: FileIO.join(scratch, name))
    }
    let result: RenderResult
    do {
        result = try KustomizeBuild.render(directory: scratch)
    } catch is KitError {
        return
    } catch {
        Fuzz.fail("render threw \(error)")
    }
    for format in [RenderOutput.Format.yaml, .json] {
        do {
            _ = try RenderOutput.stream(result.objects, format: format)
            _ = try RenderOutput.files(result.objects, format: format)
        } catch let error as KitError {
            let located = result.locating(error)
            Fuzz.require(error.valuePath != nil || error.message.contains("would both be written") || error.message.contains("cannot name a file"),
                         "an output error names no value: \(located.message)")
        } catch {
            Fuzz.fail("writing threw \(error)")
        }
    }
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(check) } }
#endif
