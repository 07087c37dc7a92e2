using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace RedisAspire.Tests.Telemetry;

/// <summary>
/// An OTLP/HTTP receiver (protobuf encoding) on a free 127.0.0.1 port: <c>POST /v1/traces</c>, <c>/v1/metrics</c> and
/// <c>/v1/logs</c> are answered 200 with an empty export response. Spans are decoded and kept; metrics and logs
/// requests are counted per service. Point a process at it with <c>OTEL_EXPORTER_OTLP_ENDPOINT=</c><see cref="Endpoint"/>
/// and <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    public const string Traces = "traces";
    public const string Metrics = "metrics";
    public const string Logs = "logs";

    private const string ProtobufContentType = "application/x-protobuf";

    private readonly Lock _gate = new();
    private readonly List<ReceivedSpan> _spans = [];
    private readonly Dictionary<(string Signal, string Service), int> _requests = [];
    private readonly List<string> _rejections = [];
    private readonly WebApplication _app;
    private int _totalRequests;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OtlpReceiver()
    {
        // The empty builder reads no configuration, environment or appsettings.json, so nothing in the test host changes it.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:41234</c>; exporters append <c>/v1/traces</c> and friends.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The OTLP environment variables that point a .NET process at this receiver, with its service name.</summary>
    public IReadOnlyDictionary<string, string?> ExporterEnvironment(string serviceName) => new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.GetLeftPart(UriPartial.Authority),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_SERVICE_NAME"] = serviceName,
    };

    /// <summary>Every span received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedSpan> Spans
    {
        get
        {
            lock (_gate)
            {
                return [.. _spans];
            }
        }
    }

    /// <summary>Every request received so far, whatever its signal or outcome.</summary>
    public int TotalRequests
    {
        get
        {
            lock (_gate)
            {
                return _totalRequests;
            }
        }
    }

    /// <summary>Starts listening on a port the OS picks.</summary>
    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        try
        {
            await receiver._app.StartAsync();
            var addresses = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            receiver.Endpoint = new Uri(addresses.Addresses.Single());
            return receiver;
        }
        catch
        {
            await receiver._app.DisposeAsync();
            throw;
        }
    }

    /// <summary>How many requests of <paramref name="signal"/> (<see cref="Traces"/>, <see cref="Metrics"/>, <see cref="Logs"/>) came from <paramref name="serviceName"/>.</summary>
    public int RequestCount(string signal, string serviceName)
    {
        lock (_gate)
        {
            return _requests.GetValueOrDefault((signal, serviceName));
        }
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds (it is evaluated now and after every request received); after
    /// <paramref name="timeout"/> throws a <see cref="TimeoutException"/> that names <paramref name="awaited"/> and lists
    /// everything received.
    /// </summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string awaited)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            // Taken before the condition is evaluated, so a request that lands in between still wakes the wait.
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (condition())
            {
                return;
            }

            var remaining = timeout - stopwatch.Elapsed;
            try
            {
                await changed.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException(
                    $"The OTLP receiver at {Endpoint} did not receive {awaited} within {timeout.TotalSeconds:0.#} s. {Describe()}");
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the spans received so far and returns them; see <see cref="WaitUntilAsync"/>.</summary>
    public async Task<IReadOnlyList<ReceivedSpan>> WaitForSpansAsync(
        Func<IReadOnlyList<ReceivedSpan>, bool> condition, TimeSpan timeout, string awaited)
    {
        IReadOnlyList<ReceivedSpan> spans = [];
        await WaitUntilAsync(() => condition(spans = Spans), timeout, awaited);
        return spans;
    }

    /// <summary>Waits for the first span that matches <paramref name="match"/>; see <see cref="WaitUntilAsync"/>.</summary>
    public async Task<ReceivedSpan> WaitForSpanAsync(Func<ReceivedSpan, bool> match, TimeSpan timeout, string awaited)
    {
        var spans = await WaitForSpansAsync(received => received.Any(match), timeout, awaited);
        return spans.First(match);
    }

    /// <summary>Waits until <paramref name="serviceName"/> has sent at least one <paramref name="signal"/> request; see <see cref="WaitUntilAsync"/>.</summary>
    public Task WaitForRequestAsync(string signal, string serviceName, TimeSpan timeout) =>
        WaitUntilAsync(() => RequestCount(signal, serviceName) > 0, timeout, $"a {signal} request from {serviceName}");

    /// <summary>Everything received so far, for assertion messages.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            var requests = _requests.Count == 0
                ? "none"
                : string.Join(", ", _requests.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key.Signal} from {pair.Key.Service}: {pair.Value}"));
            var spans = _spans.Count == 0 ? "  (none)" : string.Join('\n', _spans.Select(span => "  " + span));
            var rejections = _rejections.Count == 0 ? "" : "\nRejected requests:\n  " + string.Join("\n  ", _rejections);
            return $"Requests: {requests}.\nSpans ({_spans.Count}):\n{spans}{rejections}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var signal = request.Path.Value switch
        {
            "/v1/traces" => Traces,
            "/v1/metrics" => Metrics,
            "/v1/logs" => Logs,
            _ => null,
        };
        if (signal is null || !HttpMethods.IsPost(request.Method))
        {
            Reject(context, StatusCodes.Status404NotFound, $"{request.Method} {request.Path}: not an OTLP/HTTP export path");
            return;
        }

        if (!string.Equals(request.ContentType, ProtobufContentType, StringComparison.OrdinalIgnoreCase))
        {
            Reject(context, StatusCodes.Status415UnsupportedMediaType, $"{request.Path}: content type '{request.ContentType}', expected {ProtobufContentType}");
            return;
        }

        try
        {
            var body = await OtlpRequestBody.ReadAsync(request, context.RequestAborted);
            Record(signal, body);
        }
        catch (InvalidDataException exception)
        {
            Reject(context, StatusCodes.Status400BadRequest, $"{request.Path}: {exception.Message}");
            return;
        }

        // An empty Export*ServiceResponse encodes to zero bytes: no partial_success, everything accepted.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ProtobufContentType;
        context.Response.ContentLength = 0;
    }

    private void Record(string signal, byte[] body)
    {
        IReadOnlyList<ReceivedSpan> spans = [];
        IReadOnlyList<string?> services;
        if (signal == Traces)
        {
            spans = OtlpDecoder.DecodeTraces(body);
            services = [.. spans.Select(span => span.ServiceName).Distinct()];
        }
        else
        {
            services = OtlpDecoder.DecodeServiceNames(body);
        }

        lock (_gate)
        {
            _totalRequests++;
            foreach (var service in services.DefaultIfEmpty(null).Distinct())
            {
                var key = (signal, service ?? "(no service.name)");
                _requests[key] = _requests.GetValueOrDefault(key) + 1;
            }

            _spans.AddRange(spans);
        }

        SignalChange();
    }

    private void Reject(HttpContext context, int statusCode, string reason)
    {
        lock (_gate)
        {
            _totalRequests++;
            _rejections.Add($"{statusCode}: {reason}");
        }

        SignalChange();
        context.Response.StatusCode = statusCode;
    }

    private void SignalChange()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
    }
}
