using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using RedisAspire.Hosting;
using RedisAspire.Tests.Infrastructure;
using RedisAspire.Tests.Telemetry;

namespace RedisAspire.Tests.Hosting;

/// <summary>
/// The real AppHost running in the test process through Aspire.Hosting.Testing: its resources, the state folder, and
/// helpers that act the way a user would (HTTP to sample-api, <c>redis-cli</c> as the administrator, the dashboard's
/// commands). Create it with <see cref="TestAppHostBuilder"/>; <see cref="DisposeAsync"/> stops everything and deletes
/// a state folder the harness made.
/// </summary>
public sealed class TestAppHost : IAsyncDisposable
{
    private static readonly TimeSpan RedisCliTimeout = TimeSpan.FromSeconds(30);

    private readonly IDistributedApplicationTestingBuilder _builder;
    private readonly bool _ownsStateDirectory;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _starting;
    private int _disposed;

    internal TestAppHost(
        DistributedApplication app, IDistributedApplicationTestingBuilder builder, CapturedOutput output, OtlpReceiver telemetry, string stateDirectory, bool ownsStateDirectory, int basePort)
    {
        App = app;
        Telemetry = telemetry;
        _builder = builder;
        Output = output;
        StateDirectory = stateDirectory;
        _ownsStateDirectory = ownsStateDirectory;
        Cluster = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<RedisClusterResource>().Single();
        NodePorts = [.. Cluster.Nodes.Select(n => n.Node.Port)];
        BasePort = basePort;
    }

    /// <summary>The running Aspire application.</summary>
    public DistributedApplication App { get; }

    /// <summary>The OTLP receiver the .NET resources export their traces, metrics and logs to.</summary>
    public OtlpReceiver Telemetry { get; }

    /// <summary>Everything the AppHost and its resources logged.</summary>
    public CapturedOutput Output { get; }

    /// <summary>The absolute state folder.</summary>
    public string StateDirectory { get; }

    public int BasePort { get; }

    /// <summary>The <c>cache</c> resource.</summary>
    public RedisClusterResource Cluster { get; }

    /// <summary>The nodes <c>cache-0</c> … (names, endpoints, data folders).</summary>
    public IReadOnlyList<RedisAspire.Hosting.Configuration.RedisNode> Nodes => [.. Cluster.Nodes.Select(n => n.Node)];

    public IReadOnlyList<int> NodePorts { get; }

    /// <summary>The application user's password, read from the documented 0600 file. Never print it.</summary>
    public string Password => ReadPassword("app");

    /// <summary>The administrator's ACL user.</summary>
    public string AdminUser { get; } = "admin";

    /// <summary>The administrator's password, read from the documented 0600 file. Never print it.</summary>
    public string AdminPassword => ReadPassword(AdminUser);

    /// <summary>Every generated password.</summary>
    public IReadOnlyList<string> Secrets => [Password, AdminPassword, ReadPassword("replication")];

    public Task StartAsync(CancellationToken cancellationToken = default) => App.StartAsync(cancellationToken);

    /// <summary>
    /// Starts the application without waiting for the start to finish: Aspire's start returns once every resource has
    /// started, and a resource that waits for a cluster that never becomes Ready never does. Disposing ends it.
    /// </summary>
    public void BeginStart() => _starting = App.StartAsync(_stopping.Token);

