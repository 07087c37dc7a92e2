using Xunit.Abstractions;

namespace RedisAspire.Tests.Containers;

/// <summary>Container nodes in network mode announce on a Docker engine (see <see cref="AnnounceScenarios"/>).</summary>
[Collection(ContainerGroup.Name)]
public sealed class DockerAnnounceTests(ITestOutputHelper output)
{
    [DockerFact]
    public Task HealthyWithAThousandKeysOnEveryMasterKeptThroughStopAndStart() =>
        new AnnounceScenarios("docker", output).HealthyWithAThousandKeysOnEveryMasterKeptThroughStopAndStartAsync();

    [DockerFact(networkNamespace: true)]
    public Task ClientInAnotherNetworkNamespaceUsesEverySlotRangeThroughTheAnnounceAddress() =>
        new AnnounceScenarios("docker", output).ClientInAnotherNetworkNamespaceUsesEverySlotRangeThroughTheAnnounceAddressAsync();

    [DockerFact]
    public Task MasterStoppedFromItsResourceCommandFailsOverAndRejoinsAsReplica() =>
        new AnnounceScenarios("docker", output).MasterStoppedFromItsResourceCommandFailsOverAndRejoinsAsReplicaAsync();

    [DockerFact(networkNamespace: true)]
    public Task WithoutAnnounceSettingsTheSameClientIsSentToUnreachableContainerAddresses() =>
        new AnnounceScenarios("docker", output).WithoutAnnounceSettingsTheSameClientIsSentToUnreachableContainerAddressesAsync();
}
