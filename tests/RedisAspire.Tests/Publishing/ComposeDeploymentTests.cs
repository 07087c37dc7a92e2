using System.Diagnostics;
using System.Globalization;
using System.Net;
using RedisAspire.AppHost.Publishing;
using RedisAspire.Tests.Containers;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Publishing;

/// <summary>
/// The compose project the <c>publish-compose</c> step generates from the application model, deployed for real with
/// docker-compose and locally built images, on podman (through its API socket) and on the Docker engine: nodes on a bridge
/// network announcing this machine's address with 1:1 published ports, cluster-init forming the cluster, sample-api
/// serving through it, a restart of every node keeping every key, and <c>down -v</c> leaving nothing.
/// </summary>
[Collection(ContainerGroup.Name)]
public sealed class ComposeDeploymentTests(ITestOutputHelper output)
{
    private const int KeyCount = 120;
    private static readonly string[] NodeServices = ["cache-0", "cache-1", "cache-2", "cache-3", "cache-4", "cache-5"];
    private static readonly TimeSpan UpTimeout = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    [ComposeFact("podman")]
    public Task OnPodmansApiSocketTheComposeProjectFormsTheClusterServesTheApiKeepsEveryKeyAcrossNodeRestartsAndLeavesNothing() =>
        DeployAsync(ContainerRuntimeCli.Podman!);

    [ComposeFact("docker")]
    public Task OnTheDockerEngineTheComposeProjectFormsTheClusterServesTheApiKeepsEveryKeyAcrossNodeRestartsAndLeavesNothing() =>
        DeployAsync(ContainerRuntimeCli.Docker!);

    private async Task DeployAsync(ContainerRuntimeCli engine)
    {
        output.WriteLine($"engine: {engine.Name} ({engine.Path})");
        output.WriteLine($"images built in {(await ComposeTestImages.BuildAsync(engine)).TotalSeconds:0.0} s");
        var basePort = PortBlock.Allocate(NodeServices.Length);
        var apiPort = PortAllocator.Allocate(1)[0];
        using var published = PublishedCompose.Publish(
            $"--Cluster:BasePort={basePort}",
            $"--SampleApi:Port={apiPort}",
            $"--Container:Image={ComposeTestImages.Redis}",
            $"--Publish:ClusterInitImage={ComposeTestImages.ClusterInit}",
            $"--Publish:SampleApiImage={ComposeTestImages.SampleApi}");
        Assert.Equal(0, published.ExitCode);
        var password = ComposeEnvironmentFile.ReadVariable(published.EnvironmentPath, "REDIS_PASSWORD")!;
        var announceIp = ComposeEnvironmentFile.ReadVariable(published.EnvironmentPath, "ANNOUNCE_IP")!;
        (string, string, int)[] nodes = [.. NodeServices.Select((name, i) => (name, announceIp, basePort + i))];
        output.WriteLine($"announce {announceIp}, ports {basePort}-{basePort + 5}, sample-api {apiPort}");

        await using var project = await ComposeProject.CreateAsync(published.Directory, engine);
        var started = Stopwatch.StartNew();
        await UpAsync(project);
        output.WriteLine($"docker-compose up -d returned after {started.Elapsed.TotalSeconds:0.0} s (cluster-init exited 0, sample-api created)");
        var view = await WaitReadyAsync(nodes, password);
        output.WriteLine($"cluster Ready {started.Elapsed.TotalSeconds:0.0} s after up");

        // From inside a node container, every other node answers at its announced address (hairpin through the host).
        var redis0 = Assert.Single(await project.ContainersAsync("cache-0"));
        foreach (var (name, host, port) in nodes.Skip(1))
        {
            var ping = await engine.RunCheckedAsync(
                ["exec", redis0, "sh", "-c", $"REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli -h {host} -p {port} ping"]);
            Assert.True(ping == "PONG", $"{name} at {host}:{port} from inside cache-0: {ping}");
        }

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(10) };
        await WaitHealthyAsync(http);
        var values = Enumerable.Range(0, KeyCount).ToDictionary(i => $"compose-{i}", i => $"value-{i}");
        foreach (var (key, value) in values)
        {
            using var put = await http.PutAsync($"/items/{key}", new StringContent(value));
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        Assert.Equal(values["compose-7"], await http.GetStringAsync("/items/compose-7"));
        output.WriteLine($"keys per master: {await ClusterReadyAssertions.AssertEveryMasterHoldsKeysAsync(password, view)}");

        await project.RunAsync(["restart", .. NodeServices], CommandTimeout);
        await WaitReadyAsync(nodes, password);
        await WaitHealthyAsync(http);
        foreach (var (key, value) in values)
        {
            Assert.Equal(value, await http.GetStringAsync($"/items/{key}"));
        }

        output.WriteLine($"after restarting all six nodes every one of {KeyCount} keys is back");

        // Starting the project again re-runs cluster-init over the running cluster: it verifies and changes nothing.
        var clusterInit = Assert.Single(await project.ContainersAsync("cluster-init"));
        var firstRun = await engine.RunCheckedAsync(["inspect", "--format", "{{.State.StartedAt}}", clusterInit]);
        await UpAsync(project);
        var secondRun = await engine.RunCheckedAsync(["inspect", "--format", "{{.State.StartedAt}} {{.State.ExitCode}}", clusterInit]);
        Assert.True(secondRun != firstRun + " 0" && secondRun.EndsWith(" 0", StringComparison.Ordinal), $"cluster-init first started {firstRun}, now {secondRun}");
        foreach (var (name, host, port) in nodes)
        {
            await using var client = await TestRedisClient.ConnectAsync(host, port, password);
            var stats = (await client.ExecuteAsync("INFO", "commandstats")).AsText();
            var sent = ClusterFormation.ClusterAssertions.MutatingCommands.Where(command => stats.Contains($"cmdstat_{command}:", StringComparison.Ordinal)).ToList();
            Assert.True(sent.Count == 0, $"{name} received {string.Join(", ", sent)} since its restart:\n{stats}");
        }

        Assert.Equal(values["compose-99"], await http.GetStringAsync("/items/compose-99"));

        await project.DownAsync();
        Assert.Empty(await project.LeftoversAsync());
    }

