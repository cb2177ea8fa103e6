/// The rule families `--rules` picks from.
public enum RuleFamily: String, Sendable, CaseIterable, Comparable {
    case syntax, schema, values, refs, lint

    public static func < (a: RuleFamily, b: RuleFamily) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One rule: its id (what `--disable`, `--explain` and `kit.dev/ignore` name), family, default
/// severity, a one-line summary and a paragraph of documentation.
public struct Rule: Sendable {
    public let id: String
    public let family: RuleFamily
    public let severity: Severity
    public let summary: String
    public let doc: String
    /// Findings of a fatal rule mean the document could not be checked at all; they are
    /// reported whatever `--rules` and `--disable` say.
    public let fatal: Bool

    init(_ id: String, _ family: RuleFamily, _ severity: Severity, _ summary: String, fatal: Bool = false, doc: String) {
        self.id = id
        self.family = family
        self.severity = severity
        self.summary = summary
        self.doc = doc
        self.fatal = fatal
    }
}

/// Every rule kit validate has.
public enum RuleCatalog {
    public static func rule(_ id: String) -> Rule? { byID[id] }

    static let byID: [String: Rule] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    public static let all: [Rule] = syntax + schema + values + refs + lint + compose

    static let syntax: [Rule] = [
        Rule("parse-error", .syntax, .error, "The file is not valid YAML or JSON.", fatal: true, doc: """
            The file could not be read as YAML (1.1, as kubectl's and kubernetes-validate's readers take it) or, \
            for .json files, as JSON: a syntax error, invalid UTF-8, an unknown tag, or a plain scalar that \
            YAML 1.1 types as a date or number it cannot build (2021-02-30). Nothing in the file is checked; \
            the finding points at the first error. The other files are still checked.
            """),
        Rule("not-an-object", .syntax, .error, "A document is not a mapping.", fatal: true, doc: """
            Every document of a manifest must be a mapping (an object). A list or a scalar at the top of a \
            document cannot be applied; an empty document (nothing, null, {} or []) is skipped.
            """),
        Rule("object-identity", .syntax, .error, "apiVersion, kind or metadata.name is missing or malformed.", fatal: true, doc: """
            kubectl needs apiVersion (a string, `v1` or `group/version`), kind (a non-empty string) and \
            metadata.name (a non-empty string) to know what an object is. A `List` (and any kind ending in \
            List with an items array, as `kubectl get -o json` prints) needs no name: its items are checked \
            as objects of their own.
            """),
        Rule("kustomization-file", .syntax, .info, "A kustomization file is a build input, not an object.", doc: """
            Documents of kustomize's own kinds (apiVersion kustomize.config.k8s.io/…: Kustomization, \
            Component) describe how to build objects; they are not applied to a cluster and are not \
            checked. Validate what they build with -k DIR. (Directories given to kit validate skip files \
            named kustomization.yaml and kustomization.yml altogether.)
            """),
        Rule("duplicate-key", .syntax, .error, "A mapping repeats a key.", doc: """
            A key appears twice in one mapping. YAML readers disagree about what that means (most keep the \
            last value, which is what kit checks), and the API server rejects duplicate fields under \
            kubectl's default strict field validation. Remove one of them.
            """),
    ]

