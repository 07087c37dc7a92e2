using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using System.Text;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Security;

/// <summary>
/// The whole application run from a console: no generated password may appear in the command line of the AppHost, of
/// its orchestrator (DCP) or of any process they start (redis-server, cluster-init, sample-api, the dashboard), in the
/// console output, in DCP's session folder (its resource logs) or in any file of the state folder other than the files
/// made to hold it, which must be 0600.
/// </summary>
[UnsupportedOSPlatform("windows")]
[Collection(AppHostGroup.Name)]
public sealed class SecretHygieneTests(ITestOutputHelper output) : IDisposable
{
    private const int SigInt = 2;
    private const int NodeCount = 6;
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(30);
    private static readonly UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _state = Directory.CreateTempSubdirectory("redisaspire-secrets-").FullName;

    [RedisFact]
    public async Task NoPasswordInAnyCommandLineConsoleLineLogOrStateFile()
    {
        var basePort = PortBlock.Allocate(NodeCount);
        var apiPort = PortAllocator.Allocate(1)[0];
        var commandLines = new Dictionary<int, string>();
        var dcpFolders = new HashSet<string>();
        await using var appHost = AppHostConsoleProcess.Start(
            "--AppHost:Runtime=process", $"--Cluster:BasePort={basePort}", $"--SampleApi:Port={apiPort}", $"--AppHost:StateDirectory={_state}");
        void Collect() => dcpFolders.UnionWith(ProcessTree.CollectWithOrchestrator(appHost.Id, commandLines));

        // Watch the processes while the application starts, so children that exit (cluster-init) are seen too.
        await appHost.WaitForLineAsync(line => line.Contains("cache: Ready", StringComparison.Ordinal), StartBound, Collect);
        await ExerciseSampleApiAsync(new Uri($"http://localhost:{apiPort.ToString(CultureInfo.InvariantCulture)}"), Collect);
        Collect();
        // Regular files only: the folder also holds DCP's sockets.
        var dcpFiles = dcpFolders.Where(Directory.Exists)
            .SelectMany(f => new DirectoryInfo(f).EnumerateFiles("*", SearchOption.AllDirectories))
            .Where(f => (f.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0 && f.UnixFileMode != 0 && !f.Name.EndsWith(".sock", StringComparison.Ordinal))
            .Select(f => f.FullName)
            .ToList();
        var scanner = new SecretScanner();
        Assert.Equal(3, scanner.AddPasswordFiles(_state));
        dcpFiles.ForEach(scanner.ScanFile);

        appHost.SignalGroup(SigInt);
        var exitCode = await appHost.WaitForExitAsync(StopBound);
        Assert.True(exitCode == 0, $"the AppHost exited with code {exitCode}:\n{string.Join('\n', appHost.Lines)}");

        scanner.ScanCommandLines(commandLines);
        scanner.ScanLines("the AppHost's console output", appHost.Lines);
        var stores = scanner.ScanDirectory(_state, IsSecretStore);

        AssertCoverage(commandLines, dcpFiles);
        Assert.All(stores, store => Assert.True(
            File.GetUnixFileMode(store) == OwnerReadWrite, $"{store} holds a secret but has mode {File.GetUnixFileMode(store)}, not 0600"));
        output.WriteLine($"scanned for {string.Join(", ", scanner.SecretOrigins)}: {commandLines.Count} command lines, {appHost.Lines.Count} console lines, "
            + $"{dcpFiles.Count} files of DCP's session, the state folder; {stores.Count} secret stores checked for 0600");
        var report = scanner.Report();
        Assert.True(report is null, report);
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    // Files whose purpose is to hold a secret: the generated passwords and each node's redis.conf (ACL hashes, masterauth).
    private bool IsSecretStore(string path) =>
        SecretScanner.PasswordFiles(_state).Contains(path) || Path.GetFileName(path) == "redis.conf";

    private static async Task ExerciseSampleApiAsync(Uri baseAddress, Action collect)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseAddress };
        for (var attempt = 0; ; attempt++)
        {
            collect();
            try
            {
                using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (attempt < 600)
            {
            }

            Assert.True(attempt < 600, "sample-api did not answer GET /health with 200 within a minute");
            await Task.Delay(100);
        }

        for (var i = 0; i < 20; i++)
        {
            using var put = await http.PutAsync(new Uri($"/items/secret-scan-{i}", UriKind.Relative), new StringContent($"value {i}", Encoding.UTF8));
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            Assert.Equal($"value {i}", await http.GetStringAsync(new Uri($"/items/secret-scan-{i}", UriKind.Relative)));
        }

        // Paths that log more than a success: a missing key and the cluster view.
        using var missing = await http.GetAsync(new Uri("/items/never-written", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var cluster = await http.GetAsync(new Uri("/cluster", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, cluster.StatusCode);
    }

    // The scan must have covered every kind of place, or it proves nothing.
    private static void AssertCoverage(IReadOnlyDictionary<int, string> commandLines, IReadOnlyList<string> dcpFiles)
    {
        var all = string.Join('\n', commandLines.Values);
        Assert.True(commandLines.Values.Count(c => c.Contains("redis-server", StringComparison.Ordinal)) >= NodeCount, $"fewer than {NodeCount} redis-server processes seen:\n{all}");
        Assert.True(commandLines.Values.Any(c => c.Contains("ClusterInit", StringComparison.Ordinal)), $"cluster-init's command line was not seen:\n{all}");
        Assert.True(commandLines.Values.Any(c => c.Contains("SampleApi", StringComparison.Ordinal)), $"sample-api's command line was not seen:\n{all}");
        Assert.True(commandLines.Values.Any(c => c.Contains("dcp", StringComparison.Ordinal)), $"DCP's command line was not seen:\n{all}");
        Assert.True(dcpFiles.Count >= NodeCount, $"DCP's session folder held {dcpFiles.Count} files");
    }
}
