using Microsoft.Extensions.Configuration;
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
    public void NonPositiveTimeoutsNameTheirKeys()
    {
        var errors = OptionsValidator.Validate(new ContainerOptions { DetectTimeout = TimeSpan.Zero, CommandTimeout = TimeSpan.FromSeconds(-1) });

        Assert.Equal(["Container:DetectTimeout", "Container:CommandTimeout"], errors.Select(e => e.Split(' ')[0]));
    }

    [Fact]
    public void ShippedSettingsAreValidAndPinTheDefaultImage()
    {
        var container = AppHostConfiguration.Bind<ContainerOptions>(AppHostConfiguration.Build([]), ContainerOptions.SectionName);

        Assert.Equal(ContainerImages.Redis, container.Image);
        Assert.Empty(OptionsValidator.Validate(container));
    }
}
