using System.Globalization;
using RedisAspire.Bench;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Bench;

/// <summary>
/// Keeps the benchmark program from rotting: runs its cheapest suite (memory: one warm-up and one measured run, each a
/// cold start of the product AppHost and of the bare Aspire AppHost) through the built dll, as a person runs it, and
/// checks that it prints a table of real numbers. No figure is compared with a threshold (memory and timing on a
/// shared machine are noise).
/// </summary>
public sealed class BenchSmokeTests
{
    // Four Aspire AppHost starts and stops; on two busy cores one pair takes up to about a minute and a half.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(6);

    private static readonly string[] Rows =
    [
        "AppHost peak RSS",
        "DCP, all dcp processes together: peak Σ RSS",
        "DCP, all dcp processes together: peak Σ private (USS)",
        "dashboard (Aspire.Dashboard) peak RSS",
        "cluster-init peak RSS",
        "sample-api peak RSS",
        "redis-server (largest node) peak RSS",
        "bare AppHost: AppHost peak RSS",
        "bare AppHost: DCP peak Σ RSS",
        "bare AppHost: DCP peak Σ private (USS)",
        "bare AppHost: dashboard (Aspire.Dashboard) peak RSS",
        "bare AppHost: redis-server peak RSS",
    ];

    [RedisFact]
    public async Task MemorySuitePrintsATableWithAMeasuredValuePerProcess()
    {
        var dll = typeof(BenchProgram).Assembly.Location;
        var result = await ChildProcess.RunAsync(
            DotNetHost(), [dll, "memory", "--runs", "1"], Bound, workingDirectory: Path.GetDirectoryName(dll));

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("| measurement | unit | runs | median | min | max | baseline (median) | ratio | Δ median | goal | met |", lines);
        foreach (var row in Rows)
        {
            var line = lines.SingleOrDefault(l => l.StartsWith($"| {row} |", StringComparison.Ordinal));
            Assert.True(line is not null, $"No row '{row}' in:\n{result.StandardOutput}");
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            Assert.Equal("MiB", cells[2]);
            Assert.Equal("1", cells[3]);
            foreach (var cell in cells[4..7])
            {
                Assert.True(
                    double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var mib) && mib > 0,
                    $"'{cell}' in row '{row}' is not a positive number of MiB:\n{result.StandardOutput}");
            }
        }

        Assert.Contains(lines, l => l.StartsWith("memory: 1 measured run(s) after 1 warm-up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownSuiteIsRefusedWithTheListOfSuites()
    {
        var dll = typeof(BenchProgram).Assembly.Location;
        var result = await ChildProcess.RunAsync(
            DotNetHost(), [dll, "nonsense"], TimeSpan.FromSeconds(60), workingDirectory: Path.GetDirectoryName(dll));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("formation|cold-start|failover|throughput|memory", result.StandardError, StringComparison.Ordinal);
    }

    private static string DotNetHost()
    {
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var processPath = Environment.ProcessPath;
        return processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? processPath : "dotnet";
    }
}