    // `up -d` waits for healthy nodes, then for cluster-init to exit 0, then creates sample-api. Podman runs health
    // checks from systemd timers; where systemd is not running (containers, CI) the test runs each node's configured
    // check itself with `podman healthcheck run`, which is exactly the command a timer would run.
    private async Task UpAsync(ComposeProject project)
    {
        var up = project.RunAsync(["up", "-d"], UpTimeout);
        var driveHealthChecks = project.Runtime.Name == "podman" && !Directory.Exists("/run/systemd/system");
        while (!up.IsCompleted)
        {
            if (driveHealthChecks)
            {
                foreach (var service in NodeServices)
                {
                    foreach (var container in await project.ContainersAsync(service))
                    {
                        await project.Runtime.RunAsync(["healthcheck", "run", container]);
                    }
                }
            }

            await Task.WhenAny(up, Task.Delay(1000));
        }

        var result = await up;
        output.WriteLine(result.StandardError);
    }

    private static async Task<IReadOnlyList<ClusterNodesLine>> WaitReadyAsync((string, string, int)[] nodes, string password)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await ClusterReadyAssertions.AssertReadyAsync(nodes, password);
            }
            catch (Exception ex) when (deadline.Elapsed < ReadyTimeout && ex is Xunit.Sdk.XunitException or IOException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task WaitHealthyAsync(HttpClient http)
    {
        var deadline = Stopwatch.StartNew();
        var last = "no answer yet";
        while (deadline.Elapsed < ReadyTimeout)
        {
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                var body = await response.Content.ReadAsStringAsync();
                last = string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode}: {body}");
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"sample-api at {http.BaseAddress} did not answer /health with 200 within {ReadyTimeout.TotalSeconds:0} s; last: {last}");
    }
}
