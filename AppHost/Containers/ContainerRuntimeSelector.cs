using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Options;

namespace RedisAspire.AppHost.Containers;

/// <summary>
/// Decides how the nodes run (<c>AppHost:Runtime</c>): <c>process</c>; <c>container</c> (a runtime must answer
/// <c>info</c>); or <c>auto</c> (a container when one answers, else processes). Logs what was chosen and why.
/// </summary>
internal static partial class ContainerRuntimeSelector
{
    public const string InstallHint =
        "Install podman (Debian/Ubuntu: `sudo apt-get install podman`; Fedora: `sudo dnf install podman`; macOS: `brew install podman && podman machine init && podman machine start`) "
        + "or Docker (https://docs.docker.com/engine/install/), check that `podman info` or `docker info` works, "
        + "or set Container:Runtime to its name or path.";

    private static readonly string[] Candidates = ["docker", "podman"];

    /// <summary>The container runtime to build images with: <c>Container:Runtime</c>, else docker, else podman.</summary>
    public static async Task<ContainerRuntimeInfo> SelectAsync(ContainerOptions container, ILogger logger, CancellationToken cancellationToken)
    {
        var (runtime, why) = await SelectWithReasonAsync(container, cancellationToken);
        LogContainer(logger, runtime.Name, runtime.Version, why);
        return runtime;
    }

    /// <summary>As <see cref="SelectAsync"/>, returning why the runtime was chosen instead of logging it.</summary>
    public static async Task<(ContainerRuntimeInfo Runtime, string Why)> SelectWithReasonAsync(ContainerOptions container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var configured = container.Runtime.Trim();
        var candidates = configured.Length > 0 ? [configured] : Candidates;
        var failures = new List<string>();
        foreach (var candidate in candidates)
        {
            var started = Stopwatch.GetTimestamp();
            var (runtime, failure) = await ProbeAsync(candidate, container.DetectTimeout, cancellationToken);
            if (runtime is not null)
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
                var skipped = failures.Count == 0 ? "" : $"; {string.Join("; ", failures)}";
                var source = configured.Length > 0 ? "configured" : "detected";
                return (runtime, $"{source}: `{candidate} info` answered in {elapsed} s ({runtime.Kind} {runtime.Version}){skipped}");
            }

            failures.Add($"{candidate}: {failure}");
        }

        var failed = string.Join("; ", failures);
        var key = configured.Length > 0 ? $"Container:Runtime {configured}" : "docker or podman";
        throw new AppHostException($"{key} did not answer `info` ({failed}). {InstallHint}");
    }

    /// <summary>Runs <c>&lt;cli&gt; info</c>; returns the runtime, or why it is not usable.</summary>
    public static async Task<(ContainerRuntimeInfo? Runtime, string Failure)> ProbeAsync(string executable, TimeSpan timeout, CancellationToken cancellationToken)
    {
        CliResult result;
        try
        {
            result = await CliProcess.RunAsync(executable, ["info", "--format", "{{json .}}"], [], timeout, cancellationToken);
        }
        catch (Win32Exception)
        {
            return (null, executable.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) ? "cannot be run" : "not found on PATH");
        }
        catch (TimeoutException)
        {
            return (null, $"no answer within {timeout} (Container:DetectTimeout)");
        }

        if (!result.Succeeded)
        {
            var error = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
            return (null, $"exit code {result.ExitCode}{(error.Length > 0 ? ": " + error : "")}");
        }

        try
        {
            return (ContainerRuntimeInfo.Parse(executable, result.StandardOutput), "");
        }
        catch (JsonException ex)
        {
            return (null, $"`{executable} info` did not print JSON ({ex.Message})");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "runtime: container, {Runtime} {Version} ({Why})")]
    private static partial void LogContainer(ILogger logger, string runtime, string version, string why);
}
