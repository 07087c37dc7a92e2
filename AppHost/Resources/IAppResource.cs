using RedisAspire.AppHost.Processes;

namespace RedisAspire.AppHost.Resources;

/// <summary>A resource AppHost starts in declaration order and stops in reverse order.</summary>
internal interface IAppResource
{
    string Name { get; }

    /// <summary>Child processes started and not yet stopped (some may have exited on their own).</summary>
    IReadOnlyList<ChildProcess> Processes { get; }

    /// <summary>True when <see cref="StopAsync"/> has something to stop or remove (a process, a container, a network).</summary>
    bool NeedsStop { get; }

    /// <summary>
    /// Checks the machine (binaries, runtime, folders, free ports) and fixes addresses, starting nothing. Every resource
    /// is prepared before the first one starts, so a problem with the last one is reported before any node runs.
    /// </summary>
    Task PrepareAsync(AppHostContext context, CancellationToken cancellationToken);

    /// <summary>Returns when the resource is ready (nodes answer PING, a one-shot project exited 0); throws otherwise.</summary>
    Task StartAsync(AppHostContext context, CancellationToken cancellationToken);

    /// <summary>Stops whatever was started, each process bounded by <paramref name="timeout"/>; safe to call more than once.</summary>
    Task StopAsync(TimeSpan timeout);
}
