using System.Diagnostics;
using System.Text;

namespace RedisAspire.Tests.Infrastructure;

/// <summary>Runs a child process to completion with captured output and an overall timeout.</summary>
public static class ChildProcess
{
    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/>, waits for it to exit and returns what it printed.
    /// <paramref name="environment"/> adds or overrides variables; a <see langword="null"/> value removes one.
    /// After <paramref name="timeout"/> the process tree is killed and a <see cref="TimeoutException"/> carries its output.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var command = string.Join(' ', startInfo.ArgumentList.Prepend(fileName));
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var combined = new StringBuilder();
        var gate = new Lock();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(e.Data, stdout);
        process.ErrorDataReceived += (_, e) => Append(e.Data, stderr);

        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new TimeoutException(
                $"`{command}` did not exit within {timeout.TotalSeconds:0.#} s and was killed; output so far:\n{Snapshot(combined)}");
        }

        stopwatch.Stop();
        return new ProcessResult(
            command, process.ExitCode, Snapshot(stdout), Snapshot(stderr), Snapshot(combined), stopwatch.Elapsed);

        void Append(string? line, StringBuilder stream)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                stream.AppendLine(line);
                combined.AppendLine(line);
            }
        }

        string Snapshot(StringBuilder builder)
        {
            lock (gate)
            {
                return builder.ToString();
            }
        }
    }
}
