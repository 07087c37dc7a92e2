namespace RedisAspire.ClusterInit.Planning;

/// <summary>
/// Decides, deterministically, which nodes are masters and which master each replica follows.
/// Every way of spreading the masters over the failure domains is scored by a bipartite
/// matching of replicas to masters (so a greedy dead end cannot hide a valid placement): the
/// plan with the fewest replicas sharing their master's domain wins, then the one spreading
/// masters over the most domains, then the most even spread. Within a domain, nodes are taken
/// in configuration order. A node without a failure domain counts as a domain of its own.
/// </summary>
public static class RolePlanner
{
    /// <summary>Upper bound on master layouts scored; far above what real topologies need.</summary>
    private const int MaxLayouts = 200_000;

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
        var groups = domains
            .Select((domain, index) => (domain, index))
            .GroupBy(x => x.domain, StringComparer.Ordinal)
            .Select(g => g.Select(x => x.index).ToArray())
            .ToArray();

        Layout? best = null;
        var scored = 0;
        foreach (var counts in MasterCounts(groups.Select(g => g.Length).ToArray(), masters))
        {
            var candidate = Score(counts, groups, domains, replicasPerMaster);
            if (best is null || candidate.IsBetterThan(best))
            {
                best = candidate;
            }

            if (++scored >= MaxLayouts || best.IsPerfect(groups.Length, masters))
            {
                break;
            }
        }

        return Build(best!, domains, masters);
    }

    private static ClusterPlan Build(Layout layout, string[] domains, int masters)
    {
        var warnings = new List<string>();
        var slots = SlotAllocator.Split(masters);
        var nodes = new PlannedNode[domains.Length];
        for (var m = 0; m < layout.Masters.Count; m++)
        {
            nodes[layout.Masters[m]] = new PlannedNode(layout.Masters[m], true, null, [slots[m]]);
        }

        foreach (var (replica, seat) in layout.SeatOf.OrderBy(p => p.Key))
        {
            var master = layout.Seats[seat];
            if (domains[replica] == domains[master])
            {
                warnings.Add($"node {replica} replicates node {master} in the same failure domain '{domains[master]}': no placement keeps them apart.");
            }

            nodes[replica] = new PlannedNode(replica, false, master, []);
        }

        return new ClusterPlan(nodes, warnings);
    }

    private static Layout Score(int[] counts, int[][] groups, string[] domains, int replicasPerMaster)
    {
        var masterIndexes = groups.SelectMany((nodes, g) => nodes.Take(counts[g])).Order().ToList();
        var replicaIndexes = Enumerable.Range(0, domains.Length).Where(i => !masterIndexes.Contains(i)).ToArray();

        // One seat per (master, replica number).
        var seats = masterIndexes.SelectMany(m => Enumerable.Repeat(m, replicasPerMaster)).ToArray();
        var seatOf = MatchReplicas(seats, replicaIndexes, domains);
        var conflicts = seatOf.Count(p => domains[p.Key] == domains[seats[p.Value]]);
        return new Layout(masterIndexes, seats, seatOf, conflicts, counts.Count(c => c > 0), counts.Max());
    }

    /// <summary>Every way to give each domain between 0 and its size masters, summing to <paramref name="masters"/>; fullest first.</summary>
    private static IEnumerable<int[]> MasterCounts(int[] sizes, int masters)
    {
        var counts = new int[sizes.Length];
        var remainingCapacity = new int[sizes.Length + 1];
        for (var g = sizes.Length - 1; g >= 0; g--)
        {
            remainingCapacity[g] = remainingCapacity[g + 1] + sizes[g];
        }

        return Fill(0, masters);

        IEnumerable<int[]> Fill(int group, int left)
        {
            if (group == sizes.Length)
            {
                if (left == 0)
                {
                    yield return (int[])counts.Clone();
                }

                yield break;
            }

            for (var take = Math.Min(sizes[group], left); take >= 0; take--)
            {
                if (left - take > remainingCapacity[group + 1])
                {
                    break;
                }

                counts[group] = take;
                foreach (var layout in Fill(group + 1, left - take))
                {
                    yield return layout;
                }
            }

            counts[group] = 0;
        }
    }

    private sealed record Layout(List<int> Masters, int[] Seats, Dictionary<int, int> SeatOf, int Conflicts, int Domains, int MostInOneDomain)
    {
        public bool IsBetterThan(Layout other) =>
            Conflicts != other.Conflicts ? Conflicts < other.Conflicts
            : Domains != other.Domains ? Domains > other.Domains
            : MostInOneDomain < other.MostInOneDomain;

        public bool IsPerfect(int domainCount, int masters) =>
            Conflicts == 0 && Domains == Math.Min(domainCount, masters) && MostInOneDomain == (masters + domainCount - 1) / domainCount;
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
