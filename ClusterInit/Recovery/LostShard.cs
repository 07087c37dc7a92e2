namespace RedisAspire.ClusterInit.Recovery;

/// <summary>A shard whose slots no reachable master serves, with its replicas that still answer.</summary>
public sealed record LostShard(Shard Shard, IReadOnlyList<SurvivingReplica> Survivors)
{
    /// <summary>
    /// The replica to promote: the highest replication offset (the most of the master's stream received), then the
    /// most keys (a replica restarted from its append-only file reports offset 0), then configuration order.
    /// </summary>
    public SurvivingReplica? MostUpToDate => Survivors
        .OrderByDescending(s => s.Offset)
        .ThenByDescending(s => s.KeyCount)
        .ThenBy(s => s.Node.Configured?.Index ?? int.MaxValue)
        .FirstOrDefault();

    /// <summary>Redis itself is about to promote one of the survivors.</summary>
    public bool RedisWillPromote => Survivors.Any(s => s.Outlook.RedisWillPromote);

    /// <summary>The master does not answer and the reachable nodes flag it failed, so it is down rather than cut off.</summary>
    public bool MasterIsDown => Shard.Master.IsDown;
}
