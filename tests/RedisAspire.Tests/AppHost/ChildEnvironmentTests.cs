using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Redis;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>What AppHost hands to cluster-init and sample-api through their environment.</summary>
public sealed class ChildEnvironmentTests
{
    private const string ConnectionString = "127.0.0.1:7000,127.0.0.1:7001,password=pw123";

    private static readonly Uri Url = new("http://127.0.0.1:5080");

    private static readonly OtlpOptions NoOtlp = new();

    private static readonly RedisNode[] Nodes =
    [
        new(0, "redis-0", "127.0.0.1", 7000, 17000, "/s/redis-0"),
        new(1, "redis-1", "127.0.0.1", 7001, 17001, "/s/redis-1"),
    ];

    [Fact]
    public void SampleApiGetsTheUnmaskedConnectionStringItsNameAndItsUrl()
    {
        var environment = SampleApiEnvironment.Build("sample-api", "cache", ConnectionString, Url, NoOtlp);

        Assert.Equal(ConnectionString, environment["ConnectionStrings__cache"]);
        Assert.Equal("sample-api", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("http://127.0.0.1:5080", environment["ASPNETCORE_URLS"]);
    }

    [Fact]
    public void WithoutOtlpEndpointNoChildGetsExporterVariables()
    {
        var sampleApi = SampleApiEnvironment.Build("sample-api", "cache", ConnectionString, Url, NoOtlp);
        var clusterInit = ClusterInitEnvironment.Build("cluster-init", new RedisClusterOptions(), Nodes, ClusterCredentials.PasswordOnly("pw123"), NoOtlp);

        Assert.DoesNotContain(sampleApi.Keys, key => key.StartsWith("OTEL_EXPORTER_OTLP_", StringComparison.Ordinal));
        Assert.DoesNotContain(clusterInit.Keys, key => key.StartsWith("OTEL_EXPORTER_OTLP_", StringComparison.Ordinal));
    }

    [Fact]
    public void OtlpEndpointGoesToBothChildrenWithHttpProtobufByDefault()
    {
        var otlp = new OtlpOptions { Endpoint = "http://127.0.0.1:4318", Protocol = "" };

        var sampleApi = SampleApiEnvironment.Build("sample-api", "cache", ConnectionString, Url, otlp);
        var clusterInit = ClusterInitEnvironment.Build("cluster-init", new RedisClusterOptions(), Nodes, ClusterCredentials.PasswordOnly("pw123"), otlp);

        foreach (var environment in new[] { sampleApi, clusterInit })
        {
            Assert.Equal("http://127.0.0.1:4318", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal("http/protobuf", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        }

        Assert.Equal("cluster-init", clusterInit["OTEL_SERVICE_NAME"]);
    }

    [Fact]
    public void GrpcProtocolIsPassedAsConfigured()
    {
        var otlp = new OtlpOptions { Endpoint = "http://127.0.0.1:4317", Protocol = OtlpOptions.Grpc };

        var environment = SampleApiEnvironment.Build("sample-api", "cache", ConnectionString, Url, otlp);

        Assert.Equal("grpc", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
    }

    [Fact]
    public void ClusterInitGetsEveryNodeAndThePasswordOnlyInItsEnvironment()
    {
        var environment = ClusterInitEnvironment.Build("cluster-init", new RedisClusterOptions(), Nodes, ClusterCredentials.PasswordOnly("pw123"), NoOtlp);

        Assert.Equal("redis-1", environment["Cluster__Nodes__1__Name"]);
        Assert.Equal("127.0.0.1:7001", environment["Cluster__Nodes__1__Endpoint"]);
        Assert.Equal("17001", environment["Cluster__Nodes__1__BusPort"]);
        Assert.Equal("3", environment["Cluster__Masters"]);
        Assert.Equal("1", environment["Cluster__ReplicasPerMaster"]);
        Assert.Equal("pw123", environment["Cluster__Password"]);
        Assert.False(environment.ContainsKey("Cluster__User"));
    }

    [Fact]
    public void WithAclClusterInitGetsTheAdminUserAndOnlyItsPassword()
    {
        var environment = ClusterInitEnvironment.Build(
            "cluster-init", new RedisClusterOptions(), Nodes, new ClusterCredentials(true, "app-pw", "admin-pw", "replication-pw"), NoOtlp);

        Assert.Equal("admin", environment["Cluster__User"]);
        Assert.Equal("admin-pw", environment["Cluster__Password"]);
        Assert.DoesNotContain(environment.Values, v => v.Contains("app-pw", StringComparison.Ordinal) || v.Contains("replication-pw", StringComparison.Ordinal));
    }

    [Fact]
    public void InheritedVariablesThatWouldRedirectSampleApiAreDropped()
    {
        var dropped = SampleApiEnvironment.InheritedPrefixesToDrop;

        Assert.Contains("ConnectionStrings__", dropped);
        Assert.Contains("ASPNETCORE_URLS", dropped);
        Assert.Contains("ASPNETCORE_HTTP_PORTS", dropped);
        Assert.Contains(OtlpEnvironment.InheritedPrefix, dropped);
    }
}
