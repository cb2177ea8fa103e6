import Foundation
import XCTest

/// The rules every command's help keeps, checked over every command ArgumentParser knows
/// (`kit --experimental-dump-help`), so a command added later is held to them without being
/// listed here:
/// - the help has examples, laid out so that none is broken by the 80-column wrap;
/// - no line is longer than 80 columns;
/// - `kit --help`'s description names every command but the helpers (completion, man, version);
/// - a default value is said once (ArgumentParser adds "(default: …)" itself);
/// - the exit-status lines are those of `kit --help` (jq's own for `kit jq`), and the README
///   has them word for word.
final class HelpRulesTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every command path below `kit` (`["create", "deployment"]`), with its dump.
    func commands() throws -> [(path: [String], info: [String: Any])] {
        let dump = try runKit(["--experimental-dump-help"])
        XCTAssertEqual(dump.status, 0)
        let root = try XCTUnwrap((try JSONSerialization.jsonObject(with: dump.stdout) as? [String: Any])?["command"] as? [String: Any])
        var all: [(path: [String], info: [String: Any])] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            all.append((path, command))
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, !(path.isEmpty && name == "help") else { continue }
                walk(sub, path + [name])
            }
        }
        walk(root, [])
        return all
    }

    func help(_ path: [String]) throws -> String {
        let result = try runKit(path + ["--help"], environment: ["COLUMNS": "80"])
        XCTAssertEqual(result.status, 0, "kit \(path.joined(separator: " ")) --help")
        return String(decoding: result.stdout, as: UTF8.self)
    }

    /// The exit-status block of a help text: "Exit status:" and the indented lines after it.
    func exitStatus(in help: String) -> String? {
        let lines = help.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "Exit status:") else { return nil }
        var block = [lines[start]]
        for line in lines[(start + 1)...] {
            guard line.hasPrefix("  ") else { break }
            block.append(line)
        }
        return block.joined(separator: "\n")
    }

    func testEveryCommandsHelpFollowsTheRules() throws {
        let commands = try commands()
        XCTAssertGreaterThan(commands.count, 20)
        let rootExitStatus = try XCTUnwrap(exitStatus(in: try help([])), "kit --help has the exit-status lines")
        var jqBlock: String? = nil
        // The description of kit --help names every command that does kit's work.
        let rootHelp = try help([])
        for (path, _) in commands where path.count == 1 && !["completion", "man", "version"].contains(path[0]) {
            XCTAssertTrue(rootHelp.contains("(\(path[0]))"), "kit --help's description names '\(path[0])' (a KitCommand overview)")
        }
        for (path, info) in commands {
            let name = (["kit"] + path).joined(separator: " ")
            let text = try help(path)
            let lines = text.components(separatedBy: "\n")
            for line in lines where line.count > 80 {
                XCTFail("\(name) --help: a line of \(line.count) columns: \(line)")
            }
            // Examples: at least one, every line of the block indented (a command broken by the
            // wrap would continue at column 0).
            if let start = lines.firstIndex(of: "Examples:") {
                let block = lines[(start + 1)...].prefix { !$0.isEmpty }
                XCTAssertFalse(block.isEmpty, "\(name) --help: an empty Examples block")
                for line in block where !line.hasPrefix("  ") {
                    XCTFail("\(name) --help: an example broken by the wrap: \(line)")
                }
            } else {
                XCTFail("\(name) --help has no examples")
            }
            if path == ["jq"] {
                // kit jq keeps jq's statuses (its command line is jq's own): its block lists
                // them, kit's points at it, and the README has both.
                let jqExitStatus = try XCTUnwrap(exitStatus(in: text), "kit jq --help has the exit-status lines")
                XCTAssertNotEqual(jqExitStatus, rootExitStatus)
                for status in 0...5 { XCTAssertTrue(jqExitStatus.contains("\n  \(status)  "), "kit jq --help: exit status \(status)") }
                XCTAssertTrue(rootExitStatus.contains("kit jq --help"), "kit --help points at kit jq's exit statuses")
                jqBlock = jqExitStatus
            } else {
                XCTAssertEqual(exitStatus(in: text), rootExitStatus, "\(name) --help: the exit-status lines")
            }
            for argument in info["arguments"] as? [[String: Any]] ?? [] where argument["defaultValue"] != nil {
                let abstract = (argument["abstract"] as? String ?? "").lowercased()
                XCTAssertFalse(abstract.contains("default"), "\(name): ArgumentParser prints the default of '\(abstract)' already")
            }
        }
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains(rootExitStatus), "README.md has the exit-status lines of kit --help word for word")
        let jq = try XCTUnwrap(jqBlock, "kit jq is one of the commands")
        XCTAssertTrue(readme.contains(jq), "README.md has the exit-status lines of kit jq --help word for word")
        // `kit help jq` is `kit jq --help` (jq's own parser answers both).
        XCTAssertEqual(try runKit(["help", "jq"]).stdout, try runKit(["jq", "--help"]).stdout)
    }

    /// The examples that name the repository's own examples/ directory run as shown (those
    /// that write files or use the shell's pipes and redirections are left out).
    func testExamplesOnTheRepositorysExamplesRun() throws {
        var ran = 0
        for (path, _) in try commands() {
            let lines = try help(path).components(separatedBy: "\n")
            guard let start = lines.firstIndex(of: "Examples:") else { continue }
            for line in lines[(start + 1)...].prefix(while: { !$0.isEmpty }) {
                let command = line.trimmingCharacters(in: .whitespaces).components(separatedBy: "  # ")[0]
                let words = command.split(separator: " ").map(String.init)
                guard words.first == "kit", words.contains(where: { $0.hasPrefix("examples/") }),
                      !words.contains(where: { ["|", "&&", ">", "<", "-o", "\\"].contains($0) }) else { continue }
                let result = try runKit(Array(words.dropFirst()), in: Self.repository)
                XCTAssertEqual(result.status, 0, "\(command): \(String(decoding: result.stderr, as: UTF8.self))")
                ran += 1
            }
        }
        XCTAssertGreaterThan(ran, 2)
    }

    func testVersionCommandAndFlagPrintTheSame() throws {
        let command = try runKit(["version"])
        let flag = try runKit(["--version"])
        XCTAssertEqual(command.stdout, flag.stdout)
        XCTAssertTrue(String(decoding: command.stdout, as: UTF8.self).hasPrefix("kit "))
    }

    /// Every command has a manual page, written from the same description, with its examples
    /// and exit status; groff (when installed) reads every page without a warning.
    func testManPagesCoverEveryCommand() throws {
        let commands = try commands()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kit-man-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let install = try runKit(["man", "--install", directory.path])
        XCTAssertEqual(install.status, 0, String(decoding: install.stderr, as: UTF8.self))
        let groff = ["/usr/bin/groff", "/usr/local/bin/groff"].first { FileManager.default.isExecutableFile(atPath: $0) }
        for (path, _) in commands {
            let page = directory.appendingPathComponent("man1/" + (["kit"] + path).joined(separator: "-") + ".1")
            let text = try String(contentsOf: page, encoding: .utf8)
            XCTAssertTrue(text.hasPrefix(".TH "), page.lastPathComponent)
            for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH EXAMPLES", ".SH EXIT STATUS"] {
                XCTAssertTrue(text.contains(section + "\n"), "\(page.lastPathComponent): \(section)")
            }
            // `kit man COMMAND` prints the page that --install writes (a few, to stay fast).
            if [[], ["render"], ["create", "service", "clusterip"]].contains(path) {
                let printed = try runKit(["man"] + path)
                XCTAssertEqual(String(decoding: printed.stdout, as: UTF8.self), text, "kit man \(path.joined(separator: " "))")
            }
            if let groff {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: groff)
                process.arguments = ["-man", "-ww", "-z", page.path]
                let errors = Pipe()
                process.standardError = errors
                try process.run()
                process.waitUntilExit()
                let warnings = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                XCTAssertEqual(warnings, "", "groff on \(page.lastPathComponent)")
            }
        }
    }
}
