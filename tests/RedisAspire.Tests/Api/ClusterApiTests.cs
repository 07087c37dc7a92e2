using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Api;

/// <summary>SampleApi spreads keys over the whole cluster and reports the topology the cluster itself reports.</summary>
[Collection(FormedClusterGroup.Name)]
public sealed class ClusterApiTests(FormedClusterFixture fixture)
{
    private const int SlotCount = 16384;
    private const int KeyCount = 1000;

    [RedisFact]
    public async Task ThousandKeysRoundTripAndEveryMasterHoldsAFifthOfThem()
    {
        var prefix = $"spread-{Guid.NewGuid():N}-";
        var keys = Enumerable.Range(0, KeyCount).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 16 };

        await Parallel.ForEachAsync(keys, parallel, async (key, ct) =>
        {
            using var put = await fixture.Http.PutAsync(ItemUri(key), new StringContent("value of " + key), ct);
            Assert.True(put.StatusCode == HttpStatusCode.NoContent, $"PUT {key}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync(ct)}");
        });
        await Parallel.ForEachAsync(keys, parallel, async (key, ct) =>
        {
            using var get = await fixture.Http.GetAsync(ItemUri(key), ct);
            var body = await get.Content.ReadAsStringAsync(ct);
            Assert.True(get.StatusCode == HttpStatusCode.OK && body == "value of " + key, $"GET {key}: {(int)get.StatusCode} {body}");
        });

        var masters = ClusterNodesLine.ParseAll(await fixture.Cluster.ExecTextAsync(0, "CLUSTER", "NODES")).Where(node => node.IsMaster).ToList();
        Assert.Equal(3, masters.Count);
        var perMaster = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var master in masters)
        {
            perMaster[master.Endpoint] = await CountKeysAsync(fixture.Cluster.Nodes.Single(node => node.Port == master.Port), prefix + "*");
        }

        var spread = string.Join(", ", perMaster.Select(pair => $"{pair.Key}: {pair.Value}"));
        Assert.True(perMaster.Values.Sum() == KeyCount, $"the masters hold {perMaster.Values.Sum()} of the {KeyCount} keys ({spread})");
        Assert.All(perMaster.Values, count => Assert.True(count >= KeyCount / 5, $"a master holds less than 20 % of the keys ({spread})"));
    }

    [RedisFact]
    public async Task ClusterEndpointListsThreeMastersCoveringEverySlotAndThreeReplicas()
    {
        var nodes = await fixture.Http.GetFromJsonAsync<List<ClusterNodeResponse>>(new Uri("cluster", UriKind.Relative));

        Assert.NotNull(nodes);
        var because = string.Join("; ", nodes);
        var view = ClusterNodesLine.ParseAll(await fixture.Cluster.ExecTextAsync(0, "CLUSTER", "NODES"));
        Assert.Equal(fixture.Cluster.Endpoints.Order(), nodes.Select(node => node.Endpoint).Order());
        Assert.All(nodes, node => Assert.True(node.Connected, $"{node.Endpoint} is not connected; {because}"));
        var masters = nodes.Where(node => node.Role == "master").ToList();
        var replicas = nodes.Where(node => node.Role == "replica").ToList();
        Assert.True(masters.Count == 3 && replicas.Count == 3, because);
        Assert.Equal(view.Where(node => node.IsMaster).Select(node => node.Endpoint).Order(), masters.Select(node => node.Endpoint).Order());
        Assert.Equal(SlotCount, masters.Sum(master => master.Slots.Sum(SlotsIn)));
        Assert.All(replicas, replica => Assert.Empty(replica.Slots));
        Assert.Equal(
            masters.Select(master => master.Endpoint).Order(),
            replicas.Select(replica => replica.Master ?? "(none)").Order());
        foreach (var replica in replicas)
        {
            var line = view.Single(node => node.Endpoint == replica.Endpoint);
            Assert.Equal(view.Single(node => node.Id == line.MasterId).Endpoint, replica.Master);
        }
    }

    [RedisTheory]
    [InlineData("x")]
    [InlineData("hello")]
    [InlineData("user:1000:profile")]
    [InlineData("{user1000}.following")]
    [InlineData("grüße")]
    public async Task SlotEndpointAgreesWithClusterKeyslot(string key)
    {
        var expected = await KeyLocation.FindAsync(fixture.Cluster, key);

        var slot = await fixture.Http.GetFromJsonAsync<KeySlotResponse>(new Uri($"cluster/slots/{Uri.EscapeDataString(key)}", UriKind.Relative));

        Assert.Equal(new KeySlotResponse(key, expected.Slot, expected.Master.Endpoint), slot);
    }

    [RedisFact]
    public async Task SampleApiRunsWithinItsAclUserWithoutASingleDenial()
    {
        using var put = await fixture.Http.PutAsync(ItemUri($"acl-{Guid.NewGuid():N}"), new StringContent("value"));
        using var health = await fixture.Http.GetAsync(new Uri("health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // ACL LOG lists every command or key a user was refused since the node started.
        foreach (var node in fixture.Cluster.Nodes)
        {
            var log = await node.ExecAsync("ACL", "LOG");
            Assert.True(log.Items.Count == 0, $"{node} refused: {log}");
        }
    }

    private static Uri ItemUri(string key) => new($"items/{Uri.EscapeDataString(key)}", UriKind.Relative);

    private static int SlotsIn(string range)
    {
        var bounds = range.Split('-').Select(bound => int.Parse(bound, CultureInfo.InvariantCulture)).ToArray();
        return bounds[^1] - bounds[0] + 1;
    }

    private static async Task<int> CountKeysAsync(RedisNode node, string pattern)
    {
        await using var client = await node.ConnectAsync();
        var cursor = "0";
        var count = 0;
        do
        {
            var reply = await client.ExecuteAsync("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            Assert.False(reply.IsError, $"SCAN on {node}: {reply}");
            cursor = reply.Items[0].AsText();
            count += reply.Items[1].Items.Count;
        }
        while (cursor != "0");

        return count;
    }
}
