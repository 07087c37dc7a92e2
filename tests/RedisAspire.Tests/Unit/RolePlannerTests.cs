using RedisAspire.ClusterInit.Planning;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Tests.Unit;

public class RolePlannerTests
{
    [Fact]
    public void PlansFirstNodesAsMastersAndPairsReplicasInOrderWithoutDomains()
    {
        var plan = RolePlanner.Plan(new string?[6], masters: 3, replicasPerMaster: 1);

        Assert.Equal([0, 1, 2], plan.Masters.Select(n => n.Index));
        Assert.Equal([(3, 0), (4, 1), (5, 2)], plan.Replicas.Select(n => (n.Index, n.MasterIndex!.Value)));
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void GivesMastersTheRedisCliSlotSplitInMasterOrder()
    {
        var plan = RolePlanner.Plan(new string?[6], 3, 1);

        Assert.Equal([new(0, 5460), new(5461, 10922), new(10923, 16383)], plan.Masters.SelectMany(m => m.Slots));
        Assert.All(plan.Replicas, r => Assert.Empty(r.Slots));
    }

    [Fact]
    public void ListsNodesInConfigurationOrder()
    {
        var plan = RolePlanner.Plan(["a", "a", "b", "b", "c", "c"], 3, 1);

        Assert.Equal([0, 1, 2, 3, 4, 5], plan.Nodes.Select(n => n.Index));
    }

    [Fact]
    public void IsDeterministic()
    {
        string?[] domains = ["rack-1", "rack-1", "rack-2", null, "rack-2", "rack-3", " ", "rack-3", "rack-1"];

        var first = RolePlanner.Plan(domains, 3, 2);
        var second = RolePlanner.Plan([.. domains], 3, 2);

        Assert.Equal(Describe(first), Describe(second));
        Assert.Equal(first.Warnings, second.Warnings);
    }

    [Theory]
    [InlineData("a,a,b,b,c,c")]
    [InlineData("a,b,c,a,b,c")]
    [InlineData("a,a,a,b,b,b")]
    [InlineData("c,b,a,a,b,c")]
    [InlineData("a,b,c,d,e,f")]
    [InlineData("zone-1,zone-1,zone-2,zone-2,zone-3,zone-3")]
    public void KeepsEveryReplicaOffItsMastersDomain(string layout)
    {
        var domains = layout.Split(',');

        var plan = RolePlanner.Plan(domains, 3, 1);

        AssertValidPlan(plan, 3, 1);
        AssertSeparated(plan, domains);
    }

    [Theory]
    [InlineData("a,a,b,b,c,c")]
    [InlineData("a,b,c,a,b,c")]
    [InlineData("c,b,a,a,b,c")]
    public void PutsMastersInThreeDistinctDomains(string layout)
    {
        var domains = layout.Split(',');

        var plan = RolePlanner.Plan(domains, 3, 1);

        Assert.Equal(3, plan.Masters.Select(m => domains[m.Index]).Distinct().Count());
    }

    [Theory]
    [InlineData("a,a,a,b,b,b,c,c,c")]
    [InlineData("a,b,c,a,b,c,a,b,c")]
    [InlineData("c,c,c,b,b,b,a,a,a")]
    [InlineData("a,b,b,c,c,a,b,a,c")]
    public void KeepsTwoReplicasPerMasterOffTheMastersDomain(string layout)
    {
        var domains = layout.Split(',');

        var plan = RolePlanner.Plan(domains, 3, 2);

        AssertValidPlan(plan, 3, 2);
        AssertSeparated(plan, domains);
        Assert.Equal(3, plan.Masters.Select(m => domains[m.Index]).Distinct().Count());
    }

    [Fact]
    public void TreatsNodesWithoutDomainAsDomainsOfTheirOwn()
    {
        string?[] domains = ["a", "a", null, "", "  ", "a"];

        var plan = RolePlanner.Plan(domains, 3, 1);

        AssertValidPlan(plan, 3, 1);
        Assert.Empty(plan.Warnings);
        Assert.All(plan.Replicas, r => Assert.False(domains[r.Index] == "a" && domains[r.MasterIndex!.Value] == "a", $"node {r.Index} follows node {r.MasterIndex} in domain a"));
    }

    [Fact]
    public void TrimsDomainLabelsBeforeComparingThem()
    {
        var plan = RolePlanner.Plan(["a", " a", "a ", "a", "\ta", "a"], 3, 1);

        AssertValidPlan(plan, 3, 1);
        Assert.Equal(3, plan.Warnings.Count);
    }

    [Fact]
    public void WarnsAboutEveryConflictWhenAllNodesShareOneDomain()
    {
        var plan = RolePlanner.Plan(["rack-1", "rack-1", "rack-1", "rack-1", "rack-1", "rack-1"], 3, 1);

        AssertValidPlan(plan, 3, 1);
        Assert.Equal(3, plan.Warnings.Count);
        foreach (var replica in plan.Replicas)
        {
            Assert.Single(plan.Warnings, w => w.StartsWith($"node {replica.Index} replicates node {replica.MasterIndex} ", StringComparison.Ordinal));
        }

        Assert.All(plan.Warnings, w => Assert.Contains("'rack-1'", w, StringComparison.Ordinal));
    }

    [Fact]
    public void WarnsOnlyAboutTheReplicaThatCannotBePlacedApart()
    {
        string[] domains = ["a", "b", "c", "a", "a", "a"];

        var plan = RolePlanner.Plan(domains, 3, 1);

        AssertValidPlan(plan, 3, 1);
        Assert.Equal([0, 1, 2], plan.Masters.Select(m => m.Index));
        var conflicted = plan.Replicas.Where(r => domains[r.Index] == domains[r.MasterIndex!.Value]).ToList();
        var warning = Assert.Single(plan.Warnings);
        var replica = Assert.Single(conflicted);
        Assert.Equal($"node {replica.Index} replicates node {replica.MasterIndex} in the same failure domain 'a': no placement keeps them apart.", warning);
    }

    [Fact]
    public void WarnsWhenTwoDomainsCannotHoldThreeMastersAndTheirReplicasApart()
    {
        string[] domains = ["a", "a", "a", "a", "b", "b"];

        var plan = RolePlanner.Plan(domains, 3, 1);

        AssertValidPlan(plan, 3, 1);
        var conflicts = plan.Replicas.Count(r => domains[r.Index] == domains[r.MasterIndex!.Value]);
        Assert.Equal(1, conflicts);
        Assert.Single(plan.Warnings);
    }

    [Fact]
    public void PlansMastersWithoutReplicas()
    {
        var plan = RolePlanner.Plan(["a", "a", "a"], 3, 0);

        Assert.Equal(3, plan.Masters.Count());
        Assert.Empty(plan.Replicas);
        Assert.Empty(plan.Warnings);
    }

    [Theory]
    [InlineData("x,x,y,y,z,z,w", 3, 1)]
    [InlineData("a,b,c,d,e", 3, 1)]
    [InlineData("a,b,c,a,b,c", 3, 2)]
    [InlineData("", 3, 1)]
    public void RejectsNodeCountThatDoesNotMatchTheShape(string layout, int masters, int replicasPerMaster)
    {
        string[] domains = layout.Length == 0 ? [] : layout.Split(',');

        var exception = Assert.Throws<ArgumentException>(() => RolePlanner.Plan(domains, masters, replicasPerMaster));

        Assert.Equal("failureDomains", exception.ParamName);
        Assert.Contains($"{domains.Length} are configured", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsZeroMastersAndNegativeReplicas()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RolePlanner.Plan([], 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RolePlanner.Plan(["a", "b", "c"], 3, -1));
    }

    private static void AssertValidPlan(ClusterPlan plan, int masters, int replicasPerMaster)
    {
        Assert.Equal(masters * (1 + replicasPerMaster), plan.Nodes.Count);
        Assert.Equal(masters, plan.Masters.Count());
        Assert.Equal(Enumerable.Range(0, plan.Nodes.Count), plan.Nodes.Select(n => n.Index));
        var masterIndexes = plan.Masters.Select(m => m.Index).ToHashSet();
        Assert.All(plan.Masters, m => Assert.Null(m.MasterIndex));
        Assert.All(plan.Replicas, r => Assert.Contains(r.MasterIndex!.Value, masterIndexes));
        Assert.All(plan.Masters, m => Assert.Equal(replicasPerMaster, plan.Replicas.Count(r => r.MasterIndex == m.Index)));
        Assert.Equal(SlotRange.SlotCount, plan.Masters.SelectMany(m => m.Slots).Sum(s => s.Count));
    }

    private static void AssertSeparated(ClusterPlan plan, string[] domains)
    {
        Assert.Empty(plan.Warnings);
        Assert.All(plan.Replicas, r => Assert.NotEqual(domains[r.MasterIndex!.Value], domains[r.Index]));
    }

    private static string Describe(ClusterPlan plan) =>
        string.Join(' ', plan.Nodes.Select(n => n.IsMaster ? $"{n.Index}:M{SlotRange.Format(n.Slots)}" : $"{n.Index}:R{n.MasterIndex}"));

    [Fact]
    public void PlacesMastersSoThatTwoReplicasEachStayOffTheirMastersDomain()
    {
        string[] domains = ["a", "a", "a", "a", "a", "b", "b", "b", "b"];

        var plan = RolePlanner.Plan(domains, 3, 2);

        Assert.Empty(plan.Warnings);
        Assert.All(plan.Replicas, r => Assert.NotEqual(domains[r.Index], domains[r.MasterIndex!.Value]));
        Assert.Equal(["a", "b"], plan.Masters.Select(m => domains[m.Index]).Distinct().Order());
    }
}
