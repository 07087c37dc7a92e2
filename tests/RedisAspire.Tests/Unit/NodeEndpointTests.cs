using RedisAspire.Cluster.Topology;

namespace RedisAspire.Tests.Unit;

public class NodeEndpointTests
{
    [Theory]
    [InlineData("127.0.0.1:7000", "127.0.0.1", 7000, false)]
    [InlineData("redis-0.redis.default.svc.cluster.local:6379", "redis-0.redis.default.svc.cluster.local", 6379, false)]
    [InlineData("localhost:1", "localhost", 1, false)]
    [InlineData("10.0.0.1:65535", "10.0.0.1", 65535, false)]
    [InlineData("[::1]:7000", "::1", 7000, true)]
    [InlineData("[2001:db8::1]:6379", "2001:db8::1", 6379, true)]
    [InlineData("::1:7000", "::1", 7000, true)]
    [InlineData("2001:db8::1:6379", "2001:db8::1", 6379, true)]
    public void ParsesHostAndPort(string text, string host, int port, bool ipv6)
    {
        Assert.True(NodeEndpoint.TryParse(text, out var endpoint, out var error), error);

        Assert.Equal("", error);
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(ipv6, endpoint.IsIPv6);
        Assert.Equal(endpoint, NodeEndpoint.Parse(text));
    }

    [Theory]
    [InlineData("127.0.0.1", 7000, "127.0.0.1:7000")]
    [InlineData("::1", 7000, "[::1]:7000")]
    [InlineData("2001:db8::1", 6379, "[2001:db8::1]:6379")]
    [InlineData("redis-0", 6379, "redis-0:6379")]
    public void FormatsIPv6InBrackets(string host, int port, string expected)
    {
        var endpoint = new NodeEndpoint(host, port);

        Assert.Equal(expected, endpoint.ToString());
        Assert.Equal(endpoint, NodeEndpoint.Parse(endpoint.ToString()));
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("127.0.0.1", "no port")]
    [InlineData("redis-0", "no port")]
    [InlineData(":7000", "no port")]
    [InlineData("127.0.0.1:", "1..65535")]
    [InlineData("127.0.0.1:0", "1..65535")]
    [InlineData("127.0.0.1:70000", "1..65535")]
    [InlineData("127.0.0.1:65536", "1..65535")]
    [InlineData("127.0.0.1:-1", "1..65535")]
    [InlineData("127.0.0.1:+7000", "1..65535")]
    [InlineData("127.0.0.1:7000x", "1..65535")]
    [InlineData("127.0.0.1: 7000", "white space")]
    [InlineData("127.0.0.1:99999999999", "1..65535")]
    [InlineData("[::1]", "[ipv6]:port")]
    [InlineData("[::1]7000", "[ipv6]:port")]
    [InlineData("[::1:7000", "[ipv6]:port")]
    [InlineData("[::1]:", "1..65535")]
    [InlineData("[::1]:0", "1..65535")]
    [InlineData("[]:7000", "not an IPv6 address")]
    [InlineData("[abc]:7000", "not an IPv6 address")]
    [InlineData("[127.0.0.1]:7000", "not an IPv6 address")]
    [InlineData(" 127.0.0.1:7000", "white space")]
    [InlineData("a:b:7000", "not host:port")]
    [InlineData("host:name:7000", "not host:port")]
    public void RejectsMalformedEndpoint(string? text, string reason)
    {
        Assert.False(NodeEndpoint.TryParse(text, out var endpoint, out var error));

        Assert.Equal(default, endpoint);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        if (!string.IsNullOrWhiteSpace(text))
        {
            Assert.Contains(text, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ParseThrowsFormatExceptionWithTheSameMessage()
    {
        Assert.False(NodeEndpoint.TryParse("127.0.0.1:70000", out _, out var error));

        var exception = Assert.Throws<FormatException>(() => NodeEndpoint.Parse("127.0.0.1:70000"));

        Assert.Equal(error, exception.Message);
    }

    [Fact]
    public void EqualEndpointsCompareEqual()
    {
        Assert.Equal(NodeEndpoint.Parse("[::1]:7000"), NodeEndpoint.Parse("::1:7000"));
        Assert.NotEqual(NodeEndpoint.Parse("127.0.0.1:7000"), NodeEndpoint.Parse("127.0.0.1:7001"));
    }
}
