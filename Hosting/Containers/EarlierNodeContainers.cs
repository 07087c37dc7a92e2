using System.ComponentModel;
using System.Diagnostics;
using Aspire.Hosting;
using Microsoft.Extensions.Logging;

namespace RedisAspire.Hosting.Containers;

/// <summary>
/// Node containers of an earlier run on the same state folder (found by their label). The orchestrator removes them
/// after a stopped AppHost has exited, and until it has, their published ports and the runtime's port-forwarding rules
/// still point at them: a new node on the same port would be unreachable. The state-folder lock proves no running
/// AppHost owns them, so they are given time to go and then stopped (SIGTERM first: each node writes its AOF) and
/// removed. Never duplicated, never killed without a grace period.
/// </summary>
internal static partial class EarlierNodeContainers
{
    private static readonly TimeSpan OrchestratorGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task RemoveAsync(RedisClusterResource cluster, ILogger logger, CancellationToken cancellationToken)
    {
        var runtime = ContainerNodes.RuntimeName(cluster.Options);
        string[] filter = ["--filter", $"label={ContainerNodes.StateLabel}={cluster.StateDirectory}"];
        var started = Stopwatch.GetTimestamp();
        var ids = await ListAsync(runtime, filter, cancellationToken).ConfigureAwait(false);
        if (ids.Count == 0)
        {
            return;
        }

        LogWaiting(logger, ids.Count, runtime, cluster.StateDirectory);
        while (ids.Count > 0 && Stopwatch.GetElapsedTime(started) < OrchestratorGrace)
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            ids = await ListAsync(runtime, filter, cancellationToken).ConfigureAwait(false);
        }

        if (ids.Count == 0)
        {
            return;
        }

        LogRemoving(logger, ids.Count, runtime);
        await RunAsync(runtime, ["stop", "--time", "10", .. ids], cancellationToken).ConfigureAwait(false);
        await RunAsync(runtime, ["rm", "--force", .. ids], cancellationToken).ConfigureAwait(false);
        if ((await ListAsync(runtime, filter, cancellationToken).ConfigureAwait(false)) is { Count: > 0 } left)
        {
            throw new DistributedApplicationException(
                $"Node containers of an earlier run on {cluster.StateDirectory} are still there after `{runtime} stop` and `{runtime} rm`: {string.Join(", ", left)}. "
                + $"Remove them (`{runtime} rm -f {string.Join(' ', left)}`) and start again.");
        }
    }

    private static async Task<IReadOnlyList<string>> ListAsync(string runtime, string[] filter, CancellationToken cancellationToken)
    {
        var output = await RunAsync(runtime, ["ps", "--all", "--quiet", .. filter], cancellationToken).ConfigureAwait(false);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static async Task<string> RunAsync(string runtime, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(runtime) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new DistributedApplicationException($"`{runtime}` cannot be run ({ex.Message}); container nodes need it. Check Container:Runtime.", ex);
        }

        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new DistributedApplicationException($"`{runtime} {string.Join(' ', arguments)}` did not finish within {CommandTimeout.TotalSeconds:0} s.");
        }

        return process.ExitCode == 0
            ? await output.ConfigureAwait(false)
            : throw new DistributedApplicationException($"`{runtime} {string.Join(' ', arguments)}` failed with exit code {process.ExitCode}: {(await error.ConfigureAwait(false)).Trim()}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} node container(s) of an earlier run on {StateDirectory} are still there ({Runtime}); waiting up to 10 s for the orchestrator to remove them")]
    private static partial void LogWaiting(ILogger logger, int count, string runtime, string stateDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "stopping (SIGTERM, 10 s grace: each node writes its AOF) and removing {Count} node container(s) of an earlier run ({Runtime})")]
    private static partial void LogRemoving(ILogger logger, int count, string runtime);
}
