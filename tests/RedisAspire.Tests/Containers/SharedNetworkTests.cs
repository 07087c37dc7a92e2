using Xunit.Abstractions;

namespace RedisAspire.Tests.Containers;

/// <summary>The application with <c>Container:Network=shared</c>.</summary>
[Collection(ContainerGroup.Name)]
public sealed class SharedNetworkTests(SharedNetworkApplicationFixture fixture, ITestOutputHelper output)
    : ContainerNetworkModeTests<SharedNetworkApplicationFixture>(fixture, output);
