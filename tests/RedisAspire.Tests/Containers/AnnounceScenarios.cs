using System.Globalization;
using System.Net;
using Aspire.Hosting.ApplicationModel;
using RedisAspire.Tests.Infrastructure;
using RedisAspire.Tests.Resilience;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// What container nodes in network mode announce must do on every runtime: be Healthy, take 1,000 keys through
/// sample-api on every master, keep every key through a stop and start of the whole application, and serve a client in
/// another network namespace that reaches only the announce address. The runtime-specific test classes run these.
/// </summary>
internal sealed class AnnounceScenarios(string runtime, ITestOutputHelper output)
{
    private const int KeyCount = 1000;

    private readonly ContainerRuntimeCli _cli = ContainerRuntimeCli.For(runtime);

    public async Task HealthyWithAThousandKeysOnEveryMasterKeptThroughStopAndStartAsync()
    {
        var stateDirectory = ContainerApplication.NewStateDirectory();
        var builder = ContainerApplication.Builder(runtime, stateDirectory, output);
        var run = Guid.NewGuid().ToString("N")[..8];
        try
        {
            var (first, firstHealthy) = await ContainerApplication.StartAsync(builder);
            await using (first)
            {
                output.WriteLine($"{runtime}: AppHost start -> cache Healthy in {firstHealthy.TotalSeconds:0.0} s (first start, image present or built)");
                Assert.Contains(first.Output.Lines, l => l.Contains($"nodes run as containers of localhost/redisaspire/redis:", StringComparison.Ordinal) && l.Contains($"{runtime}:", StringComparison.Ordinal));
                var announced = first.Nodes[0].Host;
                Assert.False(IPAddress.IsLoopback(IPAddress.Parse(announced)), $"container nodes announce {announced}");
                var view = await ClusterReadyAssertions.AssertReadyAsync([.. first.Nodes.Select(n => (n.Name, n.Host, n.Port))], first.AdminPassword, first.AdminUser);
                Assert.All(view, node => Assert.Equal(announced, node.Host));
                await AssertNoSecretInContainerSpecsAsync(stateDirectory, first.Secrets);

                using var http = first.CreateHttpClient("sample-api");
                for (var i = 0; i < KeyCount; i++)
                {
                    using var put = await http.PutAsync(new Uri($"/items/containers-{run}-{i}", UriKind.Relative), new StringContent($"value {i}"));
                    Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
                }

                output.WriteLine($"keys per master: {await ClusterReadyAssertions.AssertEveryMasterHoldsKeysAsync(first.AdminPassword, view, first.AdminUser)}");
            }

            await ContainerApplication.AssertNothingLeftAsync(_cli, stateDirectory);

            var (second, secondHealthy) = await ContainerApplication.StartAsync(builder);
            await using (second)
            {
                output.WriteLine($"{runtime}: AppHost start -> cache Healthy in {secondHealthy.TotalSeconds:0.0} s (restart on the same state)");
                using var http = second.CreateHttpClient("sample-api");
                for (var i = 0; i < KeyCount; i++)
                {
                    Assert.Equal($"value {i}", await http.GetStringAsync(new Uri($"/items/containers-{run}-{i}", UriKind.Relative)));
                }
            }

            await ContainerApplication.AssertNothingLeftAsync(_cli, stateDirectory);
        }
        finally
        {
            ContainerApplication.DeleteStateDirectory(stateDirectory);
        }
    }

