using System.ComponentModel;
using Microsoft.Extensions.Logging;

namespace RedisAspire.AppHost.Containers;

/// <summary>
/// The docker or podman CLI for one application: every command bounded by <c>Container:CommandTimeout</c>, failures
/// turned into errors that show the command line and its stderr (secrets masked, though no command carries one).
/// </summary>
internal sealed partial class ContainerCli(ContainerRuntimeInfo runtime, TimeSpan timeout, IReadOnlyCollection<string> secrets, ILogger logger)
{
    public ContainerRuntimeInfo Runtime => runtime;

    public IReadOnlyCollection<string> Secrets => secrets;

    /// <summary>Runs the command; throws an <see cref="AppHostException"/> with the command line and stderr unless it exits 0.</summary>
    public async Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, string? hint = null)
    {
        var result = await TryRunAsync(arguments, cancellationToken);
        return result.Succeeded ? result.StandardOutput : throw new AppHostException(CliCommand.DescribeFailure(result, secrets, hint));
    }

    /// <summary>The ID of <paramref name="image"/> (an unsuccessful result when there is no such image).</summary>
    public Task<CliResult> InspectImageIdAsync(string image, CancellationToken cancellationToken) =>
        TryRunAsync(["image", "inspect", "--format", "{{.Id}}", image], cancellationToken);

    /// <summary>
    /// After a build that may have moved <paramref name="image"/>'s tag: removes the image it pointed at before
    /// (<paramref name="previous"/>, from <see cref="InspectImageIdAsync"/>), which is now untagged — unless a container
    /// still uses it, in which case the runtime refuses and it stays.
    /// </summary>
    public async Task RemoveReplacedImageAsync(CliResult previous, string image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (!previous.Succeeded)
        {
            return;
        }

        var current = await InspectImageIdAsync(image, cancellationToken);
        if (current.StandardOutput.Trim() != previous.StandardOutput.Trim())
        {
            await TryRunAsync(["rmi", previous.StandardOutput.Trim()], cancellationToken);
        }
    }

    /// <summary>Runs the command and returns what it did, whatever its exit code; only a timeout or a CLI that cannot start throws.</summary>
    public async Task<CliResult> TryRunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var commandLine = CliCommand.Format(runtime.Executable, arguments, secrets);
        LogCommand(logger, commandLine);
        try
        {
            return await CliProcess.RunAsync(runtime.Executable, arguments, secrets, timeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new AppHostException($"`{commandLine}` did not finish within {timeout} (Container:CommandTimeout); it was killed.", ex);
        }
        catch (Win32Exception ex)
        {
            throw new AppHostException($"`{commandLine}` cannot be started: {ex.Message}. Check Container:Runtime.", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{CommandLine}")]
    private static partial void LogCommand(ILogger logger, string commandLine);
}
