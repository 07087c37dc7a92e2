namespace RedisAspire.Tests.Resilience;

/// <summary>One write of <see cref="ContinuousWriter"/>: when it started and ended on the writer's clock, and how it went.</summary>
/// <param name="Key">The key written.</param>
/// <param name="Value">The value written.</param>
/// <param name="StartedAt">When the SET was sent.</param>
/// <param name="EndedAt">When its WAIT (or its failure) came back.</param>
/// <param name="Written">The SET answered OK.</param>
/// <param name="Replicas">What <c>WAIT 1</c> answered: replicas that acknowledged the write.</param>
/// <param name="Error">The error reply or exception message of a failed write.</param>
internal sealed record WriteAttempt(
    string Key, string Value, TimeSpan StartedAt, TimeSpan EndedAt, bool Written, long Replicas, string? Error)
{
    /// <summary>Acknowledged by a replica too: it must survive the loss of its master.</summary>
    public bool IsReplicated => Written && Replicas >= 1;

    public override string ToString() =>
        $"{Key} at {StartedAt.TotalSeconds:0.000} s: " + (Written ? $"OK, WAIT 1 -> {Replicas}" : $"failed ({Error})");
}