    public async Task ClientInAnotherNetworkNamespaceUsesEverySlotRangeThroughTheAnnounceAddressAsync()
    {
        var stateDirectory = ContainerApplication.NewStateDirectory();
        try
        {
            var (app, toHealthy) = await ContainerApplication.StartAsync(ContainerApplication.Builder(runtime, stateDirectory, output));
            await using (app)
            {
                output.WriteLine($"{runtime}: AppHost start -> cache Healthy in {toHealthy.TotalSeconds:0.0} s");
                var announce = app.Nodes[0].Host;
                await using var client = await NetworkNamespaceClient.CreateAsync(announce);
                var view = await ClusterReadyAssertions.AssertReadyAsync([.. app.Nodes.Select(n => (n.Name, n.Host, n.Port))], app.AdminPassword, app.AdminUser);
                var masters = view.Where(node => node.IsMaster).ToList();
                var containerIp = await ContainerIpAsync(stateDirectory);

                // Really outside: the container's own address does not answer, the announce address does.
                var direct = await client.RedisCliAsync(app.Password, "--user", "app", "-h", containerIp, "-p", Text(app.Nodes[0].Port), "PING");
                var published = await client.RedisCliAsync(app.Password, "--user", "app", "-h", announce, "-p", Text(app.Nodes[0].Port), "PING");
                Assert.True(direct.ExitCode != 0 && !direct.Output.Contains("PONG", StringComparison.Ordinal), direct.ToString());
                Assert.True(published.ExitCode == 0 && published.StandardOutput.Trim() == "PONG", published.ToString());

                var checkedKeys = 0;
                foreach (var master in masters)
                {
                    foreach (var key in SlotKeys.Across(master))
                    {
                        var value = $"value of {key}";
                        var set = await client.RedisCliAsync(app.Password, "--user", "app", "-c", "-h", announce, "-p", Text(app.Nodes[0].Port), "SET", key, value);
                        var get = await client.RedisCliAsync(app.Password, "--user", "app", "-c", "-h", announce, "-p", Text(app.Nodes[^1].Port), "GET", key);
                        Assert.True(set.ExitCode == 0 && set.StandardOutput.Trim() == "OK", $"SET {key} (slot {KeySlot.Of(key)}, master {master.Endpoint}): {set}");
                        Assert.True(get.ExitCode == 0 && get.StandardOutput.Trim() == value, $"GET {key} (slot {KeySlot.Of(key)}, master {master.Endpoint}): {get}");
                        checkedKeys++;
                    }
                }

                output.WriteLine($"{checkedKeys} keys over {masters.Count} masters' slot ranges set and read from namespace {client.Name} through {announce} only");
            }

            await ContainerApplication.AssertNothingLeftAsync(_cli, stateDirectory);
        }
        finally
        {
            ContainerApplication.DeleteStateDirectory(stateDirectory);
        }
    }

