using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace RedisAspire.AppHost.Containers;

/// <summary>Finds and removes containers and networks by label: this run's on stop, an earlier run's on the same state folder at start.</summary>
internal static partial class ContainerCleanup
{
    private const int NetworkRemoveAttempts = 10;
    private static readonly TimeSpan NetworkRemoveInterval = TimeSpan.FromMilliseconds(300);
    private static readonly char[] Whitespace = [' ', '\n', '\r', '\t'];

    /// <summary>Containers (running or not) matching <paramref name="labelFilter"/> (<c>label=key=value</c>).</summary>
    public static async Task<IReadOnlyList<ContainerState>> ListAsync(ContainerCli cli, string labelFilter, CancellationToken cancellationToken)
    {
        var ids = (await cli.RunAsync(["ps", "-a", "-q", "--filter", labelFilter], cancellationToken)).Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length == 0)
        {
            return [];
        }

        // One may vanish between ps and inspect (removed meanwhile): inspect prints the others and fails.
        var inspect = await cli.TryRunAsync(["container", "inspect", .. ids], cancellationToken);
        try
        {
            return string.IsNullOrWhiteSpace(inspect.StandardOutput) ? [] : ContainerState.ParseInspect(inspect.StandardOutput);
        }
        catch (JsonException ex)
        {
            throw new AppHostException(CliCommand.DescribeFailure(inspect, cli.Secrets, $"Its output is not the JSON AppHost expects ({ex.Message})."), ex);
        }
    }

    /// <summary>
    /// Before a start: removes what an earlier run on the same state folder left (stopped containers, and running ones
    /// whose AppHost is gone, and their networks); fails when another live AppHost still runs nodes on this folder.
    /// </summary>
    public static async Task RemoveLeftoversAsync(ContainerCli cli, string stateKey, string stateDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        var filter = $"label={ContainerLabels.State}={stateKey}";
        var leftovers = await ListAsync(cli, filter, cancellationToken);
        var inUse = leftovers.Where(c => c.Running && !IsOrphan(c)).ToList();
        if (inUse.Count > 0)
        {
            var owner = inUse[0].Owner is { } o ? $"AppHost process {o.ProcessId} on {o.Host}" : "another AppHost";
            var names = string.Join(' ', inUse.Select(c => c.Name));
            throw new AppHostException(
                $"The state folder {stateDirectory} is in use by running containers of {owner}: {names}. Two sets of nodes must never share one state folder. "
                + $"Stop that AppHost (Ctrl+C), or remove them with `{cli.Runtime.Name} rm -f {names}`, or set AppHost:StateDirectory to another folder.");
        }

        if (leftovers.Count > 0)
        {
            var names = string.Join(' ', leftovers.Select(c => c.Name));
            LogLeftovers(logger, leftovers.Count, stateDirectory, names);
            await RemoveContainersAsync(cli, leftovers, logger, cancellationToken);
        }

        await RemoveNetworksAsync(cli, filter, logger, cancellationToken);
    }

    /// <summary>Force-removes <paramref name="containers"/>, those sharing another's network namespace first.</summary>
    public static async Task RemoveContainersAsync(ContainerCli cli, IReadOnlyList<ContainerState> containers, ILogger logger, CancellationToken cancellationToken)
    {
        var owners = containers.Where(c => c.Labels.GetValueOrDefault(ContainerLabels.Resource) == "redis-0").ToList();
        foreach (var batch in new[] { containers.Except(owners).ToList(), owners })
        {
            if (batch.Count == 0)
            {
                continue;
            }

            var result = await cli.TryRunAsync(["rm", "-f", .. batch.Select(c => c.Id)], cancellationToken);
            if (!result.Succeeded)
            {
                LogRemoveFailed(logger, CliCommand.DescribeFailure(result, cli.Secrets));
            }
        }
    }

    /// <summary>Removes the networks matching <paramref name="labelFilter"/>, retrying while a removed container still holds one.</summary>
    public static async Task RemoveNetworksAsync(ContainerCli cli, string labelFilter, ILogger logger, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var networks = (await cli.RunAsync(["network", "ls", "-q", "--filter", labelFilter], cancellationToken))
                .Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
            if (networks.Length == 0)
            {
                return;
            }

            var result = await cli.TryRunAsync(["network", "rm", .. networks], cancellationToken);
            if (result.Succeeded)
            {
                return;
            }

            if (attempt == NetworkRemoveAttempts)
            {
                LogRemoveFailed(logger, CliCommand.DescribeFailure(result, cli.Secrets));
                return;
            }

            await Task.Delay(NetworkRemoveInterval, cancellationToken);
        }
    }

    /// <summary>Running, but created by an AppHost process of this machine that no longer exists (killed, crashed).</summary>
    private static bool IsOrphan(ContainerState container)
    {
        if (container.Owner is not { } owner || owner.Host != Environment.MachineName)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(owner.ProcessId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "removing {Count} containers an earlier run on {StateDirectory} left: {Names}")]
    private static partial void LogLeftovers(ILogger logger, int count, string stateDirectory, string names);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failure}")]
    private static partial void LogRemoveFailed(ILogger logger, string failure);
}
