using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.ClusterFormation;

/// <summary>ClusterInit keeps each replica off its master's failure domain and spreads the masters.</summary>
public sealed class FailureDomainTests
{
    [RedisTheory]
    [InlineData("a,a,b,b,c,c")]
    [InlineData("a,b,c,a,b,c")]
    public async Task SpreadsReplicasAcrossFailureDomains(string domainPerNode)
    {
        var domains = domainPerNode.Split(',');
        await using var cluster = await RedisTestCluster.StartAsync();

        var run = await cluster.RunClusterInitAsync(failureDomains: domains);

        Assert.True(run.ExitCode == 0, run.ToString());
        var view = await ClusterAssertions.AssertReadyAsync(cluster);
        var domainOfPort = cluster.Nodes.Select((node, i) => (node.Port, Domain: domains[i]))
            .ToDictionary(pair => pair.Port, pair => pair.Domain);
        var layout = string.Join(", ", view.Select(entry =>
            $"{entry.Endpoint}[{domainOfPort[entry.Port]}] {(entry.IsMaster ? "master" : "replica of " + entry.MasterId)} {entry.Id}"));
        var masterDomains = view.Where(entry => entry.IsMaster).Select(entry => domainOfPort[entry.Port]).Distinct().ToArray();
        Assert.True(masterDomains.Length == 3, $"masters share failure domains: {layout}");
        foreach (var replica in view.Where(entry => entry.IsReplica))
        {
            var master = view.Single(entry => entry.Id == replica.MasterId);
            Assert.True(
                domainOfPort[replica.Port] != domainOfPort[master.Port],
                $"{replica.Endpoint} replicates {master.Endpoint} in its own failure domain {domainOfPort[master.Port]}: {layout}");
        }
    }
}
