import KitCore
import KitModel
import XCTest

@testable import KitCreate

/// Deployment, Job and CronJob: the JSON below is kubectl v1.32's `-o json`, compacted, so the
/// key order is Go's struct order.
final class WorkloadTests: XCTestCase {
    func testDeploymentMatchesKubectlFieldForField() throws {
        let deployment = try Create.deployment(DeploymentOptions(
            name: "web", images: ["my_app.v2:1", "nginx"], port: 8080, randomSuffix: { "27hcs" }))
        XCTAssertEqual(json(deployment), #"{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"name":"my-app-v2-27hcs","image":"my_app.v2:1","ports":[{"containerPort":8080}],"resources":{}},{"name":"nginx","image":"nginx","resources":{}}]}},"strategy":{}},"status":{}}"#)
    }

    func testDeploymentIsATypedModelAndReadsBack() throws {
        let deployment = try Create.deployment(DeploymentOptions(name: "web", namespace: "prod", images: ["nginx"], replicas: 3, command: ["sleep", "1"]))
        XCTAssertEqual(deployment.metadata.namespace, "prod")
        XCTAssertEqual(deployment.spec.replicas, 3)
        XCTAssertEqual(deployment.spec.template.spec.containers.first?.command, ["sleep", "1"])
        XCTAssertEqual(deployment.spec.selector.matchLabels["app"], "web")
    }

    func testContainerNames() {
        XCTAssertEqual(Create.containerName(image: "nginx", randomSuffix: { "x" }), "nginx")
        XCTAssertEqual(Create.containerName(image: "registry.io:5000/team/app:v1@sha256:ab", randomSuffix: { "x" }), "app")
        XCTAssertEqual(Create.containerName(image: "app@sha256:ab", randomSuffix: { "x" }), "app")
        XCTAssertEqual(Create.containerName(image: "my_app.v2", randomSuffix: { "abcde" }), "my-app-v2-abcde")
    }

    func testRandomSuffixUsesKubectlsAlphabet() {
        for _ in 0..<20 {
            let suffix = RandomName.suffix()
            XCTAssertEqual(suffix.count, 5)
            XCTAssertTrue(suffix.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
        }
    }

    func testDeploymentPortOnlyOnFirstContainerAndNegativeIgnored() throws {
        let two = try Create.deployment(DeploymentOptions(name: "w", images: ["a", "b"], port: 0))
        XCTAssertEqual(two.spec.template.spec.containers.map { $0.ports.count }, [1, 0])
        let none = try Create.deployment(DeploymentOptions(name: "w", images: ["a"], port: -1))
        XCTAssertFalse(json(none).contains("ports"))
        let empty = try Create.deployment(DeploymentOptions(name: "w", images: []))
        XCTAssertTrue(json(empty).contains(#""containers":[]"#))
    }

    func testDeploymentErrors() {
        XCTAssertEqual(message { try Create.deployment(DeploymentOptions(name: "w", images: ["a", "b"], command: ["x"])) },
                       "cannot specify multiple --image options and command")
        XCTAssertEqual(message { try Create.deployment(DeploymentOptions(name: "Web", images: ["a"])) }?.hasPrefix(
            #"The Deployment "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain"#), true)
    }

    func testCronJob() throws {
        let cronJob = try Create.cronJob(CronJobOptions(name: "nightly", image: "busybox", schedule: "@daily", command: ["date"]))
        XCTAssertEqual(json(cronJob), #"{"kind":"CronJob","apiVersion":"batch/v1","metadata":{"name":"nightly","creationTimestamp":null},"spec":{"schedule":"@daily","jobTemplate":{"metadata":{"name":"nightly","creationTimestamp":null},"spec":{"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":[{"name":"nightly","image":"busybox","command":["date"],"resources":{}}],"restartPolicy":"OnFailure"}}}}},"status":{}}"#)
        XCTAssertNotNil(message { try Create.cronJob(CronJobOptions(name: String(repeating: "a", count: 53), image: "b", schedule: "@daily")) })
    }

    func testJob() throws {
        let job = try Create.job(JobOptions(name: "once", namespace: "batch", image: "busybox"))
        XCTAssertEqual(json(job), #"{"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"once","namespace":"batch","creationTimestamp":null},"spec":{"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":[{"name":"once","image":"busybox","resources":{}}],"restartPolicy":"Never"}}},"status":{}}"#)
    }

    func testJobErrors() {
        XCTAssertEqual(message { try Create.job(JobOptions(name: "j")) }, "either --image or --from must be specified")
        XCTAssertEqual(message { try Create.job(JobOptions(name: "j", image: "a", from: "cronjob/x")) }, "either --image or --from must be specified")
        XCTAssertEqual(message { try Create.job(JobOptions(name: "j", from: "cronjob/x", command: ["date"])) }, "cannot specify --from and command")
        XCTAssertEqual(message { try Create.job(JobOptions(name: "j", from: "cronjob/x")) }?.contains("kit works offline"), true)
    }
}
