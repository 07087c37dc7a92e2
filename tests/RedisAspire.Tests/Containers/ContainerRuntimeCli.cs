using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// Drives the container runtime through its CLI, as AppHost does: <c>podman</c> when it is on <c>PATH</c>, else
/// <c>docker</c>. Every command is bounded by a timeout; a failure carries the command line and its output.
/// </summary>
public sealed class ContainerRuntimeCli
{
    /// <summary>Bound of one CLI command when the caller gives none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<ContainerRuntimeCli?> Detected = new(Detect);
    private static readonly Lazy<ContainerRuntimeCli?> PodmanCli = new(() => Find("podman"));
    private static readonly Lazy<ContainerRuntimeCli?> DockerCli = new(() => Find("docker"));

    private ContainerRuntimeCli(string name, string path)
    {
        Name = name;
        Path = path;
    }

    /// <summary>The runtime on <c>PATH</c>; throws with <see cref="SkipReason"/> when there is none.</summary>
    public static ContainerRuntimeCli Current => Detected.Value ?? throw new InvalidOperationException(SkipReason);

    /// <summary>Why container tests must be skipped, or <see langword="null"/> when a runtime is on <c>PATH</c>.</summary>
    public static string? SkipReason => Detected.Value is null
        ? "Neither podman nor docker is on PATH. CI installs podman with `apt-get install -y podman runc` in .ci/run; "
          + "install it (or docker) to run the container tests."
        : null;

    /// <summary>podman, or null when it is not on <c>PATH</c>.</summary>
    public static ContainerRuntimeCli? Podman => PodmanCli.Value;

    /// <summary>
    /// The docker CLI when a Docker engine is installed here (<c>dockerd</c> on <c>PATH</c> or its socket present), else
    /// null: the docker CLI alone (without an engine) is no Docker engine to deploy to.
    /// </summary>
    public static ContainerRuntimeCli? Docker =>
        ExecutableLocator.Find("dockerd") is not null || File.Exists("/var/run/docker.sock") ? DockerCli.Value : null;

    /// <summary><c>podman</c> or <c>docker</c>.</summary>
    public string Name { get; }

    /// <summary>Full path of the CLI.</summary>
    public string Path { get; }

    /// <summary>The OCI runtime to use with podman: runc, as crun fails on hosts like this one (docs/architecture.md).</summary>
    public IReadOnlyList<string> OciRuntimeArguments => Name == "podman" ? ["--runtime", "runc"] : [];

    /// <summary>
    /// Every extra <c>run</c> argument the test's own containers need (docs/architecture.md): <see cref="OciRuntimeArguments"/> and
    /// ulimits no higher than the host's, otherwise the OCI runtime fails with "setrlimit … operation not permitted".
    /// </summary>
    public IReadOnlyList<string> RunArguments =>
        [.. OciRuntimeArguments, "--ulimit", "nofile=10000:10000", "--ulimit", "nproc=4096:4096"];

    /// <summary>Runs the CLI with <paramref name="arguments"/> and returns what it printed, whatever its exit code.</summary>
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan? timeout = null) =>
        ChildProcess.RunAsync(Path, arguments, timeout ?? DefaultTimeout);

    /// <summary>Runs the CLI and returns its trimmed stdout; a non-zero exit throws with the command line and output.</summary>
    public async Task<string> RunCheckedAsync(IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        var result = await RunAsync(arguments, timeout);
        return result.ExitCode == 0
            ? result.StandardOutput.Trim()
            : throw new InvalidOperationException($"{Name} failed: {result}");
    }

    /// <summary>
    /// Containers, networks and volumes carrying every label of <paramref name="labelFilters"/> (<c>key</c> or
    /// <c>key=value</c>), as <c>container &lt;name&gt;</c>, <c>network &lt;name&gt;</c> and <c>volume &lt;name&gt;</c>.
    /// </summary>
    public async Task<IReadOnlyList<string>> FindLabelledAsync(params string[] labelFilters)
    {
        string[] filters = [.. labelFilters.SelectMany(label => new[] { "--filter", $"label={label}" })];
        var containers = await RunCheckedAsync(["ps", "-a", .. filters, "--format", "{{.Names}}"]);
        var networks = await RunCheckedAsync(["network", "ls", .. filters, "--format", "{{.Name}}"]);
        var volumes = await RunCheckedAsync(["volume", "ls", .. filters, "--format", "{{.Name}}"]);
        return [.. Lines(containers, "container"), .. Lines(networks, "network"), .. Lines(volumes, "volume")];
    }

    /// <summary>Force-removes every container, then every network and volume, carrying <paramref name="labelFilter"/>.</summary>
    public async Task RemoveLabelledAsync(string labelFilter)
    {
        var filter = $"label={labelFilter}";
        var containers = await RunCheckedAsync(["ps", "-aq", "--filter", filter]);
        if (containers.Length > 0)
        {
            await RunCheckedAsync(["rm", "-f", .. Split(containers)]);
        }

        var networks = await RunCheckedAsync(["network", "ls", "-q", "--filter", filter]);
        if (networks.Length > 0)
        {
            await RunCheckedAsync(["network", "rm", .. Split(networks)]);
        }

        var volumes = await RunCheckedAsync(["volume", "ls", "-q", "--filter", filter]);
        if (volumes.Length > 0)
        {
            await RunCheckedAsync(["volume", "rm", "-f", .. Split(volumes)]);
        }
    }

    private static string[] Split(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IEnumerable<string> Lines(string output, string kind) => Split(output).Select(name => $"{kind} {name}");

    /// <summary>
    /// Why the tests of runtime <paramref name="name"/> (<c>podman</c> or <c>docker</c>) must be skipped — it is not on
    /// <c>PATH</c>, or its <c>info</c> does not answer (no engine running) — or <see langword="null"/> when it answers.
    /// </summary>
    public static string? SkipReasonFor(string name) => Answering.GetOrAdd(name, ProbeInfo);

    /// <summary>The CLI of runtime <paramref name="name"/>; throws with <see cref="SkipReasonFor"/> when it does not answer.</summary>
    public static ContainerRuntimeCli For(string name) =>
        SkipReasonFor(name) is { } reason ? throw new InvalidOperationException(reason) : new ContainerRuntimeCli(name, ExecutableLocator.Find(name)!);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> Answering = new(StringComparer.Ordinal);

    private static string? ProbeInfo(string name)
    {
        const string Hint = ".ci/run installs podman and docker.io and starts dockerd (as root: `dockerd &`).";
        if (ExecutableLocator.Find(name) is not { } path)
        {
            return $"{name} is not on PATH. {Hint}";
        }

        try
        {
            var info = ChildProcess.RunAsync(path, ["info", "--format", "{{json .}}"], TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
            return info.ExitCode == 0 ? null : $"`{name} info` failed, so no {name} engine answers here: {info.StandardError.Trim()} {Hint}";
        }
        catch (TimeoutException)
        {
            return $"`{name} info` did not answer within 20 s. {Hint}";
        }
    }

    private static ContainerRuntimeCli? Detect() => Find("podman") ?? Find("docker");

    private static ContainerRuntimeCli? Find(string name) => ExecutableLocator.Find(name) is { } path ? new ContainerRuntimeCli(name, path) : null;
}
