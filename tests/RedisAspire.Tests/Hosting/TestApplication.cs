using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RedisAspire.AppHost;
using RedisAspire.Tests.Infrastructure;
using AppNode = RedisAspire.AppHost.Topology.RedisNode;

namespace RedisAspire.Tests.Hosting;

/// <summary>
/// The whole application (six nodes, cluster-init, sample-api) running in the test process through AppHost's own
/// <see cref="DistributedApp"/>, on free ports and a temporary state folder: this solution's Aspire.Hosting.Testing.
/// Create it with <see cref="TestApplicationBuilder"/>; <see cref="DisposeAsync"/> stops every child process and
/// deletes the temporary state folder.
/// </summary>
public sealed class TestApplication : IAsyncDisposable
{
    /// <summary>Bound of <see cref="WaitForResourceHealthyAsync"/> when no timeout is given.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RedisCliTimeout = TimeSpan.FromSeconds(30);

    private readonly ILoggerFactory _loggerFactory;
    private readonly bool _ownsStateDirectory;
    private readonly HttpClient _probeClient = CreateClient(null);
    private int _disposed;

    internal TestApplication(
        DistributedApp app, ILoggerFactory loggerFactory, CapturedOutput output, string stateDirectory, bool ownsStateDirectory, IReadOnlyList<int> nodePorts)
    {
        App = app;
        _loggerFactory = loggerFactory;
        Output = output;
        StateDirectory = stateDirectory;
        _ownsStateDirectory = ownsStateDirectory;
        NodePorts = nodePorts;
    }

    /// <summary>AppHost's application object, for anything this wrapper does not expose.</summary>
    public DistributedApp App { get; }

    /// <summary>Everything AppHost logged: <c>[apphost] …</c>, <c>[redis-0] …</c>, <c>[cluster-init] …</c>, <c>[sample-api] …</c>.</summary>
    public CapturedOutput Output { get; }

    /// <summary>The absolute state folder (per-node redis.conf, nodes.conf, AOF; the generated password).</summary>
    public string StateDirectory { get; }

    /// <summary>The client ports the nodes are configured to use, known before the start (for process checks).</summary>
    public IReadOnlyList<int> NodePorts { get; }

    /// <summary>The nodes <c>redis-0</c> … (names, endpoints, data folders), once started.</summary>
    public IReadOnlyList<AppNode> Nodes => App.Nodes;

    /// <summary>The application's (<c>default</c> user's) password, the one in the connection string. Never print it.</summary>
    public string Password => App.Cluster.Password;

    /// <summary>The administrator's ACL user (<c>admin</c>), or null with <c>Cluster:Acl=false</c>.</summary>
    public string? AdminUser => App.Cluster.Credentials.AdminUser;

    /// <summary>The password that goes with <see cref="AdminUser"/>. Never print it.</summary>
    public string AdminPassword => App.Cluster.Credentials.AdminAuthPassword;

    /// <summary>With <c>Cluster:Tls</c>: the development CA's certificate file; else null.</summary>
    public string? TlsCaPath => App.Cluster.TlsCaPath;

    /// <summary>Every password of the cluster's users.</summary>
    public IReadOnlyList<string> Secrets => App.Cluster.Credentials.Secrets;

    /// <summary>Opens a test client to <paramref name="node"/> authenticated as the administrator.</summary>
    public Task<TestRedisClient> ConnectAdminAsync(AppNode node) =>
        TestRedisClient.ConnectAsync(node.Host, node.Port, AdminPassword, user: AdminUser);

    /// <summary>Starts every resource in order and returns once sample-api answers <c>GET /health</c> with 200.</summary>
    /// <exception cref="AppHostException">A start failure; every child started so far has been stopped.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default) => App.StartAsync(cancellationToken);

    /// <summary><c>ConnectionStrings:&lt;name&gt;</c> exactly as sample-api gets it (with the password).</summary>
    public string GetConnectionString(string name) => App.GetConnectionString(name);

    /// <summary>The base URL of the HTTP resource <paramref name="name"/> (<c>sample-api</c>).</summary>
    public Uri GetEndpoint(string name) => App.GetEndpoint(name);

    /// <summary>An HTTP client whose base address is the resource's URL (no proxy); the caller disposes it.</summary>
    public HttpClient CreateHttpClient(string name) => CreateClient(App.GetEndpoint(name));

    /// <summary>
    /// Waits, bounded by <paramref name="timeout"/> (default <see cref="DefaultWaitTimeout"/>), until
    /// <paramref name="name"/> is healthy: <c>cache</c> (cluster_state:ok on every node), <c>redis-i</c> (PING),
    /// <c>cluster-init</c> (exited 0) or <c>sample-api</c> (<c>GET /health</c> 200). Fails at once when the resource's
    /// process exited; a timeout says what was awaited and what was last seen.
    /// </summary>
    public async Task WaitForResourceHealthyAsync(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var bound = timeout ?? DefaultWaitTimeout;
        var health = new ResourceHealth(App, _probeClient);
        var awaited = health.Describe(name);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var (healthy, seen, final) = await health.CheckAsync(name, cancellationToken);
            if (healthy)
            {
                return;
            }

            if (final)
            {
                throw new InvalidOperationException($"{name} cannot become healthy: waited for {awaited}, but {seen}.\nLast output:\n{Output.Tail()}");
            }

            if (stopwatch.Elapsed >= bound)
            {
                throw new TimeoutException($"{name} was not healthy within {bound}: waited for {awaited}; last seen: {seen}.\nLast output:\n{Output.Tail()}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Runs the real <c>redis-cli</c> as the administrator (over TLS with <c>Cluster:Tls</c>); the password travels in <c>REDISCLI_AUTH</c>, never in <c>-a</c>.</summary>
    public Task<ProcessResult> RedisCliAsync(params string[] args) =>
        ChildProcess.RunAsync(
            RedisTools.CliPath,
            [.. TlsCaPath is null ? [] : new[] { "--tls", "--cacert", TlsCaPath }, .. AdminUser is null ? [] : new[] { "--user", AdminUser }, .. args],
            RedisCliTimeout,
            new Dictionary<string, string?> { ["REDISCLI_AUTH"] = AdminPassword, ["TERM"] = "dumb" });

    /// <summary>Live processes of this application found in <c>/proc</c> (nodes by port, .NET children by environment).</summary>
    public IReadOnlyList<AppProcess> FindProcesses() => AppProcesses.Find("127.0.0.1", NodePorts);

    /// <summary>Stops every child (SIGTERM, bounded, then SIGKILL) and deletes the state folder unless it was given by the test.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await App.DisposeAsync();
        }
        finally
        {
            _probeClient.Dispose();
            _loggerFactory.Dispose();
            if (_ownsStateDirectory && Directory.Exists(StateDirectory))
            {
                Directory.Delete(StateDirectory, recursive: true);
            }
        }
    }

    private static HttpClient CreateClient(Uri? baseAddress) =>
        new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
}
