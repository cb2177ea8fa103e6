import Foundation
import KitCore
import XCTest

@testable import KitJQ

/// The evaluator's semantics, case by case (program, input, outputs as compact JSON). The
/// expected outputs are jq 1.8's (the manual, jq's own tests, or jq's source where noted).
final class JQProgramTests: XCTestCase {
    func outputs(_ program: String, _ input: String = "null", file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let p = try JQProgram(compiling: program)
        return try p.outputs(for: try JSONReader.read(input, options: JSONReader.Options(allowNonFinite: true))).map { dump($0) }
    }

    func check(_ program: String, _ input: String = "null", _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        do {
            XCTAssertEqual(try outputs(program, input), expected, program, file: file, line: line)
        } catch {
            XCTFail("\(program): \(error)", file: file, line: line)
        }
    }

    func checkError(_ program: String, _ input: String = "null", _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let p = try JQProgram(compiling: program)
            _ = try p.outputs(for: try JSONReader.read(input))
            XCTFail("\(program): no error", file: file, line: line)
        } catch let e as JQError {
            XCTAssertEqual(e.description, message, program, file: file, line: line)
        } catch {
            XCTFail("\(program): \(error)", file: file, line: line)
        }
    }

    func testPathsAndIndexing() {
        check(".a.b, .a[\"b\"], .a?.b", #"{"a":{"b":1}}"#, ["1", "1", "1"])
        check("[.[1:3], .[-2:], .[:1]]", "[1,2,3,4]", ["[[2,3],[3,4],[1]]"])
        check(#".[2:4]"#, #""abcdef""#, [#""cd""#])
        check("[.[]?]", "1", ["[]"])
        check("[..]", #"[1,[2]]"#, ["[[1,[2]],1,[2],2]"])
        check("[paths]", #"{"a":[1]}"#, [#"[["a"],["a",0]]"#])
        check("path(.a[0].b)", "null", [#"["a",0,"b"]"#])
        check("[path(..)]", #"{"a":[{"b":1}]}"#, [#"[[],["a"],["a",0],["a",0,"b"]]"#])
        check(".a[.b]", #"{"a":{"x":1},"b":"x"}"#, ["1"])
        check("[(.a,.b)[0,1]]", #"{"a":[1,2],"b":[3,4]}"#, ["[1,3,2,4]"])
        check("path(first(.a,.b))", "{}", [#"["a"]"#])
        check("path(limit(1; .a, .b))", "{}", [#"["a"]"#])
        check("path(getpath([\"a\",\"b\"]))", "null", [#"["a","b"]"#])
        check(". as $x | path($x)", "{}", ["[]"])
        checkError("path(.a | map(.))", #"{"a":[1]}"#, "Invalid path expression with result [1]")
        checkError(".[] | .x", "[1]", #"Cannot index number with string ("x")"#)
        checkError(".[]", "3", "Cannot iterate over number (3)")
    }

    func testAssignments() {
        check(".a = 1", "{}", [#"{"a":1}"#])
        check(".a |= . + 1", #"{"a":1}"#, [#"{"a":2}"#])
        check(".[] += 10", "[1,2]", ["[11,12]"])
        check(".a //= 5", #"{"a":null}"#, [#"{"a":5}"#])
        check("(.a, .b) = (1, 2)", "{}", [#"{"a":1,"b":1}"#, #"{"a":2,"b":2}"#])
        check(".[] |= empty", "[1,2,3]", ["[]"])
        check("(.[] | select(. >= 2)) |= empty", "[1,5,3,0,7]", ["[1,0]"])
        check("del(.[1, 2])", "[1,2,3,4]", ["[1,4]"])
        check("to_entries", #"{"a":1}"#, [#"[{"key":"a","value":1}]"#])
        check("with_entries(.value += 1)", #"{"a":1}"#, [#"{"a":2}"#])
        check("reduce range(5) as $i ([]; . + [$i])", "null", ["[0,1,2,3,4]"])
        check("reduce .[] as $x ({}; .[$x] += 1)", #"["a","b","a"]"#, [#"{"a":2,"b":1}"#])
        check(".[2:4] = [\"x\"]", "[0,1,2,3,4]", [#"[0,1,"x",4]"#])
        check("setpath([\"a\", 1]; 5)", "null", [#"{"a":[null,5]}"#])
        check("delpaths([[\"a\"], [\"b\", 0]])", #"{"a":1,"b":[1,2]}"#, [#"{"b":[2]}"#])
        check("pick(.a.b)", #"{"a":{"b":1,"c":2},"d":3}"#, [#"{"a":{"b":1}}"#])
        checkError("try error(\"x\") catch error(. + \"!\")", "null", "x!")
    }

    func testGeneratorsAndControl() {
        check("[limit(3; range(10))]", "null", ["[0,1,2]"])
        check("[limit(0; 1, 2)]", "null", ["[]"])
        check("[first(range(5)), last(range(5)), nth(2; range(5))]", "null", ["[0,4,2]"])
        check("[range(0; 10; 3)]", "null", ["[0,3,6,9]"])
        check("[range(0,1; 3,4)]", "null", ["[0,1,2,0,1,2,3,1,2,1,2,3]"])
        check("[.[] | if . > 1 then \"big\" elif . == 1 then \"one\" end]", "[0,1,2]", [#"[0,"one","big"]"#])
        check("[foreach .[] as $x (0; . + $x)]", "[1,2,3]", ["[1,3,6]"])
        check("[foreach .[] as $x (0; . + $x; [$x, .])]", "[1,2]", ["[[1,1],[2,3]]"])
        check("[label $out | .[] | if . > 2 then break $out else . end]", "[1,2,3,4]", ["[1,2]"])
        check("[.[] | try error catch .]", #"["a",{"b":1}]"#, [#"["a",{"b":1}]"#])
        check("[try (1, error(\"x\"), 3) catch .]", "null", [#"[1,"x"]"#])
        check("[(1,2) | try . catch 0]", "null", ["[1,2]"])
        check(". as [$a, {b: $c}] | [$a, $c]", #"[1,{"b":2}]"#, ["[1,2]"])
        check(".[] as [$a] ?// $a | $a", #"[[1],2]"#, ["1", "2"])
        check("[.[] as {a: $a} ?// [$a] | $a]", #"[{"a":1},[2]]"#, ["[1,2]"])
        check("def f(g): [g, g]; f(.+1)", "1", ["[2,2]"])
        check("def f($a; $b): $a + $b; [f(1,2; 10,20)]", "null", ["[11,21,12,22]"])
        check("def fac: if . <= 1 then 1 else . * (. - 1 | fac) end; 10 | fac", "null", ["3628800"])
        check("def f: def g: 3; g; f", "null", ["3"])
        check("1 as $x | def f: $x; 2 as $x | f", "null", ["1"])
        check("[recurse(if . < 3 then . + 1 else empty end)]", "0", ["[0,1,2,3]"])
        check("[.[] | until(. > 100; . * 2)]", "[1,3]", ["[128,192]"])
        check("isempty(empty), isempty(1)", "null", ["true", "false"])
        check("any(.[]; . > 2), all(.[]; . > 0)", "[1,2,3]", ["true", "true"])
    }

    func testArithmeticAndNumbers() {
        check("[(1,2) + (10,20)]", "null", ["[11,12,21,22]"])
        check("1 + 2 * 3 - 4 / 2", "null", ["5"])
        check(#""x" * 3, "abc" / "b", [1,2,2,3] - [2]"#, "null", [#""xxx""#, #"["a","c"]"#, "[1,3]"])
        check(#"{"a":{"b":1}} * {"a":{"c":2}}"#, "null", [#"{"a":{"b":1,"c":2}}"#])
        check("[.[] | . % 3]", "[5,-5]", ["[2,-2]"])
        check(".", "100000000000000000001", ["100000000000000000001"])
        check(".[0] + 0", "[1.000]", ["1"])
        check(".", "1.000", ["1.000"])
        check("-.", "13911860366432393", ["-13911860366432393"])
        check(". - 10", "13911860366432393", ["13911860366432382"])
        check("[1E+1000, -1E+1000 | tojson]", "null", [#"["1E+1000","-1E+1000"]"#])
        check("infinite, -infinite, nan | tojson", "null", [#""1.7976931348623157e+308""#, #""-1.7976931348623157e+308""#, #""null""#])
        check("[nan] | sort | .[0] < 1", "null", ["true"])
        checkError("1 / 0", "null", "number (1) and number (0) cannot be divided because the divisor is zero")
        checkError(#"{} + 1"#, "null", "object ({}) and number (1) cannot be added")
        checkError(#". - "x""#, #""very-long-long-long-long-string""#, #"string ("very-long-long-long-long...") and string ("x") cannot be subtracted"#)
    }

    func testLibrary() {
        check("[sort_by(.a)[].b]", #"[{"a":2,"b":1},{"a":1,"b":2},{"a":2,"b":3}]"#, ["[2,1,3]"])
        check("group_by(.a) | map(length)", #"[{"a":2},{"a":1},{"a":2}]"#, ["[1,2]"])
        check("unique_by(length)", #"["a","bb","c"]"#, [#"["a","bb"]"#])
        check("min_by(.x), max_by(.x)", #"[{"x":1,"i":0},{"x":1,"i":1}]"#, [#"{"x":1,"i":0}"#, #"{"x":1,"i":1}"#])
        check("add, add(.[] | . * 2)", "[1,2,3]", ["6", "12"])
        check(#"join(", ")"#, #"["a",1,null,true]"#, [#""a, 1, , true""#])
        check("flatten, flatten(1)", "[1,[2,[3]]]", ["[1,2,3]", "[1,2,[3]]"])
        check("tostream", #"{"a":[1]}"#, [#"[["a",0],1]"#, #"[["a",0]]"#, #"[["a"]]"#])
        check("fromstream(tostream)", #"{"a":[1,{"b":2}]}"#, [#"{"a":[1,{"b":2}]}"#])
        check("[1|truncate_stream([[0],1],[[1,0],2],[[1,0]],[[1]])]", "null", ["[[[0],2],[[0]]]"])
        check("walk(if type == \"number\" then . + 1 else . end)", "[1,[2]]", ["[2,[3]]"])
        check("transpose", "[[1,2],[3]]", ["[[1,3],[2,null]]"])
        check("[combinations]", "[[1,2],[3,4]]", ["[[1,3],[1,4],[2,3],[2,4]]"])
        check("indices(1), index(\",\"), rindex(\",\")", #"[1,2,1]"#, ["[0,2]", "null", "null"])
        check(#"indices(", ")"#, #""a, b, c""#, ["[1,4]"])
        check("ltrimstr(\"a\"), rtrimstr(\"c\"), trimstr(\"x\")", #""abc""#, [#""bc""#, #""ab""#, #""abc""#])
        check("trim, ltrim, rtrim", #"" x ""#, [#""x""#, #""x ""#, #"" x""#])
        check("explode | implode", #""héllo""#, [#""héllo""#])
        check("ascii_downcase, ascii_upcase", #""aBç""#, [#""abç""#, #""ABç""#])
        check("tojson, (tojson | fromjson)", #"{"a":[1,"x"]}"#, [#""{\"a\":[1,\"x\"]}""#, #"{"a":[1,"x"]}"#])
        check("[.[] | tonumber]", #"["1", "1.5", "-2"]"#, ["[1,1.5,-2]"])
        check("contains({a: [1]})", #"{"a":[1,2]}"#, ["true"])
        check("inside([1, 2, 3]), inside([1])", "[1, 3]", ["true", "false"])
        check("has(\"a\"), has(\"z\")", #"{"a":1}"#, ["true", "false"])
        check("[.[] | in({a: 1})]", #"["a","b"]"#, ["[true,false]"])
        check("getpath([\"a\",\"b\"])", "null", ["null"])
        check("to_entries | from_entries", #"{"a":1,"b":2}"#, [#"{"a":1,"b":2}"#])
        check("INDEX(.id)", #"[{"id":1},{"id":2}]"#, [#"{"1":{"id":1},"2":{"id":2}}"#])
        check("IN(2, 3)", "2", ["true"])
        check("$__loc__", "null", [#"{"file":"<top-level>","line":1}"#])
        check("[builtins | length > 100, (builtins | map(select(startswith(\"_\"))) | length)]", "null", ["[true,0]"])
        check("{a: 1} | keys, ([3,1] | keys_unsorted)", "null", [#"["a"]"#, "[0,1]"])
        check("[limit(3; repeat(1))]", "null", ["[1,1,1]"])
        check("[.[] | abs]", "[-1, 2, -0.5]", ["[1,2,0.5]"])
        check("toarray, ([1] | toarray)", "1", ["[1]", "[1]"])
        check("[paths(type == \"number\")], [leaf_paths]", #"{"a":1,"b":[2]}"#, [#"[["a"],["b",0]]"#, #"[["a"],["b",0]]"#])
        check("@text \"v=\\(.)\", @json \"v=\\(.)\"", #""x""#, [#""v=x""#, #""v=\"x\"""#])
        check("\"\\(1,2)-\\(3,4)\"", "null", [#""1-3""#, #""2-3""#, #""1-4""#, #""2-4""#])
        check("{a, \"b\": 2, (\"c\"): 3, $__loc__}", #"{"a":1}"#, [#"{"a":1,"b":2,"c":3,"__loc__":{"file":"<top-level>","line":1}}"#])
        check("{(\"a\",\"b\"): (1,2)}", "null", [#"{"a":1}"#, #"{"a":2}"#, #"{"b":1}"#, #"{"b":2}"#])
    }

    func testErrorsAndLimits() {
        checkError("error", #"{"a":1}"#, #"(not a string): {"a":1}"#)
        checkError("error(null)", "null", "(not a string): null")
        checkError("[limit(-1; 1)]", "null", "limit doesn't support negative count")
        // Values 10,000 levels deep need more stack than a test thread has (kit's CLI runs on a
        // 512 MiB thread).
        onLargeStack {
            self.checkError("reduce range(10001) as $_ ([]; [.]) as $x | $x == [$x]", "null", "Equality check too deep")
        }
        // Runaway recursion is an error, not a crash.
        do {
            let p = try JQProgram(compiling: "def f: 1 + f; f")
            XCTAssertThrowsError(try p.outputs(for: .null, context: JQContext(stackBudget: 1 << 20))) { error in
                XCTAssertTrue("\(error)".contains("stack overflow"), "\(error)")
            }
        } catch {
            XCTFail("\(error)")
        }
    }

    func testCompileErrors() {
        func message(_ program: String) -> String {
            do {
                _ = try JQProgram(compiling: program)
                return "compiled"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(
            message(". as $foo | [$foo, $bar]"),
            """
            jq: error: $bar is not defined at <top-level>, line 1, column 20:
                . as $foo | [$foo, $bar]
                                   ^^^^
            jq: 1 compile error
            """)
        XCTAssertEqual(
            message("{(0):1}"),
            """
            jq: error: Cannot use number (0) as object key at <top-level>, line 1, column 3:
                {(0):1}
                  ^
            jq: 1 compile error
            """)
        XCTAssertTrue(message("1 +").contains("syntax error, unexpected end of file"))
        XCTAssertTrue(message("foo(1)").contains("foo/1 is not defined"))
        XCTAssertTrue(message("\"u\\vw\"").contains("Invalid escape at line 1, column 4 (while parsing '\"\\v\"')"))
    }

    /// Runs `body` on a thread with a 256 MiB stack.
    func onLargeStack(_ body: @escaping () -> Void) {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let run = body
        let thread = Thread {
            run()
            done.signal()
        }
        thread.stackSize = 256 << 20
        thread.start()
        done.wait()
    }

    /// The library API as `kit query` uses it.
    func testPublicAPI() throws {
        let snapshot = try JSONReader.read(#"{"items":[{"metadata":{"name":"a"},"status":{"phase":"Running"}},{"metadata":{"name":"b"},"status":{"phase":"Failed"}}]}"#)
        let program = try JQProgram(
            compiling: #".items[] | select(.status.phase != $phase) | .metadata.name"#,
            options: JQProgram.Options(namedArguments: [("phase", .string("Running"))]))
        var names: [Value] = []
        try program.run(on: snapshot) { names.append($0) }
        XCTAssertEqual(names, ["b"])
        XCTAssertEqual(try program.outputs(for: snapshot), ["b"])
    }
}
