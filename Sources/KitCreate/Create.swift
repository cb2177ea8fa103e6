/// The objects `kubectl create KIND NAME …` makes, built offline through KitModel's typed
/// models, field for field as kubectl v1.32 builds them, so that printing them gives
/// exactly what `kubectl create … --dry-run=client -o yaml|json` prints.
///
/// Each builder is a pure function: an options struct in (one per `kubectl create`
/// subcommand, holding the parsed flags), a typed model out, or a `CreateError` with
/// kubectl's message. The few inputs from outside — files for `--from-file`, environment
/// variables for env-file lines without `=`, random container-name suffixes — come in
/// through the options, so tests can supply them.
///
/// Where kit differs from kubectl on purpose, the builder's documentation says so: kit
/// checks names and namespaces as the API server would (kubectl's client-side dry run
/// does not), and resolves `--resource` of roles from its compiled-in schema instead of a
/// server's discovery.
public enum Create {}
