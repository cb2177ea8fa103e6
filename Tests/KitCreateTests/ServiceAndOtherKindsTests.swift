import KitCore
import KitModel
import XCTest

@testable import KitCreate

/// Service, Namespace, ServiceAccount, Ingress, PodDisruptionBudget, PriorityClass and
/// ResourceQuota, against kubectl v1.32's `-o json` (compacted).
final class ServiceAndOtherKindsTests: XCTestCase {
    func testNodePortService() throws {
        let service = try Create.service(ServiceOptions(name: "web", type: .nodePort, tcp: ["80:http"], nodePort: 30080))
        XCTAssertEqual(json(service), #"{"kind":"Service","apiVersion":"v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},"spec":{"ports":[{"name":"80-http","protocol":"TCP","port":80,"targetPort":"http","nodePort":30080}],"selector":{"app":"web"},"type":"NodePort"},"status":{"loadBalancer":{}}}"#)
    }

    func testServicePortSpecs() throws {
        XCTAssertEqual(try Create.servicePorts("53").1, .int(53))
        XCTAssertEqual(try Create.servicePorts("0").0, 0)
        XCTAssertEqual(try Create.servicePorts("80:8080:9").1, .int(8080))
        XCTAssertEqual(try Create.servicePorts("80:+8080").1, .int(8080), "strconv.Atoi takes a sign")
        XCTAssertEqual(message { try Create.servicePorts("http") }, #"--tcp=http: the port "http" is not a number from 0 to 65535"#)
        XCTAssertEqual(message { try Create.servicePorts("70000:80") }, #"--tcp=70000:80: the port "70000" is not a number from 0 to 65535"#)
        XCTAssertEqual(message { try Create.servicePorts("80:65536") }, "must be between 1 and 65535, inclusive")
        XCTAssertEqual(message { try Create.servicePorts("80:a--very-long-port-name") },
                       "must be no more than 15 characters,must not contain consecutive hyphens")
    }

    func testServiceChecks() {
        XCTAssertEqual(message { try Create.service(ServiceOptions(name: "s", type: .nodePort, clusterIP: "None")) },
                       "ClusterIP=None can only be used with ClusterIP service type")
        XCTAssertEqual(message { try Create.service(ServiceOptions(name: "s", type: .loadBalancer)) }, "at least one tcp port specifier must be provided")
        XCTAssertEqual(message { try Create.service(ServiceOptions(name: "s", type: .externalName, externalName: "a_b")) }, "invalid service external name a_b")
        XCTAssertNil(message { try Create.service(ServiceOptions(name: "s", type: .clusterIP, clusterIP: "None")) })
    }

    func testNamespaceAndServiceAccount() throws {
        XCTAssertEqual(json(try Create.namespace(name: "team-a")),
                       #"{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"team-a","creationTimestamp":null},"spec":{},"status":{}}"#)
        XCTAssertEqual(json(try Create.serviceAccount(name: "ci", namespace: "build")),
                       #"{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"ci","namespace":"build","creationTimestamp":null}}"#)
        XCTAssertNotNil(message { try Create.namespace(name: "a.b") }, "a namespace is a label, not a subdomain")
    }

    func testIngress() throws {
        let ingress = try Create.ingress(IngressOptions(name: "web", ingressClass: "nginx", rules: ["a.com/x*=s:http,tls=c"], annotations: ["k=v"]))
        XCTAssertEqual(json(ingress), #"{"kind":"Ingress","apiVersion":"networking.k8s.io/v1","metadata":{"name":"web","creationTimestamp":null,"annotations":{"k":"v"}},"spec":{"ingressClassName":"nginx","tls":[{"hosts":["a.com"],"secretName":"c"}],"rules":[{"host":"a.com","http":{"paths":[{"path":"/x","pathType":"Prefix","backend":{"service":{"name":"s","port":{"name":"http"}}}}]}}]},"status":{"loadBalancer":{}}}"#)
    }

    func testIngressRulePattern() {
        for valid in ["foo.com/bar=svc:80", "/=s:http", "*.foo.com/a/b=svc-1:port_1,tls", "h/p=s:1,tls=secret", "h/p=s:1,tlsx", "h/=s:1,tls="] {
            XCTAssertTrue(Create.isValidIngressRule(valid), valid)
        }
        for invalid in ["foo", "foo.com", "h/p=s", "h/p=s:", "h/p=:1", "h/p=s:1,", "h/p=s:1,tls=a=b", "h/a,b=s:1", "h:1/p=s:1", "h/p=s:1 "] {
            XCTAssertFalse(Create.isValidIngressRule(invalid), invalid)
        }
    }

    func testIngressTLSGroupsHostsBySecret() {
        let tls = Create.ingressTLS(["a/=s:1,tls=c1", "b/=s:1,tls=c1", "a/x=s:1,tls=c2", "/=s:1,tls", "c/=s:1"])
        XCTAssertEqual(tls.map(\.hosts), [["a", "b"]])
        XCTAssertEqual(tls.map(\.secretName), ["c1"])
    }

    func testPodDisruptionBudget() throws {
        let budget = try Create.podDisruptionBudget(PodDisruptionBudgetOptions(name: "p", selector: "tier in (y,x,y),app=a", maxUnavailable: "25%"))
        XCTAssertEqual(json(budget), #"{"kind":"PodDisruptionBudget","apiVersion":"policy/v1","metadata":{"name":"p","creationTimestamp":null},"spec":{"selector":{"matchLabels":{"app":"a"},"matchExpressions":[{"key":"tier","operator":"In","values":["x","y"]}]},"maxUnavailable":"25%"},"status":{"disruptionsAllowed":0,"currentHealthy":0,"desiredHealthy":0,"expectedPods":0}}"#)
        let count = try Create.podDisruptionBudget(PodDisruptionBudgetOptions(name: "p", selector: "a=b", minAvailable: "2"))
        XCTAssertEqual(count.spec.minAvailable, .int(2))
    }

    func testPodDisruptionBudgetChecks() {
        XCTAssertEqual(message { try Create.podDisruptionBudget(PodDisruptionBudgetOptions(name: "p", selector: "a=b", minAvailable: "1.5")) },
                       "invalid format specified for min-available")
        XCTAssertEqual(message { try Create.podDisruptionBudget(PodDisruptionBudgetOptions(name: "p", selector: "a<3", minAvailable: "1")) },
                       #""lt" isn't supported in label selectors"#)
        XCTAssertEqual(message { try Create.podDisruptionBudget(PodDisruptionBudgetOptions(name: "p", selector: "a b", minAvailable: "1")) },
                       #"couldn't parse the selector string "a b": unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"#)
    }

    func testPriorityClass() throws {
        XCTAssertEqual(json(try Create.priorityClass(PriorityClassOptions(name: "p", value: 7, description: "d"))),
                       #"{"kind":"PriorityClass","apiVersion":"scheduling.k8s.io/v1","metadata":{"name":"p","creationTimestamp":null},"value":7,"description":"d","preemptionPolicy":"PreemptLowerPriority"}"#)
        let global = try Create.priorityClass(PriorityClassOptions(name: "p", globalDefault: true, preemptionPolicy: ""))
        XCTAssertEqual(global.globalDefault, true)
        XCTAssertEqual(global.raw["preemptionPolicy"], .string(""), "a pointer in Go: written even when empty")
    }

    func testQuota() throws {
        XCTAssertEqual(json(try Create.quota(QuotaOptions(name: "q", hard: "pods=4,cpu=500m", scopes: "BestEffort"))),
                       #"{"kind":"ResourceQuota","apiVersion":"v1","metadata":{"name":"q","creationTimestamp":null},"spec":{"hard":{"cpu":"500m","pods":"4"},"scopes":["BestEffort"]},"status":{}}"#)
        let canonical = try Create.quota(QuotaOptions(name: "q", hard: "cpu=1000m,memory=1.5Gi,storage=0.5,cpu=2"))
        XCTAssertEqual(canonical.spec.hard["cpu"]?.text, "2", "a later resource replaces an earlier one")
        XCTAssertEqual(canonical.spec.hard["memory"]?.text, "1536Mi")
        XCTAssertEqual(canonical.spec.hard["storage"]?.text, "500m")
        XCTAssertEqual(json(try Create.quota(QuotaOptions(name: "q"))),
                       #"{"kind":"ResourceQuota","apiVersion":"v1","metadata":{"name":"q","creationTimestamp":null},"spec":{},"status":{}}"#)
        XCTAssertEqual(message { try Create.quota(QuotaOptions(name: "q", hard: "cpu=1=2")) }, "Invalid argument syntax cpu=1=2, expected <resource>=<value>")
        XCTAssertEqual(message { try Create.quota(QuotaOptions(name: "q", scopes: ",")) }, #"invalid resource quota scope """#)
    }
}
