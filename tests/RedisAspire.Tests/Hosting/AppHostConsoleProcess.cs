using System.Diagnostics;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Hosting;

/// <summary>
/// The AppHost as a user runs it from a terminal: the built <c>RedisAspire.AppHost</c> with <c>--Key=value …</c>, in a
/// process group of its own (as a shell's foreground job), with the environment of its <c>http</c> launch profile on free
/// ports (the dashboard over http), console output captured line by line. <see cref="SignalGroup"/> does what Ctrl+C in
/// a terminal does. Disposing kills it, and whatever its orchestrator still runs, if it is still there.
/// </summary>
public sealed class AppHostConsoleProcess : IAsyncDisposable
{
    // Variables of the test host that would configure AppHost or its children behind the test's back.
    private static readonly string[] InheritedPrefixesToDrop =
        ["Cluster__", "AppHost__", "SampleApi__", "Parameters__", "ConnectionStrings__", "Logging__", "OTEL_", "ASPIRE_", "DOTNET_DASHBOARD", "ASPNETCORE_", "MSBuild", "MSBUILD", "VSTEST"];

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    private AppHostConsoleProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>The dashboard's address (its login URL, with a token, is printed).</summary>
    public Uri DashboardUrl { get; private init; } = null!;

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

        // env restores SIGINT's default (a test host may have inherited it ignored); setsid makes the AppHost the leader
        // of its own process group, as a shell does for a foreground job.
        var startInfo = new ProcessStartInfo("env")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        startInfo.ArgumentList.Add("--default-signal=INT");
        startInfo.ArgumentList.Add("setsid");
        startInfo.ArgumentList.Add(DotNetHost());
        startInfo.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in startInfo.Environment.Keys.Where(k => InheritedPrefixesToDrop.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        var ports = PortAllocator.Allocate(4);
        var dashboard = new Uri($"http://localhost:{ports[0]}");
        startInfo.Environment["ASPNETCORE_URLS"] = dashboard.ToString().TrimEnd('/');
        startInfo.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{ports[1]}";
        startInfo.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://localhost:{ports[2]}";
        startInfo.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{ports[3]}";
        startInfo.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = new Process { StartInfo = startInfo };
        var console = new AppHostConsoleProcess(process) { DashboardUrl = dashboard };
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

    /// <summary>Sends <paramref name="signal"/> to the AppHost's whole process group, as a terminal does on Ctrl+C (SIGINT).</summary>
    public void SignalGroup(int signal)
    {
        if (NativeMethods.Kill(-_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill(-{_process.Id}, {signal}) failed.");
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

    internal static string DotNetHost()
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
