/// The part of jq's standard library written in jq itself (each function behaves as jq 1.8's;
/// the rest is written in Swift, see `Natives.swift`). Compiled on first use.
enum Prelude {
    static let source = #"""
    def halt_error: halt_error(5);
    def map_values(f): .[] |= f;
    def from_entries:
      reduce .[] as $entry ({};
        . + { ($entry | .key // .Key // .name // .Name):
              ($entry | if has("value") then .value else .Value end) });
    def with_entries(f): to_entries | map(f) | from_entries;
    def paths(node_filter): path(.. | select(node_filter)) | select(length > 0);
    def leaf_paths: paths(scalars);
    def pick(pathexps):
      . as $whole | reduce path(pathexps) as $p (null; setpath($p; $whole | getpath($p)));
    def abs: if . < 0 then - . else . end;
    def toarray: if type == "array" then . else [.] end;
    def isfinite: type == "number" and (isinfinite | not);
    def arrays: select(type == "array");
    def objects: select(type == "object");
    def iterables: select(type | . == "array" or . == "object");
    def booleans: select(type == "boolean");
    def numbers: select(type == "number");
    def normals: select(isnormal);
    def finites: select(isfinite);
    def strings: select(type == "string");
    def nulls: select(. == null);
    def values: select(. != null);
    def scalars: select(type | . != "array" and . != "object");
    def first: .[0];
    def last: .[-1];
    def nth($n): .[$n];
    def in(xs): . as $x | xs | has($x);
    def inside(xs): . as $x | xs | contains($x);
    def trimstr($s): ltrimstr($s) | rtrimstr($s);
    def combinations:
      if length == 0 then []
      else .[0][] as $head | (.[1:] | combinations) as $tail | [$head] + $tail
      end;
    def combinations(n): . as $row | [range(n) | $row] | combinations;
    def transpose: [range(0; map(length) | max // 0) as $i | [.[][$i]]];
    def walk(f):
      def w: if type == "object" then map_values(w) elif type == "array" then map(w) else . end | f;
      w;
    def debug(msgs): (msgs | debug | empty), .;
    def truncate_stream(stream):
      . as $depth | null | stream | . as $event
      | if (.[0] | length) > $depth then setpath([0]; $event[0][$depth:]) else empty end;

    # Dates (jq 1.8), and the aliases jq 1.5/1.6 had.
    def todateiso8601: strftime("%Y-%m-%dT%H:%M:%SZ");
    def fromdateiso8601: strptime("%Y-%m-%dT%H:%M:%SZ") | mktime;
    def todate: todateiso8601;
    def fromdate: fromdateiso8601;
    def date: todate;
    def dateadd(u; n): . + n;
    def datesub(u; n): . - n;

    # Regular expressions, all built on _match_impl (Oniguruma).
    def match(re; mode): _match_impl(re; mode; false) | .[];
    def match($val): ($val | type) as $t
      | if $t == "string" then match($val; null)
        elif $t == "array" and ($val | length) > 1 then match($val[0]; $val[1])
        elif $t == "array" and ($val | length) > 0 then match($val[0]; null)
        else error($t + " not a string or array") end;
    def test(re; mode): _match_impl(re; mode; true);
    def test($val): ($val | type) as $t
      | if $t == "string" then test($val; null)
        elif $t == "array" and ($val | length) > 1 then test($val[0]; $val[1])
        elif $t == "array" and ($val | length) > 0 then test($val[0]; null)
        else error($t + " not a string or array") end;
    def capture(re; mods):
      match(re; mods)
      | reduce (.captures[] | select(.name != null) | {(.name): .string}) as $pair ({}; . + $pair);
    def capture($val): ($val | type) as $t
      | if $t == "string" then capture($val; null)
        elif $t == "array" and ($val | length) > 1 then capture($val[0]; $val[1])
        elif $t == "array" and ($val | length) > 0 then capture($val[0]; null)
        else error($t + " not a string or array") end;
    def scan($re; $flags):
      match($re; "g" + $flags)
      | if (.captures | length) > 0 then [.captures[].string] else .string end;
    def scan($re): scan($re; null);
    def splits($re; $flags):
      .[foreach (match($re; $flags + "g"), null) as {$offset, $length}
          (null; {start: .next, end: $offset, next: ($offset + $length)})];
    def splits($re): splits($re; null);
    def split($re; flags): [splits($re; flags)];
    def sub($re; replacement; $flags):
      . as $subject
      | (reduce match($re; $flags) as $m
          ({parts: [], from: 0};
            $subject[.from:$m.offset] as $gap
            | [reduce ($m.captures[] | select(.name != null) | {(.name): .string}) as $pair ({}; . + $pair)
               | replacement] as $texts
            | reduce range(0; $texts | length) as $i (.; .parts[$i] += $gap + $texts[$i])
            | .from = $m.offset + $m.length)
        | .parts[] + $subject[.from:])
        // $subject;
    def sub($re; replacement): sub($re; replacement; "");
    def gsub($re; replacement; $flags): sub($re; replacement; $flags + "g");
    def gsub($re; replacement): sub($re; replacement; "g");

    # SQL-style helpers.
    def INDEX(stream; idx_expr): reduce stream as $row ({}; .[$row | idx_expr | tostring] = $row);
    def INDEX(idx_expr): INDEX(.[]; idx_expr);
    def JOIN($idx; idx_expr): [.[] | [., $idx[idx_expr]]];
    def JOIN($idx; stream; idx_expr): stream | [., $idx[idx_expr]];
    def JOIN($idx; stream; idx_expr; join_expr): stream | [., $idx[idx_expr]] | join_expr;
    def IN(s): any(s == .; .);
    def IN(src; s): any(src == s; .);
    """#
}
