using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using RedisAspire.AppHost;
using RedisAspire.AppHost.Containers;
using RedisAspire.AppHost.Options;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The <c>Container</c> section's checks: each problem names the key to fix.</summary>
public sealed class ContainerOptionsValidationTests
{
    [Theory]
    [InlineData("")]
    [InlineData("docker")]
    [InlineData("podman")]
    [InlineData("/usr/bin/podman")]
    public void DockerAndPodmanAreAcceptedRuntimes(string runtime)
    {
        Assert.Empty(OptionsValidator.Validate(new ContainerOptions { Runtime = runtime }));
    }

    [Fact]
    public void OtherRuntimesNameContainerRuntime()
    {
        var error = Assert.Single(OptionsValidator.Validate(new ContainerOptions { Runtime = "containerd" }));

        Assert.StartsWith("Container:Runtime 'containerd' is not supported", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("redis:latest")]
    [InlineData("localhost:5000/redis")]
    [InlineData("")]
    public void ImageWithoutAPinnedTagNamesContainerImage(string image)
    {
        var error = Assert.Single(OptionsValidator.Validate(new ContainerOptions { Image = image }));

        Assert.StartsWith($"Container:Image '{image}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ContainerImages.Redis)]
    [InlineData("docker.io/library/redis:7.0.15")]
    [InlineData("localhost:5000/redis:7.2")]
    [InlineData("redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void PinnedImagesAreAccepted(string image)
    {
        Assert.Empty(OptionsValidator.Validate(new ContainerOptions { Image = image }));
    }

    [Fact]
    public void UnbalancedRunArgsNameContainerRunArgs()
    {
        var error = Assert.Single(OptionsValidator.Validate(new ContainerOptions { RunArgs = "--label 'open" }));

        Assert.StartsWith("Container:RunArgs cannot be split", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ContainerNetwork.Host)]
    [InlineData(ContainerNetwork.Shared)]
    public void AnnounceIpAndSubnetApplyToBridgeOnly(ContainerNetwork? network)
    {
        var errors = OptionsValidator.Validate(new ContainerOptions { Network = network, AnnounceIp = "10.0.0.1", Subnet = "10.213.7.0/24" });

        Assert.Equal(["Container:AnnounceIp", "Container:Subnet"], errors.Select(e => e.Split(' ')[0]));
    }

    [Theory]
    [InlineData("gateway", "")]
    [InlineData("0.0.0.0", "")]
    [InlineData("::1", "")]
    [InlineData("", "10.213.7.0")]
    [InlineData("", "10.213.7.0/30")]
    [InlineData("", "fd00::/64")]
    public void UnusableBridgeAddressesNameTheirKeys(string announceIp, string subnet)
    {
        var error = Assert.Single(OptionsValidator.Validate(new ContainerOptions { Network = ContainerNetwork.Bridge, AnnounceIp = announceIp, Subnet = subnet }));

        Assert.StartsWith(announceIp.Length > 0 ? "Container:AnnounceIp" : "Container:Subnet", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NonPositiveTimeoutsNameTheirKeys()
    {
        var errors = OptionsValidator.Validate(new ContainerOptions { DetectTimeout = TimeSpan.Zero, CommandTimeout = TimeSpan.FromSeconds(-1) });

        Assert.Equal(["Container:DetectTimeout", "Container:CommandTimeout"], errors.Select(e => e.Split(' ')[0]));
    }

    [Fact]
    public void UnknownNetworkNamesContainerNetworkAndItsValues()
    {
        var ex = Assert.Throws<AppHostException>(() => Load(new() { ["Container:Network"] = "overlay" }));

        Assert.Contains("Container:Network takes host, shared or bridge", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyNetworkMeansThePlatformDefault()
    {
        var context = Load(new() { ["Container:Network"] = "" });

        Assert.Null(context.Container.Network);
        Assert.Equal(ContainerNetwork.Host, ContainerNetworkDefaults.For(isLinux: true));
        Assert.Equal(ContainerNetwork.Shared, ContainerNetworkDefaults.For(isLinux: false));
    }

    [Fact]
    public void ShippedSettingsAreValidAndPinTheDefaultImage()
    {
        var context = Load(AppHostConfiguration.Build([]).AsEnumerable().ToDictionary(p => p.Key, p => p.Value));

        Assert.Equal(ContainerImages.Redis, context.Container.Image);
        Assert.Equal("", context.Container.RunArgs);
    }

    private static AppHostContext Load(Dictionary<string, string?> settings) =>
        AppHostContext.Load(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), NullLoggerFactory.Instance);
}
