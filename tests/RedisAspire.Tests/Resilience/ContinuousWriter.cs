using System.Diagnostics;
using System.Globalization;

namespace RedisAspire.Tests.Resilience;

/// <summary>
/// Writes a new key about every <c>interval</c> (SET, then <c>WAIT 1</c>) into the slots of the given hash tags until
/// stopped, following MOVED and reconnecting after failures, and records every attempt on its own clock.
/// </summary>
internal sealed class ContinuousWriter : IAsyncDisposable
{
    private static readonly TimeSpan WaitForReplica = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly ClusterKeyClient _client;
    private readonly IReadOnlyList<string> _tags;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<WriteAttempt> _attempts = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    private ContinuousWriter(ClusterKeyClient client, IReadOnlyList<string> tags, TimeSpan interval)
    {
        _client = client;
        _tags = tags;
        _interval = interval;
    }

    /// <summary>Time on the writer's clock, to relate events (a kill) to its attempts.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<WriteAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _attempts];
            }
        }
    }

    public static ContinuousWriter Start(ClusterKeyClient client, IReadOnlyList<string> tags, TimeSpan interval)
    {
        var writer = new ContinuousWriter(client, tags, interval);
        writer._loop = Task.Run(writer.RunAsync);
        return writer;
    }

    /// <summary>Waits, bounded, until a write started after <paramref name="since"/> succeeded; returns that attempt.</summary>
    public async Task<WriteAttempt> WaitForSuccessAfterAsync(TimeSpan since, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (Attempts.FirstOrDefault(a => a.StartedAt >= since && a.Written) is { } success)
            {
                return success;
            }

            await Task.Delay(_interval);
        }

        var attempts = Attempts;
        var last = attempts.Count > 0 ? attempts[^1] : null;
        throw new TimeoutException(
            $"Timed out after {timeout.TotalSeconds:0.#} s waiting for a write to succeed after {since.TotalSeconds:0.000} s on the writer's clock; "
            + $"last attempt: {last?.ToString() ?? "none"}");
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is null)
        {
            return;
        }

        try
        {
            await _loop.WaitAsync(StopTimeout);
        }
        catch (TimeoutException)
        {
            var attempts = Attempts;
            throw new TimeoutException(
                $"The writer did not stop within {StopTimeout.TotalSeconds:0.#} s; last attempt: {(attempts.Count > 0 ? attempts[^1] : "none")}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{{{_tags[n % _tags.Count]}}}:write:{n:D6}");
            var value = string.Create(CultureInfo.InvariantCulture, $"value-{n}");
            var started = _clock.Elapsed;
            WriteAttempt attempt;
            try
            {
                var replicas = await _client.SetAndWaitAsync(key, value, WaitForReplica);
                attempt = new WriteAttempt(key, value, started, _clock.Elapsed, true, replicas, null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                attempt = new WriteAttempt(key, value, started, _clock.Elapsed, false, 0, exception.Message);
            }

            lock (_gate)
            {
                _attempts.Add(attempt);
            }

            try
            {
                await Task.Delay(_interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
