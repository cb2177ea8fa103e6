/// The cron syntax CronJobs accept (the robfig/cron standard parser the controller uses):
/// five fields (minute, hour, day of month, month, day of week), each `*`, `?`, a number, a
/// range `a-b`, a step `/n`, or a comma-separated list of those; month and weekday names
/// (`JAN`, `MON`); or a descriptor (`@hourly`, `@daily`, `@midnight`, `@weekly`, `@monthly`,
/// `@yearly`, `@annually`, `@every 1h30m`).
enum CronSchedule {
    /// What is wrong with `schedule`, or nil when it is valid.
    static func problem(_ schedule: String) -> String? {
        let text = schedule.trimmingSpaces()
        if text.isEmpty { return "it is empty" }
        if text.hasPrefix("TZ=") || text.hasPrefix("CRON_TZ=") {
            return "a time zone in the schedule is not supported; use spec.timeZone"
        }
        if text.hasPrefix("@") {
            switch text {
            case "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly": return nil
            default:
                if text.hasPrefix("@every ") { return isDuration(String(text.dropFirst(7))) ? nil : "bad duration after @every" }
                return "unknown descriptor \(text)"
            }
        }
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 5 else { return "expected exactly 5 fields, found \(fields.count)" }
        let bounds: [(String, ClosedRange<Int>, [String])] = [
            ("minute", 0...59, []), ("hour", 0...23, []), ("day of month", 1...31, []),
            ("month", 1...12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
            ("day of week", 0...6, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
        ]
        for (field, (name, range, names)) in zip(fields, bounds) {
            for part in field.split(separator: ",", omittingEmptySubsequences: false) {
                if let p = partProblem(String(part), range: range, names: names, firstName: name == "month" ? 1 : 0) {
                    return "\(name) field: \(p)"
                }
            }
        }
        return nil
    }

    static func partProblem(_ part: String, range: ClosedRange<Int>, names: [String], firstName: Int) -> String? {
        var base = Substring(part)
        if let slash = part.firstIndex(of: "/") {
            base = part[..<slash]
            let step = part[part.index(after: slash)...]
            guard let n = Int(step), n > 0 else { return "bad step \"\(step)\"" }
        }
        if base == "*" || base == "?" { return nil }
        func value(_ s: Substring) -> Int? {
            if let n = Int(s) { return n }
            if let i = names.firstIndex(of: s.uppercased()) { return i + firstName }
            return nil
        }
        let ends = base.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 1 || ends.count == 2 else { return "bad range \"\(base)\"" }
        var numbers: [Int] = []
        for end in ends {
            guard let n = value(end) else { return "\"\(end)\" is not a number" }
            // Day of week 7 is Sunday too.
            guard range.contains(n) || (range == 0...6 && n == 7) else {
                return "\(n) is out of range \(range.lowerBound)-\(range.upperBound)"
            }
            numbers.append(n)
        }
        if numbers.count == 2 && numbers[0] > numbers[1] { return "range \(base) goes backwards" }
        return nil
    }

    /// Go's `time.ParseDuration` form: `1h30m`, `90s`, `1.5h`.
    static func isDuration(_ s: String) -> Bool {
        var rest = Substring(s)
        if rest.isEmpty { return false }
        while !rest.isEmpty {
            let number = rest.prefix { ($0 >= "0" && $0 <= "9") || $0 == "." }
            guard !number.isEmpty, Double(number) != nil else { return false }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !(($0 >= "0" && $0 <= "9") || $0 == ".") }
            guard ["ns", "us", "µs", "ms", "s", "m", "h"].contains(String(unit)) else { return false }
            rest = rest.dropFirst(unit.count)
        }
        return true
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" { s = s.dropLast() }
        return String(s)
    }
}
