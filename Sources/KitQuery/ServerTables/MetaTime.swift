#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KitCore

/// An instant as `metav1.Time` holds one: seconds since the Unix epoch and nanoseconds, in
/// UTC. Its zero value is Go's zero `time.Time` (0001-01-01T00:00:00Z), which the printers
/// show as `<unknown>`.
///
/// KitCore's `GoTimestamp` reads go-yaml's lenient timestamp layouts; Kubernetes objects
/// carry their times as JSON strings that `metav1.Time` reads with `time.Parse(RFC3339)`,
/// which this type reproduces (Go's strict RFC 3339 fast path: four-digit year, two-digit
/// fields, optional fraction, `Z` or `±hh:mm`).
public struct MetaTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    /// Nanoseconds within the second, 0 ..< 1_000_000_000.
    public var nanoseconds: Int32

    /// Go's zero `time.Time`: 0001-01-01T00:00:00Z.
    public static let zero = MetaTime(seconds: -62_135_596_800, nanoseconds: 0)

    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// True for Go's zero time (`metav1.Time.IsZero`).
    public var isZero: Bool { self == .zero }

    /// The current instant of the system's real-time clock.
    public static func now() -> MetaTime {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return MetaTime(seconds: Int64(ts.tv_sec), nanoseconds: Int32(ts.tv_nsec))
    }

    public static func < (a: MetaTime, b: MetaTime) -> Bool {
        a.seconds != b.seconds ? a.seconds < b.seconds : a.nanoseconds < b.nanoseconds
    }

    /// Parses RFC 3339 text as Go's `time.Parse(time.RFC3339, …)` does (fractional seconds
    /// accepted); nil when Go would refuse it.
    public init?(rfc3339 text: String) {
        var text = text
        guard let parsed = text.withUTF8({ MetaTime.parse($0) }) else { return nil }
        self = parsed
    }

    /// The time a JSON field holds, read as `metav1.Time` reads it: a missing field or `null`
    /// is the zero time. A value the API server would have refused (not a string, not RFC
    /// 3339) also reads as the zero time, so that it prints as `<unknown>`.
    static func field(_ value: Value?) -> MetaTime {
        guard case .string(var text)? = value else { return .zero }
        return text.withUTF8 { MetaTime.parse($0) } ?? .zero
    }

    /// `t.Sub(u)` in nanoseconds, saturated at the limits of `time.Duration` as Go saturates.
    public func nanoseconds(since other: MetaTime) -> Int64 {
        let (secondsApart, overflow) = seconds.subtractingReportingOverflow(other.seconds)
        if !overflow {
            let (scaled, overflowScaled) = secondsApart.multipliedReportingOverflow(by: 1_000_000_000)
            if !overflowScaled {
                let (total, overflowTotal) = scaled.addingReportingOverflow(Int64(nanoseconds) - Int64(other.nanoseconds))
                if !overflowTotal { return total }
            }
        }
        return self < other ? Int64.min : Int64.max
    }

    /// RFC 3339 in UTC without fractional seconds (Go's `t.UTC().Format(time.RFC3339)`).
    public var rfc3339: String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = MetaTime.civil(fromDays: days)
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(Int64(month), 2))-\(pad(Int64(day), 2))T"
            + "\(pad(Int64(secondOfDay / 3600), 2)):\(pad(Int64(secondOfDay / 60 % 60), 2)):\(pad(Int64(secondOfDay % 60), 2))Z"
    }

    public var description: String { rfc3339 }

    // MARK: Parsing

    /// Go's `parseRFC3339`: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm)`.
    static func parse(_ s: UnsafeBufferPointer<UInt8>) -> MetaTime? {
        guard s.count >= 20 else { return nil }
        func digits(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for i in from..<(from + count) {
                let c = s[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let year = digits(0, 4), let month = digits(5, 2), (1...12).contains(month),
            let day = digits(8, 2), day >= 1, day <= MetaTime.daysIn(month: month, year: year),
            let hour = digits(11, 2), hour <= 23,
            let minute = digits(14, 2), minute <= 59,
            let second = digits(17, 2), second <= 59,
            s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"), s[10] == UInt8(ascii: "T"),
            s[13] == UInt8(ascii: ":"), s[16] == UInt8(ascii: ":")
        else { return nil }
        var p = 19
        var nanos = 0
        if p + 1 < s.count, s[p] == UInt8(ascii: "."), s[p + 1] >= 48, s[p + 1] <= 57 {
            p += 1
            var count = 0
            while p < s.count, s[p] >= 48, s[p] <= 57 {
                if count < 9 {
                    nanos = nanos * 10 + Int(s[p] - 48)
                    count += 1
                }
                p += 1
            }
            for _ in count..<9 { nanos *= 10 }
        }
        var offset = 0
        let rest = s.count - p
        if rest == 1, s[p] == UInt8(ascii: "Z") {
            offset = 0
        } else {
            guard rest == 6, let hh = digits(p + 1, 2), hh <= 23, let mm = digits(p + 4, 2), mm <= 59,
                s[p + 3] == UInt8(ascii: ":")
            else { return nil }
            switch s[p] {
            case UInt8(ascii: "+"): offset = (hh * 60 + mm) * 60
            case UInt8(ascii: "-"): offset = -(hh * 60 + mm) * 60
            default: return nil
            }
        }
        let days = MetaTime.days(fromCivilYear: Int64(year), month: month, day: day)
        let secs = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        return MetaTime(seconds: secs, nanoseconds: Int32(nanos))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(fromCivilYear year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count since 1970-01-01.
    static func civil(fromDays z0: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
