using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RedisAspire.SampleApi.Redis;

/// <summary>
/// Owns the cluster-aware multiplexer and replaces it when its view of the cluster has gone
/// stale after a failover (StackExchange.Redis 1.2.6 keeps routing writes to the demoted node
/// forever). Rebuilds are serialized and rate-limited; the replaced multiplexer stays open for a
/// grace period, so callers that already hold it finish or fail normally instead of crashing.
/// </summary>
public sealed partial class ClusterConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly RedisClientOptions _options;
    private readonly RedisTelemetry _telemetry;
    private readonly ILogger<ClusterConnection> _logger;
    private readonly SemaphoreSlim _rebuildGate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private volatile ConnectionMultiplexer? _current;
    private long _generation;
    private DateTime _lastRebuildUtc = DateTime.MinValue;

    public ClusterConnection(IConfiguration configuration, IOptions<RedisClientOptions> options, RedisTelemetry telemetry, ILogger<ClusterConnection> logger)
    {
        _options = options.Value;
        _telemetry = telemetry;
        _logger = logger;
        var connectionString = configuration.GetConnectionString(_options.ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{_options.ConnectionName} is not set; give it every node's host:port and the password "
                + $"(environment ConnectionStrings__{_options.ConnectionName}=127.0.0.1:7000,127.0.0.1:7001,...,password=...).");
        }

        _configuration = ConfigurationOptions.Parse(connectionString);
        // The client only reads server settings with CONFIG GET while connecting, and copes without them. The
        // application's ACL user may not run CONFIG (CONFIG GET would reveal passwords), so it is never sent.
        _configuration.CommandMap = CommandMap.Create(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "CONFIG" }, available: false);
        if (_configuration.Ssl && _options.TlsCaFile.Length > 0)
        {
            _configuration.CertificateValidation += new NodeCertificateValidator(X509CertificateLoader.LoadCertificateFromFile(_options.TlsCaFile)).Validate;
        }

        _configuration.AbortOnConnectFail = false;
        _configuration.ConnectTimeout = (int)_options.ConnectTimeout.TotalMilliseconds;
        _configuration.SyncTimeout = (int)_options.CommandTimeout.TotalMilliseconds;
        _configuration.ResponseTimeout = (int)_options.CommandTimeout.TotalMilliseconds;
    }

    /// <summary>A copy of the parsed connection settings (for a separate admin-mode probe connection).</summary>
    public ConfigurationOptions CloneConfiguration() => _configuration.Clone();

    /// <summary>Increases by one each time the multiplexer is replaced.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The current multiplexer, connecting on first use.</summary>
    public async Task<ConnectionMultiplexer> GetAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (_current is { } current)
        {
            return current;
        }

        await _rebuildGate.WaitAsync(_disposed.Token).ConfigureAwait(false);
        try
        {
            _current ??= await ConnectAsync(_options.ConnectTimeout, []).ConfigureAwait(false);
            return _current;
        }
        finally
        {
            _rebuildGate.Release();
        }
    }

    /// <summary>
    /// Replaces the multiplexer unless another caller already did since <paramref name="seenGeneration"/>.
    /// At most one rebuild per <see cref="RedisClientOptions.MinReconnectInterval"/>; a caller that
    /// arrives sooner waits out the interval, then rebuilds. When a live node shows that the cluster
    /// changed (<paramref name="verdict"/> with <see cref="SlotOwnerVerdict.Changed"/>), the rebuild waits
    /// at most <see cref="RedisClientOptions.OwnerCheckInterval"/> and leaves the nodes that node flags as
    /// failing out of the seeds.
    /// </summary>
    public async Task RebuildAsync(long seenGeneration, string reason, CancellationToken cancellationToken, SlotOwnerVerdict? verdict = null)
    {
        await _rebuildGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Generation != seenGeneration)
            {
                return;
            }

            var changed = verdict is { Changed: true };
            var interval = changed ? _options.OwnerCheckInterval : _options.MinReconnectInterval;
            var wait = _lastRebuildUtc + interval - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            var replaced = _current;
            var started = DateTime.UtcNow;
            _current = await ConnectAsync(_options.RebuildConnectTimeout, verdict?.Failing ?? []).ConfigureAwait(false);
            _lastRebuildUtc = DateTime.UtcNow;
            Interlocked.Increment(ref _generation);
            _telemetry.Reconnects.Add(1);
            LogRebuilt(_logger, Generation, (long)(_lastRebuildUtc - started).TotalMilliseconds, changed ? $"a live node serves the slot from {verdict!.Owner}, not {verdict.Cached ?? "an unknown node"}" : reason);
            if (replaced is not null)
            {
                _ = CloseLaterAsync(replaced);
            }
        }
        finally
        {
            _rebuildGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        if (_current is { } current)
        {
            await current.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
            current.Dispose();
        }

        _disposed.Dispose();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(TimeSpan connectTimeout, IReadOnlyList<string> failing)
    {
        var configuration = await ReachableConfigurationAsync(failing).ConfigureAwait(false);
        configuration.ConnectTimeout = (int)connectTimeout.TotalMilliseconds;
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(_logger, e.EndPoint?.ToString() ?? "?", e.FailureType.ToString());
        return multiplexer;
    }

    /// <summary>
    /// The configured endpoints that a live node does not flag as failing and that accept a TCP
    /// connection right now (all of them when none does). The multiplexer waits its whole connect
    /// timeout for a seed that is down, which during a failover is exactly the node that died; the
    /// client still discovers every node from the cluster itself.
    /// </summary>
    private async Task<ConfigurationOptions> ReachableConfigurationAsync(IReadOnlyList<string> failing)
    {
        var options = _configuration.Clone();
        var endpoints = options.EndPoints.ToList();
        var candidates = endpoints.Where(e => !failing.Contains(e.ToString() ?? "")).ToList();
        if (candidates.Count == 0)
        {
            candidates = endpoints;
        }

        var reachable = await Task.WhenAll(candidates.Select(CanConnectAsync)).ConfigureAwait(false);
        var seeds = candidates.Where((_, i) => reachable[i]).ToList();
        if (seeds.Count > 0 && seeds.Count < endpoints.Count)
        {
            options.EndPoints.Clear();
            foreach (var endpoint in seeds)
            {
                options.EndPoints.Add(endpoint);
            }
        }

        return options;
    }

    /// <summary>
    /// Whether <paramref name="endpoint"/> (<c>ip:port</c>) accepts a TCP connection within
    /// <see cref="RedisClientOptions.ProbeTimeout"/>; an endpoint that is not an IP address counts as reachable.
    /// </summary>
    public Task<bool> AcceptsConnectionAsync(string endpoint) =>
        IPEndPoint.TryParse(endpoint, out var ip) ? CanConnectAsync(ip) : Task.FromResult(true);

    private async Task<bool> CanConnectAsync(EndPoint endpoint)
    {
        using var timeout = new CancellationTokenSource(_options.ProbeTimeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task CloseLaterAsync(ConnectionMultiplexer replaced)
    {
        try
        {
            await Task.Delay(_options.ReplacedConnectionGrace, _disposed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: close now.
        }

        await replaced.CloseAsync(allowCommandsToComplete: true).ConfigureAwait(false);
        replaced.Dispose();
    }

    [LoggerMessage(1, LogLevel.Warning, "Rebuilt the Redis multiplexer (generation {Generation}) in {ElapsedMs} ms because {Reason}")]
    private static partial void LogRebuilt(ILogger logger, long generation, long elapsedMs, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Redis connection to {EndPoint} failed: {FailureType}")]
    private static partial void LogConnectionFailed(ILogger logger, string endPoint, string failureType);
}
