import KitCore
import KitModel

/// `kubectl create job NAME --image=IMAGE [-- COMMAND…]` (or `--from=cronjob/NAME`).
public struct JobOptions: Sendable {
    public var name: String
    public var namespace: String?
    public var image: String
    /// `--from=cronjob/NAME`: kubectl copies the CronJob's job template from the cluster,
    /// which kit cannot reach, so any value is refused with an explanation.
    public var from: String
    public var command: [String]

    public init(name: String, namespace: String? = nil, image: String = "", from: String = "", command: [String] = []) {
        self.name = name
        self.namespace = namespace
        self.image = image
        self.from = from
        self.command = command
    }
}

/// `kubectl create cronjob NAME --image=IMAGE --schedule=CRON [--restart=POLICY] [-- COMMAND…]`.
public struct CronJobOptions: Sendable {
    public var name: String
    public var namespace: String?
    public var image: String
    public var schedule: String
    /// The pod template's `restartPolicy`; kubectl's default is `OnFailure`.
    public var restart: String
    public var command: [String]

    public init(name: String, namespace: String? = nil, image: String, schedule: String, restart: String = "", command: [String] = []) {
        self.name = name
        self.namespace = namespace
        self.image = image
        self.schedule = schedule
        self.restart = restart
        self.command = command
    }
}

extension Create {
    /// The Job `kubectl create job` prints: one container named after the job,
    /// `restartPolicy: Never`.
    public static func job(_ o: JobOptions) throws(CreateError) -> Batch.V1.Job {
        if o.image.isEmpty == o.from.isEmpty {
            throw CreateError("either --image or --from must be specified")
        }
        if !o.command.isEmpty && !o.from.isEmpty {
            throw CreateError("cannot specify --from and command")
        }
        if !o.from.isEmpty {
            throw CreateError(
                "--from=\(o.from): kubectl reads the CronJob from the cluster, and kit works offline; "
                    + "export it (kubectl get cronjob NAME -o yaml) and copy its spec.jobTemplate instead")
        }
        try NameCheck.check(kind: "Job.batch", name: o.name, rule: .dns1123Subdomain, namespace: explicitNamespace(o.namespace))
        var job = Batch.V1.Job.makeNew()
        job.metadata = objectMeta(name: o.name, namespace: explicitNamespace(o.namespace))
        var spec = Batch.V1.JobSpec.empty
        spec.template = podTemplate(name: o.name, image: o.image, command: o.command, restartPolicy: "Never")
        job.spec = spec
        job.setEmptyObject("status")
        return job
    }

    /// The CronJob `kubectl create cronjob` prints: the schedule, and a job template named
    /// after the cron job with one container of that name.
    public static func cronJob(_ o: CronJobOptions) throws(CreateError) -> Batch.V1.CronJob {
        try NameCheck.check(kind: "CronJob.batch", name: o.name, rule: .cronJob, namespace: explicitNamespace(o.namespace))
        var jobSpec = Batch.V1.JobSpec.empty
        jobSpec.template = podTemplate(name: o.name, image: o.image, command: o.command, restartPolicy: o.restart.isEmpty ? "OnFailure" : o.restart)
        var jobTemplate = Batch.V1.JobTemplateSpec.empty
        jobTemplate.metadata = objectMeta(name: o.name)
        jobTemplate.spec = jobSpec

        var spec = Batch.V1.CronJobSpec.empty
        spec.schedule = o.schedule
        spec.jobTemplate = jobTemplate

        var cronJob = Batch.V1.CronJob.makeNew()
        cronJob.metadata = objectMeta(name: o.name, namespace: explicitNamespace(o.namespace))
        cronJob.spec = spec
        cronJob.setEmptyObject("status")
        return cronJob
    }

    /// A pod template with one container and a restart policy, as the job generators make it.
    static func podTemplate(name: String, image: String, command: [String], restartPolicy: String) -> Core.V1.PodTemplateSpec {
        var podSpec = Core.V1.PodSpec.empty
        podSpec.containers = [container(name: name, image: image, command: command)]
        podSpec.restartPolicy = restartPolicy
        var template = Core.V1.PodTemplateSpec.empty
        template.metadata = templateMeta()
        template.spec = podSpec
        return template
    }
}
