using RedisAspire.Cluster.Topology;

namespace RedisAspire.Tests.Unit;

public class ClusterNodesParserMalformedInputTests
{
    private const string Id = "3246363af799b2db30e10050c69a54d7bc25e00b";
    private const string PeerId = "425ad6abe4c4cb85ea6d859d2271c1ded66485e7";
    private const string GoodLine = $"{PeerId} 127.0.0.1:7901@17901 master - 0 1700000000000 2 connected 8192-16383";

    [Theory]
    [InlineData($"{Id} 127.0.0.1:7900@17900 myself,master - 0 0 1", "fields")]
    [InlineData($"{Id}", "fields")]
    [InlineData("3246363af799b2db30e10050c69a54d7bc25e00 127.0.0.1:7900@17900 master - 0 0 1 connected", "node ID")]
    [InlineData("3246363af799b2db30e10050c69a54d7bc25e00bb 127.0.0.1:7900@17900 master - 0 0 1 connected", "node ID")]
    [InlineData("3246363AF799B2DB30E10050C69A54D7BC25E00B 127.0.0.1:7900@17900 master - 0 0 1 connected", "node ID")]
    [InlineData("3246363af799b2db30e10050c69a54d7bc25e00g 127.0.0.1:7900@17900 master - 0 0 1 connected", "node ID")]
    [InlineData($"{Id} 127.0.0.1:7900 master - 0 0 1 connected", "'@'")]
    [InlineData($"{Id} 127.0.0.1:7900,host@17900 master - 0 0 1 connected", "'@'")]
    [InlineData($"{Id} 127.0.0.1@17900 master - 0 0 1 connected", "':'")]
    [InlineData($"{Id} 127.0.0.1:abc@17900 master - 0 0 1 connected", "port")]
    [InlineData($"{Id} 127.0.0.1:70000@17900 master - 0 0 1 connected", "port")]
    [InlineData($"{Id} 127.0.0.1:-1@17900 master - 0 0 1 connected", "port")]
    [InlineData($"{Id} 127.0.0.1:@17900 master - 0 0 1 connected", "port")]
    [InlineData($"{Id} 127.0.0.1:7900@ master - 0 0 1 connected", "bus port")]
    [InlineData($"{Id} 127.0.0.1:7900@75900 master - 0 0 1 connected", "bus port")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 , - 0 0 1 connected", "flags")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 slave 425ad6abe4c4 0 0 1 connected", "master ID")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - x 0 1 connected", "ping-sent")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 -1 1 connected", "pong-recv")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1e3 connected", "config-epoch")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connecting", "link state")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 0-100", "link state")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 Connected", "link state")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected 16384", "hash slot")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected 0-16384", "hash slot")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected -5", "hash slot")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected 5-", "hash slot")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected 1-2-3", "hash slot")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected abc", "hash slot")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected 100-50", "ends before it starts")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected 0-100 [5->-{PeerId}", "']'")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected [", "']'")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected []", "neither migrating nor importing")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected [5-x-{PeerId}]", "neither migrating nor importing")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected [5->-425ad6]", "node ID")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected [16384->-{PeerId}]", "hash slot")]
    [InlineData($"{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected [->-{PeerId}]", "hash slot")]
    public void RejectsMalformedLineWithItsLineNumber(string badLine, string reason)
    {
        // Line 1 is a vars line and line 3 is blank: both still count, so the bad line is line 4.
        var text = $"vars currentEpoch 6 lastVoteEpoch 0\n{GoodLine}\n\n{badLine}\n{GoodLine}\n";

        var exception = Assert.Throws<ClusterNodesFormatException>(() => ClusterNodesParser.Parse(text));

        Assert.Equal(4, exception.LineNumber);
        Assert.StartsWith("line 4: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(reason, exception.Reason, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(exception);
    }

    [Fact]
    public void CountsCrlfLinesLikeLfLines()
    {
        var text = $"{GoodLine}\r\n{GoodLine}\r\n{Id} 127.0.0.1:7900@17900 master - 0 0 1 connected 16384\r\n";

        var exception = Assert.Throws<ClusterNodesFormatException>(() => ClusterNodesParser.Parse(text));

        Assert.Equal(3, exception.LineNumber);
    }

    [Fact]
    public void ParseLineReportsTheLineNumberItIsGiven()
    {
        var exception = Assert.Throws<ClusterNodesFormatException>(() => ClusterNodesParser.ParseLine("garbage", 17));

        Assert.Equal(17, exception.LineNumber);
        Assert.Equal("line 17: " + exception.Reason, exception.Message);
    }

    [Fact]
    public void ShortensHugeFieldsInTheMessage()
    {
        var hugeId = new string('z', 10_000);

        var exception = Assert.Throws<ClusterNodesFormatException>(
            () => ClusterNodesParser.ParseLine($"{hugeId} 127.0.0.1:7900@17900 master - 0 0 1 connected", 1));

        Assert.True(exception.Message.Length < 200, exception.Message);
    }
}
