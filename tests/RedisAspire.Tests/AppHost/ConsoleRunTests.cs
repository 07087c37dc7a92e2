using System.Diagnostics;
using System.Globalization;
using System.Net;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>
/// The AppHost run from a terminal, as a user runs it: it prints the dashboard's login URL, serves the dashboard over
/// http, stops everything in order on Ctrl+C (SIGINT to the whole process group) without reporting the nodes' exits as
/// failures, and a restart after SIGKILL takes over cleanly with every key.
/// </summary>
[Collection(AppHostGroup.Name)]
public sealed class ConsoleRunTests(ITestOutputHelper output) : IDisposable
{
    private const int SigInt = 2;
    private const int SigKill = 9;
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(30);

    private readonly string _state = Directory.CreateTempSubdirectory("redisaspire-console-").FullName;

    [RedisFact]
    public async Task ConsoleRunShowsTheDashboardAndCtrlCStopsEverythingInOrder()
    {
        var basePort = PortBlock.Allocate(6);
        var apiPort = PortAllocator.Allocate(1)[0];
        await using (var appHost = Start(basePort, apiPort))
        {
            var login = await appHost.WaitForLineAsync(l => l.Contains("Login to the dashboard at ", StringComparison.Ordinal), StartBound);
            await appHost.WaitForLineAsync(l => l.Contains("cache: Ready: 3 masters, 3 replicas", StringComparison.Ordinal), StartBound);
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
            using (var dashboard = await http.GetAsync(new Uri(login[(login.IndexOf("http", StringComparison.Ordinal))..].Trim())))
            {
                Assert.True(dashboard.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Found, $"dashboard answered {(int)dashboard.StatusCode}");
            }

            await WaitForApiAsync(http, apiPort);
            using (var put = await http.PutAsync(new Uri($"http://localhost:{apiPort}/items/console-key"), new StringContent("kept")))
            {
                Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            }

            appHost.SignalGroup(SigInt);
            var exitCode = await appHost.WaitForExitAsync(StopBound);

            var lines = appHost.Lines;
            Assert.True(exitCode == 0, $"the AppHost exited with code {exitCode}:\n{string.Join('\n', lines)}");
            Assert.Contains(lines, l => l.Contains("stopping in order: sample-api, then 6 Redis nodes", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Contains("exited with code", StringComparison.Ordinal) || l.Contains("still running", StringComparison.Ordinal));
            await WaitForNoProcessAsync(basePort, "after Ctrl+C");
        }

        await using var again = Start(basePort, apiPort);
        await again.WaitForLineAsync(l => l.Contains("cache: Ready", StringComparison.Ordinal), StartBound);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        await WaitForApiAsync(client, apiPort);
        Assert.Equal("kept", await client.GetStringAsync(new Uri($"http://localhost:{apiPort}/items/console-key")));
        again.SignalGroup(SigInt);
        Assert.Equal(0, await again.WaitForExitAsync(StopBound));
        await WaitForNoProcessAsync(basePort, "after the second Ctrl+C");
    }

    [RedisFact]
    public async Task AppHostKilledWithSigkillIsReplacedCleanlyByTheNextStartWithEveryKey()
    {
        var basePort = PortBlock.Allocate(6);
        var apiPort = PortAllocator.Allocate(1)[0];
        var killed = Start(basePort, apiPort);
        await using (killed)
        {
            await killed.WaitForLineAsync(l => l.Contains("cache: Ready", StringComparison.Ordinal), StartBound);
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            await WaitForApiAsync(http, apiPort);
            for (var i = 0; i < 50; i++)
            {
                using var put = await http.PutAsync(new Uri($"http://localhost:{apiPort}/items/killed-{i}"), new StringContent($"value {i}"));
                Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            }

            killed.Signal(SigKill);
            await killed.WaitForExitAsync(StopBound);
        }

        // Start again at once: the lock died with the process; whatever the orchestrator has not stopped yet is replaced.
        var sinceKill = Stopwatch.StartNew();
        var leftAtRestart = AppProcesses.Find("127.0.0.1", [.. Enumerable.Range(basePort, 6)]).Count;
        await using var next = Start(basePort, apiPort);
        await next.WaitForLineAsync(l => l.Contains("cache: Ready", StringComparison.Ordinal), StartBound);
        var ready = sinceKill.Elapsed;
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        await WaitForApiAsync(client, apiPort);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal($"value {i}", await client.GetStringAsync(new Uri($"http://localhost:{apiPort}/items/killed-{i}")));
        }

        output.WriteLine($"after SIGKILL: {leftAtRestart} processes of the killed run still there at the restart; Ready {ready.TotalSeconds:0.0} s after the kill");
        output.WriteLine(string.Join('\n', next.Lines.Where(l => l.Contains("earlier run", StringComparison.Ordinal) || l.Contains("SIGTERM", StringComparison.Ordinal))));
        next.SignalGroup(SigInt);
        Assert.Equal(0, await next.WaitForExitAsync(StopBound));
        await WaitForNoProcessAsync(basePort, "after Ctrl+C");
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private AppHostConsoleProcess Start(int basePort, int apiPort) => AppHostConsoleProcess.Start(
        $"--Cluster:BasePort={basePort.ToString(CultureInfo.InvariantCulture)}", $"--SampleApi:Port={apiPort.ToString(CultureInfo.InvariantCulture)}",
        $"--AppHost:StateDirectory={_state}", "--AppHost:Runtime=process");

    private static async Task WaitForApiAsync(HttpClient http, int port)
    {
        var waited = Stopwatch.StartNew();
        var lastSeen = "nothing yet";
        while (waited.Elapsed < StartBound)
        {
            try
            {
                using var health = await http.GetAsync(new Uri($"http://localhost:{port}/health"));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastSeen = $"{(int)health.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                lastSeen = ex.Message;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"sample-api did not answer GET /health with 200 on port {port} within {StartBound}; last seen: {lastSeen}");
    }

    // The orchestrator stops what is left after the AppHost exits; bounded.
    private static async Task WaitForNoProcessAsync(int basePort, string when)
    {
        var ports = Enumerable.Range(basePort, 6).ToList();
        var waited = Stopwatch.StartNew();
        while (AppProcesses.Find("127.0.0.1", ports) is { Count: > 0 } left)
        {
            Assert.True(waited.Elapsed < StopBound, $"{when}: still running after {StopBound}: {string.Join("; ", left.Select(p => p.CommandLine))}");
            await Task.Delay(100);
        }
    }
}
