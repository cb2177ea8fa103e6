/// The kubectl and jq recipes of the seed article ("Ready-to-use commands and tips for
/// kubectl", Flant), each with the one `kit` command that answers the same question over a
/// snapshot. `kit query --recipes` prints them; the README lists them; each has a test
/// comparing kit's output with the recipe's pipeline on the same snapshot.
public enum Recipes {
    public struct Recipe: Sendable {
        public var title: String
        /// The seed's command line (kubectl and jq).
        public var seed: String
        /// kit's command (sources left out: add `-f SNAPSHOT`, `-k DIR` or `--live`).
        public var kit: String
        /// What differs from the seed's output, if anything.
        public var note: String?
        /// For a recipe with a jq pipeline: the same jq filter through `--jq`, which prints
        /// exactly what the pipeline prints.
        public var jq: String? = nil
    }

    public static let all: [Recipe] = [
        Recipe(title: "Pods in all namespaces", seed: "kubectl get pods --all-namespaces", kit: "kit query pods -A"),
        Recipe(
            title: "Pods that are not running (and not completed)",
            seed: "kubectl get pods -A --field-selector=status.phase!=Running | grep -v Complete",
            kit: "kit query pods -A --field-selector=status.phase!=Running,status.phase!=Succeeded",
            note: "the field selector leaves out Succeeded pods, which kubectl shows as Completed; no grep"),
        Recipe(
            title: "Nodes and their memory",
            seed: "kubectl get no -o json | jq -r '.items | sort_by(.status.capacity.memory)[]|[.metadata.name,.status.capacity.memory]| @tsv'",
            kit: "kit query nodes --sort memory --reverse -o tsv=name,memory --no-headers",
            note: "kit compares memory as quantities (jq compares the strings, so 9000000Ki sorts after 16000000Ki); drop --reverse for the largest first",
            jq: "kit query no -r --jq '.items | sort_by(.status.capacity.memory)[]|[.metadata.name,.status.capacity.memory]| @tsv'"),
        Recipe(
            title: "Pods per node",
            seed: "kubectl get po -o json --all-namespaces | jq '.items | group_by(.spec.nodeName) | map({\"nodeName\": .[0].spec.nodeName, \"count\": length}) | sort_by(.count)'",
            kit: "kit query pods -A --group-by spec.nodeName -o json",
            note: "without -o json: a NODENAME/COUNT table",
            jq: "kit query po -A --jq '.items | group_by(.spec.nodeName) | map({\"nodeName\": .[0].spec.nodeName, \"count\": length}) | sort_by(.count)'"),
        Recipe(
            title: "Nodes where a DaemonSet has no pod",
            seed: "kubectl get node | grep -v \"$(kubectl -n ${ns} get pod --all-namespaces -o wide | fgrep ${pod_template} | awk '{print $8}' | xargs -n 1 echo -n \"\\|\" | sed 's/[[:space:]]*//g')\"",
            kit: "kit query nodes --missing-daemonset NAMESPACE/NAME",
            note: "pods are matched to the DaemonSet by their owner reference, not by name; columns are aligned for the nodes shown"),
        Recipe(
            title: "Pods using the most CPU",
            seed: "kubectl top pods -A | sort --reverse --key 3 --numeric",
            kit: "kit query top pods -A --sort cpu",
            note: "from PodMetrics (metrics.k8s.io) objects in the input; the header stays on top"),
        Recipe(
            title: "Pods using the most memory",
            seed: "kubectl top pods -A | sort --reverse --key 4 --numeric",
            kit: "kit query top pods -A --sort memory",
            note: "from PodMetrics (metrics.k8s.io) objects in the input; the header stays on top"),
        Recipe(
            title: "Pods by restarts",
            seed: "kubectl get pods --sort-by=.status.containerStatuses[0].restartCount",
            kit: "kit query pods --sort-by=.status.containerStatuses[0].restartCount",
            note: "the same order as kubectl, ties included; 'kit query pods -A --sort restarts' sums all containers, most first"),
        Recipe(
            title: "Services with their selectors",
            seed: "kubectl -n jaeger get svc -o wide",
            kit: "kit query svc -n jaeger -o wide"),
        Recipe(
            title: "Requests and limits of each pod's containers",
            seed:
                "kubectl get pods -n my-namespace -o=custom-columns='NAME:spec.containers[*].name,MEMREQ:spec.containers[*].resources.requests.memory,MEMLIM:spec.containers[*].resources.limits.memory,CPUREQ:spec.containers[*].resources.requests.cpu,CPULIM:spec.containers[*].resources.limits.cpu'",
            kit:
                "kit query pods -n my-namespace -o=custom-columns='NAME:spec.containers[*].name,MEMREQ:spec.containers[*].resources.requests.memory,MEMLIM:spec.containers[*].resources.limits.memory,CPUREQ:spec.containers[*].resources.requests.cpu,CPULIM:spec.containers[*].resources.limits.cpu'"
        ),
        Recipe(
            title: "The manifest of a pod, without creating it",
            seed: "kubectl run test --image=grafana/grafana --dry-run=client -o yaml",
            kit: "kit run test --image=grafana/grafana"),
        Recipe(title: "Documentation of a kind", seed: "kubectl explain hpa", kit: "kit explain hpa"),
        Recipe(
            title: "Internal IP addresses of the nodes",
            seed: "kubectl get nodes -o json | jq -r '.items[].status.addresses[]? | select (.type == \"InternalIP\") | .address' | paste -sd \"\\n\" -",
            kit: "kit query nodes -o tsv=ip --no-headers",
            jq: "kit query nodes -r --jq '.items[].status.addresses[]? | select (.type == \"InternalIP\") | .address'"),
        Recipe(
            title: "Services and their nodePorts",
            seed: "kubectl get --all-namespaces svc -o json | jq -r '.items[] | [.metadata.name,([.spec.ports[].nodePort | tostring ] | join(\"|\"))]| @tsv'",
            kit: "kit query svc -A -o tsv=name,nodeports --no-headers",
            note: "a port without a nodePort adds nothing (jq prints \"null\")",
            jq: "kit query svc -A -r --jq '.items[] | [.metadata.name,([.spec.ports[].nodePort | tostring ] | join(\"|\"))]| @tsv'"),
        Recipe(
            title: "Pod CIDRs of the nodes",
            seed: "kubectl get nodes -o jsonpath='{.items[*].spec.podCIDR}' | tr \" \" \"\\n\"",
            kit: "kit query nodes -o tsv=podcidr --no-headers"),
        Recipe(
            title: "Copy secrets to another namespace",
            seed: "kubectl get secrets -o json --namespace namespace-old | jq '.items[].metadata.namespace = \"namespace-new\"' | kubectl create -f -",
            kit: "kit query secrets -n namespace-old --set-namespace namespace-new -o yaml | kubectl apply -f -",
            note: "server-set fields (uid, resourceVersion, creationTimestamp, managedFields, ownerReferences, status) are left out, so the output applies as it is",
            jq: "kit query secrets -n namespace-old --jq '.items[].metadata.namespace = \"namespace-new\"'"),
    ]

    /// The listing `kit query --recipes` prints.
    public static var listing: String {
        var out = ""
        for (i, recipe) in all.enumerated() {
            if i > 0 { out += "\n" }
            out += "\(i + 1). \(recipe.title)\n"
            out += "   seed: \(recipe.seed)\n"
            out += "   kit:  \(recipe.kit)\n"
            if let jq = recipe.jq { out += "   jq:   \(jq)\n" }
            if let note = recipe.note { out += "   note: \(note)\n" }
        }
        return out
    }
}
