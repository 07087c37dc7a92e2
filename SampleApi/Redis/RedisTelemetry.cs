using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RedisAspire.SampleApi.Redis;

/// <summary>
/// The API's own telemetry (source and meter named after the service, so ServiceDefaults
/// subscribes to them): a client span per Redis command and command metrics.
/// </summary>
public sealed class RedisTelemetry : IDisposable
{
    public const string Name = "RedisAspire.SampleApi";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;

    public RedisTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        CommandDuration = _meter.CreateHistogram<double>(
            "db.client.operation.duration", "s", "Duration of Redis commands, retries included.");
        Errors = _meter.CreateCounter<long>("redis.client.errors", "{error}", "Redis command attempts that failed.");
        Reconnects = _meter.CreateCounter<long>("redis.client.reconnects", "{reconnect}", "Multiplexers rebuilt after a stale cluster view.");
    }

    public Histogram<double> CommandDuration { get; }

    public Counter<long> Errors { get; }

    public Counter<long> Reconnects { get; }

    public void Dispose() => _meter.Dispose();
}
