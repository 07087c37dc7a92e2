using System.Diagnostics;
using System.Globalization;
using System.Net;
using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Processes;

namespace RedisAspire.AppHost.Resources;

/// <summary>
/// Waits, bounded by <c>AppHost:SampleApiStartTimeout</c>, until a started service answers <c>GET /health</c> with 200;
/// the service exiting meanwhile ends the wait at once.
/// </summary>
internal sealed class SampleApiReadiness(AppHostOptions options) : IDisposable
{
    private const int MaxBodyCharacters = 200;

    // No proxy: the service is on 127.0.0.1, and an http_proxy in the environment must not answer in its place.
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };

    public async Task WaitHealthyAsync(string name, Uri health, ChildProcess process, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var lastSeen = "nothing yet";
        while (true)
        {
            if (process.Exited.IsCompleted)
            {
                throw new AppHostException(
                    $"{name} exited with code {await process.Exited} before GET {health} answered 200 (last seen: {lastSeen}).\n" +
                    OutputTail.Format("Last lines it printed", process.LastLines));
            }

            var (healthy, seen) = await ProbeAsync(health, cancellationToken);
            if (healthy)
            {
                return;
            }

            lastSeen = seen;
            if (Stopwatch.GetElapsedTime(started) >= options.SampleApiStartTimeout)
            {
                throw new AppHostException(
                    $"{name} did not answer GET {health} with 200 within {options.SampleApiStartTimeout} (AppHost:SampleApiStartTimeout); last seen: {lastSeen}.\n" +
                    OutputTail.Format("Last lines it printed", process.LastLines));
            }

            await Task.WhenAny(Task.Delay(options.ProbeInterval, cancellationToken), process.Exited);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<(bool Healthy, string Seen)> ProbeAsync(Uri health, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ProbeTimeout);
        try
        {
            using var response = await _http.GetAsync(health, timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (true, "200");
            }

            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            body = body.Length > MaxBodyCharacters ? body[..MaxBodyCharacters] + "…" : body;
            return (false, string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {response.ReasonPhrase}: {body.Trim()}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"no answer within {options.ProbeTimeout} (AppHost:ProbeTimeout)");
        }
        catch (HttpRequestException ex)
        {
            return (false, ex.Message);
        }
    }
}
