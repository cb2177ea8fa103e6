import KitCore
import KitModel

/// `kubectl create poddisruptionbudget NAME --selector=SELECTOR
/// --min-available=N|--max-unavailable=N`.
public struct PodDisruptionBudgetOptions: Sendable {
    public var name: String
    public var namespace: String?
    /// A label selector in kubectl's `-l` syntax (`app=web,tier in (a,b)`).
    public var selector: String
    /// A number or a percentage (`2`, `50%`); at most one of the two.
    public var minAvailable: String
    public var maxUnavailable: String

    public init(name: String, namespace: String? = nil, selector: String, minAvailable: String = "", maxUnavailable: String = "") {
        self.name = name
        self.namespace = namespace
        self.selector = selector
        self.minAvailable = minAvailable
        self.maxUnavailable = maxUnavailable
    }
}

extension Create {
    /// The PodDisruptionBudget `kubectl create pdb` prints: the selector as
    /// `matchLabels` (equality requirements) and `matchExpressions`, and a status of zeros.
    public static func podDisruptionBudget(_ o: PodDisruptionBudgetOptions) throws(CreateError) -> Policy.V1.PodDisruptionBudget {
        if o.name.isEmpty { throw CreateError("name must be specified") }
        if o.selector.isEmpty { throw CreateError("a selector must be specified") }
        if o.maxUnavailable.isEmpty && o.minAvailable.isEmpty {
            throw CreateError("one of min-available or max-unavailable must be specified")
        }
        if !o.maxUnavailable.isEmpty && !o.minAvailable.isEmpty {
            throw CreateError("min-available and max-unavailable cannot be both specified")
        }
        if !o.minAvailable.isEmpty && !isCountOrPercent(o.minAvailable) {
            throw CreateError("invalid format specified for min-available")
        }
        if !o.maxUnavailable.isEmpty && !isCountOrPercent(o.maxUnavailable) {
            throw CreateError("invalid format specified for max-unavailable")
        }
        try NameCheck.check(kind: "PodDisruptionBudget.policy", name: o.name, rule: .dns1123Subdomain, namespace: explicitNamespace(o.namespace))

        var spec = Policy.V1.PodDisruptionBudgetSpec.empty
        if !o.minAvailable.isEmpty { spec.minAvailable = intOrString(o.minAvailable) }
        let selector = try labelSelector(o.selector)
        // A pointer in Go: written even when the selector has no requirements.
        if selector.raw.isEmpty { spec.setEmptyObject("selector") } else { spec.selector = selector }
        if !o.maxUnavailable.isEmpty { spec.maxUnavailable = intOrString(o.maxUnavailable) }

        var status = Policy.V1.PodDisruptionBudgetStatus.empty
        for field in ["disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"] {
            status.raw[field] = .int(0)
        }
        var budget = Policy.V1.PodDisruptionBudget.makeNew()
        budget.metadata = objectMeta(name: o.name, namespace: explicitNamespace(o.namespace))
        budget.spec = spec
        budget.status = status
        return budget
    }

    /// `^[0-9]+%?$`
    static func isCountOrPercent(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.hasSuffix("%") { digits = digits.dropLast() }
        return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// `intstr.Parse`: a number when the text is one (`intstr.FromInt` keeps its low 32 bits),
    /// else the text.
    static func intOrString(_ text: String) -> IntOrString {
        if let number = try? GoText.atoi(text) { return .int(Int(Int32(truncatingIfNeeded: number))) }
        return .string(text)
    }

    /// `metav1.ParseToLabelSelector`: `=` and `==` requirements become `matchLabels`, the
    /// set-based ones `matchExpressions` (sorted by key, values sorted); `!=`, `<` and `>`
    /// are refused.
    static func labelSelector(_ text: String) throws(CreateError) -> Meta.V1.LabelSelector {
        let parsed: LabelSelector
        do {
            parsed = try LabelSelector(parsing: text)
        } catch {
            throw CreateError("couldn't parse the selector string \(GoSyntax.quote(text)): \(error.reason)")
        }
        var labels: [(String, String)] = []
        var expressions: [Meta.V1.LabelSelectorRequirement] = []
        for requirement in parsed.requirements {
            let op: String
            switch requirement.operator {
            case .equals, .doubleEquals:
                labels.append((requirement.key, requirement.values.first ?? ""))
                continue
            case .in: op = "In"
            case .notIn: op = "NotIn"
            case .exists: op = "Exists"
            case .doesNotExist: op = "DoesNotExist"
            case .greaterThan, .lessThan:
                throw CreateError("\(GoSyntax.quote(requirement.operator.rawValue)) isn't supported in label selectors")
            case .notEquals:
                throw CreateError("\(GoSyntax.quote(requirement.operator.rawValue)) is not a valid label selector operator")
            }
            var expression = Meta.V1.LabelSelectorRequirement.empty
            expression.key = requirement.key
            expression.operator = op
            let values = Create.unique(requirement.values).sorted(by: utf8Less)
            if !values.isEmpty { expression.values = values }
            expressions.append(expression)
        }
        var selector = Meta.V1.LabelSelector.empty
        if !labels.isEmpty { selector.matchLabels = sortedMap(labels) }
        if !expressions.isEmpty { selector.matchExpressions = expressions }
        return selector
    }
}
