using System.Diagnostics;
using System.Globalization;

namespace RedisAspire.Bench.Clients;

/// <summary>Writes one key through sample-api (<c>PUT /items/{key}</c>) every <see cref="Interval"/> until stopped.</summary>
public static class HttpWriter
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    public static async Task RunAsync(int port, string key, WriteLog log, CancellationToken cancellationToken)
    {
        // Longer than sample-api's own retry budget: a request that is held while it retries is one long attempt.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var url = new Uri($"http://127.0.0.1:{port}/items/{key}");
        var sent = 0L;
        var ticks = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var content = new StringContent(sent.ToString(CultureInfo.InvariantCulture));
                using var response = await http.PutAsync(url, content, cancellationToken);
                log.Add(started, response.IsSuccessStatusCode, response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                log.Add(started, false, e.Message);
            }

            sent++;
            await Pace.UntilAsync(ticks, sent, Interval, cancellationToken);
        }
    }
}
