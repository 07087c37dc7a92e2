using System.Net;
using System.Runtime.Versioning;
using System.Text;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Security;

/// <summary>
/// The whole application in process mode, as a user runs it from a console: no generated password may appear in the
/// command line of AppHost or any descendant (redis-server, cluster-init, sample-api), in AppHost's console output
/// (which carries every child's output) or in any file of the state folder other than the files made to hold it.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SecretHygieneTests(ITestOutputHelper output) : IDisposable
{
    private const int SigInt = 2;
    private const int NodeCount = 6;
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(30);
    private static readonly UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _state = Directory.CreateTempSubdirectory("redisaspire-secrets-").FullName;

    [RedisFact]
    public async Task NoPasswordInAnyCommandLineConsoleLineOrStateFile()
    {
        var basePort = PortBlock.Allocate(NodeCount);
        var commandLines = new Dictionary<int, string>();
        await using var appHost = AppHostConsoleProcess.Start(
            "--AppHost:Runtime=process", $"--Cluster:BasePort={basePort}", "--SampleApi:Port=0", $"--AppHost:StateDirectory={_state}");
        void Collect() => ProcessTree.Collect(appHost.Id, commandLines);

        // Watch the tree while the application starts, so children that exit (cluster-init) are seen too.
        var urlLine = await appHost.WaitForLineAsync(
            line => line.StartsWith("[apphost] sample-api: http://127.0.0.1:", StringComparison.Ordinal), StartBound, Collect);
        await appHost.WaitForLineAsync(line => line == "[apphost] running; press Ctrl+C to stop", StartBound, Collect);
        Collect();
        await ExerciseSampleApiAsync(new Uri(urlLine["[apphost] sample-api: ".Length..]));
        Collect();

        appHost.Signal(SigInt);
        var exitCode = await appHost.WaitForExitAsync(StopBound);
        Assert.True(exitCode == 0, $"AppHost exited with code {exitCode}:\n{string.Join('\n', appHost.Lines)}");

        var scanner = new SecretScanner();
        Assert.True(scanner.AddPasswordFiles(_state) >= 1, $"no password file in {_state}: {string.Join(", ", Directory.EnumerateFileSystemEntries(_state))}");
        scanner.ScanCommandLines(commandLines);
        scanner.ScanLines("AppHost's console output (stdout and stderr, with every child's output)", appHost.Lines);
        var stores = scanner.ScanDirectory(_state, IsSecretStore);

        // Deployment files written by publish are scanned by PublishedManifestSecretTests.
        AssertCoverage(commandLines, appHost.Lines, scanner.Scanned);
        Assert.All(stores, store => Assert.True(
            File.GetUnixFileMode(store) == OwnerReadWrite, $"{store} holds a secret but has mode {File.GetUnixFileMode(store)}, not 0600"));
        output.WriteLine(
            $"scanned for {string.Join(", ", scanner.SecretOrigins)}: {commandLines.Count} command lines, {appHost.Lines.Count} console lines, "
            + $"{scanner.Scanned.Count - commandLines.Count - 1} state files; {stores.Count} secret stores checked for 0600:");
        scanner.Scanned.Skip(commandLines.Count + 1).ToList().ForEach(output.WriteLine);
        commandLines.Values.ToList().ForEach(output.WriteLine);
        var report = scanner.Report();
        Assert.True(report is null, report);
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    // Files whose purpose is to hold a secret: the generated passwords and each node's redis.conf (requirepass, masterauth).
    private bool IsSecretStore(string path) =>
        SecretScanner.PasswordFiles(_state).Contains(path) || Path.GetFileName(path) == "redis.conf";

    private static async Task ExerciseSampleApiAsync(Uri baseAddress)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseAddress };
        for (var i = 0; i < 20; i++)
        {
            using var put = await http.PutAsync(new Uri($"/items/secret-scan-{i}", UriKind.Relative), new StringContent($"value {i}", Encoding.UTF8));
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            Assert.Equal($"value {i}", await http.GetStringAsync(new Uri($"/items/secret-scan-{i}", UriKind.Relative)));
        }

        // Paths that log more than a success: a missing key, the cluster view and health.
        using var missing = await http.GetAsync(new Uri("/items/never-written", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var cluster = await http.GetAsync(new Uri("/cluster", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, cluster.StatusCode);
        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    // The scan must have covered every kind of place, or it proves nothing.
    private static void AssertCoverage(IReadOnlyDictionary<int, string> commandLines, IReadOnlyList<string> lines, IReadOnlyList<string> scanned)
    {
        var all = string.Join('\n', commandLines.Values);
        Assert.True(
            commandLines.Values.Count(c => c.Split('\n').Any(v => v.Split(' ')[0].EndsWith("redis-server", StringComparison.Ordinal))) >= NodeCount,
            $"fewer than {NodeCount} redis-server processes seen among AppHost's descendants:\n{all}");
        Assert.True(commandLines.Values.Any(c => c.Contains("RedisAspire.ClusterInit.dll", StringComparison.Ordinal)), $"cluster-init's command line was not seen:\n{all}");
        Assert.True(commandLines.Values.Any(c => c.Contains("RedisAspire.SampleApi.dll", StringComparison.Ordinal)), $"sample-api's command line was not seen:\n{all}");
        Assert.Contains(lines, line => line.StartsWith("[cluster-init]", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("[sample-api]", StringComparison.Ordinal));
        Assert.True(scanned.Count(s => Path.GetFileName(s) == "redis.log") == NodeCount, $"expected {NodeCount} redis.log files among:\n{string.Join('\n', scanned)}");
    }
}
