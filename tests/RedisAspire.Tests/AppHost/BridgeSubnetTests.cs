using System.Net;
using RedisAspire.AppHost.Containers;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>Picking the bridge network's subnet: never one a container network, an interface or a route already uses.</summary>
public sealed class BridgeSubnetTests
{
    [Fact]
    public void PicksThePreferredSubnetWhenItIsFree()
    {
        Assert.Equal(IPNetwork.Parse("10.213.7.0/24"), BridgeSubnet.Pick([IPNetwork.Parse("10.88.0.0/16")], 7));
    }

    [Fact]
    public void SkipsSubnetsThatOverlapWhatIsTakenAndWrapsAround()
    {
        IPNetwork[] taken = [IPNetwork.Parse("10.213.255.0/24"), IPNetwork.Parse("10.213.0.0/23")];

        Assert.Equal(IPNetwork.Parse("10.213.2.0/24"), BridgeSubnet.Pick(taken, 255));
        Assert.Equal(IPNetwork.Parse("10.213.3.0/24"), BridgeSubnet.Pick(taken, 255, [IPNetwork.Parse("10.213.2.0/24")]));
    }

    [Fact]
    public void NothingIsPickedWhenTheWholeBlockIsTaken()
    {
        Assert.Null(BridgeSubnet.Pick([IPNetwork.Parse("10.0.0.0/8")], 0));
    }

    [Fact]
    public void GatewayIsTheFirstHostAddress()
    {
        Assert.Equal(IPAddress.Parse("10.213.7.1"), BridgeSubnet.Gateway(IPNetwork.Parse("10.213.7.0/24")));
    }

    [Fact]
    public void SubnetsAreReadFromPodmanAndDockerNetworkInspect()
    {
        const string Podman = """[{"name": "podman", "subnets": [{"subnet": "10.88.0.0/16", "gateway": "10.88.0.1"}, {"subnet": "fd00::/64"}]}]""";
        const string Docker = """[{"Name": "bridge", "IPAM": {"Driver": "default", "Config": [{"Subnet": "172.17.0.0/16", "Gateway": "172.17.0.1"}]}}]""";

        Assert.Equal([IPNetwork.Parse("10.88.0.0/16")], NetworkSubnets.FromNetworkInspect(Podman));
        Assert.Equal([IPNetwork.Parse("172.17.0.0/16")], NetworkSubnets.FromNetworkInspect(Docker));
        Assert.Empty(NetworkSubnets.FromNetworkInspect(""));
    }

    [Fact]
    public void RoutesAreReadFromProcNetRouteWithoutTheDefaultRoute()
    {
        const string Routes = """
            Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
            eth0	00000000	010200C0	0003	0	0	0	00000000	0	0	0
            eth0	000200C0	00000000	0001	0	0	0	00FFFFFF	0	0	0
            tun0	0000000A	00000000	0001	0	0	0	0000FFFF	0	0	0
            """;

        Assert.Equal([IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("10.0.0.0/16")], NetworkSubnets.FromProcNetRoute(Routes));
    }
}
