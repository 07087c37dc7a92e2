extern alias SampleApi;

using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenTelemetry.Trace;
using RedisAspire.Tests.Api;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Telemetry;

/// <summary>
/// A cluster formed by ClusterInit and SampleApi hosted in the test process on it, with OpenTelemetry's in-memory
/// exporter added to its tracing: every span it ends is in <see cref="Spans"/>, as the SDK hands it to an exporter.
/// </summary>
public sealed class InProcessSampleApiFixture : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private WebApplicationFactory<SampleApi::Program>? _factory;

    public RedisTestCluster Cluster { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Every span exported so far.</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    public async Task InitializeAsync()
    {
        Cluster = await RedisTestCluster.StartAsync();
        var run = await Cluster.RunClusterInitAsync();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"ClusterInit did not form the cluster: {run}");
        }

        _factory = new WebApplicationFactory<SampleApi::Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:cache", SampleApiProcess.ConnectionString(Cluster))
            .ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new LockedList(_spans)))));
        Http = _factory.CreateClient();
        using var health = await Http.GetAsync(new Uri("/health", UriKind.Relative));
        health.EnsureSuccessStatusCode();
    }

    /// <summary>Waits (bounded) until a span matching <paramref name="match"/> was exported; the spans then exported are returned.</summary>
    public async Task<IReadOnlyList<Activity>> WaitForSpansAsync(Func<IReadOnlyList<Activity>, bool> match, string awaited)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var spans = Spans;
            if (match(spans))
            {
                return spans;
            }

            if (stopwatch.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"No {awaited} within 20 s; exported: " + string.Join("; ", spans.Select(Describe)));
            }

            await Task.Delay(20);
        }
    }

    public static string Describe(Activity span) =>
        $"[{span.Source.Name}] '{span.DisplayName}' {span.Kind} trace={span.TraceId} span={span.SpanId} parent={span.ParentSpanId} "
        + "{" + string.Join(", ", span.TagObjects.Select(t => $"{t.Key}={t.Value}")) + "}";

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }

    // The exporter appends from request threads while tests read: every access goes through the list's lock.
    private sealed class LockedList(List<Activity> inner) : ICollection<Activity>
    {
        public int Count
        {
            get
            {
                lock (inner)
                {
                    return inner.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public void Add(Activity item)
        {
            lock (inner)
            {
                inner.Add(item);
            }
        }

        public void Clear()
        {
            lock (inner)
            {
                inner.Clear();
            }
        }

        public bool Contains(Activity item)
        {
            lock (inner)
            {
                return inner.Contains(item);
            }
        }

        public void CopyTo(Activity[] array, int arrayIndex)
        {
            lock (inner)
            {
                inner.CopyTo(array, arrayIndex);
            }
        }

        public bool Remove(Activity item)
        {
            lock (inner)
            {
                return inner.Remove(item);
            }
        }

        public IEnumerator<Activity> GetEnumerator()
        {
            lock (inner)
            {
                return inner.ToList().GetEnumerator();
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
