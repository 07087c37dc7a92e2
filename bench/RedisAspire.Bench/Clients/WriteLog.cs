using System.Diagnostics;

namespace RedisAspire.Bench.Clients;

/// <summary>Every write attempt of one client: when it started and ended (<see cref="Stopwatch"/> timestamps) and whether it succeeded.</summary>
public sealed class WriteLog(string client)
{
    private readonly Lock _gate = new();
    private readonly List<(long Started, long Ended, bool Ok)> _attempts = [];
    private string _lastError = "";

    public string Client { get; } = client;

    public void Add(long started, bool ok, string? error = null)
    {
        var ended = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _attempts.Add((started, ended, ok));
            if (error is not null)
            {
                _lastError = error;
            }
        }
    }

    public int Successes
    {
        get
        {
            lock (_gate)
            {
                return _attempts.Count(a => a.Ok);
            }
        }
    }

    /// <summary>
    /// The end of the first successful write that started at or after <paramref name="since"/>, or
    /// <see langword="null"/> while there is none yet.
    /// </summary>
    public long? FirstSuccessStartedAfter(long since)
    {
        lock (_gate)
        {
            return _attempts.Where(a => a.Ok && a.Started >= since).Select(a => (long?)a.Ended).FirstOrDefault();
        }
    }

    /// <summary>Attempts and failures so far, and the last error, for progress and timeout messages.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            return $"{Client}: {_attempts.Count} attempts, {_attempts.Count(a => !a.Ok)} failed, last error: {(_lastError.Length == 0 ? "none" : _lastError)}";
        }
    }
}
