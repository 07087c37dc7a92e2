using System.Diagnostics;

namespace RedisAspire.Bench.Processes;

/// <summary>
/// Watches one process in <c>/proc</c> about every millisecond after it was signalled: when it stopped running (a
/// zombie, or gone) and when it disappeared from <c>/proc</c> altogether, i.e. when its parent reaped it with
/// <c>wait</c> — for a node, the moment its orchestrator (DCP) learned of the exit. Bounded: a process still there after
/// the timeout fails the watch with what was last seen.
/// </summary>
public sealed class ProcessExitWatch
{
    private readonly int _pid;
    private readonly long _startTicks;
    private readonly TimeSpan _timeout;
    private readonly TaskCompletionSource<long> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<long> _reaped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ProcessExitWatch(int pid, long startTicks, TimeSpan timeout)
    {
        _pid = pid;
        _startTicks = startTicks;
        _timeout = timeout;
    }

    /// <summary>Completes with the moment (a <see cref="Stopwatch"/> timestamp) the process was first seen not running.</summary>
    public Task<long> Exited => _exited.Task;

    /// <summary>Completes with the moment the process was first seen gone from /proc (reaped by its parent).</summary>
    public Task<long> Reaped => _reaped.Task;

    /// <summary>Starts watching the process <paramref name="pid"/> that started at <paramref name="startTicks"/>, on a thread of its own.</summary>
    public static ProcessExitWatch Start(int pid, long startTicks, TimeSpan timeout)
    {
        var watch = new ProcessExitWatch(pid, startTicks, timeout);
        var thread = new Thread(watch.Run) { IsBackground = true, Name = $"exit watch {pid}" };
        thread.Start();
        return watch;
    }

    private void Run()
    {
        var stopwatch = Stopwatch.StartNew();
        var lastSeen = "not looked yet";
        while (stopwatch.Elapsed < _timeout)
        {
            var entry = ProcessTable.Entry(_pid);
            var now = Stopwatch.GetTimestamp();
            if (entry is null || entry.StartTicks != _startTicks)
            {
                _exited.TrySetResult(now);
                _reaped.TrySetResult(now);
                return;
            }

            if (entry.IsGone)
            {
                _exited.TrySetResult(now);
            }

            lastSeen = $"state {entry.State}, parent {entry.ParentId}";
            Thread.Sleep(1);
        }

        var error = new TimeoutException($"Timed out after {_timeout.TotalSeconds:0} s waiting for pid {_pid} to exit and be reaped; last seen: {lastSeen}");
        _exited.TrySetException(error);
        _reaped.TrySetException(error);
    }
}
