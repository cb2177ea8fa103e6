/// YAML timestamps as kustomize reads and writes them.
///
/// go-yaml v3 tries Go's `time.Parse` with four layouts on plain scalars that start with
/// four digits and a dash:
///   `2006-1-2T15:4:5.999999999Z07:00`, the same with a lower-case `t`,
///   `2006-1-2 15:4:5.999999999` (no zone: UTC), and `2006-1-2` (midnight UTC).
/// kustomize then prints the time through JSON, i.e. in RFC 3339 with nanoseconds
/// (`time.RFC3339Nano`): `2001-12-14t21:59:43.10-05:00` becomes `2001-12-14T21:59:43.1-05:00`.
/// This type reproduces that: `parse` returns the time, `normalize` its RFC 3339 text (nil
/// when the scalar is not a timestamp and stays a string). Go's JSON encoder refuses a time
/// whose zone offset is 24 hours or more (`2001-12-14T21:59:43+24:00` parses), so kustomize
/// cannot print those (`Time.isJSONEncodable`).
public enum GoTimestamp {
    public static func normalize(_ text: String) -> String? {
        parse(text)?.rfc3339Nano
    }

    /// The time a scalar stands for, or nil when it is not a timestamp (go-yaml's
    /// `parseTimestamp`, which go-yaml v2 and v3 share).
    static func parse(_ text: String) -> Time? {
        let s = text.utf8
        // Quick check, as go-yaml does: exactly four digits, then '-'.
        guard s.count > 4 else { return nil }
        var i = s.startIndex
        for _ in 0..<4 {
            guard s[i] >= 48 && s[i] <= 57 else { return nil }
            i = s.index(after: i)
        }
        guard s[i] == UInt8(ascii: "-") else { return nil }
        let bytes = Array(s)
        for layout in Layout.allCases {
            if let t = parse(bytes, layout) { return t }
        }
        return nil
    }

    enum Layout: CaseIterable {
        case upperT, lowerT, spaced, dateOnly
    }

    struct Time {
        var year, month, day, hour, minute, second, nanosecond: Int
        var offsetSeconds: Int

        /// Go's `Time.MarshalJSON` succeeds: the zone offset, printed as `±hh:mm`, has
        /// `hh` below 24 (it fails with "timezone hour outside of range [0,23]").
        var isJSONEncodable: Bool {
            abs(offsetSeconds) / 3600 < 24
        }

        var rfc3339Nano: String {
            func pad(_ v: Int, _ width: Int) -> String {
                let s = String(v)
                return String(repeating: "0", count: max(0, width - s.count)) + s
            }
            var out = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
            if nanosecond > 0 {
                var frac = pad(nanosecond, 9)
                while frac.hasSuffix("0") { frac.removeLast() }
                out += "." + frac
            }
            if offsetSeconds == 0 {
                out += "Z"
            } else {
                let m = abs(offsetSeconds) / 60
                out += (offsetSeconds < 0 ? "-" : "+") + pad(m / 60, 2) + ":" + pad(m % 60, 2)
            }
            return out
        }
    }

    /// Go's `time.Parse` for one of the four layouts.
    static func parse(_ s: [UInt8], _ layout: Layout) -> Time? {
        var p = 0
        func isDigit(_ i: Int) -> Bool { i < s.count && s[i] >= 48 && s[i] <= 57 }
        // getnum(s, false): one digit, or two when a second follows.
        func number() -> Int? {
            guard isDigit(p) else { return nil }
            if isDigit(p + 1) {
                let v = Int(s[p] - 48) * 10 + Int(s[p + 1] - 48)
                p += 2
                return v
            }
            let v = Int(s[p] - 48)
            p += 1
            return v
        }
        func literal(_ c: UInt8) -> Bool {
            guard p < s.count, s[p] == c else { return false }
            p += 1
            return true
        }
        // A space in a Go layout matches one or more spaces.
        func spaces() -> Bool {
            guard p < s.count, s[p] == UInt8(ascii: " ") else { return false }
            while p < s.count, s[p] == UInt8(ascii: " ") { p += 1 }
            return true
        }

        let year = Int(s[0] - 48) * 1000 + Int(s[1] - 48) * 100 + Int(s[2] - 48) * 10 + Int(s[3] - 48)
        p = 4
        guard literal(UInt8(ascii: "-")), let month = number(), (1...12).contains(month),
            literal(UInt8(ascii: "-")), let day = number()
        else { return nil }
        var t = Time(year: year, month: month, day: day, hour: 0, minute: 0, second: 0, nanosecond: 0, offsetSeconds: 0)
        if layout != .dateOnly {
            switch layout {
            case .upperT: guard literal(UInt8(ascii: "T")) else { return nil }
            case .lowerT: guard literal(UInt8(ascii: "t")) else { return nil }
            default: guard spaces() else { return nil }
            }
            guard let hour = number(), hour < 24, literal(UInt8(ascii: ":")),
                let minute = number(), minute < 60, literal(UInt8(ascii: ":")),
                let second = number(), second < 60
            else { return nil }
            t.hour = hour
            t.minute = minute
            t.second = second
            // Optional fraction: '.' or ',' and any number of digits; nine are kept.
            if p + 1 < s.count, s[p] == UInt8(ascii: ".") || s[p] == UInt8(ascii: ","), isDigit(p + 1) {
                p += 1
                var ns = 0
                var count = 0
                while isDigit(p) {
                    if count < 9 {
                        ns = ns * 10 + Int(s[p] - 48)
                        count += 1
                    }
                    p += 1
                }
                for _ in count..<9 { ns *= 10 }
                t.nanosecond = ns
            }
            if layout == .upperT || layout == .lowerT {
                if literal(UInt8(ascii: "Z")) {
                    t.offsetSeconds = 0
                } else {
                    guard s.count - p >= 6, s[p + 3] == UInt8(ascii: ":"),
                        isDigit(p + 1), isDigit(p + 2), isDigit(p + 4), isDigit(p + 5)
                    else { return nil }
                    let sign = s[p]
                    let hh = Int(s[p + 1] - 48) * 10 + Int(s[p + 2] - 48)
                    let mm = Int(s[p + 4] - 48) * 10 + Int(s[p + 5] - 48)
                    guard hh <= 24, mm <= 60 else { return nil }
                    switch sign {
                    case UInt8(ascii: "+"): t.offsetSeconds = (hh * 60 + mm) * 60
                    case UInt8(ascii: "-"): t.offsetSeconds = -(hh * 60 + mm) * 60
                    default: return nil
                    }
                    p += 6
                }
            }
        }
        guard p == s.count else { return nil }  // "extra text"
        guard day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return t
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
