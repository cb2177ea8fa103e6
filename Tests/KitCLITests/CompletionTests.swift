import Foundation
import XCTest

/// `kit completion SHELL` and the completions it gives. The answers kit computes itself are
/// also golden cases (Cases/completion-*, calling `kit ---completion …` as the scripts do);
/// here bash runs the script as it would on TAB (zsh and fish need a terminal for it).
final class CompletionTests: XCTestCase {
    func testCompletionCommandPrintsArgumentParsersScripts() throws {
        for shell in ["bash", "zsh", "fish"] {
            let command = try runKit(["completion", shell])
            let flag = try runKit(["--generate-completion-script", shell])
            XCTAssertEqual(command.status, 0, shell)
            XCTAssertEqual(command.stdout, flag.stdout, "kit completion \(shell) is kit --generate-completion-script \(shell)")
            XCTAssertTrue(String(decoding: command.stdout, as: UTF8.self).contains("---completion explain"), shell)
        }
    }

    /// What bash offers for `words` (the last one is the word being completed) with the
    /// script loaded, the way bash calls the completion function on TAB.
    func bashCompletions(_ words: [String], in directory: URL? = nil) throws -> [String] {
        let script = """
            source <("$KIT" completion bash)
            COMP_WORDS=("$KIT" "$@")
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            COMP_LINE="kit $*"
            COMP_POINT=${#COMP_LINE}
            _kit kit "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, "bash"] + words
        process.environment = ProcessInfo.processInfo.environment.merging(["KIT": kitBinary.path]) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    func testBashCompletesCommandsOptionsAndKitsOwnValues() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { throw XCTSkip("no bash") }
        XCTAssertEqual(try bashCompletions(["rend"]), ["render"])
        XCTAssertEqual(try bashCompletions(["create", "deplo"]), ["deployment"])
        XCTAssertEqual(try bashCompletions(["completion", ""]), ["bash", "zsh", "fish"])
        XCTAssertEqual(try bashCompletions(["render", "--format", ""]), ["yaml", "json"])
        XCTAssertEqual(try bashCompletions(["explain", "deployment.spec.te"]), ["deployment.spec.template"])
        XCTAssertTrue(try bashCompletions(["explain", "deployment.spec."]).contains("deployment.spec.strategy"))
        XCTAssertEqual(try bashCompletions(["explain", "statef"]), ["statefulsets"])
        XCTAssertEqual(try bashCompletions(["create", "role", "r", "--resource", "pods,secr"]), ["pods,secrets"])
        // Compose flags of render, and validate's values.
        XCTAssertEqual(try bashCompletions(["render", "--target", "ecs"]), ["ecs", "ecs-service"])
        XCTAssertEqual(try bashCompletions(["render", "--launch-type", "F"]), ["FARGATE"])
        XCTAssertEqual(try bashCompletions(["validate", "--rules", "schema,re"]), ["schema,refs"])
        XCTAssertEqual(try bashCompletions(["validate", "--explain", "latest-t"]), ["latest-tag"])
        XCTAssertEqual(try bashCompletions(["validate", "--kubernetes-version", ""]), ["1.37", "1.32"])
        XCTAssertEqual(try bashCompletions(["vali"]), ["validate"])

        // Directories for render.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kit-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("overlays"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory.appendingPathComponent("overview.txt").path, contents: Data())
        defer { try? FileManager.default.removeItem(at: directory) }
        XCTAssertEqual(try bashCompletions(["render", "over"], in: directory), ["overlays"])
        // Directories for validate -k, files and directories for validate and jq.
        XCTAssertEqual(try bashCompletions(["validate", "-k", "over"], in: directory), ["overlays"])
        XCTAssertEqual(Set(try bashCompletions(["validate", "over"], in: directory)), ["overlays", "overview.txt"])
        XCTAssertEqual(Set(try bashCompletions(["jq", ".", "over"], in: directory)), ["overlays", "overview.txt"])
    }
}
