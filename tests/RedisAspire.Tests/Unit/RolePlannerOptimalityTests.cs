using System.Numerics;
using RedisAspire.ClusterInit.Planning;

namespace RedisAspire.Tests.Unit;

/// <summary>
/// Compares the planner with a brute-force search over every choice of masters and every replica
/// matching, for every way of labelling the nodes with up to four failure domains.
/// </summary>
public class RolePlannerOptimalityTests
{
    [Theory]
    [InlineData(3, 1)]
    [InlineData(4, 1)]
    [InlineData(3, 2)]
    public void WarnsOnlyAboutUnavoidableConflicts(int masters, int replicasPerMaster)
    {
        var checkedLayouts = 0;
        foreach (var layout in Layouts(masters * (1 + replicasPerMaster), labels: 4))
        {
            var plan = RolePlanner.Plan(layout, masters, replicasPerMaster);

            var conflicts = plan.Replicas.Count(r => layout[r.Index] == layout[r.MasterIndex!.Value]);
            var fewest = FewestConflicts(layout, masters, replicasPerMaster);
            var shown = string.Join(",", layout);
            Assert.True(conflicts == fewest, $"{shown}: {conflicts} replicas share their master's domain, {fewest} would be possible");
            Assert.True(plan.Warnings.Count == conflicts, $"{shown}: {plan.Warnings.Count} warnings for {conflicts} conflicts");
            checkedLayouts++;
        }

        Assert.True(checkedLayouts > 100, $"only {checkedLayouts} layouts");
    }

    /// <summary>Every labelling of <paramref name="nodes"/> nodes with up to <paramref name="labels"/> domains, up to renaming.</summary>
    private static IEnumerable<string[]> Layouts(int nodes, int labels)
    {
        var current = new int[nodes];
        return Next(0, -1);

        IEnumerable<string[]> Next(int node, int highest)
        {
            if (node == nodes)
            {
                yield return [.. current.Select(c => $"zone-{c}")];
                yield break;
            }

            for (var label = 0; label <= Math.Min(highest + 1, labels - 1); label++)
            {
                current[node] = label;
                foreach (var layout in Next(node + 1, Math.Max(highest, label)))
                {
                    yield return layout;
                }
            }
        }
    }

    /// <summary>The fewest replicas that must share their master's domain, over every plan.</summary>
    private static int FewestConflicts(string[] domains, int masters, int replicasPerMaster)
    {
        var fewest = int.MaxValue;
        for (var mask = 0u; mask < 1u << domains.Length; mask++)
        {
            if (BitOperations.PopCount(mask) != masters)
            {
                continue;
            }

            var seats = Enumerable.Range(0, domains.Length).Where(i => (mask & (1u << i)) != 0).SelectMany(m => Enumerable.Repeat(m, replicasPerMaster)).ToArray();
            var holder = Enumerable.Repeat(-1, seats.Length).ToArray();
            var replicas = Enumerable.Range(0, domains.Length).Where(i => (mask & (1u << i)) == 0).ToList();
            var matched = replicas.Count(r => Assign(r, new bool[seats.Length]));
            fewest = Math.Min(fewest, replicas.Count - matched);

            bool Assign(int replica, bool[] visited)
            {
                for (var s = 0; s < seats.Length; s++)
                {
                    if (visited[s] || domains[seats[s]] == domains[replica])
                    {
                        continue;
                    }

                    visited[s] = true;
                    if (holder[s] < 0 || Assign(holder[s], visited))
                    {
                        holder[s] = replica;
                        return true;
                    }
                }

                return false;
            }
        }

        return fewest;
    }
}
