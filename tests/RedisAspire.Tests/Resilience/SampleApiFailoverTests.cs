using System.Net;
using System.Net.Http.Json;
using System.Text;
using RedisAspire.Tests.Api;
using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Resilience;

/// <summary>
/// SampleApi through a master's death: a PUT sent while the failover is under way succeeds once the replica has
/// taken over (the client's retry policy sends it again until a live node's MOVED names the new master), and an
/// INCR sent meanwhile is applied at most once.
/// </summary>
[Collection(ResilienceGroup.Name)]
public sealed class SampleApiFailoverTests(ITestOutputHelper output)
{
    // Longer than a failover on a loaded machine; the API's retry budget is longer still.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    [RedisFact]
    public async Task PutDuringFailoverSucceedsOnceTheReplicaHasTakenOver()
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

        // The promoted replica holds it: the write went to the new master, not to a node that lost the slot.
        Assert.Equal("during", await cluster.ExecTextAsync(replica, "GET", key));
        output.WriteLine($"PUT during the failover stored on {cluster.Nodes[replica].Endpoint}, the promoted replica");
    }

    [RedisFact]
    public async Task IncrementDuringFailoverIsAppliedAtMostOnce()
    {
        await using var cluster = await ResilientCluster.StartFormedAsync();
        var (master, replica) = await ClusterView.ShardOfSlotAsync(cluster, 0);
        var lostId = await cluster.ExecTextAsync(master, "CLUSTER", "MYID");
        var observer = Enumerable.Range(0, cluster.Nodes.Count).First(i => i != master && i != replica);
        var masterSlots = (await ClusterView.OfAsync(cluster, master)).Single(e => e.IsMyself).Slots;
        var tag = KeySlot.TagsWhere(slot => masterSlots.Any(r => r.Start <= slot && slot <= r.End), 1)[0];
        await using var api = await SampleApiProcess.StartAsync(
            cluster, new Dictionary<string, string?> { ["Redis__RetryBudget"] = "00:00:40" });
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = RequestTimeout };
        var counter = new Uri($"counters/{Uri.EscapeDataString("{" + tag + "}")}/increment", UriKind.Relative);
        using (var first = await http.PostAsync(counter, content: null))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await cluster.Nodes[master].KillAsync();
        var during = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => http.PostAsync(counter, content: null)));
        await ResilientCluster.WaitForNewOwnerAsync(cluster, observer, masterSlots[0].Start, lostId);
        using var after = await http.PostAsync(counter, content: null);

        // Every answered increment was applied once: the last value is one more than the increments answered 200
        // before it; an increment that may have run when its connection broke is answered 503, never repeated.
        var succeeded = during.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(during, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{(int)r.StatusCode}"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var value = (await after.Content.ReadFromJsonAsync<CounterResponse>())!.Value;
        Assert.InRange(value, 2 + succeeded, 2 + during.Length);
        foreach (var response in during)
        {
            response.Dispose();
        }
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient http, string key, string value) =>
        http.PutAsync(new Uri($"items/{Uri.EscapeDataString(key)}", UriKind.Relative), new StringContent(value, Encoding.UTF8, "text/plain"));
}
