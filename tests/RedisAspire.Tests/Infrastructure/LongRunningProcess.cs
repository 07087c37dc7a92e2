using System.Diagnostics;
using System.Text;

namespace RedisAspire.Tests.Infrastructure;

/// <summary>
/// A child process that keeps running (e.g. <c>ClusterInit --watch</c>) with its output captured; stop it with
/// SIGTERM (<see cref="StopAsync"/>) or dispose it to kill its process tree.
/// </summary>
public sealed class LongRunningProcess : IAsyncDisposable
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputGate = new();

    private LongRunningProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>What the process is, for messages (never holds secrets: they travel in the environment).</summary>
    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process printed so far (stdout and stderr interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_outputGate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/>; <paramref name="environment"/> adds or
    /// overrides variables and a <see langword="null"/> value removes one.
    /// </summary>
    public static LongRunningProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (variable, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(variable);
            }
            else
            {
                startInfo.Environment[variable] = value;
            }
        }

        var process = new Process { StartInfo = startInfo };
        var running = new LongRunningProcess(name, process);
        process.OutputDataReceived += (_, e) => running.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => running.Keep(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>
    /// Sends SIGTERM and waits up to <paramref name="timeout"/> for the process to exit; returns its exit code.
    /// Throws a <see cref="TimeoutException"/> with the output when it is still running (it is killed first).
    /// </summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            _ = NativeMethods.Kill(_process.Id, NativeMethods.SigTerm);
            try
            {
                await _process.WaitForExitAsync().WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                await KillAsync();
                throw new TimeoutException(
                    $"{Name} (pid {_process.Id}) did not exit within {timeout.TotalSeconds:0.#} s of SIGTERM and was killed; output:\n{Output}");
            }
        }

        // WaitForExitAsync returns once the output streams are drained too, so Output is complete here.
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    public override string ToString() => $"{Name} (pid {_process.Id})";

    private async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            try
            {
                await _process.WaitForExitAsync().WaitAsync(KillTimeout);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{Name} (pid {_process.Id}) did not exit within {KillTimeout.TotalSeconds:0.#} s of SIGKILL.");
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputGate)
        {
            _output.AppendLine(line);
        }
    }
}