    static let schema: [Rule] = [
        Rule("schema-type", .schema, .error, "A value has the wrong type.", doc: """
            The value's type is not the one the Kubernetes OpenAPI schema gives the field: a string where \
            an integer is expected, a list where an object is expected, a boolean where an int-or-string \
            is expected. Optional fields also accept null (as kubernetes-validate and the API server do); \
            required fields and int-or-string fields do not. An unquoted date (2021-03-04) is a YAML 1.1 \
            timestamp, not a string: quote it.
            """),
        Rule("schema-required", .schema, .error, "A required field is missing.", doc: """
            The schema lists the field as required (a container's name, a Service port's port, a \
            RoleBinding's roleRef, …) and the object does not have it.
            """),
        Rule("schema-unknown-field", .schema, .warning, "A field is not part of the schema.", doc: """
            The object has a field its schema does not define: usually a typo (`contianers`), a field at \
            the wrong level, or a field from a newer Kubernetes version. The API server drops or (with \
            kubectl's strict field validation) rejects it. A warning by default; an error with --strict, \
            which matches kubectl --validate=strict and kubernetes-validate --strict.
            """),
        Rule("schema-enum", .schema, .error, "A value is not one the schema allows.", doc: """
            The schema lists the allowed values and this is not one of them. In the Kubernetes \
            definitions this is mostly apiVersion and kind: a document whose kind or apiVersion is \
            spelled differently from the definition kit found for it (`kind: deployment`, \
            `apiVersion: apps.example.com/v1` for a Deployment).
            """),
        Rule("schema-constraint", .schema, .error, "A value breaks a constraint of a CRD or JSON schema.", doc: """
            A custom resource's CRD schema (or a schema from --schema-location) constrains the value and \
            it does not comply: pattern, minimum/maximum, minLength/maxLength, minItems/maxItems, \
            uniqueItems, enum-like oneOf/anyOf/not combinations.
            """),
        Rule("schema-unknown-kind", .schema, .warning, "No schema is known for the object's apiVersion and kind.", doc: """
            kit has no schema for the object: not a built-in kind of the selected Kubernetes version, no \
            CustomResourceDefinition for it in the input, and no file for it under --schema-location. The \
            object is not schema-checked (the other families still run). A warning by default; an error \
            with --require-schemas.
            """),
    ]

    static let values: [Rule] = [
        Rule("value-format", .values, .error, "A value does not have the format its field needs.", doc: """
            Formats the schema names but JSON Schema validators do not enforce: int32 and int64 ranges, \
            base64 for `format: byte` (Secret data), RFC 3339 date-times, and also cron schedules of \
            CronJobs and the `N%` form of maxSurge, maxUnavailable and minAvailable.
            """),
        Rule("value-quantity", .values, .error, "A resource quantity does not parse.", doc: """
            Resource quantities (requests, limits, storage sizes) must be numbers with an optional \
            suffix: 500m, 1.5, 128Mi, 2Gi, 1e3. `1GB`, `2 Gi` and `one` are rejected by the API server.
            """),
        Rule("value-range", .values, .error, "A number is out of the range the API server accepts.", doc: """
            Ports must be 1–65535 (host and node ports may be 0 for unset), replicas, counts and \
            seconds must not be negative, an HPA's min and max replicas must be at least 1, resource \
            requests and limits must not be negative.
            """),
        Rule("value-name", .values, .error, "A name is not a valid DNS label, subdomain or port name.", doc: """
            Object names must be RFC 1123 subdomains (lower case letters, digits, `-` and `.`, at most \
            253 characters); namespaces, Services and a few other kinds need RFC 1123 or 1035 labels (at \
            most 63 characters, no dots); container, volume and Service port names are labels; \
            container port names and named target ports are IANA service names (at most 15 characters).
            """),
        Rule("value-label", .values, .error, "A label or annotation key, or a label value, is invalid.", doc: """
            Label and annotation keys are qualified names (an optional DNS subdomain prefix and `/`, then \
            at most 63 alphanumeric characters, `-`, `_` or `.`); label values are at most 63 such \
            characters, or empty. This applies to metadata, selectors' matchLabels and nodeSelector.
            """),
        Rule("value-enum", .values, .error, "A value is not one the API server accepts for the field.", doc: """
            Fields with a fixed set of values that the OpenAPI schema does not list: imagePullPolicy, \
            restartPolicy, dnsPolicy, protocol, Service type and traffic policies, deployment and \
            update strategy types, toleration operators and effects, access modes, path types, \
            concurrency policies, selector operators.
            """),
        Rule("value-unique", .values, .error, "A list has two entries with the same key.", doc: """
            Lists the schema marks as maps (x-kubernetes-list-type: map) must not repeat their keys: two \
            containers or volumes with the same name, two ports with the same number and protocol, two \
            env entries with the same name. Lists marked as sets must not repeat items.
            """),
    ]

