using System.Globalization;

namespace RedisAspire.ClusterInit.Recovery;

/// <summary>
/// Whether Redis will promote a replica of a master that is down by itself, and why not, worked out the way a replica
/// decides it: <c>cluster-replica-no-failover</c>, its master flagged <c>fail</c> by a majority of masters, votes from
/// a majority, and the age of its data (how long its link to the master has been down, against
/// <c>cluster-replica-validity-factor</c>).
/// </summary>
public sealed record PromotionOutlook(bool RedisWillPromote, string Reason)
{
    public static PromotionOutlook Assess(ShardNode replica, string masterName, FailoverSettings settings, int mastersUp, int clusterSize)
    {
        var snapshot = replica.Snapshot ?? throw new ArgumentException($"{replica.Display} does not answer.", nameof(replica));
        if (settings.NoFailover == true)
        {
            return new(false, $"cluster-replica-no-failover is yes on {replica.Name}, so Redis never starts a failover from it by itself");
        }

        var quorum = clusterSize / 2 + 1;
        if (mastersUp < quorum)
        {
            return new(false, $"only {Count(mastersUp)} of the {Count(clusterSize)} masters that own slots answer; Redis needs a majority ({Count(quorum)}) "
                + $"of them to flag {masterName} as failed and to elect a replica");
        }

        // Redis only tries once its master is flagged fail, but the age of its data decides whether it may: a replica
        // whose data is too old now stays too old, so that is judged first.
        var masterLine = snapshot.View.FirstOrDefault(e => e.Id == snapshot.Myself?.MasterId);
        var pending = masterLine is { IsFailed: true }
            ? ""
            : $"; it starts an election once {masterName} is flagged failed (fail) by a majority of masters, which {replica.Name} does not see yet";
        var factor = settings.ValidityFactor is { } f ? f.ToString(CultureInfo.InvariantCulture) : "unknown";
        var linkDown = replica.LinkDownSeconds;
        if (linkDown == -1)
        {
            if (settings.ValidityFactor == 0)
            {
                return new(true, "cluster-replica-validity-factor is 0, so Redis promotes it however old its data is" + pending);
            }

            var started = settings.UptimeSeconds is { } uptime ? $" {Seconds(uptime)} ago" : "";
            return new(false, $"its link to {masterName} has not been up since it started{started} (it was restarted while {masterName} was down), "
                + $"so Redis counts its data as older than any limit and refuses to fail over (cluster-replica-validity-factor {factor}; "
                + "the replica logs \"Disconnected from master for longer than allowed\")");
        }

        if (linkDown is not { } seconds)
        {
            return new(false, $"its replication link is {snapshot.Replication.GetValueOrDefault("master_link_status", "unknown")}, "
                + "yet its master does not answer; ClusterInit cannot tell how long it has been down");
        }

        var since = DateTime.UtcNow.AddSeconds(-seconds).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        if (settings.ValidityFactor == 0)
        {
            return new(true, $"its link to {masterName} has been down since {since} UTC ({Seconds(seconds)}) and cluster-replica-validity-factor is 0, so Redis promotes it however old its data is" + pending);
        }

        if (settings.MaxLinkDownTime is not { } limit)
        {
            return new(false, $"its link to {masterName} has been down since {since} UTC ({Seconds(seconds)}); ClusterInit cannot read its failover settings "
                + "(CONFIG GET refused), so whether Redis still lets it fail over (cluster-replica-validity-factor) is unknown");
        }

        var rule = $"cluster-node-timeout {Milliseconds(settings.NodeTimeoutMs!.Value)} + repl-ping-replica-period {Seconds(settings.PingPeriodSeconds!.Value)} "
            + $"+ cluster-replica-validity-factor {factor} × cluster-node-timeout = {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
        return seconds * 1000 > limit.TotalMilliseconds
            ? new(false, $"its link to {masterName} has been down since {since} UTC ({Seconds(seconds)}), longer than Redis lets a replica fail over ({rule}); "
                + "the replica logs \"Disconnected from master for longer than allowed\"")
            : new(true, $"its link to {masterName} has been down since {since} UTC ({Seconds(seconds)}), within what Redis allows ({rule}): "
                + "Redis should promote it within seconds" + pending);
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(long seconds) => $"{seconds.ToString(CultureInfo.InvariantCulture)} s";

    private static string Milliseconds(long milliseconds) =>
        milliseconds % 1000 == 0 ? Seconds(milliseconds / 1000) : $"{milliseconds.ToString(CultureInfo.InvariantCulture)} ms";
}
