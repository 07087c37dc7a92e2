using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RedisAspire.SampleApi.Redis;

/// <summary>
/// Runs one logical Redis command: a client span and metrics around it, and retries through a
/// failover within <see cref="RedisClientOptions.RetryBudget"/>. A command that may already
/// have run (a timeout, a dropped connection) is retried only when it is idempotent.
/// </summary>
public sealed partial class RedisExecutor(
    ClusterConnection connection, SlotOwnerCheck ownerCheck, RedisTelemetry telemetry, IOptions<RedisClientOptions> options, ILogger<RedisExecutor> logger)
{
    private const int RebuildAfterAttempts = 3;

    private readonly RedisClientOptions _options = options.Value;

    public async Task<T> ExecuteAsync<T>(
        string command, RedisKey key, bool idempotent, Func<IDatabase, Task<T>> action, CancellationToken cancellationToken)
    {
        using var activity = RedisTelemetry.ActivitySource.StartActivity(command, ActivityKind.Client);
        activity?.SetTag("db.system.name", "redis");
        activity?.SetTag("db.operation.name", command);
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await RetryAsync(command, key, idempotent, action, activity, cancellationToken).ConfigureAwait(false);
            outcome = "ok";
            return result;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity?.SetTag("error.type", exception.GetType().Name);
            throw;
        }
        finally
        {
            telemetry.CommandDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("db.operation.name", command),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    private async Task<T> RetryAsync<T>(
        string command, RedisKey key, bool idempotent, Func<IDatabase, Task<T>> action, Activity? activity, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.RetryBudget.TotalSeconds * Stopwatch.Frequency);
        var attempt = 0;
        while (true)
        {
            attempt++;
            var generation = connection.Generation;
            var multiplexer = await connection.GetAsync().ConfigureAwait(false);
            var database = multiplexer.GetDatabase();
            TagServer(activity, multiplexer, key);
            try
            {
                return await action(database).ConfigureAwait(false);
            }
            catch (RedisException exception) when (Stopwatch.GetTimestamp() < deadline && ShouldRetry(exception, idempotent))
            {
                telemetry.Errors.Add(1, new KeyValuePair<string, object?>("db.operation.name", command), new KeyValuePair<string, object?>("error.type", exception.GetType().Name));
                LogRetry(logger, command, attempt, RedisFailure.Classify(exception), exception.Message);
                activity?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["attempt"] = attempt, ["exception.message"] = exception.Message }));
                await RecoverAsync(command, key, exception, attempt, generation, multiplexer, cancellationToken).ConfigureAwait(false);
            }
            catch (RedisException exception)
            {
                telemetry.Errors.Add(1, new KeyValuePair<string, object?>("db.operation.name", command), new KeyValuePair<string, object?>("error.type", exception.GetType().Name));
                throw;
            }
        }
    }

    /// <summary>
    /// Decides what to do before the next attempt. After any retryable failure a live node is asked who serves the
    /// key's slot now: a different master than this multiplexer routes to means a failover
    /// happened, so the multiplexer is rebuilt at once; the same master means a new multiplexer would route the same
    /// way (a failover still pending), so the next attempt just comes soon. The client's own connection to a master
    /// that is up and still owns the slot can be stuck, so repeated failures then rebuild, rate-limited; without any
    /// answer from a live node the same rule applies.
    /// </summary>
    private async Task RecoverAsync(
        string command, RedisKey key, RedisException exception, int attempt, long generation, ConnectionMultiplexer multiplexer, CancellationToken cancellationToken)
    {
        var kind = RedisFailure.Classify(exception);
        var reason = $"'{command}' failed with: {exception.Message}";
        var verdict = await ownerCheck.CheckAsync(multiplexer, key, cancellationToken).ConfigureAwait(false);
        if (verdict is { Changed: true })
        {
            await connection.RebuildAsync(generation, reason, cancellationToken, verdict).ConfigureAwait(false);
            return;
        }

        // CLUSTERDOWN, TRYAGAIN, LOADING: the cluster is settling and the next attempt may succeed as is.
        if (kind is not (RedisFailureKind.Reconnect or RedisFailureKind.Uncertain))
        {
            await Task.Delay(verdict is null ? _options.RetryDelay : _options.OwnerCheckInterval, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A stale view fails the same way on every attempt, so a connection failure that repeats is treated as one too.
        var stuck = kind == RedisFailureKind.Reconnect || attempt >= RebuildAfterAttempts;
        if (verdict is not null)
        {
            stuck = attempt >= RebuildAfterAttempts && verdict.Owner is { } owner && await connection.AcceptsConnectionAsync(owner).ConfigureAwait(false);
        }

        if (stuck)
        {
            await connection.RebuildAsync(generation, reason, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Task.Delay(verdict is null ? _options.RetryDelay : _options.OwnerCheckInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool ShouldRetry(RedisException exception, bool idempotent) => RedisFailure.Classify(exception) switch
    {
        RedisFailureKind.Reconnect or RedisFailureKind.RetryLater => true,
        RedisFailureKind.Uncertain => idempotent,
        _ => false,
    };

    /// <summary>Names the node that owns the key's slot in the client's cached cluster view (no network call).</summary>
    private static void TagServer(Activity? activity, ConnectionMultiplexer multiplexer, RedisKey key)
    {
        if (activity is null || !activity.IsAllDataRequested)
        {
            return;
        }

        var owner = ClusterView.OwnerOf(multiplexer, key);
        switch (owner)
        {
            case IPEndPoint ip:
                activity.SetTag("server.address", ip.Address.ToString());
                activity.SetTag("server.port", ip.Port);
                break;
            case DnsEndPoint dns:
                activity.SetTag("server.address", dns.Host);
                activity.SetTag("server.port", dns.Port);
                break;
        }
    }

    [LoggerMessage(1, LogLevel.Debug, "{Command} attempt {Attempt} failed ({Kind}): {Message}")]
    private static partial void LogRetry(ILogger logger, string command, int attempt, RedisFailureKind kind, string message);
}