    static let refs: [Rule] = [
        Rule("missing-configmap", .refs, .warning, "A ConfigMap the pod refers to is not in the set.", doc: """
            A container's env (configMapKeyRef), envFrom, or a configMap or projected volume names a \
            ConfigMap that is not among the validated objects (in the pod's namespace). References \
            marked optional are skipped. Checked with --closed-world (then an error), or when the set \
            holds at least one ConfigMap (then a warning: a set with none usually has them elsewhere, \
            and one that has some may still keep this one elsewhere).
            """),
        Rule("missing-secret", .refs, .warning, "A Secret the pod refers to is not in the set.", doc: """
            As missing-configmap, for Secrets: secretKeyRef, envFrom secretRef, secret and projected \
            volumes, and imagePullSecrets. Checked with --closed-world (an error), or when the set \
            holds at least one Secret (a warning).
            """),
        Rule("missing-pvc", .refs, .warning, "A PersistentVolumeClaim a pod mounts is not in the set.", doc: """
            A persistentVolumeClaim volume names a claim that is not among the objects. StatefulSets' \
            volumeClaimTemplates are not volumes and are not checked. Checked with --closed-world (an \
            error), or when the set holds at least one PersistentVolumeClaim (a warning).
            """),
        Rule("missing-service-account", .refs, .warning, "A pod's service account is not in the set.", doc: """
            serviceAccountName names an account that is not among the objects (`default` always \
            exists). Checked with --closed-world (an error), or when the set holds at least one \
            ServiceAccount (a warning).
            """),
        Rule("dangling-service", .refs, .warning, "A Service's selector matches no pod template.", doc: """
            The Service selects pods by labels, but no workload in its namespace has a pod template \
            with those labels, so it would have no endpoints. Services without a selector (for \
            manually managed endpoints) are skipped. Only checked with --closed-world, or when the set \
            holds at least one workload.
            """),
        Rule("selector-mismatch", .refs, .error, "A workload's selector does not match its own pod template.", doc: """
            A Deployment's, StatefulSet's, DaemonSet's, ReplicaSet's or Job's spec.selector must select \
            the labels of spec.template; the API server rejects the object otherwise (`selector does not \
            match template labels`).
            """),
        Rule("missing-ingress-service", .refs, .warning, "An Ingress backend names a Service or port that is not in the set.", doc: """
            An Ingress rule or default backend points at a Service that is not among the objects, or at a \
            port (by number or name) that the Service does not have (always an error). A missing Service \
            is checked with --closed-world (an error), or when the set holds at least one Service (a \
            warning).
            """),
        Rule("missing-hpa-target", .refs, .warning, "A HorizontalPodAutoscaler's scale target is not in the set.", doc: """
            spec.scaleTargetRef names a Deployment, StatefulSet or ReplicaSet that is not among the \
            objects. Checked with --closed-world (an error), or when the set holds at least one object \
            of the target's kind (a warning).
            """),
        Rule("missing-role", .refs, .warning, "A RoleBinding's roleRef names a Role or ClusterRole that is not in the set.", doc: """
            The binding refers to a role that is not among the objects. ClusterRoles that Kubernetes \
            creates itself (cluster-admin, admin, edit, view, system:…) are known. Checked with \
            --closed-world (an error), or when the set holds at least one role of the referenced kind \
            (a warning).
            """),
        Rule("dangling-network-policy", .refs, .warning, "A NetworkPolicy's pod selector matches no pod template.", doc: """
            spec.podSelector selects labels that no workload in the policy's namespace has, so the \
            policy applies to nothing. An empty selector (all pods) is fine. Only checked with \
            --closed-world, or when the set holds at least one workload.
            """),
        Rule("duplicate-object", .refs, .error, "Two objects have the same apiVersion group, kind, namespace and name.", doc: """
            The second would overwrite the first when applied. Objects are the same when their group, \
            kind, namespace and name agree (versions of one group are the same object).
            """),
    ]

