using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RedisAspire.Bench.Processes;
using RedisAspire.Bench.Suites;

namespace RedisAspire.Bench;

/// <summary>Command line: <c>&lt;suite&gt; [--runs N]</c>; prints the suite's Markdown table on stdout, progress on stderr.</summary>
public static class BenchProgram
{
    private const int DefaultRuns = 5;

    private static readonly ISuite[] Suites =
    [
        new FormationSuite(),
        new ColdStartSuite(),
        new FailoverSuite(),
        new ThroughputSuite(),
        new MemorySuite(),
        new SupervisedFailoverSuite(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var suite, out var options, out var error))
        {
            await Console.Error.WriteLineAsync(
                $"{error}\nusage: RedisAspire.Bench <{string.Join('|', Suites.Select(s => s.Name))}> [--runs N] [--node-timeout MS] [--otel OTEL_NAME=VALUE]...   (N ≥ 1, default {DefaultRuns}, after one warm-up run; MS: formation nodes' cluster-node-timeout, default 5000; --otel: extra exporter setting for the throughput suite's export-on sample-api)");
            return 2;
        }

        if (Tools.MissingRedis is { } missing)
        {
            await Console.Error.WriteLineAsync($"{missing} was not found on PATH; install redis-server and redis-tools (apt-get install -y redis-server redis-tools).");
            return 2;
        }

        // Ctrl+C or SIGTERM ends the suite through its normal clean-up (processes killed, folders deleted).
        using var cancellation = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            cancellation.Cancel();
        }

        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var table = await suite!.RunAsync(options, cancellation.Token);
            Console.WriteLine(table);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{suite.Name}: {options.Runs} measured run(s) after 1 warm-up, {Environment.ProcessorCount} cores, suite took {stopwatch.Elapsed.TotalSeconds:0.0} s"));
            return 0;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{suite!.Name} stopped by a signal after {stopwatch.Elapsed.TotalSeconds:0.0} s; its processes and folders were removed.");
            return 130;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"{suite!.Name} failed after {stopwatch.Elapsed.TotalSeconds:0.0} s: {e}");
            return 1;
        }
    }

    private static bool TryParse(string[] args, out ISuite? suite, out BenchOptions options, out string error)
    {
        suite = null;
        var runs = DefaultRuns;
        TimeSpan? nodeTimeout = null;
        var otel = new Dictionary<string, string>(StringComparer.Ordinal);
        options = new BenchOptions(runs);
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--runs")
            {
                if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out runs) || runs < 1)
                {
                    error = "--runs needs a whole number ≥ 1.";
                    return false;
                }

                i++;
            }
            else if (args[i] == "--node-timeout")
            {
                if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) || milliseconds < 100)
                {
                    error = "--node-timeout needs a whole number of milliseconds ≥ 100.";
                    return false;
                }

                nodeTimeout = TimeSpan.FromMilliseconds(milliseconds);
                i++;
            }
            else if (args[i] == "--otel")
            {
                var setting = i + 1 < args.Length ? args[i + 1] : "";
                var equals = setting.IndexOf('=', StringComparison.Ordinal);
                if (!setting.StartsWith("OTEL_", StringComparison.Ordinal) || equals < 0)
                {
                    error = "--otel needs OTEL_NAME=VALUE.";
                    return false;
                }

                otel[setting[..equals]] = setting[(equals + 1)..];
                i++;
            }
            else if (suite is null && Suites.FirstOrDefault(s => s.Name == args[i]) is { } named)
            {
                suite = named;
            }
            else
            {
                error = $"Unknown argument '{args[i]}'.";
                return false;
            }
        }

        if (suite is null)
        {
            error = "Name a suite.";
            return false;
        }

        options = new BenchOptions(runs, nodeTimeout, otel);
        return true;
    }
}
