using System.Diagnostics;
using System.Net.Sockets;
using RedisAspire.Tests.Containers;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Publishing;

/// <summary>
/// Drives <c>docker-compose</c> (v1, Debian's package) for one uniquely named project in a published folder, on the
/// Docker engine or on podman: with podman, the test starts podman's Docker-compatible API on a private socket and points
/// <c>DOCKER_HOST</c> at it.
/// Disposing runs <c>down -v</c> and stops the API service. Every command is bounded.
/// </summary>
public sealed class ComposeProject : IAsyncDisposable
{
    private static readonly Lazy<string?> Compose = new(() => ExecutableLocator.Find("docker-compose"));
    private static readonly TimeSpan SocketTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DownTimeout = TimeSpan.FromSeconds(120);

    private readonly LongRunningProcess? _apiService;
    private readonly string? _socketDirectory;
    private bool _down;

    private ComposeProject(ContainerRuntimeCli runtime, string directory, string name, LongRunningProcess? apiService, string? socketDirectory, string? dockerHost)
    {
        Runtime = runtime;
        Directory = directory;
        Name = name;
        _apiService = apiService;
        _socketDirectory = socketDirectory;
        DockerHost = dockerHost;
    }

    /// <summary>Why the compose deployment test must be skipped, or <see langword="null"/> when docker-compose is on PATH.</summary>
    public static string? SkipReason => Compose.Value is null
        ? "docker-compose is not on PATH. CI installs it with `apt-get install -y docker-compose` in .ci/run; install it to run the compose deployment test."
        : null;

    /// <summary>The engine's CLI (podman or docker), for inspecting what the project runs.</summary>
    public ContainerRuntimeCli Runtime { get; }

    /// <summary>The folder holding docker-compose.yaml and .env.</summary>
    public string Directory { get; }

    /// <summary>The project name (<c>-p</c>); every container, volume and network carries it as a label.</summary>
    public string Name { get; }

    /// <summary>The API socket docker-compose talks to (podman's, started by the test), or null for the default.</summary>
    public string? DockerHost { get; }

    /// <summary>The label every object of the project carries.</summary>
    public string ProjectLabel => $"com.docker.compose.project={Name}";

    /// <summary>
    /// Prepares a project for <paramref name="directory"/> on <paramref name="runtime"/>'s engine: with podman, starts its
    /// API service first; with docker, checks that the Docker engine answers.
    /// </summary>
    public static async Task<ComposeProject> CreateAsync(string directory, ContainerRuntimeCli runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var name = $"redisaspire-deploytest-{Guid.NewGuid():N}"[..31];
        if (runtime.Name != "podman")
        {
            var info = await runtime.RunAsync(["info", "--format", "{{.ServerVersion}}"], SocketTimeout);
            if (info.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"The Docker engine does not answer (is dockerd running? start it as root with `dockerd > /tmp/dockerd.log 2>&1 &`): {info}");
            }

            return new ComposeProject(runtime, directory, name, null, null, null);
        }

        var socketDirectory = System.IO.Directory.CreateTempSubdirectory("redisaspire-deploytest-api-").FullName;
        var socket = Path.Combine(socketDirectory, "podman.sock");
        var service = LongRunningProcess.Start(
            "podman system service", runtime.Path, ["system", "service", "--time=0", $"unix://{socket}"], new Dictionary<string, string?>(), socketDirectory);
        var project = new ComposeProject(runtime, directory, name, service, socketDirectory, $"unix://{socket}");
        try
        {
            await WaitForSocketAsync(socket, service);
        }
        catch
        {
            await project.DisposeAsync();
            throw;
        }

        return project;
    }

    /// <summary>Runs <c>docker-compose -p &lt;name&gt; &lt;arguments&gt;</c> in the folder; a non-zero exit throws with the output.</summary>
    public async Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var result = await ChildProcess.RunAsync(
            Compose.Value!,
            ["-p", Name, .. arguments],
            timeout,
            Environment(),
            Directory);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException($"docker-compose failed: {result}");
    }

    /// <summary>Containers, volumes and networks of this project that still exist.</summary>
    public Task<IReadOnlyList<string>> LeftoversAsync() => Runtime.FindLabelledAsync(ProjectLabel);

    /// <summary>The names of the project's containers of <paramref name="service"/>.</summary>
    public async Task<IReadOnlyList<string>> ContainersAsync(string service)
    {
        var names = await Runtime.RunCheckedAsync(
            ["ps", "-a", "--filter", $"label={ProjectLabel}", "--filter", $"label=com.docker.compose.service={service}", "--format", "{{.Names}}"]);
        return names.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_down)
            {
                _down = true;
                await ChildProcess.RunAsync(
                    Compose.Value!, ["-p", Name, "down", "-v", "--timeout", "5"], DownTimeout,
                    Environment(), Directory);
            }
        }
        finally
        {
            if (_apiService is not null)
            {
                await _apiService.DisposeAsync();
            }

            if (_socketDirectory is not null)
            {
                System.IO.Directory.Delete(_socketDirectory, recursive: true);
            }
        }
    }

    /// <summary>Runs <c>down -v</c> now (disposing then does not repeat it).</summary>
    public async Task DownAsync()
    {
        _down = true;
        await RunAsync(["down", "-v", "--timeout", "5"], DownTimeout);
    }

    // With docker, DOCKER_HOST stays whatever the environment says; with podman it is the test's own API socket.
    private Dictionary<string, string?> Environment()
    {
        var environment = new Dictionary<string, string?> { ["COMPOSE_INTERACTIVE_NO_CLI"] = "1" };
        if (DockerHost is not null)
        {
            environment["DOCKER_HOST"] = DockerHost;
        }

        return environment;
    }

    private static async Task WaitForSocketAsync(string socket, LongRunningProcess service)
    {
        var started = Stopwatch.StartNew();
        Exception? last = null;
        while (started.Elapsed < SocketTimeout)
        {
            if (service.HasExited)
            {
                throw new InvalidOperationException($"podman system service exited before its socket {socket} answered; output:\n{service.Output}");
            }

            try
            {
                using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await client.ConnectAsync(new UnixDomainSocketEndPoint(socket));
                return;
            }
            catch (SocketException ex)
            {
                last = ex;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"podman system service did not accept connections on {socket} within {SocketTimeout.TotalSeconds:0} s; last error: {last?.Message}; output:\n{service.Output}");
    }
}