    /// `--compose DIR`: a compose project and its ecs-params.yml.
    static let compose: [Rule] = [
        Rule("compose-spec", .schema, .error, "The compose project does not load.", fatal: true, doc: """
            The compose files break the Compose Specification (its JSON schema: unknown keys, wrong \
            types, bad durations or port syntax), a required variable is unset (${VAR:?message}), a \
            file they name (env_file, extends, include) is missing, or a service names something that \
            does not exist (depends_on, networks, volumes, secrets, configs). Nothing else of the \
            project is checked until it loads; kit render would refuse it the same way.
            """),
        Rule("compose-warning", .values, .warning, "Something in the compose project is ignored or guessed.", doc: """
            What kit render (and docker compose) would only warn about: an unset variable (it becomes the \
            empty string), a key the target cannot express, deprecated syntax. The project renders, but \
            perhaps not as meant.
            """),
        Rule("ecs-params", .schema, .error, "The ecs-params.yml file does not load.", fatal: true, doc: """
            ecs-params.yml is not what ecs-cli reads (version 1; task_definition and run_params with \
            their keys and types), or it names a container the compose project does not have. The ECS task \
            definition cannot be built, so its rules are not checked.
            """),
        Rule("ecs-task-rule", .values, .error, "The ECS task definition breaks a rule the ECS API applies.", doc: """
            The task definition kit builds from the compose project and ecs-params.yml (as ecs-cli compose \
            builds it) would be refused when it is registered or run: a Fargate task size that is not \
            one of Fargate's CPU and memory pairs, a Fargate task without awsvpc networking or with \
            fields Fargate rejects (privileged, devices, links, host ports unlike the container port), a \
            volumes_from or depends_on naming a container outside the task. --launch-type FARGATE checks \
            Fargate's rules when ecs-params.yml does not ask for Fargate itself.
            """),
    ]

