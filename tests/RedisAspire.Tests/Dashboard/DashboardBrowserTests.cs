using System.Diagnostics;
using System.Globalization;
using System.Net;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace RedisAspire.Tests.Dashboard;

/// <summary>
/// The AppHost run from a terminal with its dashboard, looked at in a real browser: the pages a person opens after
/// `dotnet run --project AppHost`, with nothing configured for telemetry beyond what the AppHost passes its resources.
/// </summary>
[Collection(AppHostGroup.Name)]
public sealed class DashboardBrowserTests(ITestOutputHelper output) : IDisposable
{
    private const int SigInt = 2;
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(120);
    private static readonly string[] Nodes = ["cache-0", "cache-1", "cache-2", "cache-3", "cache-4", "cache-5"];

    private readonly string _state = Directory.CreateTempSubdirectory("redisaspire-dashboard-").FullName;

    [ChromiumFact]
    public async Task DashboardShowsTheClusterHealthyAndThePutTraceWithItsRedisSpan()
    {
        var basePort = PortBlock.Allocate(6);
        var apiPort = PortAllocator.Allocate(1)[0];
        await using var appHost = AppHostConsoleProcess.Start(
            $"--Cluster:BasePort={basePort.ToString(CultureInfo.InvariantCulture)}", $"--SampleApi:Port={apiPort.ToString(CultureInfo.InvariantCulture)}",
            $"--AppHost:StateDirectory={_state}", "--AppHost:Runtime=process");
        var loginLine = await appHost.WaitForLineAsync(l => l.Contains("Login to the dashboard at ", StringComparison.Ordinal), StartBound);
        var login = new Uri(loginLine[loginLine.IndexOf("http", StringComparison.Ordinal)..].Trim());
        await appHost.WaitForLineAsync(l => l.Contains("cache: Ready: 3 masters, 3 replicas", StringComparison.Ordinal), StartBound);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://localhost:{apiPort}/") };
        await WaitForHealthAsync(http);
        var key = $"dashboard-{Guid.NewGuid():N}";
        using (var put = await http.PutAsync(new Uri($"items/{key}", UriKind.Relative), new StringContent("seen in the dashboard")))
        {
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        await using var dashboard = await DashboardPage.LogInAsync(login, Path.Combine(AppContext.BaseDirectory, "screenshots", nameof(DashboardBrowserTests)), output);

        // Resources: cache and its six nodes Running and Healthy, cluster-init Finished, sample-api Running.
        await dashboard.ExpectStateAsync("cluster-init", "Finished");
        await dashboard.ExpectStateAsync("sample-api", "Running");
        await dashboard.ExpectStateAsync("cache", "Running");
        foreach (var node in Nodes)
        {
            await dashboard.ExpectStateAsync(node, "Running");
        }

        await dashboard.ScreenshotAsync("1-resources");
        foreach (var resource in Nodes.Prepend("cache"))
        {
            await dashboard.ExpectHealthyAsync(resource);
        }

        await dashboard.ScreenshotAsync("2-resources-cache-5-details-healthy");
        await dashboard.ExpectHealthyAsync("cache");
        await dashboard.ScreenshotAsync("3-resources-cache-details-healthy");

        // Traces: the PUT's trace, whose Redis span the dashboard attributes to the node that owns the key.
        await dashboard.OpenAsync("/traces");
        var putTrace = dashboard.Page.Locator("tr", new() { HasText = "sample-api: PUT /items/{key}" }).First;
        await Expect(putTrace).ToBeVisibleAsync();
        await dashboard.ScreenshotAsync("4-traces");
        await putTrace.GetByText("PUT /items/{key}").ClickAsync();
        var redisSpan = dashboard.Page.Locator("tr", new() { HasText = "DATA redis SET" }).First;
        await Expect(redisSpan).ToBeVisibleAsync();
        await Expect(dashboard.Page.Locator("tr", new() { HasText = "PUT /items/{key}" }).First).ToContainTextAsync("sample-api");
        await Expect(redisSpan).ToContainTextAsync(await OwnerOfAsync(key, basePort));
        await dashboard.ScreenshotAsync("5-trace-put-with-redis-span");

        // Structured logs and metrics arrive from the .NET resources without any configuration of theirs.
        await dashboard.OpenAsync("/structuredlogs/resource/cluster-init");
        await Expect(dashboard.Page.Locator("tr", new() { HasText = "cluster-init" }).First).ToBeVisibleAsync();
        await dashboard.ScreenshotAsync("6-structured-logs-cluster-init");
        await dashboard.OpenAsync("/structuredlogs/resource/sample-api");
        await Expect(dashboard.Page.Locator("tr", new() { HasText = "sample-api" }).First).ToBeVisibleAsync();
        await dashboard.OpenAsync("/metrics/resource/sample-api");
        await Expect(dashboard.Page.GetByText("http.server.request.duration").First).ToBeVisibleAsync();
        await dashboard.ScreenshotAsync("7-metrics-sample-api");

        appHost.SignalGroup(SigInt);
        Assert.Equal(0, await appHost.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    // The node the cluster itself names as the owner of the key's slot, by its resource name.
    private async Task<string> OwnerOfAsync(string key, int basePort)
    {
        var password = (await File.ReadAllTextAsync(Path.Combine(_state, "password-admin"))).Trim();
        await using var admin = await TestRedisClient.ConnectAsync("127.0.0.1", basePort, password, user: "admin");
        var slot = (await admin.ExecuteAsync("CLUSTER", "KEYSLOT", key)).AsInteger();
        var owner = ClusterNodesLine.ParseAll((await admin.ExecuteAsync("CLUSTER", "NODES")).AsText())
            .Single(n => n.IsMaster && n.Slots.Any(r => r.Start <= slot && slot <= r.End));
        return $"cache-{(owner.Port - basePort).ToString(CultureInfo.InvariantCulture)}";
    }

    private static async Task WaitForHealthAsync(HttpClient http)
    {
        var waited = Stopwatch.StartNew();
        var lastSeen = "nothing yet";
        while (waited.Elapsed < StartBound)
        {
            try
            {
                using var health = await http.GetAsync(new Uri("health", UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastSeen = $"{(int)health.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                lastSeen = exception.Message;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"sample-api's /health did not answer 200 within {StartBound}; last seen: {lastSeen}");
    }
}
