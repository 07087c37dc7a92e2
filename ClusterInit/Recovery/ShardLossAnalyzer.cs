using System.Globalization;

namespace RedisAspire.ClusterInit.Recovery;

/// <summary>Finds the lost shards of a <see cref="ShardMap"/> and reads each surviving replica's failover settings (read-only).</summary>
public static class ShardLossAnalyzer
{
    public static async Task<IReadOnlyList<LostShard>> AnalyzeAsync(ShardMap map, CancellationToken cancellationToken)
    {
        var mastersUp = map.Shards.Count(s => s.Served);
        var lost = new List<LostShard>();
        foreach (var shard in map.Shards.Where(s => !s.Served))
        {
            var survivors = await Task.WhenAll(shard.SurvivingReplicas.Select(async replica =>
            {
                var settings = await FailoverSettings.ReadAsync(replica.Configured!, cancellationToken).ConfigureAwait(false);
                var size = int.TryParse(replica.Snapshot!.ClusterInfo.GetValueOrDefault("cluster_size"), NumberStyles.None, CultureInfo.InvariantCulture, out var known)
                    ? known
                    : map.Shards.Count;
                return new SurvivingReplica(replica, settings, PromotionOutlook.Assess(replica, shard.Master.Name, settings, mastersUp, size));
            })).ConfigureAwait(false);
            lost.Add(new LostShard(shard, survivors));
        }

        return lost;
    }
}
