using System.Diagnostics;
using RedisAspire.AppHost.Containers;
using RedisAspire.Tests.Hosting;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// One application (six node containers, cluster-init and sample-api on the host) in one network mode, shared by that
/// mode's tests, on a state folder the fixture owns so the application can be stopped and started again on it.
/// <see cref="DisposeAsync"/> stops it, deletes the state folder and fails if a container or network of it remains.
/// </summary>
public abstract class ContainerApplicationFixture : IAsyncLifetime
{
    private string? _stateDirectory;
    private TestApplicationBuilder? _builder;
    private TestApplication? _app;

    /// <summary><c>Container:Network</c>: <c>host</c>, <c>shared</c> or <c>bridge</c>.</summary>
    public abstract string NetworkMode { get; }

    /// <summary>The label filter value of everything the application creates on its state folder.</summary>
    public string StateLabel => $"{ContainerLabels.State}={ContainerAppId.StateKey(_stateDirectory ?? throw new InvalidOperationException("Not started."))}";

    public TestApplication App => _app ?? throw new InvalidOperationException(
        ContainerRuntimeCli.SkipReason ?? $"The {NetworkMode}-network application is not running.");

    /// <summary>From the first <c>StartAsync</c> to sample-api answering (cluster Ready before it).</summary>
    public TimeSpan FirstStart { get; private set; }

    public async Task InitializeAsync()
    {
        if (ContainerRuntimeCli.SkipReason is not null)
        {
            return;
        }

        var runtime = ContainerRuntimeCli.Current;
        _stateDirectory = Directory.CreateTempSubdirectory($"redisaspire-{NetworkMode}-").FullName;
        _builder = TestApplicationBuilder.Create()
            .WithStateDirectory(_stateDirectory)
            .WithSetting("Cluster:BasePort", PortBlock.Allocate(6))
            .WithSetting("AppHost:Runtime", "container")
            .WithSetting("Container:Runtime", runtime.Name)
            .WithSetting("Container:Image", await LocalRedisImage.EnsureAsync())
            // Only the OCI runtime: the ulimits are AppHost's own defaults, which this test exercises too.
            .WithSetting("Container:RunArgs", string.Join(' ', runtime.OciRuntimeArguments))
            .WithSetting("Container:Network", NetworkMode);
        var stopwatch = Stopwatch.StartNew();
        _app = await _builder.StartAsync();
        FirstStart = stopwatch.Elapsed;
    }

    /// <summary>Stops the whole application (every container removed) and starts it again on the same state folder.</summary>
    /// <returns>How long the second start took, until sample-api answered.</returns>
    public async Task<TimeSpan> RestartAsync()
    {
        var app = App;
        _app = null;
        await app.DisposeAsync();
        var stopwatch = Stopwatch.StartNew();
        _app = await _builder!.StartAsync();
        return stopwatch.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (_stateDirectory is null)
        {
            return;
        }

        try
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
        finally
        {
            if (Directory.Exists(_stateDirectory))
            {
                Directory.Delete(_stateDirectory, recursive: true);
            }
        }

        var left = await ContainerRuntimeCli.Current.FindLabelledAsync(StateLabel);
        if (left.Count > 0)
        {
            throw new InvalidOperationException($"The {NetworkMode}-network application left behind ({StateLabel}): {string.Join(", ", left)}");
        }
    }
}
