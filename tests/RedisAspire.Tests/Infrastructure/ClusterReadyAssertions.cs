using System.Globalization;
namespace RedisAspire.Tests.Infrastructure;

/// <summary>Checks a 3 + 3 cluster from the outside, node by node, with real commands (as a user with <c>redis-cli</c> would).</summary>
internal static class ClusterReadyAssertions
{
    private const int SlotCount = 16384;

    /// <summary>
    /// Asserts "Ready" at the nodes' announced endpoints <paramref name="nodes"/> (name, host, port), authenticating with
    /// <paramref name="password"/> (as <paramref name="user"/> when given): 6 nodes, 3 masters with one replica each, all
    /// 16384 slots covered, the same slot map everywhere, <c>cluster_state:ok</c> on every node and every replica's link
    /// up. Returns the first node's view.
    /// </summary>
    public static async Task<IReadOnlyList<ClusterNodesLine>> AssertReadyAsync(IReadOnlyList<(string Name, string Host, int Port)> nodes, string password, string? user = null)
    {
        var endpoints = nodes.Select(node => $"{node.Host}:{node.Port}").Order().ToArray();
        IReadOnlyList<ClusterNodesLine>? first = null;
        foreach (var node in nodes)
        {
            await using var client = await TestRedisClient.ConnectAsync(node.Host, node.Port, password, user: user);
            var clusterNodes = (await client.ExecuteAsync("CLUSTER", "NODES")).AsText();
            var view = ClusterNodesLine.ParseAll(clusterNodes);
            var because = $"CLUSTER NODES on {node.Name} ({node.Host}:{node.Port}):\n{clusterNodes}";

            Assert.True(view.Count == 6, because);
            Assert.True(view.Count(entry => entry.IsMaster) == 3, because);
            Assert.True(view.Count(entry => entry.IsReplica) == 3, because);
            Assert.True(endpoints.SequenceEqual(view.Select(entry => entry.Endpoint).Order()), $"announced endpoints differ from {string.Join(", ", endpoints)}; {because}");
            Assert.True(view.All(entry => entry.LinkState == "connected" && entry.OpenSlots.Count == 0), because);
            Assert.True(view.All(entry => !entry.Flags.Overlaps(["fail", "fail?", "handshake", "noaddr"])), because);
            var masters = view.Where(entry => entry.IsMaster).ToList();
            Assert.Equal(masters.Select(master => master.Id).Order(), view.Where(entry => entry.IsReplica).Select(entry => entry.MasterId ?? "-").Order());
            Assert.Equal(SlotCount, masters.Sum(master => master.SlotCount));
            Assert.Equal(SlotMap(first ?? view), SlotMap(view));
            first ??= view;

            var info = RedisInfo.Parse((await client.ExecuteAsync("CLUSTER", "INFO")).AsText());
            Assert.Equal("ok", info["cluster_state"]);
            Assert.Equal("16384", info["cluster_slots_ok"]);
            Assert.Equal("6", info["cluster_known_nodes"]);
            if (view.Single(entry => entry.IsMyself).IsReplica)
            {
                var replication = RedisInfo.Parse((await client.ExecuteAsync("INFO", "replication")).AsText());
                Assert.True(replication.GetValueOrDefault("master_link_status") == "up", $"{node.Name}: {string.Join(", ", replication)}");
            }
        }

        return first!;
    }

    /// <summary>Asserts every master of <paramref name="view"/> holds keys; returns <c>endpoint=DBSIZE</c> per master.</summary>
    public static async Task<string> AssertEveryMasterHoldsKeysAsync(string password, IReadOnlyList<ClusterNodesLine> view, string? user = null)
    {
        var sizes = new List<string>();
        foreach (var master in view.Where(entry => entry.IsMaster))
        {
            await using var client = await TestRedisClient.ConnectAsync(master.Host, master.Port, password, user: user);
            var keys = (await client.ExecuteAsync("DBSIZE")).AsInteger();
            Assert.True(keys > 0, $"master {master.Endpoint} holds no key");
            sizes.Add(string.Create(CultureInfo.InvariantCulture, $"{master.Endpoint}={keys}"));
        }

        return string.Join(", ", sizes);
    }

    private static string SlotMap(IReadOnlyList<ClusterNodesLine> view) =>
        string.Join(' ', view.Where(entry => entry.IsMaster)
            .SelectMany(master => master.Slots.Select(range => $"{range.Start}-{range.End}:{master.Endpoint}"))
            .Order(StringComparer.Ordinal));
}