    /// <summary>Waits, bounded, until <paramref name="resource"/> is healthy; the timeout says what was last seen.</summary>
    public async Task WaitForHealthyAsync(string resource, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{resource} was not healthy within {timeout}; last seen: {Describe(resource)}.\n{Describe()}\nLast output:\n{Output.Tail()}");
        }
    }

    /// <summary>Waits, bounded, until <paramref name="resource"/> matches <paramref name="predicate"/>.</summary>
    public async Task<ResourceEvent> WaitForAsync(string resource, Func<ResourceEvent, bool> predicate, string awaited, TimeSpan timeout)
    {
        using var bounded = new CancellationTokenSource(timeout);
        try
        {
            return await App.ResourceNotifications.WaitForResourceAsync(resource, predicate, bounded.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{resource} did not reach {awaited} within {timeout}; last seen: {Describe(resource)}.\nLast output:\n{Output.Tail()}");
        }
    }

    /// <summary>Waits, bounded, until the AppHost or a resource logs a line containing <paramref name="text"/>; returns it.</summary>
    public async Task<string> WaitForLogAsync(string text, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (Output.Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            if (waited.Elapsed >= timeout)
            {
                throw new TimeoutException($"Nothing logged '{text}' within {timeout}; last lines:\n{Output.Tail(15)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>State and health of <paramref name="resource"/> now, for messages.</summary>
    public string Describe(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var current)
            ? $"state {current.Snapshot.State?.Text ?? "none"}, health {current.Snapshot.HealthStatus?.ToString() ?? "none"}, exit code {current.Snapshot.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}"
              + string.Concat(current.Snapshot.HealthReports.Select(r => $"; {r.Name}: {r.Status} {r.Description}"))
            : "no state published";

    /// <summary>Every resource's state, for messages.</summary>
    public string Describe() =>
        string.Join('\n', App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Select(r => $"  {r.Name}: {Describe(r.Name)}"));

    /// <summary>The connection string <c>sample-api</c> gets for <c>cache</c>.</summary>
    public async Task<string> GetConnectionStringAsync() =>
        await App.GetConnectionStringAsync(Cluster.Name) ?? throw new InvalidOperationException("cache has no connection string.");

    /// <summary>An HTTP client for <paramref name="resource"/>'s http endpoint; the caller disposes it.</summary>
    public HttpClient CreateHttpClient(string resource) => App.CreateHttpClient(resource, "http");

    /// <summary>Runs a dashboard command (<c>resource-stop</c>, <c>redis-cluster-check</c>, …) the way the dashboard does.</summary>
    public Task<ExecuteCommandResult> ExecuteCommandAsync(string resource, string command, CancellationToken cancellationToken = default) =>
        App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command, cancellationToken);

    /// <summary>The process id of <paramref name="resource"/> (a node, cluster-init, sample-api) as Aspire reports it.</summary>
    public int ProcessId(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var current)
        && current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"{resource} has no process id; {Describe(resource)}");

    /// <summary>Opens a test client to <paramref name="node"/> as the administrator.</summary>
    public Task<TestRedisClient> ConnectAdminAsync(RedisAspire.Hosting.Configuration.RedisNode node) =>
        TestRedisClient.ConnectAsync(node.Host, node.Port, AdminPassword, user: AdminUser);

    /// <summary>
    /// Runs the real <c>redis-cli</c> as the administrator (over TLS, trusting the development CA, when the cluster uses
    /// TLS); the password travels in <c>REDISCLI_AUTH</c>, never in <c>-a</c>.
    /// </summary>
    public Task<ProcessResult> RedisCliAsync(params string[] args) =>
        ChildProcess.RunAsync(
            RedisTools.CliPath,
            [.. Cluster.TlsCaPath is { } ca ? new[] { "--tls", "--cacert", ca } : [], "--user", AdminUser, .. args],
            RedisCliTimeout,
            new Dictionary<string, string?> { ["REDISCLI_AUTH"] = AdminPassword, ["TERM"] = "dumb" });

    /// <summary>Live processes of this application found in <c>/proc</c> (nodes by port, .NET children by environment).</summary>
    public IReadOnlyList<AppProcess> FindProcesses() => AppProcesses.Find("127.0.0.1", NodePorts);

    /// <summary>Stops everything; deletes the state folder unless the test gave it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_starting is not null)
        {
            await _starting.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        try
        {
            await App.StopAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // Already stopped, or never started (a start that failed).
        }

        await App.DisposeAsync();
        await _builder.DisposeAsync();
        await Telemetry.DisposeAsync();
        _stopping.Dispose();
        if (_ownsStateDirectory && Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    private string ReadPassword(string user) => File.ReadAllText(Path.Combine(StateDirectory, $"password-{user}")).Trim();
}
