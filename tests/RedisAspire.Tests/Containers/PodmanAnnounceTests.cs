using Xunit.Abstractions;

namespace RedisAspire.Tests.Containers;

/// <summary>Container nodes in network mode announce on podman (see <see cref="AnnounceScenarios"/>).</summary>
[Collection(ContainerGroup.Name)]
public sealed class PodmanAnnounceTests(ITestOutputHelper output)
{
    [PodmanFact]
    public Task HealthyWithAThousandKeysOnEveryMasterKeptThroughStopAndStart() =>
        new AnnounceScenarios("podman", output).HealthyWithAThousandKeysOnEveryMasterKeptThroughStopAndStartAsync();

    [PodmanFact(networkNamespace: true)]
    public Task ClientInAnotherNetworkNamespaceUsesEverySlotRangeThroughTheAnnounceAddress() =>
        new AnnounceScenarios("podman", output).ClientInAnotherNetworkNamespaceUsesEverySlotRangeThroughTheAnnounceAddressAsync();

    [PodmanFact]
    public Task MasterStoppedFromItsResourceCommandFailsOverAndRejoinsAsReplica() =>
        new AnnounceScenarios("podman", output).MasterStoppedFromItsResourceCommandFailsOverAndRejoinsAsReplicaAsync();

    [PodmanFact(networkNamespace: true)]
    public Task WithoutAnnounceSettingsTheSameClientIsSentToUnreachableContainerAddresses() =>
        new AnnounceScenarios("podman", output).WithoutAnnounceSettingsTheSameClientIsSentToUnreachableContainerAddressesAsync();
}
