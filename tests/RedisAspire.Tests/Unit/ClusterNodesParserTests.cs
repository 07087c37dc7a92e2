using RedisAspire.Cluster.Topology;

namespace RedisAspire.Tests.Unit;

public class ClusterNodesParserTests
{
    private const string FirstId = "3246363af799b2db30e10050c69a54d7bc25e00b";
    private const string SecondId = "425ad6abe4c4cb85ea6d859d2271c1ded66485e7";

    [Fact]
    public void ParsesMigratingSlot()
    {
        var entry = ParseOne($"{FirstId} 127.0.0.1:7900@17900 myself,master - 0 0 1 connected 0-100 [5->-{SecondId}]");

        Assert.Equal(FirstId, entry.Id);
        Assert.Equal(new NodeEndpoint("127.0.0.1", 7900), entry.Endpoint);
        Assert.Equal(7900, entry.Port);
        Assert.Equal(17900, entry.BusPort);
        Assert.Null(entry.AddressExtra);
        Assert.Equal(["master", "myself"], entry.Flags.Order(StringComparer.Ordinal));
        Assert.True(entry.IsMyself);
        Assert.True(entry.IsMaster);
        Assert.False(entry.IsReplica);
        Assert.Null(entry.MasterId);
        Assert.Equal(0, entry.PingSent);
        Assert.Equal(0, entry.PongReceived);
        Assert.Equal(1, entry.ConfigEpoch);
        Assert.True(entry.LinkConnected);
        Assert.Equal([new SlotRange(0, 100)], entry.Slots);
        Assert.Equal(101, entry.SlotCount);
        Assert.Equal(new Dictionary<int, string> { [5] = SecondId }, entry.Migrating);
        Assert.Empty(entry.Importing);
    }

    [Fact]
    public void ParsesImportingSlot()
    {
        var entry = ParseOne($"{SecondId} 127.0.0.1:7901@17901 myself,master - 0 0 0 connected [5-<-{FirstId}]");

        Assert.Equal(SecondId, entry.Id);
        Assert.Empty(entry.Slots);
        Assert.Equal(0, entry.SlotCount);
        Assert.Equal(new Dictionary<int, string> { [5] = FirstId }, entry.Importing);
        Assert.Empty(entry.Migrating);
    }

    [Fact]
    public void ParsesFreshNodeThatDoesNotKnowItsAddressYet()
    {
        var entry = ParseOne($"{FirstId} :7900@17900 myself,master - 0 0 0 connected");

        Assert.Null(entry.Endpoint);
        Assert.Equal(7900, entry.Port);
        Assert.Equal(17900, entry.BusPort);
        Assert.True(entry.IsNoAddress);
        Assert.Empty(entry.Slots);
    }

    [Fact]
    public void ParsesNodeWithPortZeroAsHavingNoAddress()
    {
        var entry = ParseOne($"{SecondId} :0@0 master,noaddr - 1700000000000 1700000000000 0 disconnected");

        Assert.Null(entry.Endpoint);
        Assert.Equal(0, entry.Port);
        Assert.Equal(0, entry.BusPort);
        Assert.True(entry.IsNoAddress);
        Assert.False(entry.LinkConnected);
    }

    [Fact]
    public void ParsesReplicaWithItsMasterId()
    {
        var entry = ParseOne("e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30002@31002 slave 67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 0 1426238316232 2 connected");

        Assert.True(entry.IsReplica);
        Assert.False(entry.IsMaster);
        Assert.False(entry.IsMyself);
        Assert.Equal("67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1", entry.MasterId);
        Assert.Equal(1426238316232, entry.PongReceived);
        Assert.Equal(2, entry.ConfigEpoch);
        Assert.Empty(entry.Slots);
    }

    [Theory]
    [InlineData("master,fail", true, false, false, false)]
    [InlineData("master,fail?", false, true, false, false)]
    [InlineData("slave,fail", true, false, false, false)]
    [InlineData("handshake", false, false, true, false)]
    [InlineData("master,noaddr", false, false, false, true)]
    [InlineData("myself,slave", false, false, false, false)]
    [InlineData("noflags", false, false, false, false)]
    public void ParsesFlags(string flags, bool failed, bool suspected, bool handshake, bool noAddress)
    {
        var entry = ParseOne($"{FirstId} 127.0.0.1:7000@17000 {flags} - 1700000000000 0 3 connected");

        Assert.Equal(flags.Split(',').Order(StringComparer.Ordinal), entry.Flags.Order(StringComparer.Ordinal));
        Assert.Equal(failed, entry.IsFailed);
        Assert.Equal(suspected, entry.IsSuspected);
        Assert.Equal(handshake, entry.IsHandshake);
        Assert.Equal(noAddress, entry.IsNoAddress);
        Assert.Equal(1700000000000, entry.PingSent);
    }

    [Fact]
    public void ParsesDisconnectedLink()
    {
        var entry = ParseOne($"{SecondId} 127.0.0.1:30005@31005 slave {FirstId} 1426238316232 1426238316100 6 disconnected");

        Assert.False(entry.LinkConnected);
        Assert.Equal(FirstId, entry.MasterId);
    }

    [Fact]
    public void ParsesSingleSlotsAndSeveralRanges()
    {
        var entry = ParseOne($"{FirstId} 127.0.0.1:7000@17000 master - 0 0 1 connected 0-5 7 9-10 16383 12000-12000");

        Assert.Equal([new(0, 5), new(7, 7), new(9, 10), new(16383, 16383), new(12000, 12000)], entry.Slots);
        Assert.Equal(11, entry.SlotCount);
    }