    static let lint: [Rule] = [
        Rule("latest-tag", .lint, .warning, "An image has no tag or uses :latest.", doc: """
            Images without a tag or with `:latest` change under you: two nodes can run different code, \
            and rollbacks do not roll back. Pin a version tag or a digest (`image@sha256:…`).
            """),
        Rule("missing-requests", .lint, .warning, "A container sets no CPU or memory request.", doc: """
            Without requests the scheduler places the pod as if it needed nothing, and the pod is first \
            to be evicted under pressure. Set resources.requests.cpu and resources.requests.memory.
            """),
        Rule("missing-limits", .lint, .warning, "A container sets no memory limit.", doc: """
            Without a memory limit one container can take a node's memory and get other pods killed. Set \
            resources.limits.memory (a CPU limit is optional: it throttles rather than protects).
            """),
        Rule("missing-readiness-probe", .lint, .warning, "A container of a long-running workload has no readiness probe.", doc: """
            Without a readiness probe a pod receives traffic as soon as its containers start, before \
            the application is ready, and rolling updates cannot tell a broken version. Applies to \
            Deployments, StatefulSets, DaemonSets and ReplicaSets (not Jobs).
            """),
        Rule("missing-liveness-probe", .lint, .warning, "A container of a long-running workload has no liveness probe.", doc: """
            Without a liveness probe a hung process is never restarted. Applies to Deployments, \
            StatefulSets, DaemonSets and ReplicaSets (not Jobs).
            """),
        Rule("privileged", .lint, .error, "A container runs privileged.", doc: """
            securityContext.privileged gives the container all capabilities and access to the host's \
            devices: a compromise of the container is a compromise of the node.
            """),
        Rule("privilege-escalation", .lint, .warning, "A container allows privilege escalation.", doc: """
            securityContext.allowPrivilegeEscalation is not false, so a process can gain more \
            privileges than its parent (through setuid binaries). Set it to false.
            """),
        Rule("run-as-root", .lint, .warning, "A container may run as root.", doc: """
            Neither the container's nor the pod's securityContext sets runAsNonRoot: true or a non-zero \
            runAsUser, so the image's user decides, and that is often root.
            """),
        Rule("writable-root-fs", .lint, .warning, "A container's root filesystem is writable.", doc: """
            securityContext.readOnlyRootFilesystem is not true. A read-only root filesystem stops an \
            attacker from changing binaries or configuration; mount an emptyDir where the application \
            needs to write.
            """),
        Rule("host-path", .lint, .warning, "A pod mounts a directory of the host.", doc: """
            hostPath volumes tie the pod to a node's file system and can expose the host to the \
            container. Use a PersistentVolumeClaim or emptyDir unless the pod is a node agent.
            """),
        Rule("docker-socket", .lint, .error, "A pod mounts the container runtime's socket.", doc: """
            A hostPath volume at /var/run/docker.sock (or the containerd or CRI-O socket) gives the \
            container control of every container on the node.
            """),
        Rule("host-network", .lint, .warning, "A pod uses the host's network namespace.", doc: """
            hostNetwork: true lets the pod see and bind the node's network interfaces and bypass \
            NetworkPolicies.
            """),
        Rule("host-pid", .lint, .warning, "A pod shares the host's process namespace.", doc: """
            hostPID: true lets the containers see (and signal) every process on the node.
        """),
        Rule("host-ipc", .lint, .warning, "A pod shares the host's IPC namespace.", doc: """
            hostIPC: true lets the containers use the node's shared memory and semaphores.
            """),
        Rule("dangerous-capabilities", .lint, .warning, "A container adds a dangerous Linux capability.", doc: """
            securityContext.capabilities.add names SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, \
            NET_RAW, DAC_READ_SEARCH, BPF or ALL: each gives the container power over the node or its \
            network.
            """),
        Rule("env-secret-literal", .lint, .warning, "A secret is written into an env value.", doc: """
            An environment variable whose name says it holds a secret (password, secret, token, api \
            key, credentials, private key) has a literal value in the manifest. Anyone who can read the \
            object reads the secret; use valueFrom.secretKeyRef. The value itself is never printed.
            """),
        Rule("probe-port", .lint, .warning, "A probe uses a named port the container does not declare.", doc: """
            An httpGet or tcpSocket probe names a port (`port: http`) that is not the name of one of \
            the container's ports, so the probe can never succeed.
            """),
        Rule("deprecated-api", .lint, .warning, "The object uses a deprecated or removed API version.", doc: """
            The apiVersion is deprecated (a warning) or no longer served by the selected Kubernetes \
            version (an error); the message names the version to use instead (extensions/v1beta1 \
            Ingress → networking.k8s.io/v1, policy/v1beta1 PodDisruptionBudget → policy/v1, \
            autoscaling/v2beta2 → autoscaling/v2, …).
            """),
        Rule("pdb-blocks-eviction", .lint, .warning, "A PodDisruptionBudget leaves no room to evict a single-replica workload.", doc: """
            A Deployment or StatefulSet with one replica is selected by a PodDisruptionBudget whose \
            minAvailable is at least 1 (or 100%) or whose maxUnavailable is 0: node drains and cluster \
            upgrades block until someone intervenes. Run more replicas or relax the budget.
            """),
        Rule("no-anti-affinity", .lint, .info, "A replicated workload does not spread its pods.", doc: """
            A Deployment or StatefulSet with more than one replica has neither pod anti-affinity nor \
            topology spread constraints, so all replicas may land on one node and fail together.
            """),
    ]
}
