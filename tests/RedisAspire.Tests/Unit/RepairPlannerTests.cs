using RedisAspire.Cluster.Inspection;
using RedisAspire.ClusterInit.Repair;
using RedisAspire.Cluster.Resp;
using RedisAspire.Cluster.Topology;

namespace RedisAspire.Tests.Unit;

/// <summary><see cref="RepairPlanner.Plan"/> on hand-built snapshots of six nodes (see <see cref="ClusterScenario"/>).</summary>
public sealed class RepairPlannerTests
{
    private static readonly string FreshId = new('9', 40);
    private static readonly string DeadId = new('7', 40);
    private static readonly string ForeignId = new('8', 40);

    [Fact]
    public void HealthyClusterNeedsNoAction()
    {
        var plan = RepairPlanner.Plan(ClusterScenario.Ready().Snapshots(), 1);

        Assert.Empty(plan.Actions);
        Assert.Empty(plan.Blockers);
    }

    [Fact]
    public void NodeAnsweringAtANewAddressIsMetThereByEveryOtherMember()
    {
        var snapshots = ClusterScenario.Ready().Snapshots().ToArray();
        snapshots[1] = snapshots[1] with { Node = NodeAt(1, "127.0.0.2") };

        var plan = RepairPlanner.Plan(snapshots, 1);

        Assert.Equal("addresses", plan.Phase);
        Assert.Empty(plan.Blockers);
        Assert.Equal(
            ["redis-0: CLUSTER MEET 127.0.0.2 7001", "redis-2: CLUSTER MEET 127.0.0.2 7001", "redis-3: CLUSTER MEET 127.0.0.2 7001",
             "redis-4: CLUSTER MEET 127.0.0.2 7001", "redis-5: CLUSTER MEET 127.0.0.2 7001"],
            Describe(plan));
    }

    [Fact]
    public void ClusterThatMovedEntirelyIsMetAtTheNewAddressesPairByPair()
    {
        var snapshots = ClusterScenario.Ready().Snapshots().Select((s, i) => s with { Node = NodeAt(i, "10.0.0.1") }).ToList();

        var plan = RepairPlanner.Plan(snapshots, 1);

        Assert.Equal("addresses", plan.Phase);
        var expected = from member in Enumerable.Range(0, 6)
                       from peer in Enumerable.Range(0, 6)
                       where member != peer
                       select $"redis-{member}: CLUSTER MEET 10.0.0.1 {7000 + peer}";
        Assert.Equal(expected.Order(StringComparer.Ordinal), Describe(plan).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.1:7099@17099 master,fail - 1700000000000 1699999990000 7 disconnected")]
    [InlineData(":0@0 master,fail,noaddr - 1700000000000 1699999990000 7 disconnected")]
    [InlineData(":0@0 slave,noaddr cccccccccccccccccccccccccccccccccccccccc 0 1699999990000 3 disconnected")]
    public void DeadUnknownNodeWithoutSlotsIsForgottenOnEveryMember(string rest)
    {
        var scenario = ClusterScenario.Ready();
        for (var viewer = 0; viewer < ClusterScenario.NodeCount; viewer++)
        {
            scenario.ClusterNodes[viewer] += $"{DeadId} {rest}\n";
        }

        var plan = RepairPlanner.Plan(scenario.Snapshots(), 1);

        Assert.Equal("forget dead nodes", plan.Phase);
        Assert.Empty(plan.Blockers);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"redis-{i}: CLUSTER FORGET {DeadId}"), Describe(plan));
    }

    [Fact]
    public void DeadNodeIsForgottenOnlyWhereItIsKnown()
    {
        var scenario = ClusterScenario.Ready();
        foreach (var viewer in new[] { 1, 4 })
        {
            scenario.ClusterNodes[viewer] += $"{DeadId} :0@0 slave,fail,noaddr {ClusterScenario.Id(2)} 0 1699999990000 3 disconnected\n";
        }

        var plan = RepairPlanner.Plan(scenario.Snapshots(), 1);

        Assert.Equal([$"redis-1: CLUSTER FORGET {DeadId}", $"redis-4: CLUSTER FORGET {DeadId}"], Describe(plan));
    }

