using RedisAspire.ClusterInit.Options;

namespace RedisAspire.Tests.Unit;

public class ClusterOptionsValidatorTests
{
    [Fact]
    public void AcceptsSixLocalNodes()
    {
        Assert.Empty(ClusterOptionsValidator.Validate(SixNodes()));
    }

    [Fact]
    public void AcceptsSamePortOnDifferentHosts()
    {
        var options = SixNodes();
        for (var i = 0; i < options.Nodes.Count; i++)
        {
            options.Nodes[i].Endpoint = $"redis-{i}.redis:6379";
        }

        Assert.Empty(ClusterOptionsValidator.Validate(options));
    }

    [Fact]
    public void AcceptsIPv6AndExplicitBusPorts()
    {
        var options = SixNodes();
        options.Nodes[0].Endpoint = "[::1]:7000";
        options.Nodes[1].Endpoint = "[::1]:60000";
        options.Nodes[1].BusPort = 50000;

        Assert.Empty(ClusterOptionsValidator.Validate(options));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    [InlineData(0)]
    public void RejectsFewerThanThreeMasters(int masters)
    {
        var options = SixNodes();
        options.Masters = masters;
        options.ReplicasPerMaster = 6 / Math.Max(masters, 1) - 1;

        var error = Assert.Single(ClusterOptionsValidator.Validate(options), e => e.StartsWith("Cluster:Masters ", StringComparison.Ordinal));

        Assert.Contains($"is {masters}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsNegativeReplicaCount()
    {
        var options = SixNodes();
        options.ReplicasPerMaster = -1;

        var errors = ClusterOptionsValidator.Validate(options);

        Assert.Contains(errors, e => e.StartsWith("Cluster:ReplicasPerMaster is -1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(0)]
    public void RejectsNodeCountThatDoesNotMatchMastersAndReplicas(int count)
    {
        var options = SixNodes();
        options.Nodes = [.. Enumerable.Range(0, count).Select(i => Node(i, $"127.0.0.1:{7000 + i}"))];

        var error = Assert.Single(ClusterOptionsValidator.Validate(options));

        Assert.Equal($"Cluster:Nodes lists {count} nodes, but 3 masters with 1 replica(s) each need 6.", error);
    }

    [Fact]
    public void CountsNodesForTwoReplicasPerMaster()
    {
        var options = SixNodes();
        options.ReplicasPerMaster = 2;

        var error = Assert.Single(ClusterOptionsValidator.Validate(options));

        Assert.StartsWith("Cluster:Nodes lists 6 nodes", error, StringComparison.Ordinal);
        Assert.Contains("need 9", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("127.0.0.1", "no port")]
    [InlineData("127.0.0.1:0", "1..65535")]
    [InlineData("127.0.0.1:70000", "1..65535")]
    [InlineData("[::1]", "[ipv6]:port")]
    [InlineData("a:b:7001", "not host:port")]
    public void RejectsBadEndpointNamingItsKey(string endpoint, string reason)
    {
        var options = SixNodes();
        options.Nodes[1].Endpoint = endpoint;

        var error = Assert.Single(ClusterOptionsValidator.Validate(options));

        Assert.StartsWith("Cluster:Nodes:1:Endpoint: ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsDuplicateEndpointNamingBothNodes()
    {
        var options = SixNodes();
        options.Nodes[3].Endpoint = "127.0.0.1:7000";

        var errors = ClusterOptionsValidator.Validate(options);

        Assert.Equal(
            ["Cluster:Nodes:3: client port 127.0.0.1:7000 is already used by redis-0's client port.",
             "Cluster:Nodes:3: bus port 127.0.0.1:17000 is already used by redis-0's bus port."],
            errors);
    }

    [Fact]
    public void RejectsClientPortThatIsAnotherNodesBusPort()
    {
        var options = SixNodes();
        options.Nodes[1].Endpoint = "127.0.0.1:17000";

        var error = Assert.Single(ClusterOptionsValidator.Validate(options));

        Assert.Equal("Cluster:Nodes:1: client port 127.0.0.1:17000 is already used by redis-0's bus port.", error);
    }

    [Fact]
    public void RejectsExplicitBusPortThatIsAnotherNodesClientPort()
    {
        var options = SixNodes();
        options.Nodes[4].BusPort = 7002;

        var error = Assert.Single(ClusterOptionsValidator.Validate(options));

        Assert.Equal("Cluster:Nodes:4: bus port 127.0.0.1:7002 is already used by redis-2's client port.", error);
    }

    [Fact]
    public void RejectsDefaultBusPortAbove65535()
    {
        var options = SixNodes();
        options.Nodes[2].Endpoint = "127.0.0.1:60000";

        var error = Assert.Single(ClusterOptionsValidator.Validate(options));

        Assert.StartsWith("Cluster:Nodes:2:BusPort: 70000 is outside 1..65535", error, StringComparison.Ordinal);
        Assert.Contains("set BusPort explicitly", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void RejectsExplicitBusPortOutOfRange(int busPort)
    {
        var options = SixNodes();
        options.Nodes[5].BusPort = busPort;

        var error = Assert.Single(ClusterOptionsValidator.Validate(options));

        Assert.StartsWith($"Cluster:Nodes:5:BusPort: {busPort} is outside 1..65535", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsBusPortEqualToTheNodesOwnClientPort()
    {
        var options = SixNodes();
        options.Nodes[0].BusPort = 7000;

        var errors = ClusterOptionsValidator.Validate(options);

        Assert.Contains("Cluster:Nodes:0:BusPort: 7000 equals the node's client port.", errors);
    }

    [Theory]
    [InlineData("Cluster:NodesTimeout")]
    [InlineData("Cluster:ReadyTimeout")]
    [InlineData("Cluster:CommandTimeout")]
    [InlineData("Cluster:PollInterval")]
    public void RejectsZeroOrNegativeTimeSpanNamingItsKey(string key)
    {
        foreach (var value in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(-1) })
        {
            var options = SixNodes();
            switch (key)
            {
                case "Cluster:NodesTimeout":
                    options.NodesTimeout = value;
                    break;
                case "Cluster:ReadyTimeout":
                    options.ReadyTimeout = value;
                    break;
                case "Cluster:CommandTimeout":
                    options.CommandTimeout = value;
                    break;
                default:
                    options.PollInterval = value;
                    break;
            }

            var error = Assert.Single(ClusterOptionsValidator.Validate(options));

            Assert.StartsWith($"{key} is {value}", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RejectsDuplicateNames()
    {
        var options = SixNodes();
        options.Nodes[4].Name = "redis-1";

        var error = Assert.Single(ClusterOptionsValidator.Validate(options));

        Assert.StartsWith("Cluster:Nodes has duplicate names", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesUnnamedNodesAfterTheirIndexWithoutChangingTheOptions()
    {
        var options = SixNodes();
        options.Nodes[0].Name = "";
        options.Nodes[1].Name = " ";
        options.Nodes[2].Endpoint = "127.0.0.1:17000";

        var error = Assert.Single(ClusterOptionsValidator.Validate(options));

        Assert.Equal(["", " "], options.Nodes.Take(2).Select(n => n.Name));
        Assert.Equal("Cluster:Nodes:2: client port 127.0.0.1:17000 is already used by node-0's bus port.", error);
    }

    [Theory]
    [InlineData("all")]
    [InlineData(" ALL ")]
    [InlineData("0-5460")]
    [InlineData("0-5460, 10923-16383")]
    [InlineData("42")]
    public void AcceptsTakeoverOfAllOrOfSlotRanges(string takeover)
    {
        var options = SixNodes();
        options.Takeover = takeover;

        Assert.Empty(ClusterOptionsValidator.Validate(options));
    }

    [Theory]
    [InlineData("everything", "'everything' is not a slot")]
    [InlineData("0-16384", "'0-16384' is not a slot")]
    [InlineData("5460-0", "'5460-0' ends before it starts")]
    [InlineData("0-5460,", "'' is not a slot")]
    [InlineData("-1", "'-1' is not a slot")]
    public void RejectsTakeoverThatNamesNoSlotsSayingWhatItExpects(string takeover, string reason)
    {
        var options = SixNodes();
        options.Takeover = takeover;

        var error = Assert.Single(ClusterOptionsValidator.Validate(options));

        Assert.StartsWith($"Cluster:Takeover is '{takeover}': {reason}", error, StringComparison.Ordinal);
        Assert.Contains("or 'all'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsEveryErrorAtOnce()
    {
        var options = SixNodes();
        options.Masters = 2;
        options.Nodes[0].Endpoint = "nowhere";
        options.Nodes[1].Endpoint = "127.0.0.1:7002";
        options.CommandTimeout = TimeSpan.Zero;

        var errors = ClusterOptionsValidator.Validate(options);

        Assert.Contains(errors, e => e.StartsWith("Cluster:Masters ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cluster:Nodes lists 6 nodes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cluster:Nodes:0:Endpoint: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cluster:Nodes:2: client port 127.0.0.1:7002", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cluster:CommandTimeout ", StringComparison.Ordinal));
    }

    private static ClusterOptions SixNodes() => new()
    {
        Nodes = [.. Enumerable.Range(0, 6).Select(i => Node(i, $"127.0.0.1:{7000 + i}"))],
    };

    private static NodeOptions Node(int index, string endpoint) => new() { Name = $"redis-{index}", Endpoint = endpoint };
}
