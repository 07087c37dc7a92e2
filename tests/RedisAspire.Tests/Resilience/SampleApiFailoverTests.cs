using System.Net;
using System.Text;
using RedisAspire.Tests.Api;
using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Resilience;

/// <summary>
/// SampleApi through a master's death: a PUT sent while the failover is under way succeeds once the replica has
/// taken over, because a live node names the new master and the API rebuilds its client for it.
/// </summary>
[Collection(ResilienceGroup.Name)]
public sealed class SampleApiFailoverTests(ITestOutputHelper output)
{
    // Longer than a failover on a loaded machine; the API's retry budget is longer still.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    [RedisFact]
    public async Task PutDuringFailoverSucceedsAfterTheClientIsRebuiltForTheMasterALiveNodeNames()
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        var (master, replica) = await ClusterView.ShardOfSlotAsync(cluster, 0);
        var lostId = await cluster.ExecTextAsync(master, "CLUSTER", "MYID");
        var observer = Enumerable.Range(0, cluster.Nodes.Count).First(i => i != master && i != replica);
        var masterSlots = (await ClusterView.OfAsync(cluster, master)).Single(e => e.IsMyself).Slots;
        var key = "{" + KeySlot.TagsWhere(slot => masterSlots.Any(r => r.Start <= slot && slot <= r.End), 1)[0] + "}:item";
        await using var api = await SampleApiProcess.StartAsync(
            cluster, new Dictionary<string, string?> { ["Redis__RetryBudget"] = "00:00:40" });
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = RequestTimeout };
        using (var before = await PutAsync(http, key, "before"))
        {
            Assert.Equal(HttpStatusCode.NoContent, before.StatusCode);
        }

        await cluster.Nodes[master].KillAsync();
        var during = PutAsync(http, key, "during");
        await ResilientCluster.WaitForNewOwnerAsync(cluster, observer, masterSlots[0].Start, lostId);

        using (var response = await during)
        {
            Assert.True(
                response.StatusCode == HttpStatusCode.NoContent,
                $"PUT during the failover answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}; API output:\n{api.Output}");
        }

        using (var read = await http.GetAsync(new Uri($"items/{Uri.EscapeDataString(key)}", UriKind.Relative)))
        {
            Assert.Equal("during", await read.Content.ReadAsStringAsync());
        }

        var newMaster = cluster.Nodes[replica].Endpoint;
        var rebuilds = api.Output.Split('\n').Where(line => line.Contains("Rebuilt the Redis multiplexer", StringComparison.Ordinal)).ToList();
        Assert.True(
            rebuilds.Any(line => line.Contains($"a live node serves the slot from {newMaster}, not {cluster.Nodes[master].Endpoint}", StringComparison.Ordinal)),
            $"no rebuild names the new master {newMaster}; API output:\n{api.Output}");
        output.WriteLine(string.Join('\n', rebuilds));
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient http, string key, string value) =>
        http.PutAsync(new Uri($"items/{Uri.EscapeDataString(key)}", UriKind.Relative), new StringContent(value, Encoding.UTF8, "text/plain"));
}
