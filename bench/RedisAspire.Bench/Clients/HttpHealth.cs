using System.Net;
using RedisAspire.Bench.Processes;
using RedisAspire.Bench.Redis;

namespace RedisAspire.Bench.Clients;

/// <summary>Waits for a service's <c>/health</c> to answer 200, failing early when its process exits.</summary>
public static class HttpHealth
{
    public static async Task WaitHealthyAsync(
        BenchProcess process, int port, TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var url = new Uri($"http://127.0.0.1:{port}/health");
        var seen = "no answer yet";
        await Poll.UntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{process.Name} exited with code {process.ExitCode} before {url} answered 200; last output:\n{process.Tail()}");
                }

                try
                {
                    using var response = await http.GetAsync(url, cancellationToken);
                    seen = $"HTTP {(int)response.StatusCode}";
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    seen = e.Message;
                    return false;
                }
            },
            timeout,
            interval,
            () => $"{url} to answer 200; last seen: {seen}; {process.Name}'s last output:\n{process.Tail()}",
            cancellationToken);
    }
}
