using Microsoft.Extensions.Configuration;
using RedisAspire.AppHost;
using RedisAspire.AppHost.Options;
using RedisAspire.Hosting;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The AppHost's option checks: each problem is reported, naming the key to fix.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void DefaultsAreValid()
    {
        Assert.Empty(RedisClusterOptionsValidator.Validate(new RedisClusterOptions()));
        Assert.Empty(OptionsValidator.Validate(new SampleApiOptions()));
        Assert.Empty(OptionsValidator.Validate(new OtlpOptions()));
        Assert.Empty(OptionsValidator.Validate(new ContainerOptions()));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    [InlineData(-1)]
    public void FewerThanThreeMastersNamesClusterMasters(int masters)
    {
        var error = Assert.Single(RedisClusterOptionsValidator.Validate(new RedisClusterOptions { Masters = masters }));

        Assert.StartsWith("Cluster:Masters must be at least 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeReplicasNamesClusterReplicasPerMaster()
    {
        var error = Assert.Single(RedisClusterOptionsValidator.Validate(new RedisClusterOptions { ReplicasPerMaster = -1 }));

        Assert.StartsWith("Cluster:ReplicasPerMaster", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(65536)]
    public void BasePortOutsideThePortRangeNamesClusterBasePort(int basePort)
    {
        var error = Assert.Single(RedisClusterOptionsValidator.Validate(new RedisClusterOptions { BasePort = basePort }));

        Assert.StartsWith("Cluster:BasePort must be between 1 and 65535", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LastClientPortAbove65535NamesTheNodeAndTheHighestBasePort()
    {
        var error = Assert.Single(RedisClusterOptionsValidator.Validate(new RedisClusterOptions { BasePort = 65533 }));

        Assert.Contains("Cluster:BasePort 65533 gives node 5 client port 65538", error, StringComparison.Ordinal);
        Assert.Contains("at most 65530", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LastBusPortAbove65535NamesTheBusPortAndTheHighestBasePort()
    {
        var error = Assert.Single(RedisClusterOptionsValidator.Validate(new RedisClusterOptions { BasePort = 55531 }));

        Assert.Contains("node 5 bus port 65536", error, StringComparison.Ordinal);
        Assert.Contains("Cluster:BasePort of at most 55530", error, StringComparison.Ordinal);
        Assert.Empty(RedisClusterOptionsValidator.Validate(new RedisClusterOptions { BasePort = 55530 }));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("fe80::1%2")]
    public void UnusableAnnounceIpNamesClusterAnnounceIp(string announceIp)
    {
        var error = Assert.Single(RedisClusterOptionsValidator.Validate(new RedisClusterOptions { AnnounceIp = announceIp }));

        Assert.StartsWith("Cluster:AnnounceIp", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroNodeTimeoutNamesClusterNodeTimeout()
    {
        var error = Assert.Single(RedisClusterOptionsValidator.Validate(new RedisClusterOptions { NodeTimeout = TimeSpan.Zero }));

        Assert.StartsWith("Cluster:NodeTimeout", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void SampleApiPortOutOfRangeNamesSampleApiPort(int port)
    {
        var error = Assert.Single(OptionsValidator.Validate(new SampleApiOptions { Port = port }));

        Assert.StartsWith("SampleApi:Port must be between 1 and 65535, or 0 to pick a free port", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("127.0.0.1:4318")]
    [InlineData("ftp://collector:4318")]
    public void OtlpEndpointThatIsNoHttpUrlNamesOtlpEndpoint(string endpoint)
    {
        var error = Assert.Single(OptionsValidator.Validate(new OtlpOptions { Endpoint = endpoint }));

        Assert.StartsWith($"Otlp:Endpoint '{endpoint}' is not an absolute http or https URL", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http/json")]
    [InlineData("GRPC")]
    public void UnknownOtlpProtocolNamesOtlpProtocol(string protocol)
    {
        var error = Assert.Single(OptionsValidator.Validate(new OtlpOptions { Endpoint = "http://127.0.0.1:4317", Protocol = protocol }));

        Assert.StartsWith($"Otlp:Protocol '{protocol}' is not supported", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var errors = RedisClusterOptionsValidator.Validate(new RedisClusterOptions
        {
            Masters = 2,
            AnnounceIp = "nowhere",
            NodeTimeout = TimeSpan.Zero,
            StateDirectory = "",
            HealthInterval = TimeSpan.Zero,
        });

        Assert.Equal(
            ["Cluster:Masters", "Cluster:AnnounceIp", "Cluster:NodeTimeout", "AppHost:StateDirectory", "Cluster:HealthInterval"],
            errors.Select(e => e.Split(' ')[0]));
    }

    [Fact]
    public void UnknownRuntimeNamesAppHostRuntimeAndItsValues()
    {
        var ex = Assert.Throws<AppHostException>(() => Bind(new() { ["AppHost:Runtime"] = "docker" }));

        Assert.Contains("AppHost:Runtime 'docker' is not one of auto, process, container", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRemovedClusterPasswordKeyPointsToTheParameter()
    {
        var ex = Assert.Throws<AppHostException>(() => Bind(new() { ["Cluster:Password"] = "secret" }));

        Assert.Contains("Parameters:cache-password", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message.Replace("Parameters:cache-password", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void AppHostSectionSetsTheStateFolderRuntimeAndRedisServerPath()
    {
        var options = Bind(new() { ["AppHost:StateDirectory"] = "/tmp/s", ["AppHost:Runtime"] = "Process", ["AppHost:RedisServerPath"] = "/opt/redis-server", ["Cluster:BasePort"] = "7300" });

        Assert.Equal("/tmp/s", options.StateDirectory);
        Assert.Equal(RedisNodeRuntime.Process, options.Runtime);
        Assert.Equal("/opt/redis-server", options.RedisServerPath);
        Assert.Equal(7300, options.BasePort);
    }

    [Theory]
    [InlineData("Cluster:BasePort", "seven thousand")]
    [InlineData("Cluster:NodeTimeout", "5 seconds")]
    public void ValueOfTheWrongTypeNamesItsKey(string key, string value)
    {
        var ex = Assert.Throws<AppHostException>(() => Bind(new() { [key] = value }));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("70000")]
    public void SampleApiPortThatIsNoPortNamesItsKey(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SampleApi:Port"] = value }).Build();

        var ex = Assert.Throws<AppHostException>(() => configuration.SampleApiPort());

        Assert.Contains("SampleApi:Port", ex.Message, StringComparison.Ordinal);
    }

    private static RedisClusterOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new RedisClusterOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().BindClusterOptions(options);
        return options;
    }
}
