using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RedisAspire.AppHost;
using RedisAspire.AppHost.Options;
using Xunit.Abstractions;

namespace RedisAspire.Tests.Hosting;

/// <summary>
/// Declares a <see cref="TestApplication"/>: AppHost's configuration (appsettings.json, environment) with the test's
/// overrides on top, consecutive free node ports (<c>Cluster:BasePort</c>), a free port for sample-api
/// (<c>SampleApi:Port</c> 0) and a new temporary state folder, unless the test sets any of them.
/// </summary>
/// <example>
/// <code>
/// await using var app = await TestApplicationBuilder.Create()
///     .WithSetting("Cluster:NodeTimeout", "00:00:02")
///     .StartAsync();
/// using var http = app.CreateHttpClient("sample-api");
/// </code>
/// </example>
public sealed class TestApplicationBuilder
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private string? _stateDirectory;
    private Action<DistributedAppBuilder> _topology = AppTopology.Define;
    private ITestOutputHelper? _output;

    private TestApplicationBuilder()
    {
    }

    public static TestApplicationBuilder Create() => new();

    /// <summary>Overrides one configuration key (highest precedence), e.g. <c>("Cluster:NodeTimeout", "00:00:02")</c>.</summary>
    public TestApplicationBuilder WithSetting(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _settings[key] = value;
        return this;
    }

    /// <summary>Overrides one numeric key, e.g. <c>("Cluster:BasePort", 7600)</c>.</summary>
    public TestApplicationBuilder WithSetting(string key, int value) => WithSetting(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Runs on <paramref name="path"/>, which the test owns and which is kept on dispose (restart tests).</summary>
    public TestApplicationBuilder WithStateDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _stateDirectory = Path.GetFullPath(path);
        return this;
    }

    /// <summary>Replaces <see cref="AppTopology.Define"/>, for tests that need a variant (e.g. an API that fails).</summary>
    public TestApplicationBuilder WithTopology(Action<DistributedAppBuilder> define)
    {
        ArgumentNullException.ThrowIfNull(define);
        _topology = define;
        return this;
    }

    /// <summary>Echoes AppHost's output to the test's output as it happens.</summary>
    public TestApplicationBuilder WithOutput(ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        return this;
    }

    /// <summary>Builds the application without starting it (for tests that expect the start to fail).</summary>
    public TestApplication Build()
    {
        var settings = new Dictionary<string, string?>(_settings, StringComparer.OrdinalIgnoreCase);
        var ownsStateDirectory = _stateDirectory is null;
        var stateDirectory = _stateDirectory ?? Path.Combine(Path.GetTempPath(), "redisaspire-tests", $"app-{Guid.NewGuid():N}");
        settings.TryAdd("AppHost:StateDirectory", stateDirectory);
        settings.TryAdd("SampleApi:Port", "0");

        // Process mode unless a test asks for containers: `auto` would pick containers wherever podman is installed.
        settings.TryAdd("AppHost:Runtime", "process");
        var nodeCount = NodeCount(AppHostConfiguration.Build([], settings));
        if (!settings.ContainsKey("Cluster:BasePort"))
        {
            settings["Cluster:BasePort"] = PortBlock.Allocate(nodeCount).ToString(CultureInfo.InvariantCulture);
        }

        var configuration = AppHostConfiguration.Build([], settings);
        var basePort = configuration.GetValue<int>("Cluster:BasePort");
        var output = new CapturedOutput(_output);
        var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(new CapturingLoggerProvider(output)));
        var builder = DistributedAppBuilder.Create(configuration, loggerFactory);
        _topology(builder);
        return new TestApplication(
            builder.Build(), loggerFactory, output, stateDirectory, ownsStateDirectory, [.. Enumerable.Range(basePort, nodeCount)]);
    }

    /// <summary>Builds and starts the application; on failure it is disposed (nothing left running) and the error rethrown.</summary>
    public async Task<TestApplication> StartAsync(CancellationToken cancellationToken = default)
    {
        var app = Build();
        try
        {
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    // Sizes the port block from the effective options; an invalid shape still gets a block (the start then reports it).
    private static int NodeCount(IConfiguration configuration)
    {
        var options = new RedisClusterOptions();
        try
        {
            configuration.GetSection(RedisClusterOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException)
        {
            return new RedisClusterOptions().NodeCount;
        }

        return Math.Clamp(options.NodeCount, 1, 64);
    }
}
