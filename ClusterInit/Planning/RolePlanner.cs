namespace RedisAspire.ClusterInit.Planning;

/// <summary>
/// Decides, deterministically, which nodes are masters and which master each replica follows.
/// Masters are spread round-robin over failure domains (largest domain first); replicas are
/// matched to masters so that none shares its master's domain whenever such a matching exists
/// (bipartite matching, so a greedy dead end cannot hide a valid placement). A node without a
/// failure domain counts as a domain of its own.
/// </summary>
public static class RolePlanner
{
    public static ClusterPlan Plan(IReadOnlyList<string?> failureDomains, int masters, int replicasPerMaster)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(masters, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(replicasPerMaster);
        var expected = masters * (1 + replicasPerMaster);
        if (failureDomains.Count != expected)
        {
            throw new ArgumentException(
                $"{masters} masters with {replicasPerMaster} replicas each need {expected} nodes, but {failureDomains.Count} are configured.",
                nameof(failureDomains));
        }

        var domains = failureDomains.Select((d, i) => string.IsNullOrWhiteSpace(d) ? $"\0node-{i}" : d.Trim()).ToArray();
        var masterIndexes = ChooseMasters(domains, masters);
        var replicaIndexes = Enumerable.Range(0, domains.Length).Where(i => !masterIndexes.Contains(i)).ToArray();

        // One seat per (master, replica number); seat s belongs to masterIndexes[s / replicasPerMaster].
        var seats = masterIndexes.SelectMany(m => Enumerable.Repeat(m, replicasPerMaster)).ToArray();
        var seatOf = MatchReplicas(seats, replicaIndexes, domains);

        var warnings = new List<string>();
        var slots = SlotAllocator.Split(masters);
        var nodes = new PlannedNode[domains.Length];
        for (var m = 0; m < masterIndexes.Count; m++)
        {
            nodes[masterIndexes[m]] = new PlannedNode(masterIndexes[m], true, null, [slots[m]]);
        }

        foreach (var (replica, seat) in seatOf)
        {
            var master = seats[seat];
            if (domains[replica] == domains[master])
            {
                warnings.Add($"node {replica} replicates node {master} in the same failure domain '{domains[master]}': no placement keeps them apart.");
            }

            nodes[replica] = new PlannedNode(replica, false, master, []);
        }

        return new ClusterPlan(nodes, warnings);
    }

    private static List<int> ChooseMasters(string[] domains, int masters)
    {
        var groups = domains
            .Select((domain, index) => (domain, index))
            .GroupBy(x => x.domain, StringComparer.Ordinal)
            .Select(g => new Queue<int>(g.Select(x => x.index)))
            .OrderByDescending(q => q.Count)
            .ThenBy(q => q.Peek())
            .ToList();
        var chosen = new List<int>(masters);
        while (chosen.Count < masters)
        {
            foreach (var group in groups.Where(g => g.Count > 0))
            {
                chosen.Add(group.Dequeue());
                if (chosen.Count == masters)
                {
                    break;
                }
            }
        }

        chosen.Sort();
        return chosen;
    }

    /// <summary>Kuhn's augmenting-path matching of replicas to seats over "different domain" edges; leftovers fill free seats in order.</summary>
    private static Dictionary<int, int> MatchReplicas(int[] seats, int[] replicas, string[] domains)
    {
        var replicaOfSeat = new int?[seats.Length];
        foreach (var replica in replicas)
        {
            TryAssign(replica, new bool[seats.Length], seats, replicaOfSeat, domains);
        }

        var seatOf = new Dictionary<int, int>();
        for (var s = 0; s < seats.Length; s++)
        {
            if (replicaOfSeat[s] is { } r)
            {
                seatOf[r] = s;
            }
        }

        var freeSeats = new Queue<int>(Enumerable.Range(0, seats.Length).Where(s => replicaOfSeat[s] is null));
        foreach (var replica in replicas.Where(r => !seatOf.ContainsKey(r)))
        {
            seatOf[replica] = freeSeats.Dequeue();
        }

        return seatOf;
    }

    private static bool TryAssign(int replica, bool[] visited, int[] seats, int?[] replicaOfSeat, string[] domains)
    {
        // A free compatible seat first keeps the natural order (replica k follows master k); augment only when none is free.
        for (var s = 0; s < seats.Length; s++)
        {
            if (!visited[s] && replicaOfSeat[s] is null && domains[seats[s]] != domains[replica])
            {
                replicaOfSeat[s] = replica;
                return true;
            }
        }

        for (var s = 0; s < seats.Length; s++)
        {
            if (visited[s] || domains[seats[s]] == domains[replica])
            {
                continue;
            }

            visited[s] = true;
            if (replicaOfSeat[s] is not { } holder || TryAssign(holder, visited, seats, replicaOfSeat, domains))
            {
                replicaOfSeat[s] = replica;
                return true;
            }
        }

        return false;
    }
}
