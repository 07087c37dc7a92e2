using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Logging;
using RedisAspire.AppHost.Processes;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.Resources;

/// <summary>
/// Runs SampleApi as <c>dotnet &lt;dll&gt;</c> once cluster-init exited 0, on 127.0.0.1:<c>SampleApi:Port</c>, and waits
/// until <c>GET /health</c> answers 200. An exit during startup fails the start; an exit later is reported with its
/// exit code and last lines (it is not restarted).
/// </summary>
internal sealed partial class SampleApiRunner(SampleApiResource resource) : IAppResource
{
    private ChildProcess? _process;

    public string Name => resource.Name;

    public IReadOnlyList<ChildProcess> Processes => _process is null ? [] : [_process];

    public bool NeedsStop => _process is not null;

    public Task PrepareAsync(AppHostContext context, CancellationToken cancellationToken)
    {
        if (!File.Exists(resource.ProjectPath))
        {
            throw new AppHostException($"{Name}: {resource.ProjectPath} does not exist. Build it with `dotnet build AppHost` (AppHost references SampleApi).");
        }

        var nodePorts = resource.Cache.Nodes.SelectMany(n => new[] { n.Port, n.BusPort }).ToHashSet();
        var configured = context.SampleApi.Port;
        if (nodePorts.Contains(configured))
        {
            throw new AppHostException(
                $"SampleApi:Port {configured} is also a port of the Redis nodes (Cluster:BasePort {context.Cluster.BasePort}); choose another SampleApi:Port, or 0 for a free one.");
        }

        var port = configured;
        while (port == 0 || nodePorts.Contains(port))
        {
            port = LoopbackPort.PickFree();
        }

        EnsureFree(port, configured);
        resource.SetUrl(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")));
        return Task.CompletedTask;
    }

    public async Task StartAsync(AppHostContext context, CancellationToken cancellationToken)
    {
        var waitFor = resource.WaitFor;
        if (waitFor.ExitCode != 0)
        {
            var state = waitFor.ExitCode is { } code ? $"it exited with code {code}" : "it has not run";
            throw new AppHostException($"{Name} starts only after {waitFor.Name} completed successfully, but {state}.");
        }

        var logger = context.LoggerFactory.CreateLogger(AppHostLogging.Category);

        // Checked again right before the start: something may have taken the port while the cluster was forming.
        // A port AppHost picked itself (SampleApi:Port 0) is simply picked again; a configured one is an error.
        if (context.SampleApi.Port == 0 && LoopbackPort.TryBind(resource.Url.Port) is not null)
        {
            resource.SetUrl(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LoopbackPort.PickFree()}")));
        }

        var url = resource.Url;
        var address = url.GetLeftPart(UriPartial.Authority);
        EnsureFree(url.Port, context.SampleApi.Port);
        var cache = resource.Cache;
        var environment = SampleApiEnvironment.Build(Name, cache.Name, cache.ConnectionString, url, context.Otlp, cache.TlsCaPath);
        var dll = resource.ProjectPath;
        var spec = new ChildProcessSpec(
            Name, DotNetHost.Path, [dll], Path.GetDirectoryName(dll)!, environment, cache.Credentials.Secrets, SampleApiEnvironment.InheritedPrefixesToDrop);
        LogStarting(logger, Name, address);
        _process = ChildProcess.Start(spec, context.LoggerFactory.CreateLogger(Name));
        try
        {
            using var readiness = new SampleApiReadiness(context.AppHost);
            await readiness.WaitHealthyAsync(Name, new Uri(url, "/health"), _process, cancellationToken);
        }
        catch (AppHostException) when (_process.Exited.IsCompleted)
        {
            resource.ExitCode = await _process.Exited;
            throw;
        }

        LogUrl(logger, Name, address);
        _ = WatchAsync(_process, logger);
    }

    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process is not null)
        {
            await _process.StopAsync(timeout);
            if (_process.Exited.IsCompleted)
            {
                resource.ExitCode = await _process.Exited;
            }

            _process.Dispose();
            _process = null;
        }
    }

    private static void EnsureFree(int port, int configured)
    {
        if (LoopbackPort.TryBind(port) is not { } error)
        {
            return;
        }

        var source = configured == 0 ? "picked for SampleApi:Port 0" : "SampleApi:Port";
        var hint = error == SocketError.AddressAlreadyInUse
            ? $"is already in use. Stop what listens there (see `ss -ltnp 'sport = :{port}'`) or choose another SampleApi:Port (0 picks a free one)."
            : $"cannot be bound ({error}). Choose another SampleApi:Port (0 picks a free one).";
        throw new AppHostException($"Port {port} on 127.0.0.1 ({source}) {hint}");
    }

    /// <summary>Reports an exit after startup: the rest of the application keeps running.</summary>
    private async Task WatchAsync(ChildProcess process, ILogger logger)
    {
        var exitCode = await process.Exited;
        resource.ExitCode = exitCode;
        if (!process.StopRequested)
        {
            var lastLines = OutputTail.Format("Last lines it printed", process.LastLines);
            LogExitedWhileRunning(logger, Name, exitCode, lastLines);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "starting {Name} on {Url}")]
    private static partial void LogStarting(ILogger logger, string name, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Name}: {Url}")]
    private static partial void LogUrl(ILogger logger, string name, string url);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Name} exited with code {ExitCode} while the application was running; it is not restarted.\n{LastLines}")]
    private static partial void LogExitedWhileRunning(ILogger logger, string name, int exitCode, string lastLines);
}
