/// apimachinery's `duration.HumanDuration`: a duration with two or three significant figures,
/// the unit system of every AGE column (`45s`, `3m10s`, `70m`, `5h3m`, `47h`, `2d1h`, `90d`,
/// `2y45d`, `10y`).
public enum HumanDuration {
    static let second: Int64 = 1_000_000_000
    static let minute: Int64 = 60 * second
    static let hour: Int64 = 60 * minute

    /// Formats `nanoseconds`. Up to two seconds in the future counts as now (`0s`, to
    /// tolerate clock skew); further in the future is `<invalid>`.
    public static func format(nanoseconds d: Int64) -> String {
        // Go: int(d.Seconds()), a float truncated toward zero.
        let seconds = Int64((Double(d / second) + Double(d % second) / 1e9).rounded(.towardZero))
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 60 * 2 { return "\(seconds)s" }
        let minutes = d / minute
        if minutes < 10 {
            let s = (d / second) % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 60 * 3 { return "\(minutes)m" }
        let hours = d / hour
        if hours < 8 {
            let m = (d / minute) % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let days = (hours / 24) % 365
            return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d"
        }
        return "\(hours / 24 / 365)y"
    }

    /// The printers' `translateTimestampSince`: `<unknown>` for the zero time, otherwise the
    /// time elapsed from `time` to `now`.
    public static func since(_ time: MetaTime, now: MetaTime) -> String {
        if time.isZero { return "<unknown>" }
        return format(nanoseconds: now.nanoseconds(since: time))
    }
}
