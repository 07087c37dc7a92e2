using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace RedisAspire.AppHost.Containers;

/// <summary>Runs one short CLI command to completion, bounded: output captured, never inherited, stdin closed.</summary>
internal static class CliProcess
{
    /// <exception cref="Win32Exception">The executable cannot be started (not found, not executable).</exception>
    /// <exception cref="TimeoutException">It did not exit within <paramref name="timeout"/>; it has been killed.</exception>
    public static async Task<CliResult> RunAsync(
        string executable, IReadOnlyList<string> arguments, IReadOnlyCollection<string> secrets, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        process.Start();
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        var commandLine = CliCommand.Format(executable, arguments, secrets);
        return new CliResult(commandLine, process.ExitCode, await output, await error);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited in the meantime.
        }
    }
}
