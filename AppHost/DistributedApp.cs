using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Logging;
using RedisAspire.AppHost.Processes;
using RedisAspire.AppHost.Resources;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost;

/// <summary>
/// The running application. <see cref="StartAsync"/> starts every resource in order and returns once all are ready;
/// <see cref="DisposeAsync"/> stops every child process (SIGTERM, bounded, then SIGKILL), so no redis-server is left.
/// </summary>
public sealed partial class DistributedApp : IAsyncDisposable
{
    private static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(10);

    private readonly IConfiguration _configuration;
    private readonly ILoggerFactory _loggerFactory;
    private readonly bool _ownsLoggerFactory;
    private readonly IReadOnlyList<IAppResource> _resources;
    private readonly List<IAppResource> _started = [];
    private readonly AppModel _model;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private AppHostContext? _context;
    private Task? _stopping;
    private int _startCalled;

    internal DistributedApp(
        IConfiguration configuration, ILoggerFactory loggerFactory, bool ownsLoggerFactory,
        IReadOnlyList<IAppResource> resources, AppModel model)
    {
        _configuration = configuration;
        _loggerFactory = loggerFactory;
        _ownsLoggerFactory = ownsLoggerFactory;
        _resources = resources;
        _model = model;
        _logger = loggerFactory.CreateLogger(AppHostLogging.Category);
    }

    /// <summary>The Redis cluster resource.</summary>
    public RedisClusterResource Cluster => _model.Cluster ?? throw new InvalidOperationException("The application has no Redis cluster.");

    /// <summary>The cluster initializer.</summary>
    public ClusterInitResource ClusterInit => _model.ClusterInit ?? throw new InvalidOperationException("The application has no cluster-init.");

    /// <summary>The API.</summary>
    public SampleApiResource SampleApi => _model.SampleApi ?? throw new InvalidOperationException("The application has no sample-api.");

    /// <summary><c>ConnectionStrings:&lt;cluster&gt;</c> with the real password (StackExchange.Redis format).</summary>
    public string ConnectionString => Cluster.ConnectionString;

    public IReadOnlyList<RedisNode> Nodes => Cluster.Nodes;

    /// <summary>
    /// Child processes running now, by resource name (<c>redis-0</c> …, <c>cluster-init</c> while it runs,
    /// <c>sample-api</c>): for diagnostics and for tests that look at the processes themselves. In container mode a
    /// node's process is its attached <c>docker run</c> / <c>podman run</c> CLI.
    /// </summary>
    public IReadOnlyDictionary<string, int> ProcessIds =>
        _started.ToList().SelectMany(r => r.Processes).Where(p => !p.Exited.IsCompleted).ToDictionary(p => p.Name, p => p.Id);

    /// <summary>Absolute state folder (redis.conf, nodes.conf, AOF, password); known once started.</summary>
    public string StateDirectory => _context?.StateDirectory ?? throw new InvalidOperationException("The state directory is known once StartAsync has run.");

    /// <summary><c>ConnectionStrings:&lt;name&gt;</c> as the services get it (real password); <paramref name="name"/> is the cluster's.</summary>
    public string GetConnectionString(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _model.Cluster is { } cluster && string.Equals(cluster.Name, name, StringComparison.OrdinalIgnoreCase)
            ? cluster.ConnectionString
            : throw new ArgumentException($"No resource named '{name}' has a connection string; the cluster is '{_model.Cluster?.Name}'.", nameof(name));
    }

    /// <summary>The base URL of the HTTP resource <paramref name="name"/> (the API), e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public Uri GetEndpoint(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _model.SampleApi is { } api && string.Equals(api.Name, name, StringComparison.OrdinalIgnoreCase)
            ? api.Url
            : throw new ArgumentException($"No resource named '{name}' has an HTTP endpoint; the API is '{_model.SampleApi?.Name}'.", nameof(name));
    }

    /// <summary>
    /// Prepares every resource (configuration, binaries, free ports) before the first starts, then starts them in order;
    /// on any failure stops what was started and rethrows.
    /// </summary>
    /// <exception cref="AppHostException">An expected failure (configuration, port in use, cluster-init failed, …).</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _startCalled, 1) == 1)
        {
            throw new InvalidOperationException("StartAsync can be called only once; build a new application to start again.");
        }

        // Last line of defence (e.g. a test host exiting without disposing): never leave a redis-server behind.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        try
        {
            _context = AppHostContext.Load(_configuration, _loggerFactory);
            foreach (var resource in _resources)
            {
                await resource.PrepareAsync(_context, cancellationToken);
            }

            foreach (var resource in _resources)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _started.Add(resource);
                await resource.StartAsync(_context, cancellationToken);
            }

            LogReady(_logger);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    /// <summary>Stops every started resource in reverse order (each process bounded by AppHost:StopTimeout); idempotent.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            return _stopping ??= StopCoreAsync();
        }
    }

    /// <summary>
    /// Console mode: starts, prints the masked connection string, waits for Ctrl+C/SIGTERM (or
    /// <paramref name="cancellationToken"/>), stops. Returns the process exit code; expected errors are printed
    /// without a stack trace.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        using var signal = new ShutdownSignal(_logger);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signal.Token);
        try
        {
            await StartAsync(stop.Token);
        }
        catch (AppHostException ex)
        {
            LogFailed(_logger, ex.Message);
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }

        LogConnectionString(_logger, Cluster.Name, Cluster.MaskedConnectionString);
        LogRunning(_logger);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C, SIGTERM or the caller's token: the normal way to end.
        }

        await StopAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (_ownsLoggerFactory)
        {
            _loggerFactory.Dispose();
        }
    }

    private async Task StopCoreAsync()
    {
        if (!_started.Any(r => r.NeedsStop))
        {
            _started.Clear();
            return;
        }

        var timeout = _context?.AppHost.StopTimeout ?? DefaultStopTimeout;
        LogStopping(_logger);
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(timeout);
        }

        _started.Clear();
        LogStopped(_logger);
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        var timeout = _context?.AppHost.StopTimeout ?? DefaultStopTimeout;
        // SIGTERM wait plus SIGKILL wait per process, nodes in parallel, then a margin.
        StopAsync().Wait((timeout * 2 * (_resources.Count + 1)) + TimeSpan.FromSeconds(5));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ready")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "ConnectionStrings:{Name} = {ConnectionString}")]
    private static partial void LogConnectionString(ILogger logger, string name, string connectionString);

    [LoggerMessage(Level = LogLevel.Information, Message = "running; press Ctrl+C to stop")]
    private static partial void LogRunning(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Message}")]
    private static partial void LogFailed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping every resource")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopped")]
    private static partial void LogStopped(ILogger logger);
}
