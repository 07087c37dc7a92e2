using System.Globalization;
using System.Net;
using System.Text;

namespace RedisAspire.Tests.Resilience;

/// <summary>
/// Steady concurrent load on SampleApi: each worker PUTs a new value to one of its keys, then GETs it back and expects
/// that value, until stopped. Every request is recorded with its times on the caller's clock and why it failed.
/// </summary>
internal sealed class HttpLoad : IAsyncDisposable
{
    private const int KeysPerWorker = 64;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly Func<TimeSpan> _clock;
    private readonly List<HttpRequestRecord> _records = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _workers = Task.CompletedTask;

    private HttpLoad(HttpClient http, Func<TimeSpan> clock)
    {
        _http = http;
        _clock = clock;
    }

    public IReadOnlyList<HttpRequestRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>Starts <paramref name="workers"/> workers on <paramref name="http"/> (its BaseAddress is SampleApi).</summary>
    public static HttpLoad Start(HttpClient http, int workers, Func<TimeSpan> clock)
    {
        var load = new HttpLoad(http, clock);
        load._workers = Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => load.RunAsync(w))));
        return load;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _workers.WaitAsync(StopTimeout);
        }
        catch (TimeoutException)
        {
            var records = Records;
            throw new TimeoutException(
                $"The HTTP load did not stop within {StopTimeout.TotalSeconds:0} s; last request: {(records.Count > 0 ? records[^1] : "none")}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(int worker)
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"soak-{worker}-{n % KeysPerWorker}");
            var value = string.Create(CultureInfo.InvariantCulture, $"value-{worker}-{n}");
            var uri = new Uri("/items/" + key, UriKind.Relative);
            var put = await SendAsync("PUT", key, async () =>
            {
                using var response = await _http.PutAsync(uri, new StringContent(value, Encoding.UTF8));
                return response.StatusCode == HttpStatusCode.NoContent ? null : await DescribeAsync(response);
            });
            if (!put.Failed)
            {
                await SendAsync("GET", key, async () =>
                {
                    using var response = await _http.GetAsync(uri);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        return await DescribeAsync(response);
                    }

                    var body = await response.Content.ReadAsStringAsync();
                    return body == value ? null : $"read '{body}', expected '{value}' just written";
                });
            }

            try
            {
                await Task.Delay(Pause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<HttpRequestRecord> SendAsync(string method, string key, Func<Task<string?>> send)
    {
        var started = _clock();
        string? error;
        try
        {
            error = await send();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            error = $"{exception.GetType().Name}: {exception.Message}";
        }

        var record = new HttpRequestRecord(method, key, started, _clock(), error);
        lock (_gate)
        {
            _records.Add(record);
        }

        return record;
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return $"{(int)response.StatusCode} {(body.Length > 200 ? body[..200] + "…" : body)}";
    }
}
