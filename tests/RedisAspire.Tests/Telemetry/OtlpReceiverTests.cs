using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace RedisAspire.Tests.Telemetry;

/// <summary>The receiver over real HTTP, fed with requests the OpenTelemetry SDK's exporter produced.</summary>
public sealed class OtlpReceiverTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan ShortWait = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private OtlpReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await OtlpReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task AcceptsTracesWithAnEmptyExportResponse()
    {
        using var response = await PostAsync("/v1/traces", OneSpan("svc", "GET"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var span = await _receiver.WaitForSpanAsync(s => s.Name == "GET", ShortWait, "the GET span");
        Assert.Equal("svc", span.ServiceName);
        Assert.Equal(1, _receiver.RequestCount(OtlpReceiver.Traces, "svc"));
    }

    [Fact]
    public async Task AcceptsGzipCompressedRequests()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(OneSpan("svc", "zipped"));
        }

        using var response = await PostAsync("/v1/traces", compressed.ToArray(), "gzip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("svc", (await _receiver.WaitForSpanAsync(s => s.Name == "zipped", ShortWait, "the zipped span")).ServiceName);
    }

    [Fact]
    public async Task CountsMetricsAndLogsRequestsPerService()
    {
        using var metrics = await PostAsync("/v1/metrics", OtlpExport.Metrics("api"));
        using var logs = await PostAsync("/v1/logs", OtlpExport.Logs("api"));
        using var moreLogs = await PostAsync("/v1/logs", OtlpExport.Logs("api"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], [metrics.StatusCode, logs.StatusCode, moreLogs.StatusCode]);
        Assert.Equal(1, _receiver.RequestCount(OtlpReceiver.Metrics, "api"));
        Assert.Equal(2, _receiver.RequestCount(OtlpReceiver.Logs, "api"));
        Assert.Empty(_receiver.Spans);
    }

    [Fact]
    public async Task RejectsWhatIsNotAnOtlpProtobufExport()
    {
        using var wrongPath = await PostAsync("/v1/profiles", OtlpExport.Metrics("api"));
        using var json = await _http.PostAsync(new Uri(_receiver.Endpoint, "/v1/traces"), new StringContent("{}", null, "application/json"));
        using var truncated = await PostAsync("/v1/traces", OneSpan("svc", "cut")[..^3]);

        Assert.Equal(HttpStatusCode.NotFound, wrongPath.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        Assert.Empty(_receiver.Spans);
        Assert.Equal(3, _receiver.TotalRequests);
    }

    [Fact]
    public async Task WaitingInVainTimesOutListingWhatWasReceived()
    {
        using var response = await PostAsync("/v1/traces", OneSpan("svc", "only-this", ActivityKind.Client));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => _receiver.WaitForSpanAsync(
            s => s.Name == "never", TimeSpan.FromMilliseconds(300), "a span named 'never'"));

        Assert.Contains("a span named 'never'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'only-this' Client", error.Message, StringComparison.Ordinal);
        Assert.Contains("traces from svc: 1", error.Message, StringComparison.Ordinal);
    }

    private static byte[] OneSpan(string service, string name, ActivityKind kind = ActivityKind.Internal) =>
        OtlpExport.Traces(service, source => source.StartActivity(name, kind)!.Dispose());

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, string? contentEncoding = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        if (contentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(contentEncoding);
        }

        return await _http.PostAsync(new Uri(_receiver.Endpoint, path), content);
    }
}
