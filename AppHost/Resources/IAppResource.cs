namespace RedisAspire.AppHost.Resources;

/// <summary>A resource AppHost starts in declaration order and stops in reverse order.</summary>
internal interface IAppResource
{
    string Name { get; }

    /// <summary>True while a process of this resource may still be running.</summary>
    bool HasProcesses { get; }

    /// <summary>Returns when the resource is ready (nodes answer PING, a one-shot project exited 0); throws otherwise.</summary>
    Task StartAsync(AppHostContext context, CancellationToken cancellationToken);

    /// <summary>Stops whatever was started, each process bounded by <paramref name="timeout"/>; safe to call more than once.</summary>
    Task StopAsync(TimeSpan timeout);
}
