using System.Globalization;
using RedisAspire.Tests.Infrastructure;
using RedisAspire.Tests.Resilience;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// The application with <c>Container:Network=bridge</c>; besides the tests of every mode, AppHost's own bridge network
/// passes the NAT proof: a client that reaches only the announce address works on every master.
/// </summary>
[Collection(ContainerGroup.Name)]
public sealed class BridgeNetworkTests(BridgeNetworkApplicationFixture fixture, ITestOutputHelper output)
    : ContainerNetworkModeTests<BridgeNetworkApplicationFixture>(fixture, output)
{
    [PodmanFact]
    public async Task ClientThatReachesOnlyTheAnnounceAddressWritesAndReadsOnEveryMaster()
    {
        var app = Fixture.App;
        var announce = app.Nodes[0].Host;
        await using var client = await NetworkNamespaceClient.CreateAsync(announce);
        var view = await ContainerClusterAssertions.AssertReadyAsync(app);

        Assert.All(view, node => Assert.Equal(announce, node.Host));
        foreach (var master in view.Where(node => node.IsMaster))
        {
            foreach (var key in SlotKeys.Across(master))
            {
                var set = await client.RedisCliAsync(app.Password, "-c", "-h", announce, "-p", Port(app.Nodes[0].Port), "SET", key, "outside");
                var get = await client.RedisCliAsync(app.Password, "-c", "-h", announce, "-p", Port(app.Nodes[^1].Port), "GET", key);
                await using var direct = await TestRedisClient.ConnectAsync(master.Host, master.Port, app.Password);

                Assert.True(set.ExitCode == 0 && set.StandardOutput.Trim() == "OK", $"SET {key} (slot {KeySlot.Of(key)}, master {master.Endpoint}): {set}");
                Assert.True(get.ExitCode == 0 && get.StandardOutput.Trim() == "outside", $"GET {key} (slot {KeySlot.Of(key)}, master {master.Endpoint}): {get}");
                Assert.Equal("outside", (await direct.ExecuteAsync("GET", key)).AsText());
            }
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
