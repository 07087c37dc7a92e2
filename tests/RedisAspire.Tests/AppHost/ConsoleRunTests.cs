using System.Globalization;
using System.Net;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>AppHost run from a console, as a user runs it: what it prints, what its children show in ps, how it stops.</summary>
public sealed class ConsoleRunTests : IDisposable
{
    private const int SigInt = 2;
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(30);

    private readonly string _state = Directory.CreateTempSubdirectory("redisaspire-console-").FullName;

    [RedisFact]
    public async Task ConsoleRunPrintsTheUrlHidesThePasswordAndStopsTheApiFirstOnSigint()
    {
        var basePort = PortBlock.Allocate(6);
        var nodePorts = Enumerable.Range(basePort, 6).ToList();
        var commandLines = new Dictionary<int, string>();
        await using var appHost = AppHostConsoleProcess.Start(
            $"--Cluster:BasePort={basePort}", "--SampleApi:Port=0", $"--AppHost:StateDirectory={_state}");

        // Watch the children while the application starts, so cluster-init (which exits) is seen too.
        var urlLine = await appHost.WaitForLineAsync(
            line => line.StartsWith("[apphost] sample-api: http://127.0.0.1:", StringComparison.Ordinal),
            StartBound,
            () => AppProcesses.Find("127.0.0.1", nodePorts).ToList().ForEach(p => commandLines[p.Id] = p.CommandLine));
        await appHost.WaitForLineAsync(line => line == "[apphost] running; press Ctrl+C to stop", StartBound);
        var running = AppProcesses.Find("127.0.0.1", nodePorts);
        running.ToList().ForEach(p => commandLines[p.Id] = p.CommandLine);
        var passwords = Directory.GetFiles(_state, "password-*").Select(f => File.ReadAllText(f).Trim()).ToList();
        Assert.Equal(3, passwords.Count);

        using (var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }))
        {
            using var health = await http.GetAsync(new Uri(urlLine["[apphost] sample-api: ".Length..] + "/health"));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        Assert.Equal(7, running.Count);
        Assert.Contains(commandLines.Values, c => c.Contains("RedisAspire.ClusterInit.dll", StringComparison.Ordinal));
        Assert.All(commandLines.Values.Append(AppProcesses.CommandLine(appHost.Id) ?? ""), c => Assert.All(passwords, p => Assert.DoesNotContain(p, c, StringComparison.Ordinal)));
        Assert.Contains(
            $"[apphost] ConnectionStrings:cache = {string.Join(',', nodePorts.Select(p => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{p}")))},password=*****",
            appHost.Lines);

        appHost.Signal(SigInt);
        var exitCode = await appHost.WaitForExitAsync(StopBound);

        var lines = appHost.Lines;
        Assert.True(exitCode == 0, $"AppHost exited with code {exitCode}:\n{string.Join('\n', lines)}");
        Assert.DoesNotContain(lines, line => passwords.Any(p => line.Contains(p, StringComparison.Ordinal)));
        Assert.Contains("[apphost] received SIGINT; stopping every resource", lines);
        var apiStopped = lines.ToList().FindIndex(l => l.StartsWith("[sample-api] exited with code", StringComparison.Ordinal));
        var firstNodeStopped = lines.ToList().FindIndex(l => l.StartsWith("[redis-", StringComparison.Ordinal) && l.Contains("] exited with code", StringComparison.Ordinal));
        Assert.True(apiStopped >= 0 && firstNodeStopped > apiStopped, $"sample-api must stop before the nodes:\n{string.Join('\n', lines)}");
        Assert.Equal("[apphost] stopped", lines.Last(l => l.Length > 0));
        Assert.Empty(AppProcesses.Find("127.0.0.1", nodePorts));
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
