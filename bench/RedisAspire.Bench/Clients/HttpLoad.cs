using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RedisAspire.Bench.Processes;

namespace RedisAspire.Bench.Clients;

/// <summary>
/// Concurrent HTTP load on sample-api's items: <c>PUT /items/bench-{n % 1000}</c> or <c>GET</c> of the same keys.
/// Uses Debian's <c>wrk</c> when installed, otherwise an in-process HttpClient generator with the same concurrency.
/// </summary>
public static partial class HttpLoad
{
    public const int Connections = 16;
    public const int Keys = 1000;

    /// <summary>Which generator runs, for the report.</summary>
    public static string Generator => Tools.Wrk is { } wrk
        ? $"wrk ({wrk}, 2 threads, {Connections} connections)"
        : $"in-process HttpClient generator ({Connections} concurrent loops; wrk is not installed)";

    public static Task<LoadResult> RunAsync(int port, bool put, TimeSpan duration, string scratch, CancellationToken cancellationToken) =>
        Tools.Wrk is { } wrk
            ? RunWrkAsync(wrk, port, put, duration, scratch, cancellationToken)
            : RunHttpClientAsync(port, put, duration, cancellationToken);

    private static async Task<LoadResult> RunWrkAsync(string wrk, int port, bool put, TimeSpan duration, string scratch, CancellationToken cancellationToken)
    {
        var script = Path.Combine(scratch, put ? "put.lua" : "get.lua");
        if (!File.Exists(script))
        {
            var request = put
                ? $"wrk.format(\"PUT\", \"/items/bench-\" .. (n % {Keys}), {{[\"Content-Type\"] = \"text/plain\"}}, \"value-\" .. n)"
                : $"wrk.format(\"GET\", \"/items/bench-\" .. (n % {Keys}))";
            await File.WriteAllTextAsync(script, $"local n = 0\nrequest = function()\n  n = n + 1\n  return {request}\nend\n", cancellationToken);
        }

        string[] arguments =
        [
            "-t2", $"-c{Connections}", string.Create(CultureInfo.InvariantCulture, $"-d{(int)duration.TotalSeconds}s"), "--timeout", "10s",
            "-s", script, string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
        ];
        await using var process = BenchProcess.Start("wrk", wrk, arguments);
        var exitCode = await process.WaitForExitAsync(duration + TimeSpan.FromSeconds(30), cancellationToken);
        var output = string.Join('\n', process.Lines);
        var rate = RequestsPerSecond().Match(output);
        var total = RequestsTotal().Match(output);
        if (exitCode != 0 || !rate.Success || !total.Success)
        {
            throw new InvalidOperationException($"wrk exited with code {exitCode} without a result:\n{output}");
        }

        var failed = NonSuccess().Match(output) is { Success: true } non ? long.Parse(non.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        foreach (Match error in SocketErrors().Matches(output))
        {
            failed += long.Parse(error.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return new LoadResult(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture),
            failed);
    }

    private static async Task<LoadResult> RunHttpClientAsync(int port, bool put, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        long total = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, Connections).Select(loop => Task.Run(async () =>
        {
            var n = loop;
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                n += Connections;
                var path = $"/items/bench-{n % Keys}";
                try
                {
                    using var response = put
                        ? await http.PutAsync(path, new StringContent($"value-{n}"), cancellationToken)
                        : await http.GetAsync(path, cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }

                Interlocked.Increment(ref total);
            }
        }, cancellationToken));
        await Task.WhenAll(loops);
        return new LoadResult(total / clock.Elapsed.TotalSeconds, total, failed);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"([0-9]+) requests in")]
    private static partial Regex RequestsTotal();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"(?:connect|read|write|timeout) ([0-9]+)")]
    private static partial Regex SocketErrors();
}
