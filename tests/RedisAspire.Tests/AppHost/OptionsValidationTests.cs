using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using RedisAspire.AppHost;
using RedisAspire.AppHost.Options;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>AppHost's option checks: each problem is reported, naming the key to fix.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void DefaultsAreValid()
    {
        Assert.Empty(OptionsValidator.Validate(new RedisClusterOptions()));
        Assert.Empty(OptionsValidator.Validate(new AppHostOptions()));
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
        var error = Assert.Single(OptionsValidator.Validate(new RedisClusterOptions { Masters = masters }));

        Assert.StartsWith("Cluster:Masters must be at least 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeReplicasNamesClusterReplicasPerMaster()
    {
        var error = Assert.Single(OptionsValidator.Validate(new RedisClusterOptions { ReplicasPerMaster = -1 }));

        Assert.StartsWith("Cluster:ReplicasPerMaster", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(65536)]
    public void BasePortOutsideThePortRangeNamesClusterBasePort(int basePort)
    {
        var error = Assert.Single(OptionsValidator.Validate(new RedisClusterOptions { BasePort = basePort }));

        Assert.StartsWith("Cluster:BasePort must be between 1 and 65535", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LastClientPortAbove65535NamesTheNodeAndTheHighestBasePort()
    {
        var error = Assert.Single(OptionsValidator.Validate(new RedisClusterOptions { BasePort = 65533 }));

        Assert.Contains("Cluster:BasePort 65533 gives redis-5 client port 65538", error, StringComparison.Ordinal);
        Assert.Contains("at most 65530", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LastBusPortAbove65535NamesTheBusPortAndTheHighestBasePort()
    {
        var error = Assert.Single(OptionsValidator.Validate(new RedisClusterOptions { BasePort = 55531 }));

        Assert.Contains("redis-5 bus port 65536", error, StringComparison.Ordinal);
        Assert.Contains("Cluster:BasePort of at most 55530", error, StringComparison.Ordinal);
        Assert.Empty(OptionsValidator.Validate(new RedisClusterOptions { BasePort = 55530 }));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("fe80::1%2")]
    public void UnusableAnnounceIpNamesClusterAnnounceIp(string announceIp)
    {
        var error = Assert.Single(OptionsValidator.Validate(new RedisClusterOptions { AnnounceIp = announceIp }));

        Assert.StartsWith("Cluster:AnnounceIp", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroNodeTimeoutNamesClusterNodeTimeout()
    {
        var error = Assert.Single(OptionsValidator.Validate(new RedisClusterOptions { NodeTimeout = TimeSpan.Zero }));

        Assert.StartsWith("Cluster:NodeTimeout", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b")]
    [InlineData("with space")]
    [InlineData("line\nbreak")]
    public void PasswordThatBreaksTheConnectionStringNamesClusterPassword(string password)
    {
        var error = Assert.Single(OptionsValidator.Validate(new RedisClusterOptions { Password = password }));

        Assert.StartsWith("Cluster:Password", error, StringComparison.Ordinal);
        Assert.DoesNotContain(password, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerRuntimeIsValid()
    {
        Assert.Empty(OptionsValidator.Validate(new AppHostOptions { Runtime = AppHostRuntime.Container }));
    }

    [Fact]
    public void NonPositiveTimeoutsNameTheirKeys()
    {
        var errors = OptionsValidator.Validate(new AppHostOptions
        {
            NodeStartTimeout = TimeSpan.Zero,
            ClusterInitTimeout = TimeSpan.Zero,
            SampleApiStartTimeout = TimeSpan.FromSeconds(-1),
            StopTimeout = TimeSpan.Zero,
            ProbeTimeout = TimeSpan.Zero,
            ProbeInterval = TimeSpan.Zero,
        });

        Assert.Equal(
            ["AppHost:NodeStartTimeout", "AppHost:ClusterInitTimeout", "AppHost:SampleApiStartTimeout", "AppHost:StopTimeout", "AppHost:ProbeTimeout", "AppHost:ProbeInterval"],
            errors.Select(e => e.Split(' ')[0]));
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
        var ex = Assert.Throws<AppHostException>(() => Load(new()
        {
            ["Cluster:Masters"] = "2",
            ["Cluster:AnnounceIp"] = "nowhere",
            ["AppHost:StopTimeout"] = "00:00:00",
            ["SampleApi:Port"] = "70000",
            ["Otlp:Endpoint"] = "collector",
        }));

        Assert.StartsWith("Invalid configuration:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Masters", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:AnnounceIp", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AppHost:StopTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SampleApi:Port", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Otlp:Endpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownRuntimeNamesAppHostRuntimeAndItsValues()
    {
        var ex = Assert.Throws<AppHostException>(() => Load(new() { ["AppHost:Runtime"] = "docker" }));

        Assert.Contains("AppHost:Runtime", ex.Message, StringComparison.Ordinal);
        Assert.Contains("auto, process or container", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SampleApi:Port", "http")]
    [InlineData("Cluster:BasePort", "seven thousand")]
    [InlineData("AppHost:SampleApiStartTimeout", "30 seconds")]
    public void ValueOfTheWrongTypeNamesItsKey(string key, string value)
    {
        var ex = Assert.Throws<AppHostException>(() => Load(new() { [key] = value }));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    private static AppHostContext Load(Dictionary<string, string?> settings) =>
        AppHostContext.Load(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), NullLoggerFactory.Instance);
}
