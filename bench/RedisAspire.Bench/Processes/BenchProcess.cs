using System.Diagnostics;
using System.Text.RegularExpressions;
using RedisAspire.Bench.Redis;

namespace RedisAspire.Bench.Processes;

/// <summary>
/// A child process the benchmark owns: started with an explicit environment (secrets go there, never into arguments),
/// its output kept (last lines) for error messages, killed on dispose if it still runs. The token of an Aspire
/// dashboard login URL (<c>/login?t=…</c>) is blanked in every kept line, so no error message carries it.
/// </summary>
public sealed partial class BenchProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly List<(long Timestamp, string Line)> _marks = [];
    private readonly List<string> _markPrefixes = [];
    private readonly Lock _gate = new();

    private BenchProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The moment just before the process was started.</summary>
    public long StartedTimestamp { get; private set; }

    /// <summary>Completes when the process exits.</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>A snapshot of the last lines it printed (stdout and stderr interleaved).</summary>
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

    /// <summary>
    /// Starts <paramref name="fileName"/>. <paramref name="environment"/> entries with a <see langword="null"/> value
    /// remove an inherited variable; <paramref name="dropPrefixes"/> removes every inherited variable starting with one;
    /// <paramref name="marks"/> are <see cref="Mark"/>ed before the process starts, so no line is missed.
    /// </summary>
    public static BenchProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        IReadOnlyList<string>? dropPrefixes = null,
        IEnumerable<string>? marks = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var key in startInfo.Environment.Keys
                     .Where(k => dropPrefixes?.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase)) == true).ToList())
        {
            startInfo.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(key);
            }
            else
            {
                startInfo.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = startInfo };
        var child = new BenchProcess(name, process);
        child._markPrefixes.AddRange(marks ?? []);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        child.StartedTimestamp = Stopwatch.GetTimestamp();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits, bounded, for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} (pid {Id}) did not exit within {timeout}; last output:\n{Tail()}");
        }

        // The parameterless wait also drains redirected output.
        await _process.WaitForExitAsync(CancellationToken.None);
        return _process.ExitCode;
    }

    /// <summary>Sends <paramref name="signal"/> to this process only.</summary>
    public void Signal(int signal)
    {
        if (!_process.HasExited && NativeMethods.Kill(_process.Id, signal) != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"kill({Id}, {signal}) failed for {Name}.");
        }
    }

    /// <summary>Remembers when a line containing <paramref name="text"/> is first printed (see <see cref="MarkedAt"/>).</summary>
    public void Mark(string text)
    {
        lock (_gate)
        {
            _markPrefixes.Add(text);
        }
    }

    /// <summary>When a line containing a <see cref="Mark"/>ed text was first printed (<see cref="Stopwatch"/> timestamp), if it was.</summary>
    public long? MarkedAt(string text)
    {
        lock (_gate)
        {
            return _marks.Where(m => m.Line.Contains(text, StringComparison.Ordinal)).Select(m => (long?)m.Timestamp).FirstOrDefault();
        }
    }

    /// <summary>The first line containing a <see cref="Mark"/>ed text (login tokens blanked), if it was printed.</summary>
    public string? MarkedLine(string text)
    {
        lock (_gate)
        {
            return _marks.Where(m => m.Line.Contains(text, StringComparison.Ordinal)).Select(m => m.Line).FirstOrDefault();
        }
    }

    /// <summary>
    /// Waits, bounded, until a line containing the <see cref="Mark"/>ed <paramref name="text"/> has been printed and
    /// returns when (a <see cref="Stopwatch"/> timestamp); fails early when the process exits.
    /// </summary>
    public async Task<long> WaitForMarkAsync(string text, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await Poll.UntilAsync(
            () => MarkedAt(text) is not null
                ? Task.FromResult(true)
                : HasExited
                    ? throw new InvalidOperationException($"{Name} exited with code {ExitCode} before printing a line with '{text}'; last output:\n{Tail()}")
                    : Task.FromResult(false),
            timeout,
            TimeSpan.FromMilliseconds(10),
            () => $"{Name} (pid {Id}) to print a line with '{text}'; last line seen: '{(Lines is [.., var last] ? last : "(none)")}'; last output:\n{Tail()}",
            cancellationToken);
        return MarkedAt(text)!.Value;
    }

    /// <summary>The last <paramref name="count"/> lines it printed, for error messages.</summary>
    public string Tail(int count = 25) => string.Join('\n', Lines.TakeLast(count));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        line = LoginToken().Replace(line, "…");
        lock (_gate)
        {
            if (_markPrefixes.Any(m => line.Contains(m, StringComparison.Ordinal)))
            {
                _marks.Add((now, line));
            }

            _lines.Enqueue(line);
            if (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }
        }
    }

    [GeneratedRegex("(?<=/login\\?t=)[0-9A-Za-z]+")]
    private static partial Regex LoginToken();
}
