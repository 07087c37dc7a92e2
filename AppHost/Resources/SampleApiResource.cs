namespace RedisAspire.AppHost.Resources;

/// <summary>
/// The long-running SampleApi project: started once <see cref="WaitFor"/> exited 0, given <see cref="Cache"/>'s
/// connection string, ready when <c>GET /health</c> answers 200.
/// </summary>
public sealed class SampleApiResource
{
    private Uri? _url;

    internal SampleApiResource(string name, string projectPath, RedisClusterResource cache, ClusterInitResource waitFor)
    {
        Name = name;
        ProjectPath = projectPath;
        Cache = cache;
        WaitFor = waitFor;
    }

    public string Name { get; }

    /// <summary>The built dll, run as <c>dotnet &lt;dll&gt;</c> from its own folder.</summary>
    public string ProjectPath { get; }

    /// <summary>The cluster whose connection string it gets as <c>ConnectionStrings:&lt;cache name&gt;</c>.</summary>
    public RedisClusterResource Cache { get; }

    /// <summary>The one-shot resource that must have exited 0 before this one starts.</summary>
    public ClusterInitResource WaitFor { get; }

    /// <summary>Base URL, <c>http://127.0.0.1:&lt;SampleApi:Port&gt;</c> (a free port when it is 0); known once the application is starting.</summary>
    public Uri Url => _url ?? throw new InvalidOperationException($"The URL of '{Name}' is known once DistributedApp.StartAsync has prepared it.");

    /// <summary>The exit code once the process has exited (stopped, crashed or failed to start); null before and while it runs.</summary>
    public int? ExitCode { get; internal set; }

    internal void SetUrl(Uri url) => _url = url;
}
