using System.Globalization;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RedisAspire.Tests.Telemetry;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Hosting;

/// <summary>
/// Starts the real AppHost (<c>Projects.AppHost</c>) through <see cref="DistributedApplicationTestingBuilder"/>, with the
/// command-line arguments a user would pass: consecutive free node ports (<c>--Cluster:BasePort</c>; the nodes' ports are
/// fixed and proxyless, so the harness cannot randomise them), a new temporary state folder and process mode, unless the
/// test sets any of them. Everything the AppHost and its resources log is captured (<see cref="TestAppHost.Output"/>).
/// </summary>
public sealed class TestAppHostBuilder
{
    /// <summary>Bound of a whole start (nodes, cluster-init, sample-api healthy).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Dictionary<string, string> _settings = new(StringComparer.OrdinalIgnoreCase);
    private string? _stateDirectory;
    private ITestOutputHelper? _output;

    private TestAppHostBuilder()
    {
    }

    public static TestAppHostBuilder Create() => new();

    /// <summary>Passes <c>--<paramref name="key"/>=<paramref name="value"/></c> to the AppHost.</summary>
    public TestAppHostBuilder WithSetting(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _settings[key] = value;
        return this;
    }

    /// <inheritdoc cref="WithSetting(string, string)"/>
    public TestAppHostBuilder WithSetting(string key, int value) => WithSetting(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Runs on <paramref name="path"/>, which the test owns and which is kept on dispose (restart tests).</summary>
    public TestAppHostBuilder WithStateDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _stateDirectory = Path.GetFullPath(path);
        return this;
    }

    /// <summary>Echoes everything captured to the test's output as it happens.</summary>
    public TestAppHostBuilder WithOutput(ITestOutputHelper output)
    {
        _output = output;
        return this;
    }

    /// <summary>The arguments the AppHost gets (the defaults filled in); the same on every start of this builder.</summary>
    public IReadOnlyList<string> Arguments
    {
        get
        {
            Freeze();
            return [.. _settings.Select(s => $"--{s.Key}={s.Value}")];
        }
    }

    /// <summary>The state folder the AppHost runs on.</summary>
    public string StateDirectory
    {
        get
        {
            Freeze();
            return _stateDirectory!;
        }
    }

    /// <summary>The first node's client port.</summary>
    public int BasePort
    {
        get
        {
            Freeze();
            return int.Parse(_settings["Cluster:BasePort"], CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// Builds the AppHost's application model (Program.cs runs up to <c>Build()</c>); throws what the AppHost throws.
    /// <paramref name="otlp"/>, when given, is where the .NET resources send their telemetry (the dashboard's place, which
    /// the testing harness leaves empty).
    /// </summary>
    public async Task<(IDistributedApplicationTestingBuilder Builder, CapturedOutput Output)> CreateBuilderAsync(Uri? otlp = null, CancellationToken cancellationToken = default)
    {
        var output = new CapturedOutput(_output);
        string[] arguments = otlp is null ? [.. Arguments] : [.. Arguments, $"--ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL={otlp.GetLeftPart(UriPartial.Authority)}"];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(arguments, cancellationToken);
        builder.Services.AddLogging(logging => logging.ClearProviders().AddProvider(new CapturingLoggerProvider(output)));
        return (builder, output);
    }

    /// <summary>Starts the application and waits until sample-api is healthy (so the cluster is Ready); disposed on failure.</summary>
    public async Task<TestAppHost> StartAsync(CancellationToken cancellationToken = default)
    {
        var app = await BuildAsync(cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
            await app.WaitForHealthyAsync("sample-api", StartTimeout, cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Builds the application without starting it (for tests that expect the start to fail). Its .NET resources export
    /// telemetry to an OTLP receiver of its own (<see cref="TestAppHost.Telemetry"/>), so they have a collector to flush
    /// to when they stop, as they have the dashboard's when a person runs the AppHost.
    /// </summary>
    public async Task<TestAppHost> BuildAsync(CancellationToken cancellationToken = default)
    {
        var ownsStateDirectory = !_settings.ContainsKey("AppHost:StateDirectory") && _stateDirectory is null;
        var telemetry = await OtlpReceiver.StartAsync();
        try
        {
            var (builder, output) = await CreateBuilderAsync(telemetry.Endpoint, cancellationToken);
            try
            {
                var app = await builder.BuildAsync(cancellationToken);
                return new TestAppHost(app, builder, output, telemetry, StateDirectory, ownsStateDirectory, BasePort);
            }
            catch
            {
                await builder.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await telemetry.DisposeAsync();
            throw;
        }
    }

    private void Freeze()
    {
        _stateDirectory ??= _settings.TryGetValue("AppHost:StateDirectory", out var configured)
            ? configured
            : Path.Combine(Path.GetTempPath(), "redisaspire-tests", $"app-{Guid.NewGuid():N}");
        _settings["AppHost:StateDirectory"] = _stateDirectory;
        _settings.TryAdd("AppHost:Runtime", "process");
        if (!_settings.ContainsKey("Cluster:BasePort"))
        {
            _settings["Cluster:BasePort"] = PortBlock.Allocate(NodeCount()).ToString(CultureInfo.InvariantCulture);
        }
    }

    private int NodeCount()
    {
        var masters = _settings.TryGetValue("Cluster:Masters", out var m) && int.TryParse(m, CultureInfo.InvariantCulture, out var parsedMasters) ? parsedMasters : 3;
        var replicas = _settings.TryGetValue("Cluster:ReplicasPerMaster", out var r) && int.TryParse(r, CultureInfo.InvariantCulture, out var parsedReplicas) ? parsedReplicas : 1;
        return Math.Clamp(masters * (1 + replicas), 1, 64);
    }
}
