using System.Globalization;

namespace RedisAspire.Bench.Redis;

/// <summary>
/// The benchmark's own cluster checks, with real commands on every node, independent of ClusterInit's code:
/// <see cref="ReadyAsync"/> (the product's definition of Ready) and <see cref="RecoveredAsync"/> (after a master died).
/// </summary>
public static class ClusterCheck
{
    public const int SlotCount = 16384;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Ready: all 16384 slots covered; every node reports the same node set, roles and slot map; no slot migrating or
    /// importing; <c>cluster_state:ok</c> everywhere; <paramref name="masters"/> masters with
    /// <paramref name="replicasPerMaster"/> replicas each, and every replica's <c>master_link_status:up</c>.
    /// Returns whether it holds and, when not, what was seen.
    /// </summary>
    public static async Task<(bool Ok, string Seen)> ReadyAsync(IReadOnlyList<BenchNode> nodes, int masters = 3, int replicasPerMaster = 1)
    {
        var (states, error) = await ReadAllAsync(nodes);
        if (states is null)
        {
            return (false, error!);
        }

        var signatures = states.Select(s => Signature(s.View)).Distinct(StringComparer.Ordinal).ToList();
        var reference = states[0].View;
        var problem =
            states.FirstOrDefault(s => s.ClusterState != "ok") is { } notOk ? $"{notOk.Node} cluster_state:{notOk.ClusterState}"
            : signatures.Count != 1 ? $"{signatures.Count} different views of the cluster"
            : states.FirstOrDefault(s => s.View.Count != nodes.Count) is { } partial ? $"{partial.Node} knows {partial.View.Count} of {nodes.Count} nodes"
            : states.FirstOrDefault(s => s.View.Any(l => l.IsUnhealthy || l.HasOpenSlots)) is { } flagged ? $"{flagged.Node} sees a failed/handshake node or an open slot"
            : Covered(reference.Where(l => l.IsMaster)) is var covered && covered != SlotCount ? $"{covered} of {SlotCount} slots covered"
            : reference.Count(l => l.IsMaster) != masters ? $"{reference.Count(l => l.IsMaster)} masters, expected {masters}"
            : reference.Where(l => l.IsMaster).FirstOrDefault(m => reference.Count(r => r.IsReplica && r.MasterId == m.Id) != replicasPerMaster) is { } lonely
                ? $"master {lonely.Address} has {reference.Count(r => r.IsReplica && r.MasterId == lonely.Id)} replicas, expected {replicasPerMaster}"
            : states.FirstOrDefault(s => s.Role == "slave" && s.MasterLinkStatus != "up") is { } down ? $"{down.Node} master_link_status:{down.MasterLinkStatus}"
            : null;
        return (problem is null, problem ?? "Ready");
    }

    /// <summary>
    /// Recovered after a master died: on every node in <paramref name="liveNodes"/>, every slot is served by a master
    /// that is one of the live nodes and not flagged failed, and <c>cluster_state:ok</c>.
    /// </summary>
    public static async Task<(bool Ok, string Seen)> RecoveredAsync(IReadOnlyList<BenchNode> liveNodes)
    {
        var (states, error) = await ReadAllAsync(liveNodes);
        if (states is null)
        {
            return (false, error!);
        }

        var liveAddresses = liveNodes.Select(n => n.Endpoint).ToHashSet(StringComparer.Ordinal);
        foreach (var state in states)
        {
            if (state.ClusterState != "ok")
            {
                return (false, $"{state.Node} cluster_state:{state.ClusterState}");
            }

            var served = Covered(state.View.Where(l => l.IsMaster && !l.IsUnhealthy && liveAddresses.Contains(l.Address)));
            if (served != SlotCount)
            {
                return (false, $"{state.Node} sees {served} of {SlotCount} slots on a live master");
            }
        }

        return (true, "recovered");
    }

    /// <summary>
    /// Waits, bounded, for <see cref="ReadyAsync"/>; the timeout names what was last seen. Returns the last condition
    /// that was not yet met before Ready (what the wait was spent on), or <see langword="null"/> when Ready at once.
    /// </summary>
    public static async Task<string?> WaitReadyAsync(IReadOnlyList<BenchNode> nodes, TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        var seen = "no check yet";
        string? lastUnmet = null;
        await Poll.UntilAsync(
            async () =>
            {
                (var ok, seen) = await ReadyAsync(nodes);
                if (!ok)
                {
                    lastUnmet = seen;
                }

                return ok;
            },
            timeout,
            interval,
            () => $"the cluster on {string.Join(", ", nodes.Select(n => n.Endpoint))} to be Ready; last seen: {seen}",
            cancellationToken);
        return lastUnmet;
    }

    private static async Task<(IReadOnlyList<NodeState>? States, string? Error)> ReadAllAsync(IReadOnlyList<BenchNode> nodes)
    {
        var reads = nodes.Select(n => NodeState.ReadAsync(n, CommandTimeout)).ToList();
        try
        {
            return (await Task.WhenAll(reads), null);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or OperationCanceledException or FormatException)
        {
            return (null, e.Message);
        }
    }

    private static int Covered(IEnumerable<ClusterNodeLine> masters)
    {
        var slots = new bool[SlotCount];
        foreach (var (first, last) in masters.SelectMany(m => m.Slots))
        {
            for (var slot = first; slot <= last && slot < SlotCount; slot++)
            {
                slots[slot] = true;
            }
        }

        return slots.Count(s => s);
    }

    // A view without per-node noise (myself flag, ping times, link state): ids, addresses, roles, masters and slots.
    private static string Signature(IReadOnlyList<ClusterNodeLine> view) =>
        string.Join(';', view.OrderBy(l => l.Id, StringComparer.Ordinal).Select(l =>
            string.Create(CultureInfo.InvariantCulture, $"{l.Id} {l.Address} {(l.IsMaster ? "M" : "R")} {l.MasterId} {string.Join(',', l.Slots.Select(s => $"{s.First}-{s.Last}"))}")));
}