    [Fact]
    public void ParsesFullSlotRangeAndSlotStatesTogether()
    {
        var entry = ParseOne($"{FirstId} 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-16383 [1->-{SecondId}] [2-<-{SecondId}] [16383->-{SecondId}]");

        Assert.Equal(SlotRange.SlotCount, entry.SlotCount);
        Assert.Equal([1, 16383], entry.Migrating.Keys.Order());
        Assert.Equal([2], entry.Importing.Keys);
    }

    [Fact]
    public void KeepsHostnameAndAuxFieldsVerbatim()
    {
        var entry = ParseOne($"{FirstId} 10.0.0.1:6379@16379,redis-0.redis,shard-id=abc myself,master - 0 0 1 connected 0-5460");

        Assert.Equal(new NodeEndpoint("10.0.0.1", 6379), entry.Endpoint);
        Assert.Equal(16379, entry.BusPort);
        Assert.Equal("redis-0.redis,shard-id=abc", entry.AddressExtra);
    }

    [Fact]
    public void KeepsAuxFieldsAfterEmptyHostnameVerbatim()
    {
        var entry = ParseOne($"{FirstId} 127.0.0.1:30001@40001,,tls-port=0,shard-id=5f3c1a0e8bce6d0a4c3f2e1d0c9b8a7f6e5d4c3b myself,master - 0 0 1 connected 0-5460");

        Assert.Equal(new NodeEndpoint("127.0.0.1", 30001), entry.Endpoint);
        Assert.Equal(",tls-port=0,shard-id=5f3c1a0e8bce6d0a4c3f2e1d0c9b8a7f6e5d4c3b", entry.AddressExtra);
    }

    [Theory]
    [InlineData("::1:7000@17000", "::1", 7000, 17000, "[::1]:7000")]
    [InlineData("2001:db8::1:6379@16379", "2001:db8::1", 6379, 16379, "[2001:db8::1]:6379")]
    [InlineData("fe80::a:b:c:d:7001@17001,node-1", "fe80::a:b:c:d", 7001, 17001, "[fe80::a:b:c:d]:7001")]
    public void ParsesUnbracketedIPv6Address(string address, string host, int port, int busPort, string display)
    {
        var entry = ParseOne($"{FirstId} {address} master - 0 0 1 connected");

        Assert.Equal(new NodeEndpoint(host, port), entry.Endpoint);
        Assert.True(entry.Endpoint!.Value.IsIPv6);
        Assert.Equal(port, entry.Port);
        Assert.Equal(busPort, entry.BusPort);
        Assert.Equal(display, entry.Endpoint.Value.ToString());
    }

    [Fact]
    public void ParsesWholeReplyInOrder()
    {
        const string Reply =
            "07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@31004 slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected\n"
            + "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@31002 master - 0 1426238316232 2 connected 5461-10922\n"
            + "292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 127.0.0.1:30003@31003 master - 0 1426238318243 3 connected 10923-16383\n"
            + "6ec23923021cf3ffec47632106199cb7f496ce01 127.0.0.1:30005@31005 slave 67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 0 1426238316232 5 connected\n"
            + "824fe116063bc5fcf9f4ffd895bc17aee7731ac3 127.0.0.1:30006@31006 slave 292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 0 1426238317741 6 connected\n"
            + "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@31001 myself,master - 0 0 1 connected 0-5460\n";

        var entries = ClusterNodesParser.Parse(Reply);

        Assert.Equal([30004, 30002, 30003, 30005, 30006, 30001], entries.Select(e => e.Port));
        Assert.Equal(3, entries.Count(e => e.IsMaster));
        Assert.Equal(3, entries.Count(e => e.IsReplica));
        Assert.Equal(SlotRange.SlotCount, entries.Sum(e => e.SlotCount));
        Assert.Single(entries, e => e.IsMyself);
    }

    [Fact]
    public void ParsesNodesConfWithVarsLineAndCrlfLineEndings()
    {
        var text =
            $"{FirstId} 127.0.0.1:7900@17900 myself,master - 0 0 6 connected 0-8191\r\n"
            + $"{SecondId} 127.0.0.1:7901@17901 master - 0 1700000000000 5 connected 8192-16383\r\n"
            + "vars currentEpoch 6 lastVoteEpoch 0\r\n";

        var entries = ClusterNodesParser.Parse(text);

        Assert.Equal([FirstId, SecondId], entries.Select(e => e.Id));
        Assert.All(entries, e => Assert.True(e.LinkConnected));
        Assert.Equal([new SlotRange(0, 8191)], entries[0].Slots);
        Assert.Equal([new SlotRange(8192, 16383)], entries[1].Slots);
    }

    [Fact]
    public void SkipsBlankLinesAndExtraSpaces()
    {
        var text = $"\n\r\n{FirstId}  127.0.0.1:7900@17900   myself,master - 0 0 1 connected  0-100 \n\n";

        var entry = Assert.Single(ClusterNodesParser.Parse(text));

        Assert.Equal([new SlotRange(0, 100)], entry.Slots);
    }

    [Fact]
    public void ParsesEmptyTextAsNoNodes()
    {
        Assert.Empty(ClusterNodesParser.Parse(""));
        Assert.Empty(ClusterNodesParser.Parse("vars currentEpoch 0 lastVoteEpoch 0\n"));
    }

    [Fact]
    public void RejectsNullText()
    {
        Assert.Throws<ArgumentNullException>(() => ClusterNodesParser.Parse(null!));
    }

    private static ClusterNodeEntry ParseOne(string line)
    {
        var single = ClusterNodesParser.ParseLine(line, 1);
        var viaParse = Assert.Single(ClusterNodesParser.Parse(line + "\n"));
        Assert.Equal(single.Id, viaParse.Id);
        Assert.Equal(single.Endpoint, viaParse.Endpoint);
        return single;
    }
}
