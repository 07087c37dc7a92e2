using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Containers;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.Processes;

/// <summary>
/// One child process of AppHost: output forwarded line by line (secrets masked) to a logger named after the
/// resource, the last lines kept for error messages, and a clean, bounded stop (SIGTERM, then SIGKILL).
/// </summary>
internal sealed partial class ChildProcess : IDisposable
{
    private const int TailLines = 20;
    private static readonly TimeSpan TerminateInterval = TimeSpan.FromSeconds(1);

    private readonly ChildProcessSpec _spec;
    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly OutputTail _tail = new(TailLines);
    private Task<int> _exited = Task.FromResult(-1);
    private int _stopRequested;

    private ChildProcess(ChildProcessSpec spec, Process process, ILogger logger)
    {
        _spec = spec;
        _process = process;
        _logger = logger;
    }

    public string Name => _spec.Name;

    public int Id => _process.Id;

    /// <summary>The command line, shell-quoted, secrets masked: for error messages.</summary>
    public string CommandLine => CliCommand.Format(_spec.FileName, _spec.Arguments, _spec.Secrets);

    /// <summary>Completes with the exit code once the process exited and its output was read to the end.</summary>
    public Task<int> Exited => _exited;

    /// <summary>True once <see cref="StopAsync"/> was called: an exit after that is expected.</summary>
    public bool StopRequested => Volatile.Read(ref _stopRequested) == 1;

    public IReadOnlyList<string> LastLines => _tail.Snapshot();

    public static ChildProcess Start(ChildProcessSpec spec, ILogger logger)
    {
        var startInfo = spec.CreateStartInfo();
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(spec, process, logger);
        process.OutputDataReceived += (_, e) => child.OnOutput(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => child.OnOutput(e.Data, isError: true);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new AppHostException($"Cannot start {spec.Name} ({spec.FileName}): {ex.Message}", ex);
        }

        // Children get no terminal input: they must never compete with AppHost for the console.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        child._exited = child.WatchExitAsync();
        return child;
    }

    /// <summary>Sends SIGTERM, waits up to <paramref name="timeout"/>, then kills; returns once the process is gone (bounded).</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        Interlocked.Exchange(ref _stopRequested, 1);
        var started = Stopwatch.GetTimestamp();
        while (!_exited.IsCompleted)
        {
            var remaining = timeout - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                LogKilling(_logger, timeout);
                await KillAsync(timeout);
                return;
            }

            // Repeated: Redis refuses a shutdown while it writes its initial AOF and then forgets the request.
            SendTerminate();
            await Task.WhenAny(_exited, Task.Delay(remaining < TerminateInterval ? remaining : TerminateInterval));
        }
    }

    public void Dispose() => _process.Dispose();

    private async Task KillAsync(TimeSpan timeout)
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            await _exited.WaitAsync(timeout);
        }
        catch (InvalidOperationException)
        {
            // Exited between the timeout and the kill.
        }
        catch (TimeoutException)
        {
            LogStillRunning(_logger, _process.Id, timeout);
        }
    }

    private void SendTerminate()
    {
        if (OperatingSystem.IsWindows())
        {
            _process.Kill(entireProcessTree: true);
            return;
        }

        if (!_exited.IsCompleted && !_process.HasExited && NativeMethods.Kill(_process.Id, NativeMethods.SigTerm) != 0)
        {
            LogTerminateFailed(_logger, _process.Id, Marshal.GetLastPInvokeError());
        }
    }

    private async Task<int> WatchExitAsync()
    {
        await _process.WaitForExitAsync(CancellationToken.None);
        var exitCode = _process.ExitCode;
        if (StopRequested || exitCode == 0)
        {
            LogExited(_logger, exitCode);
        }
        else
        {
            LogExitedUnexpectedly(_logger, exitCode);
        }

        return exitCode;
    }

    private void OnOutput(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        foreach (var secret in _spec.Secrets.Where(s => s.Length > 0))
        {
            line = line.Replace(secret, RedisConnectionString.Mask, StringComparison.Ordinal);
        }

        _tail.Add(line);
        if (isError)
        {
            LogStandardError(_logger, line);
        }
        else
        {
            LogStandardOutput(_logger, line);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogStandardOutput(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Line}")]
    private static partial void LogStandardError(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "exited with code {ExitCode}")]
    private static partial void LogExited(ILogger logger, int exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "exited unexpectedly with code {ExitCode}")]
    private static partial void LogExitedUnexpectedly(ILogger logger, int exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "did not exit within {Timeout} (AppHost:StopTimeout) after SIGTERM; killing it")]
    private static partial void LogKilling(ILogger logger, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "process {ProcessId} still runs {Timeout} after SIGKILL")]
    private static partial void LogStillRunning(ILogger logger, int processId, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIGTERM to process {ProcessId} failed (errno {Errno})")]
    private static partial void LogTerminateFailed(ILogger logger, int processId, int errno);
}
