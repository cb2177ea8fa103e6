// SHIM until KitModel.LabelSelector lands: equality-only selectors.
struct LabelSelector {
    var terms: [(String, String, Bool)] = []
    init(parsing text: String) throws {
        for part in text.split(separator: ",") {
            let p = String(part)
            if let r = Substring(p).range(of: "!=") {
                terms.append((String(p[..<r.lowerBound]).trimmingWhitespace(), String(p[r.upperBound...]).trimmingWhitespace(), false))
            } else if let eq = p.firstIndex(of: "=") {
                let v = p[p.index(after: eq)...].drop(while: { $0 == "=" })
                terms.append((String(p[..<eq]).trimmingWhitespace(), String(v).trimmingWhitespace(), true))
            }
        }
    }
    func matches(_ labels: [String: String]) -> Bool {
        terms.allSatisfy { (k, v, eq) in eq ? labels[k] == v : labels[k] != v }
    }
}
