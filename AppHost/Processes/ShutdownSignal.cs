using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace RedisAspire.AppHost.Processes;

/// <summary>
/// Turns Ctrl+C, SIGTERM and SIGHUP into a cancellation token. The signals are always cancelled (handled) so the
/// runtime never exits before the children are stopped; a repeated signal is only reported.
/// </summary>
internal sealed partial class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly ILogger _logger;
    private readonly List<PosixSignalRegistration> _registrations = [];

    public ShutdownSignal(ILogger logger)
    {
        _logger = logger;
        if (!OperatingSystem.IsWindows())
        {
            // Shells start background jobs with SIGINT ignored, and .NET then never delivers it. For AppHost SIGINT
            // means "stop cleanly" (e.g. `kill -INT` from a script); its children are stopped with SIGTERM anyway.
            NativeMethods.Signal(NativeMethods.SigInt, NativeMethods.DefaultHandler);
        }

        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // Not every signal exists on every OS; the others still stop AppHost.
            }
        }
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _registrations.ForEach(r => r.Dispose());
        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (_source.IsCancellationRequested)
        {
            LogAlreadyStopping(_logger, context.Signal);
            return;
        }

        LogStopping(_logger, context.Signal);
        // Cancel off the signal thread: stopping the children continues from the token's callbacks.
        _ = _source.CancelAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "received {Signal}; stopping every resource")]
    private static partial void LogStopping(ILogger logger, PosixSignal signal);

    [LoggerMessage(Level = LogLevel.Information, Message = "received {Signal}; already stopping (bounded by AppHost:StopTimeout)")]
    private static partial void LogAlreadyStopping(ILogger logger, PosixSignal signal);
}
