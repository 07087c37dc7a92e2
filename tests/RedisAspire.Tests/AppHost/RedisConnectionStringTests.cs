using RedisAspire.AppHost.Topology;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The <c>ConnectionStrings:cache</c> value and its masked form.</summary>
public sealed class RedisConnectionStringTests
{
    private static readonly RedisNode[] Nodes =
    [
        new(0, "redis-0", "127.0.0.1", 7000, 17000, "/s/redis-0"),
        new(1, "redis-1", "127.0.0.1", 7001, 17001, "/s/redis-1"),
        new(2, "redis-2", "127.0.0.1", 7002, 17002, "/s/redis-2"),
    ];

    [Fact]
    public void ListsEveryNodeThenThePassword()
    {
        Assert.Equal("127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002,password=pw123", RedisConnectionString.Build(Nodes, "pw123"));
    }

    [Fact]
    public void MaskedFormHidesThePassword()
    {
        var masked = RedisConnectionString.BuildMasked(Nodes, "pw123");

        Assert.Equal("127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002,password=*****", masked);
        Assert.DoesNotContain("pw123", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void NoPasswordMeansNoPasswordOption()
    {
        Assert.Equal("127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002", RedisConnectionString.Build(Nodes, ""));
        Assert.Equal("127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002", RedisConnectionString.BuildMasked(Nodes, ""));
    }

    [Fact]
    public void Ipv6EndpointsAreBracketed()
    {
        RedisNode[] nodes = [new(0, "redis-0", "::1", 7000, 17000, "/s/redis-0")];

        Assert.Equal("[::1]:7000,password=*****", RedisConnectionString.BuildMasked(nodes, "pw"));
    }
}
