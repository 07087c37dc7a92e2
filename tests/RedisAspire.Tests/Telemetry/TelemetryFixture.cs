using RedisAspire.Tests.Api;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Telemetry;

/// <summary>
/// One OTLP receiver; a cluster formed by ClusterInit exporting to it (its result and the spans received by the time
/// it exited are kept); then SampleApi exporting to it.
/// </summary>
public sealed class TelemetryFixture : IAsyncLifetime
{
    public const string ClusterInitService = "cluster-init";
    public const string SampleApiService = "sample-api";

    public RedisTestCluster Cluster { get; private set; } = null!;

    public OtlpReceiver Receiver { get; private set; } = null!;

    public ProcessResult ClusterInitRun { get; private set; } = null!;

    /// <summary>What the receiver held the moment ClusterInit had exited: only what ClusterInit flushed before exiting.</summary>
    public IReadOnlyList<ReceivedSpan> SpansAtClusterInitExit { get; private set; } = [];

    /// <summary><see cref="OtlpReceiver.Describe"/> at that moment, for messages.</summary>
    public string ReceivedAtClusterInitExit { get; private set; } = "";

    /// <summary>Logs and metrics export requests from ClusterInit received by the time it had exited.</summary>
    public (int Logs, int Metrics) LogAndMetricRequestsAtClusterInitExit { get; private set; }

    public SampleApiProcess Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await OtlpReceiver.StartAsync();
        Cluster = await RedisTestCluster.StartAsync();
        ClusterInitRun = await Cluster.RunClusterInitAsync(overrides: Receiver.ExporterEnvironment(ClusterInitService));
        SpansAtClusterInitExit = Receiver.Spans;
        ReceivedAtClusterInitExit = Receiver.Describe();
        LogAndMetricRequestsAtClusterInitExit = (
            Receiver.RequestCount(OtlpReceiver.Logs, ClusterInitService), Receiver.RequestCount(OtlpReceiver.Metrics, ClusterInitService));
        if (ClusterInitRun.ExitCode != 0)
        {
            throw new InvalidOperationException($"ClusterInit did not form the cluster: {ClusterInitRun}");
        }

        Api = await SampleApiProcess.StartAsync(Cluster, SampleApiEnvironment(Receiver));
    }

    /// <summary>
    /// SampleApi exporting to <paramref name="receiver"/> as <see cref="SampleApiService"/>, with span and log batches
    /// sent every 200 ms instead of 5 s and metrics every second, so a bounded wait of a few seconds is enough.
    /// </summary>
    public static Dictionary<string, string?> SampleApiEnvironment(OtlpReceiver receiver) =>
        new(receiver.ExporterEnvironment(SampleApiService))
        {
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        };

    public async Task DisposeAsync()
    {
        try
        {
            if (Api is not null)
            {
                await Api.DisposeAsync();
            }

            if (Cluster is not null)
            {
                await Cluster.DisposeAsync();
            }
        }
        finally
        {
            if (Receiver is not null)
            {
                await Receiver.DisposeAsync();
            }
        }
    }
}
