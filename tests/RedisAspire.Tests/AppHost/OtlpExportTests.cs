using System.Diagnostics;
using System.Net;
using System.Text;
using RedisAspire.Tests.Hosting;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.AppHostTests;

/// <summary><c>Otlp:Endpoint</c> makes both .NET children export their telemetry to that collector.</summary>
public sealed class OtlpExportTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly string[] OtlpPaths = ["/v1/traces", "/v1/metrics", "/v1/logs"];

    private readonly HttpListener _collector = new();
    private readonly List<(string Path, string ContentType, byte[] Body)> _requests = [];
    private readonly Lock _gate = new();
    private readonly Uri _endpoint;

    public OtlpExportTests()
    {
        var port = PortAllocator.Allocate(1)[0];
        _endpoint = new Uri($"http://127.0.0.1:{port}/");
        _collector.Prefixes.Add(_endpoint.ToString());
        _collector.Start();
        _ = AcceptAsync();
    }

    [RedisFact]
    public async Task BothChildrenExportToTheConfiguredCollectorOverHttpProtobuf()
    {
        await using (var app = await TestApplicationBuilder.Create()
            .WithSetting("Otlp:Endpoint", _endpoint.GetLeftPart(UriPartial.Authority))
            .StartAsync())
        {
            using var http = app.CreateHttpClient("sample-api");
            using var put = await http.PutAsync(new Uri("/items/traced", UriKind.Relative), new StringContent("value"));
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        // Stopping sample-api flushes its exporters; cluster-init flushed when it exited.
        await WaitUntilExportedAsync("cluster-init");
        await WaitUntilExportedAsync("sample-api");
        lock (_gate)
        {
            Assert.All(_requests, r => Assert.Contains(r.Path, OtlpPaths));
            Assert.All(_requests, r => Assert.Equal("application/x-protobuf", r.ContentType));
        }
    }

    public void Dispose() => _collector.Close();

    private async Task WaitUntilExportedAsync(string serviceName)
    {
        var marker = Encoding.UTF8.GetBytes(serviceName);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            lock (_gate)
            {
                if (_requests.Any(r => r.Body.AsSpan().IndexOf(marker) >= 0))
                {
                    return;
                }

                Assert.True(
                    stopwatch.Elapsed < Bound,
                    $"no OTLP request with service.name {serviceName} within {Bound}; got {string.Join(", ", _requests.Select(r => r.Path))}");
            }

            await Task.Delay(50);
        }
    }

    private async Task AcceptAsync()
    {
        while (_collector.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _collector.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (_gate)
            {
                _requests.Add((context.Request.Url!.AbsolutePath, context.Request.ContentType ?? "", body.ToArray()));
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