    public async Task MasterStoppedFromItsResourceCommandFailsOverAndRejoinsAsReplicaAsync()
    {
        var stateDirectory = ContainerApplication.NewStateDirectory();
        var recovery = TimeSpan.FromSeconds(60);
        try
        {
            var (app, _) = await ContainerApplication.StartAsync(ContainerApplication.Builder(runtime, stateDirectory, output));
            await using (app)
            {
                await using var admin = await app.ConnectAdminAsync(app.Nodes[0]);
                var view = ClusterNodesLine.ParseAll((await admin.ExecuteAsync("CLUSTER", "NODES")).AsText());
                var owner = view.Single(e => e.IsMaster && e.Slots.Any(r => r.Start == 0));
                var master = app.Nodes.Single(n => n.Port == owner.Port);
                var viewer = app.Nodes.First(n => n.Name != master.Name);

                var stop = await app.ExecuteCommandAsync(master.Name, KnownResourceCommands.StopCommand);
                Assert.True(stop.Success, stop.Message);
                var promoted = await Poll.UntilAsync($"{viewer.Name} to see a master other than {master.Name} serving slot 0", recovery, async () =>
                {
                    await using var client = await app.ConnectAdminAsync(viewer);
                    var serving = ClusterNodesLine.ParseAll((await client.ExecuteAsync("CLUSTER", "NODES")).AsText())
                        .FirstOrDefault(e => e.IsMaster && e.Slots.Any(r => r.Start == 0) && !e.Flags.Overlaps(["fail", "fail?"]));
                    return serving is not null && serving.Id != owner.Id ? null : $"slot 0 served by {serving?.Endpoint ?? "nobody"}";
                });
                await app.WaitForAsync(master.Name, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), "a terminal state", recovery);
                var start = await app.ExecuteCommandAsync(master.Name, KnownResourceCommands.StartCommand);
                Assert.True(start.Success, start.Message);
                await Poll.UntilAsync($"{master.Name} to rejoin as a replica", recovery, async () =>
                {
                    await using var client = await app.ConnectAdminAsync(master);
                    var self = ClusterNodesLine.ParseAll((await client.ExecuteAsync("CLUSTER", "NODES")).AsText()).Single(e => e.IsMyself);
                    return self.IsReplica ? null : string.Join(',', self.Flags);
                });
                await Poll.UntilAsync("the Check command to find the cluster Ready", recovery, async () =>
                {
                    var check = await app.ExecuteCommandAsync("cache", "redis-cluster-check");
                    return check.Success ? null : check.Message;
                });
                output.WriteLine($"{runtime}: slot 0 served by another master {promoted.TotalSeconds:0.0} s after {master.Name} was stopped; it rejoined as a replica");
            }

            await ContainerApplication.AssertNothingLeftAsync(_cli, stateDirectory);
        }
        finally
        {
            ContainerApplication.DeleteStateDirectory(stateDirectory);
        }
    }

    public async Task WithoutAnnounceSettingsTheSameClientIsSentToUnreachableContainerAddressesAsync()
    {
        var announce = RedisAspire.Hosting.Containers.AnnounceAddress.Choose("127.0.0.1").Address;
        await using var cluster = await UnannouncedCluster.StartAsync(_cli, announce, output);
        await using var client = await NetworkNamespaceClient.CreateAsync(announce);
        var view = await cluster.ClusterNodesAsync();
        var masters = view.Where(node => node.IsMaster).ToList();
        var entry = cluster.Nodes[0];
        var entryMaster = masters.Single(m => m.Host == entry.ContainerIp);

        Assert.Equal(3, masters.Count);
        Assert.Equal(cluster.Nodes.Select(n => n.ContainerIp).Order(), view.Select(node => node.Host).Order());
        foreach (var master in masters)
        {
            foreach (var key in SlotKeys.Across(master))
            {
                var set = await client.RedisCliAsync(cluster.Password, "-c", "-h", announce, "-p", Text(entry.PublishedPort), "SET", key, "value");
                var because = $"SET {key} (slot {KeySlot.Of(key)}, master {master.Endpoint}) through {announce}:{entry.PublishedPort}: {set}";
                if (master.Id == entryMaster.Id)
                {
                    // The entry node's own slots: the published port itself works, only redirections are broken.
                    Assert.True(set.ExitCode == 0 && set.StandardOutput.Trim() == "OK", because);
                }
                else
                {
                    Assert.True(set.ExitCode != 0 || set.StandardOutput.Trim() != "OK", because);
                    Assert.Contains($"Could not connect to Redis at {master.Endpoint}", set.Output, StringComparison.Ordinal);
                }
            }
        }

        output.WriteLine($"Without announce settings, redirections went to container addresses: {string.Join(", ", masters.Where(m => m.Id != entryMaster.Id).Select(m => m.Endpoint))}");
    }

    private async Task<string> ContainerIpAsync(string stateDirectory)
    {
        var ids = await _cli.RunCheckedAsync(["ps", "-q", "--filter", $"label={ContainerApplication.StateLabel}={stateDirectory}"]);
        var id = ids.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim();
        return await _cli.RunCheckedAsync(["inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", id]);
    }

    // Passwords live in the 0600 redis.conf only: nothing the runtime holds about the containers (command, arguments,
    // environment, labels) contains one.
    private async Task AssertNoSecretInContainerSpecsAsync(string stateDirectory, IReadOnlyList<string> secrets)
    {
        var ids = (await _cli.RunCheckedAsync(["ps", "-aq", "--filter", $"label={ContainerApplication.StateLabel}={stateDirectory}"]))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(6, ids.Length);
        var inspect = await _cli.RunCheckedAsync(["inspect", .. ids]);
        foreach (var secret in secrets)
        {
            Assert.False(inspect.Contains(secret, StringComparison.Ordinal), $"a password appears in `{_cli.Name} inspect` of the node containers");
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
