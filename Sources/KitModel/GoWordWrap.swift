import KitCore

/// Go's `github.com/mitchellh/go-wordwrap` v1.0.1 `WrapString`, which `kubectl explain` uses
/// to wrap descriptions; reproduced exactly so that `kit explain` wraps where kubectl does.
///
/// Lines break only at white space; a word longer than the limit stays whole on its own line;
/// existing newlines are kept; the limit counts Unicode scalars, as Go counts runes; a
/// no-break space (U+00A0) is not a break opportunity.
enum GoWordWrap {
    static func wrap(_ s: String, limit: Int) -> String {
        var out = String.UnicodeScalarView()
        var word = String.UnicodeScalarView()
        var space = String.UnicodeScalarView()
        var current = 0
        var wordLength = 0
        var spaceLength = 0

        for c in s.unicodeScalars {
            if c == "\n" {
                if word.isEmpty {
                    if current + spaceLength > limit {
                        current = 0
                    } else {
                        current += spaceLength
                        out.append(contentsOf: space)
                    }
                    space.removeAll()
                    spaceLength = 0
                } else {
                    current += spaceLength + wordLength
                    out.append(contentsOf: space)
                    space.removeAll()
                    spaceLength = 0
                    out.append(contentsOf: word)
                    word.removeAll()
                    wordLength = 0
                }
                out.append(c)
                current = 0
            } else if GoSyntax.isSpace(c) && c != "\u{A0}" {
                if space.isEmpty || !word.isEmpty {
                    current += spaceLength + wordLength
                    out.append(contentsOf: space)
                    space.removeAll()
                    spaceLength = 0
                    out.append(contentsOf: word)
                    word.removeAll()
                    wordLength = 0
                }
                space.append(c)
                spaceLength += 1
            } else {
                word.append(c)
                wordLength += 1
                if current + spaceLength + wordLength > limit && wordLength < limit {
                    out.append("\n")
                    current = 0
                    space.removeAll()
                    spaceLength = 0
                }
            }
        }

        if word.isEmpty {
            if current + spaceLength <= limit { out.append(contentsOf: space) }
        } else {
            out.append(contentsOf: space)
            out.append(contentsOf: word)
        }
        return String(out)
    }
}