    [Fact]
    public void FreshNodeIsMetByEveryMemberThenReplicatesTheMasterWithFewestReplicas()
    {
        var joining = FreshReplacementOfNode5();

        var join = RepairPlanner.Plan(joining.Snapshots(), 1);

        Assert.Equal("join new nodes", join.Phase);
        Assert.Empty(join.Blockers);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"redis-{i}: CLUSTER MEET 127.0.0.1 7005"), Describe(join));

        var joined = FreshReplacementOfNode5();
        var knownAsMaster = $"{FreshId} 127.0.0.1:7005@17005 master - 0 1700000000009 0 connected\n";
        for (var viewer = 0; viewer < 5; viewer++)
        {
            joined.ClusterNodes[viewer] += knownAsMaster;
        }

        joined.ClusterNodes[5] = string.Concat(Enumerable.Range(0, 5).Select(i => ClusterScenario.Line(i, myself: false) + "\n"))
            + $"{FreshId} 127.0.0.1:7005@17005 myself,master - 0 0 0 connected\n";

        var replicate = RepairPlanner.Plan(joined.Snapshots(), 1);

        Assert.Equal("replicas", replicate.Phase);
        Assert.Empty(replicate.Blockers);
        Assert.Equal([$"redis-5: CLUSTER REPLICATE {ClusterScenario.Id(2)}"], Describe(replicate));
    }

    [Fact]
    public void UncoveredSlotsWhoseMasterHasNoReachableReplicaBlockEveryChange()
    {
        int[] survivors = [1, 2, 4, 5];
        var scenario = MarkFailed(MarkFailed(ClusterScenario.Ready(), 0, survivors), 3, survivors);
        var reachable = survivors.Select(scenario.Snapshot).ToList();

        var plan = RepairPlanner.Plan(reachable, 1);

        Assert.Empty(plan.Actions);
        var blocker = Assert.Single(plan.Blockers);
        Assert.Contains("Slots 0-5460 are uncovered", blocker, StringComparison.Ordinal);
        Assert.Contains(ClusterScenario.Id(0), blocker, StringComparison.Ordinal);
    }

    [Fact]
    public void FailedMasterWhoseReplicaIsReachableIsLeftToRedisFailover()
    {
        int[] survivors = [1, 2, 3, 4, 5];
        var scenario = MarkFailed(ClusterScenario.Ready(), 0, survivors);
        var reachable = survivors.Select(scenario.Snapshot).ToList();

        var plan = RepairPlanner.Plan(reachable, 1);

        Assert.Empty(plan.Actions);
        Assert.Empty(plan.Blockers);
    }

    [Fact]
    public void MasterGoneForGoodIsFailedOverToItsReplicaBeforeAnythingElse()
    {
        var scenario = MasterGoneForGood();

        var plan = RepairPlanner.Plan(scenario.Snapshots(), 1);

        Assert.Empty(plan.Blockers);
        Assert.Equal("promote replicas of lost masters", plan.Phase);
        Assert.Equal(["redis-4: CLUSTER FAILOVER FORCE"], Describe(plan));
    }

    [Theory]
    [InlineData("up", 0, 0)]
    [InlineData("down", 1, 0)]
    [InlineData("down", 0, 1)]
    public void ReplicaOfLostMasterThatSyncedFromTheNodeNowAtItsAddressBlocksEveryChange(string link, int syncFull, int connected)
    {
        var scenario = MasterGoneForGood();
        scenario.Replication[4] = scenario.Replication[4].Replace("master_link_status:down", $"master_link_status:{link}", StringComparison.Ordinal);
        scenario.Replication[1] = $"# Replication\r\nrole:master\r\nconnected_slaves:{connected}\r\n";
        scenario.Stats[1] = $"# Stats\r\nsync_full:{syncFull}\r\n";

        var plan = RepairPlanner.Plan(scenario.Snapshots(), 1);

        Assert.Empty(plan.Actions);
        var blocker = Assert.Single(plan.Blockers);
        Assert.Contains($"redis-4 (127.0.0.1:7004), replica of lost master {ClusterScenario.Id(1)}", blocker, StringComparison.Ordinal);
        Assert.Contains("replicates from redis-1 (127.0.0.1:7001)", blocker, StringComparison.Ordinal);
        Assert.Contains("may have been overwritten", blocker, StringComparison.Ordinal);
    }

    /// <summary>
    /// redis-1's master lost its data and came back empty as <c>FreshId</c>: every view dropped the old ID's address;
    /// its replica redis-4 still points at 127.0.0.1:7001 with its link down and the new node served no sync.
    /// </summary>
    private static ClusterScenario MasterGoneForGood()
    {
        var scenario = ClusterScenario.Ready();
        var line = ClusterScenario.Line(1, myself: false);
        var gone = line.Replace("127.0.0.1:7001@17001 master", ":0@0 master,noaddr", StringComparison.Ordinal)
            .Replace(" connected", " disconnected", StringComparison.Ordinal);
        foreach (var viewer in new[] { 0, 2, 3, 4, 5 })
        {
            scenario.EditClusterNodes(viewer, line, gone);
        }

        scenario.ClusterNodes[1] = $"{FreshId} 127.0.0.1:7001@17001 myself,master - 0 0 0 connected\n";
        scenario.Replication[1] = "# Replication\r\nrole:master\r\nconnected_slaves:0\r\n";
        scenario.Stats[1] = "# Stats\r\nsync_full:0\r\n";
        scenario.Replication[4] = scenario.Replication[4].Replace("master_link_status:up", "master_link_status:down", StringComparison.Ordinal);
        return scenario;
    }

    [Fact]
    public void LiveNodeThatIsNoConfiguredNodeBlocksEveryChange()
    {
        var scenario = ClusterScenario.Ready();
        for (var viewer = 0; viewer < ClusterScenario.NodeCount; viewer++)
        {
            scenario.ClusterNodes[viewer] += $"{ForeignId} 10.9.9.9:7000@17000 master - 0 1700000000999 7 connected\n";
        }

        var plan = RepairPlanner.Plan(scenario.Snapshots(), 1);

        Assert.Empty(plan.Actions);
        var blocker = Assert.Single(plan.Blockers);
        Assert.Contains(ForeignId, blocker, StringComparison.Ordinal);
        Assert.Contains("10.9.9.9:7000", blocker, StringComparison.Ordinal);
        Assert.Contains("none of the configured nodes", blocker, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportingSlotThatReceivedNoKeyIsRolledBackOnBothSides()
    {
        var snapshots = OpenSlot100(importerKeys: 0, sourceKeys: 3);

        var plan = RepairPlanner.Plan(snapshots, 1);

        Assert.Equal("open slots", plan.Phase);
        Assert.Empty(plan.Blockers);
        Assert.Equal(["redis-1: CLUSTER SETSLOT 100 STABLE", "redis-0: CLUSTER SETSLOT 100 STABLE"], Describe(plan));
    }

    [Fact]
    public void MigrationWhoseKeysAllMovedIsFinishedOnBothSides()
    {
        var snapshots = OpenSlot100(importerKeys: 3, sourceKeys: 0);

        var plan = RepairPlanner.Plan(snapshots, 1);

        Assert.Equal("open slots", plan.Phase);
        var finish = $"CLUSTER SETSLOT 100 NODE {ClusterScenario.Id(1)}";
        Assert.Equal([$"redis-1: {finish}", $"redis-0: {finish}"], Describe(plan));
    }

    [Fact]
    public void OpenSlotWithKeysOnBothSidesBlocksEveryChange()
    {
        var snapshots = OpenSlot100(importerKeys: 2, sourceKeys: 5);

        var plan = RepairPlanner.Plan(snapshots, 1);

        Assert.Empty(plan.Actions);
        Assert.Contains("Slot 100", Assert.Single(plan.Blockers), StringComparison.Ordinal);
    }

    private static List<string> Describe(RepairPlan plan) =>
        [.. plan.Actions.Select(a => $"{a.Node.Name}: {string.Join(' ', a.Command)}")];

    private static ManagedNode NodeAt(int index, string host)
    {
        var endpoint = new NodeEndpoint(host, ClusterScenario.Endpoint(index).Port);
        return new ManagedNode(
            index, ClusterScenario.Name(index), endpoint, endpoint.Port + 10000, null,
            new RedisAdminConnection(ClusterScenario.Name(index), endpoint, null, TimeSpan.FromSeconds(1)));
    }

    /// <summary>Node <paramref name="failed"/> is flagged <c>fail</c> in the views of <paramref name="viewers"/>.</summary>
    private static ClusterScenario MarkFailed(ClusterScenario scenario, int failed, IEnumerable<int> viewers)
    {
        var line = ClusterScenario.Line(failed, myself: false);
        var role = failed < 3 ? " master " : " slave ";
        foreach (var viewer in viewers)
        {
            scenario.EditClusterNodes(viewer, line, line.Replace(role, role.TrimEnd() + ",fail ", StringComparison.Ordinal));
        }

        return scenario;
    }

    /// <summary>Node 5 (replica of node 2) lost its data: the others already forgot it, it came back empty with a new ID.</summary>
    private static ClusterScenario FreshReplacementOfNode5()
    {
        var scenario = ClusterScenario.Ready();
        for (var viewer = 0; viewer < 5; viewer++)
        {
            scenario.EditClusterNodes(viewer, ClusterScenario.Line(5, myself: false) + "\n", "");
        }

        scenario.ClusterNodes[5] = $"{FreshId} 127.0.0.1:7005@17005 myself,master - 0 0 0 connected\n";
        scenario.Replication[5] = "# Replication\r\nrole:master\r\nconnected_slaves:0\r\n";
        return scenario;
    }

    /// <summary>Slot 100 half-migrated from node 0 to node 1, with the given key counts on each side.</summary>
    private static IReadOnlyList<NodeSnapshot> OpenSlot100(long importerKeys, long sourceKeys)
    {
        var scenario = ClusterScenario.Ready()
            .EditClusterNodes(0, ClusterScenario.Line(0, myself: true), ClusterScenario.Line(0, myself: true) + $" [100->-{ClusterScenario.Id(1)}]")
            .EditClusterNodes(1, ClusterScenario.Line(1, myself: true), ClusterScenario.Line(1, myself: true) + $" [100-<-{ClusterScenario.Id(0)}]");
        var snapshots = scenario.Snapshots().ToArray();
        snapshots[0] = snapshots[0] with { KeyCount = 10, OpenSlotKeys = new Dictionary<int, long> { [100] = sourceKeys } };
        snapshots[1] = snapshots[1] with { KeyCount = 10, OpenSlotKeys = new Dictionary<int, long> { [100] = importerKeys } };
        return snapshots;
    }
}
