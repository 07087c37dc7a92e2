namespace RedisAspire.Tests.Resilience;

/// <summary>
/// The time a fault may disturb clients: from the kill until the cluster is Ready again, plus a stated grace for
/// clients to notice; on the same clock as the requests it classifies.
/// </summary>
/// <param name="Fault">What was done, e.g. "kill -9 master redis-2 (127.0.0.1:7002), restart".</param>
/// <param name="Start">When the node was killed.</param>
/// <param name="ReadyAt">When the cluster was Ready again (checked on every node).</param>
/// <param name="Grace">Time after <paramref name="ReadyAt"/> still counted as recovery.</param>
internal sealed record RecoveryWindow(string Fault, TimeSpan Start, TimeSpan ReadyAt, TimeSpan Grace)
{
    public TimeSpan End => ReadyAt + Grace;

    /// <summary>A request that overlaps the window in any way belongs to it.</summary>
    public bool Contains(HttpRequestRecord request) => request.StartedAt <= End && request.EndedAt >= Start;

    public override string ToString() =>
        $"{Fault}: {Start.TotalSeconds:0.0}-{ReadyAt.TotalSeconds:0.0} s (+{Grace.TotalSeconds:0.#} s grace)";
}
