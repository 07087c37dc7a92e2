using System.Diagnostics;
using System.Security.Cryptography;

namespace RedisAspire.Tests.Security;

/// <summary>The scanner finds a planted secret in every kind of place it scans, so a clean scan means something.</summary>
public sealed class SecretScannerTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("redisaspire-scanner-").FullName;
    private readonly string _main = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string _user = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public SecretScannerTests()
    {
        File.WriteAllText(Path.Combine(_state, "password"), _main + "\n");
        File.WriteAllText(Path.Combine(_state, "password-app"), _user + "\n");
        File.WriteAllText(Path.Combine(_state, "passwords.txt"), "not a password file by name\n");
        Directory.CreateDirectory(Path.Combine(_state, "redis-0"));
    }

    [Fact]
    public void CollectsThePasswordFileAndEveryPerUserPasswordFileInTheRootOnly()
    {
        File.WriteAllText(Path.Combine(_state, "redis-0", "password"), "nested\n");

        var files = SecretScanner.PasswordFiles(_state).Select(Path.GetFileName);

        Assert.Equal(["password", "password-app"], files);
        Assert.Equal(2, new SecretScanner().AddPasswordFiles(_state));
    }

    [Fact]
    public void FindsEachPasswordInTextAndNamesTheLineWithoutRepeatingTheSecret()
    {
        var scanner = new SecretScanner();
        scanner.AddPasswordFiles(_state);

        scanner.ScanLines("console", ["[apphost] starting", $"[sample-api] connecting with password={_user}", "done"]);
        scanner.ScanText("clean text", "nothing to see\nhere");

        var hit = Assert.Single(scanner.Hits);
        Assert.Contains("secret 'password-app' in console, line 2", hit, StringComparison.Ordinal);
        Assert.Contains("password=<secret>", hit, StringComparison.Ordinal);
        Assert.DoesNotContain(_user, scanner.Report(), StringComparison.Ordinal);
        Assert.Equal(["console", "clean text"], scanner.Scanned);
    }

    [Fact]
    public void FindsAPasswordInANestedLogFileButNotInTheFilesMadeToHoldIt()
    {
        var log = Path.Combine(_state, "redis-0", "redis.log");
        File.WriteAllText(log, "1:M 01 Jan 00:00:00.000 * Ready\n1:M 01 Jan 00:00:00.001 # AUTH " + _main + " failed\n");
        File.WriteAllText(Path.Combine(_state, "redis-0", "redis.conf"), "requirepass " + _main + "\n");
        var scanner = new SecretScanner();
        scanner.AddPasswordFiles(_state);

        var stores = scanner.ScanDirectory(_state, path => SecretScanner.PasswordFiles(_state).Contains(path) || Path.GetFileName(path) == "redis.conf");

        Assert.Equal(3, stores.Count);
        var hit = Assert.Single(scanner.Hits);
        Assert.Contains($"secret 'password' in {log}, line 2", hit, StringComparison.Ordinal);
    }

    [Fact]
    public void FindsAPasswordInAGeneratedManifest()
    {
        var output = Directory.CreateDirectory(Path.Combine(_state, "publish")).FullName;
        File.WriteAllText(Path.Combine(output, "docker-compose.yaml"), "services:\n  redis-0:\n    command: redis-server --requirepass " + _user + "\n");
        var scanner = new SecretScanner();
        scanner.AddPasswordFiles(_state);

        scanner.ScanGeneratedManifests(output);

        Assert.Contains("docker-compose.yaml, line 3", Assert.Single(scanner.Hits), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindsAPasswordInTheCommandLineOfADescendantProcess()
    {
        // The outer shell's own command line holds only "$S"; its child shell gets the value as an argument.
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("sh -c 'sleep 30; :' child \"$S\"; :");
        startInfo.Environment["S"] = _main;
        using var outer = Process.Start(startInfo)!;
        try
        {
            // A snapshot taken once sleep runs: before that, the inner shell's fork for sleep still carries the inner shell's
            // command line (and the secret) until it execs, which would be a second, transient hit.
            var commandLines = new Dictionary<int, string>();
            var waited = Stopwatch.StartNew();
            while (!commandLines.Values.Any(line => line.StartsWith("sleep", StringComparison.Ordinal)) && waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                commandLines = [];
                ProcessTree.Collect(outer.Id, commandLines);
                await Task.Delay(20);
            }

            Assert.True(commandLines.Count >= 3, $"expected sh → sh → sleep, saw {string.Join(" | ", commandLines)}");
            var scanner = new SecretScanner();
            scanner.AddPasswordFiles(_state);
            scanner.ScanCommandLines(commandLines);

            var hit = Assert.Single(scanner.Hits);
            Assert.Contains("secret 'password' in cmdline of pid", hit, StringComparison.Ordinal);
            Assert.DoesNotContain(outer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (", hit, StringComparison.Ordinal);
        }
        finally
        {
            outer.Kill(entireProcessTree: true);
            await outer.WaitForExitAsync();
        }
    }

    [Fact]
    public void RefusesToScanWithoutASecret()
    {
        Assert.Throws<InvalidOperationException>(() => new SecretScanner().ScanText("anything", "text"));
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
