using System.Diagnostics;
using System.Globalization;
using RedisAspire.Bench.Redis;

namespace RedisAspire.Bench.Clients;

/// <summary>
/// Writes a new key about every 10 ms into the slots of the given hash tags with the benchmark's own RESP client
/// (<see cref="ClusterKeyClient"/>): <c>SET key value</c> on the slot's owner, following <c>MOVED</c>, then
/// <c>WAIT 1 100</c> on the same connection; records every attempt. A write is acknowledged when its SET answered
/// OK, replicated when WAIT then counted a replica. A failed attempt is not retried: the next one starts at the next
/// 10 ms tick (or at once when the failed one took longer).
/// </summary>
public sealed class AcknowledgedWriter : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>How long WAIT waits for a replica; after a failover the new master has none, so WAIT then returns 0 after this.</summary>
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly ClusterKeyClient _client;
    private readonly IReadOnlyList<string> _tags;
    private readonly string _prefix;
    private readonly List<AcknowledgedWrite> _attempts = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    private AcknowledgedWriter(ClusterKeyClient client, IReadOnlyList<string> tags, string prefix)
    {
        _client = client;
        _tags = tags;
        _prefix = prefix;
    }

    /// <summary>Every attempt so far, in order.</summary>
    public IReadOnlyList<AcknowledgedWrite> Attempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _attempts];
            }
        }
    }

    /// <summary>Starts writing keys <c>&lt;prefix&gt;{tag}&lt;n&gt;</c>, the tags in turn; the values are unique per run.</summary>
    public static AcknowledgedWriter Start(ClusterKeyClient client, IReadOnlyList<string> tags, string prefix)
    {
        var writer = new AcknowledgedWriter(client, tags, prefix);
        writer._loop = Task.Run(writer.RunAsync);
        return writer;
    }

    /// <summary>How many writes were replicated (acknowledged by WAIT 1) so far.</summary>
    public int Replicated
    {
        get
        {
            lock (_gate)
            {
                return _attempts.Count(a => a.IsReplicated);
            }
        }
    }

    /// <summary>The moment of the last acknowledgement received before <paramref name="moment"/>, if any.</summary>
    public long? LastAcknowledgedBefore(long moment)
    {
        lock (_gate)
        {
            return _attempts.Where(a => a.AcknowledgedAt < moment).Select(a => a.AcknowledgedAt).Max();
        }
    }

    /// <summary>The first attempt that started at or after <paramref name="moment"/> and was acknowledged, if any yet.</summary>
    public AcknowledgedWrite? FirstAcknowledgedStartedAfter(long moment)
    {
        lock (_gate)
        {
            return _attempts.FirstOrDefault(a => a.Started >= moment && a.IsAcknowledged);
        }
    }

    /// <summary>Attempts, failures and the last error so far, for progress and timeout messages.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            var lastError = _attempts.LastOrDefault(a => a.Error is not null)?.Error ?? "none";
            return string.Create(
                CultureInfo.InvariantCulture,
                $"writer: {_attempts.Count} attempts, {_attempts.Count(a => a.IsAcknowledged)} acknowledged, {_attempts.Count(a => a.IsReplicated)} replicated, {_attempts.Count(a => !a.IsAcknowledged)} failed; last error: {lastError}");
        }
    }

    /// <summary>Stops the writing loop, bounded.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(StopTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The writer did not stop within {StopTimeout.TotalSeconds:0} s; {Describe()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(StopTimeout);
        }
        catch (TimeoutException)
        {
            // Already reported by StopAsync when it mattered; disposal must not throw.
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var wait = ((long)WaitTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var next = Stopwatch.GetTimestamp();
        for (var sequence = 0L; !_stop.IsCancellationRequested; sequence++)
        {
            var delay = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var started = Stopwatch.GetTimestamp();
            next = started + (long)(Interval.TotalSeconds * Stopwatch.Frequency);
            var number = sequence.ToString(CultureInfo.InvariantCulture);
            var key = $"{_prefix}{{{_tags[(int)(sequence % _tags.Count)]}}}{number}";
            var value = $"{_prefix}-{number}";
            long? acknowledged = null;
            string? endpoint = null;
            try
            {
                var (reply, owner) = await _client.ExecuteAsync(key, "SET", key, value);
                if (reply.IsError || reply.Text != "OK")
                {
                    Add(new AcknowledgedWrite(key, value, started, null, 0, owner, $"SET: {reply.Text}"));
                    continue;
                }

                acknowledged = Stopwatch.GetTimestamp();
                endpoint = owner;
                var replicas = await _client.ExecuteOnAsync(owner, "WAIT", "1", wait);
                Add(new AcknowledgedWrite(key, value, started, acknowledged, replicas.IsError ? 0 : replicas.Integer, owner, replicas.IsError ? $"WAIT: {replicas.Text}" : null));
            }
            catch (Exception e) when (ClusterKeyClient.IsConnectionFailure(e) || e is InvalidOperationException)
            {
                Add(new AcknowledgedWrite(key, value, started, acknowledged, 0, endpoint, e.Message));
            }
        }
    }

    private void Add(AcknowledgedWrite attempt)
    {
        lock (_gate)
        {
            _attempts.Add(attempt);
        }
    }
}
