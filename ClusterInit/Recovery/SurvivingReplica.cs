namespace RedisAspire.ClusterInit.Recovery;

/// <summary>A replica of a lost shard that answers: a copy of the shard's data, with what Redis will do with it.</summary>
public sealed record SurvivingReplica(ShardNode Node, FailoverSettings Settings, PromotionOutlook Outlook)
{
    public long Offset => Node.Offset ?? 0;

    public long KeyCount => Node.KeyCount ?? 0;
}
