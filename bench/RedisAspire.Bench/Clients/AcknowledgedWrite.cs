namespace RedisAspire.Bench.Clients;

/// <summary>
/// One write attempt of <see cref="AcknowledgedWriter"/> (<see cref="System.Diagnostics.Stopwatch"/> timestamps):
/// when it started, when the master acknowledged its SET (<see langword="null"/>: it did not), how many replicas
/// <c>WAIT 1</c> reported (0 when none in time or no WAIT), the endpoint that acknowledged it, the error of a failed attempt.
/// </summary>
public sealed record AcknowledgedWrite(string Key, string Value, long Started, long? AcknowledgedAt, long Replicas, string? Endpoint, string? Error)
{
    public bool IsAcknowledged => AcknowledgedAt is not null;

    /// <summary>Acknowledged by the master and, through <c>WAIT 1</c>, by at least one replica.</summary>
    public bool IsReplicated => IsAcknowledged && Replicas >= 1;
}
