#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KitCore

/// jq 1.8's date builtins (src/builtin.c) on the C library, as jq calls it on glibc.
///
/// A broken-down time is jq's array `[year, month (0-11), day (1-31), hours, minutes,
/// seconds (with the fraction), weekday (0 = Sunday), day of the year (0-365)]`. The time
/// zone of the local forms is the process's (`TZ`). jq defines `todate`, `fromdate`,
/// `date`, `dateadd`, `datesub`, `fromdateiso8601`… on top of these in jq itself.
public enum JQDates {
    /// `strftime(format)` (`local` false) or `strflocaltime(format)` (`local` true): a number
    /// goes through `gmtime`/`localtime` first; the array is normalised by `timegm`/`mktime`
    /// (so its weekday and day of the year are recomputed) and formatted by `strftime(3)`.
    public static func strftime(_ v: Value, format: Value, local: Bool) throws(JQLibraryError) -> Value {
        let name = local ? "strflocaltime/1" : "strftime/1"
        var broken = v
        switch v {
        case .int, .double, .decimal:
            broken = local ? try localtime(v) : try gmtime(v)
        case .array:
            break
        default:
            throw JQLibraryError("\(name) requires parsed datetime inputs")
        }
        guard case .string(let formatText) = format else {
            throw JQLibraryError("\(name) requires a string format")
        }
        guard var time = brokenDownTime(broken, local: local) else {
            throw JQLibraryError("\(name) requires parsed datetime inputs")
        }
        let text: String? = formatText.withCString { fmt in
            let size = strlen(fmt) + 100
            var buffer = [CChar](repeating: 0, count: size)
            let n = cStrftime(&buffer, size, fmt, &time)
            if (n == 0 && fmt.pointee != 0) || n > size { return nil }
            return JQText.string(fromUTF8: buffer.prefix(n).map { UInt8(bitPattern: $0) })
        }
        guard let text else { throw JQLibraryError("\(name): unknown system failure") }
        return .string(text)
    }

    /// `strptime(format)`: parses with `strptime(3)` and returns the broken-down time. Text
    /// left after the parse must start with white space; it is appended as a ninth element.
    /// Weekday and day of the year come from glibc when the format gives it enough to compute
    /// them, else from jq's own formulas when the day is known, else stay at jq's
    /// sentinels 8 and 367.
    public static func strptime(_ v: Value, format: Value) throws(JQLibraryError) -> Value {
        guard case .string(let input) = v, case .string(let formatText) = format else {
            throw JQLibraryError("strptime/1 requires string inputs and arguments")
        }
        var time = tm()
        time.tm_wday = 8  // sentinels, as jq sets them
        time.tm_yday = 367
        var rest: String? = nil
        var failed = false
        input.withCString { text in
            formatText.withCString { fmt in
                guard let end = cStrptime(text, fmt, &time) else {
                    failed = true
                    return
                }
                if end.pointee != 0 {
                    if isspace(Int32(UInt8(bitPattern: end.pointee))) == 0 {
                        failed = true
                        return
                    }
                    rest = JQText.string(fromUTF8: UnsafeBufferPointer(start: end, count: strlen(end)).map {
                        UInt8(bitPattern: $0)
                    })
                }
            }
        }
        if failed {
            // jq formats both with %s: they end at an embedded NUL.
            throw JQLibraryError("date \"\(cText(input))\" does not match format \"\(cText(formatText))\"")
        }
        if time.tm_wday == 8 && time.tm_mday != 0 && time.tm_mon >= 0 && time.tm_mon <= 11 {
            time.tm_wday = weekday(time)
        }
        if time.tm_yday == 367 && time.tm_mday != 0 && time.tm_mon >= 0 && time.tm_mon <= 11 {
            time.tm_yday = dayOfYear(time)
        }
        var result = brokenDownArray(time, seconds: 0)
        if let rest { result.append(.string(rest)) }
        return .array(result)
    }

    /// `mktime`: seconds since the epoch of a broken-down UTC time (`timegm(3)`; fields are
    /// truncated to integers, missing trailing ones count as 0).
    public static func mktime(_ v: Value) throws(JQLibraryError) -> Value {
        guard case .array = v else { throw JQLibraryError("mktime requires array inputs") }
        guard var time = brokenDownTime(v, local: false) else {
            throw JQLibraryError("mktime requires parsed datetime inputs")
        }
        let seconds = timegm(&time)
        // jq takes -1 for timegm's error and -2 for its own "cannot correct mktime" sentinel,
        // so it refuses 1969-12-31T23:59:59Z and 23:59:58Z as well.
        if seconds == -1 { throw JQLibraryError("invalid gmtime representation") }
        if seconds == -2 { throw JQLibraryError("mktime not supported on this platform") }
        return number(Int(seconds))
    }

    /// `gmtime`: the broken-down UTC time of seconds since the epoch; the fraction of the
    /// seconds stays on the seconds field.
    public static func gmtime(_ v: Value) throws(JQLibraryError) -> Value {
        try brokenDown(v, name: "gmtime", convert: gmtime_r)
    }

    /// `localtime`: as `gmtime`, in the local time zone (`TZ`).
    public static func localtime(_ v: Value) throws(JQLibraryError) -> Value {
        try brokenDown(v, name: "localtime", convert: localtime_r)
    }

    private static func brokenDown(
        _ v: Value, name: String,
        convert: (UnsafePointer<time_t>, UnsafeMutablePointer<tm>) -> UnsafeMutablePointer<tm>?
    ) throws(JQLibraryError) -> Value {
        guard let seconds = v.doubleValue else { throw JQLibraryError("\(name)() requires numeric inputs") }
        // C's (time_t) conversion: NaN and out-of-range seconds become a time gmtime refuses.
        var whole = time_t(CLibrary.long(seconds))
        var time = tm()
        guard convert(&whole, &time) != nil else {
            throw JQLibraryError("error converting number of seconds since epoch to datetime")
        }
        return .array(brokenDownArray(time, seconds: seconds))
    }

