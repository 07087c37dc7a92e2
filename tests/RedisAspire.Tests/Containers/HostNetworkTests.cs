using Xunit.Abstractions;

namespace RedisAspire.Tests.Containers;

/// <summary>The application with <c>Container:Network=host</c>.</summary>
[Collection(ContainerGroup.Name)]
public sealed class HostNetworkTests(HostNetworkApplicationFixture fixture, ITestOutputHelper output)
    : ContainerNetworkModeTests<HostNetworkApplicationFixture>(fixture, output);
