using System.Diagnostics;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Hosting;

/// <summary>
/// AppHost as a user runs it: <c>dotnet RedisAspire.AppHost.dll --Key=value …</c> in its own process, console output
/// captured line by line (stdout and stderr interleaved), stopped with a signal. Disposing kills it if it still runs.
/// </summary>
public sealed class AppHostConsoleProcess : IAsyncDisposable
{
    // Variables of the test host that would configure AppHost or its children behind the test's back.
    private static readonly string[] InheritedPrefixesToDrop =
        ["Cluster__", "AppHost__", "SampleApi__", "Otlp__", "ConnectionStrings__", "Logging__", "OTEL_EXPORTER_OTLP_"];

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    private AppHostConsoleProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>A snapshot of every line printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public static AppHostConsoleProcess Start(params string[] arguments)
    {
        var dll = typeof(RedisAspire.AppHost.AppHostConfiguration).Assembly.Location;
        var startInfo = new ProcessStartInfo(DotNetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in startInfo.Environment.Keys.Where(k => InheritedPrefixesToDrop.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        var process = new Process { StartInfo = startInfo };
        var console = new AppHostConsoleProcess(process);
        process.OutputDataReceived += (_, e) => console.Add(e.Data);
        process.ErrorDataReceived += (_, e) => console.Add(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return console;
    }

    /// <summary>Waits, bounded, for a line matching <paramref name="predicate"/>; fails early when AppHost exits.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout, Action? whileWaiting = null)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (Lines.FirstOrDefault(predicate) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"AppHost exited with code {_process.ExitCode} before printing the expected line:\n{string.Join('\n', Lines)}");
            }

            if (stopwatch.Elapsed >= timeout)
            {
                throw new TimeoutException($"AppHost did not print the expected line within {timeout}; output so far:\n{string.Join('\n', Lines)}");
            }

            whileWaiting?.Invoke();
            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. 2 for SIGINT) to AppHost only, as <c>kill -INT &lt;pid&gt;</c> does.</summary>
    public void Signal(int signal)
    {
        if (NativeMethods.Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed.");
        }
    }

    /// <summary>Waits, bounded, for AppHost to exit and its output to be read to the end; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"AppHost did not exit within {timeout}; output so far:\n{string.Join('\n', Lines)}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private static string DotNetHost()
    {
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var processPath = Environment.ProcessPath;
        return processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? processPath : "dotnet";
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_gate)
            {
                _lines.Add(line);
            }
        }
    }
}
