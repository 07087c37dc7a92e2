using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Logging;
using RedisAspire.AppHost.Resources;

namespace RedisAspire.AppHost;

/// <summary>
/// Declares the application, Aspire-style: resources start in the order they are added and stop in reverse order.
/// Options are bound and validated when the application starts, so every configuration error surfaces from
/// <see cref="DistributedApp.StartAsync"/> as an <see cref="AppHostException"/>.
/// </summary>
public sealed class DistributedAppBuilder
{
    private readonly List<IAppResource> _resources = [];
    private readonly ILoggerFactory? _loggerFactory;
    private RedisClusterResource? _cluster;
    private ClusterInitResource? _clusterInit;
    private SampleApiResource? _sampleApi;

    private DistributedAppBuilder(IConfiguration configuration, ILoggerFactory? loggerFactory)
    {
        Configuration = configuration;
        _loggerFactory = loggerFactory;
    }

    public IConfiguration Configuration { get; }

    /// <summary>Builder for the console: appsettings.json, environment and <c>--Section:Key=value</c> arguments.</summary>
    public static DistributedAppBuilder Create(string[] args) => new(AppHostConfiguration.Build(args), null);

    /// <summary>
    /// Builder for tests and other hosts. <paramref name="configuration"/> is typically
    /// <see cref="AppHostConfiguration.Build"/> with overrides; without <paramref name="loggerFactory"/> AppHost logs
    /// to the console. A given logger factory stays owned by the caller.
    /// </summary>
    public static DistributedAppBuilder Create(IConfiguration configuration, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(configuration, loggerFactory);
    }

    /// <summary>
    /// Adds the Redis cluster: <c>Cluster:Masters × (1 + Cluster:ReplicasPerMaster)</c> nodes named <c>redis-0</c> …,
    /// ready once every node answers AUTH + PING. Its connection string is <c>ConnectionStrings:&lt;name&gt;</c>.
    /// </summary>
    public RedisClusterResource AddRedisCluster(string name)
    {
        EnsureNewName(name);
        if (_cluster is not null)
        {
            throw new InvalidOperationException($"The application already has the Redis cluster '{_cluster.Name}'; AppHost runs one cluster.");
        }

        _cluster = new RedisClusterResource(name);
        _resources.Add(new RedisClusterRunner(_cluster));
        return _cluster;
    }

    /// <summary>
    /// Adds ClusterInit, run once the nodes are up; ready when it exits 0 (the cluster is formed and verified).
    /// <paramref name="projectPath"/> defaults to <see cref="ProjectPaths.ClusterInit"/>.
    /// </summary>
    public ClusterInitResource AddClusterInit(string name, RedisClusterResource cluster, string? projectPath = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        EnsureNewName(name);
        var resource = new ClusterInitResource(name, projectPath ?? ProjectPaths.ClusterInit, cluster);
        _resources.Add(new ClusterInitRunner(resource));
        _clusterInit ??= resource;
        return resource;
    }

    /// <summary>
    /// Adds SampleApi on <c>http://127.0.0.1:&lt;SampleApi:Port&gt;</c>, started only after
    /// <paramref name="waitForCompletion"/> exited 0, with <paramref name="cache"/>'s connection string as
    /// <c>ConnectionStrings:&lt;cache name&gt;</c>; ready once <c>GET /health</c> answers 200.
    /// <paramref name="projectPath"/> defaults to <see cref="ProjectPaths.SampleApi"/>.
    /// </summary>
    public SampleApiResource AddSampleApi(
        string name, RedisClusterResource cache, ClusterInitResource waitForCompletion, string? projectPath = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(waitForCompletion);
        EnsureNewName(name);
        if (_sampleApi is not null)
        {
            throw new InvalidOperationException($"The application already has the API '{_sampleApi.Name}'.");
        }

        _sampleApi = new SampleApiResource(name, projectPath ?? ProjectPaths.SampleApi, cache, waitForCompletion);
        _resources.Add(new SampleApiRunner(_sampleApi));
        return _sampleApi;
    }

    public DistributedApp Build()
    {
        var ownsLoggerFactory = _loggerFactory is null;
        var loggerFactory = _loggerFactory ?? AppHostLogging.CreateConsoleLoggerFactory(Configuration);
        return new DistributedApp(
            Configuration, loggerFactory, ownsLoggerFactory, [.. _resources], new AppModel(_cluster, _clusterInit, _sampleApi));
    }

    private void EnsureNewName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_resources.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{name}' was already added.");
        }
    }
}