    /// `now`: seconds since the epoch, to the microsecond.
    public static func now() throws(JQLibraryError) -> Value {
        var tv = timeval()
        if gettimeofday(&tv, nil) == -1 { return number(time(nil)) }
        return .double(Double(tv.tv_sec) + Double(tv.tv_usec) / 1_000_000.0)
    }

    // MARK: jq's conversions

    /// jq's `tm2jv`: the seconds field gets the fraction of `seconds` (`s - floor(s)`).
    static func brokenDownArray(_ t: tm, seconds: Double) -> [Value] {
        let fraction = seconds - seconds.rounded(.down)
        let sec: Value = fraction == 0 ? .int(Int(t.tm_sec)) : .double(Double(t.tm_sec) + fraction)
        return [
            // C int arithmetic: the year of a time near the end of int's range wraps.
            .int(Int(t.tm_year &+ 1900)), .int(Int(t.tm_mon)), .int(Int(t.tm_mday)), .int(Int(t.tm_hour)),
            .int(Int(t.tm_min)), sec, .int(Int(t.tm_wday)), .int(Int(t.tm_yday)),
        ]
    }

    /// jq's `jv2tm`: up to eight numbers (fewer are fine, NaN or a non-number is not), each
    /// truncated and clamped to a C int, the year less 1900; then normalised by `timegm`, or
    /// by `mktime` with the daylight-saving flag unknown for local times.
    static func brokenDownTime(_ v: Value, local: Bool) -> tm? {
        guard case .array(let items) = v else { return nil }
        var t = tm()
        for (i, item) in items.prefix(8).enumerated() {
            guard var d = item.doubleValue, !d.isNaN else { return nil }
            if i == 0 { d -= 1900 }
            let field = clampedInt32(d)
            switch i {
            case 0: t.tm_year = field
            case 1: t.tm_mon = field
            case 2: t.tm_mday = field
            case 3: t.tm_hour = field
            case 4: t.tm_min = field
            case 5: t.tm_sec = field
            case 6: t.tm_wday = field
            default: t.tm_yday = field
            }
        }
        if local {
            t.tm_isdst = -1
            _ = cMktime(&t)
        } else {
            _ = timegm(&t)
        }
        return t
    }

    /// C's `(int)d` after jq's clamp to [INT_MIN, INT_MAX].
    static func clampedInt32(_ d: Double) -> Int32 {
        if d < Double(Int32.min) { return .min }
        if d > Double(Int32.max) { return .max }
        return Int32(d.rounded(.towardZero))
    }

    /// jq's day of the week (Gauss's algorithm; wrong for January and February of years
    /// like 1900 and 2100, as jq's is).
    static func weekday(_ t: tm) -> Int32 {
        let century = (1900 + Int(t.tm_year)) / 100
        var year = (1900 + Int(t.tm_year)) % 100
        if t.tm_mon < 2 { year -= 1 }
        // March is month 1, …, January 11 and February 12.
        var month = Int(t.tm_mon) - 1
        if month < 1 { month += 12 }
        let shift = Int((2.6 * Double(month) - 0.2).rounded(.down))
        var day =
            (Int(t.tm_mday) + shift + year + Int((Double(year) / 4.0).rounded(.down))
                + Int((Double(century) / 4.0).rounded(.down)) - 2 * century) % 7
        if day < 0 { day += 7 }
        return Int32(day)
    }

    /// jq's day of the year.
    static func dayOfYear(_ t: tm) -> Int32 {
        let daysBefore = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        var month = Int(t.tm_mon)
        let year = 1900 + Int(t.tm_year)
        let leap = t.tm_mon > 1 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 1 : 0
        if month < 0 { month = -month }
        if month > 11 { month %= 12 }
        return Int32(daysBefore[month] + leap + Int(t.tm_mday) - 1)
    }

    /// An integer as jq holds it: a double (exact up to 2^53).
    static func number(_ i: Int) -> Value {
        i.magnitude <= 1 << 53 ? .int(i) : .double(Double(i))
    }

    /// The text a C `%s` prints for the string: up to its first NUL.
    static func cText(_ s: String) -> String {
        guard let nul = s.utf8.firstIndex(of: 0) else { return s }
        return String(s[..<nul])
    }
}

// The C functions under names the enum's own methods do not shadow.
private func cStrftime(
    _ buffer: UnsafeMutablePointer<CChar>, _ size: Int, _ format: UnsafePointer<CChar>, _ time: UnsafePointer<tm>
) -> Int {
    strftime(buffer, size, format, time)
}

/// `strptime(3)`: Swift's Glibc module does not declare it (it needs `_XOPEN_SOURCE`), so it
/// is looked up in the C library once.
private typealias StrptimeFunction = @convention(c) (
    UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeMutablePointer<tm>
) -> UnsafeMutablePointer<CChar>?

private let strptimeFunction: StrptimeFunction? = CLibrary.symbol("strptime").map {
    unsafeBitCast($0, to: StrptimeFunction.self)
}

private func cStrptime(
    _ text: UnsafePointer<CChar>, _ format: UnsafePointer<CChar>, _ time: UnsafeMutablePointer<tm>
) -> UnsafeMutablePointer<CChar>? {
    strptimeFunction?(text, format, time)
}

private func cMktime(_ time: UnsafeMutablePointer<tm>) -> time_t {
    mktime(time)
}
