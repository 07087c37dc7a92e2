namespace RedisAspire.Bench.Aspire;

/// <summary>One process of an AppHost run as the benchmark saw it, with its peak resident memory while of its latest kind.</summary>
public sealed class TrackedProcess(int id, long startTicks)
{
    public int Id { get; } = id;

    /// <summary>With <see cref="Id"/>, identifies the process even after its pid is reused.</summary>
    public long StartTicks { get; } = startTicks;

    /// <summary>Its kind at the last look (a forked child takes its own kind once it has exec'd).</summary>
    public ProcessKind Kind { get; set; } = ProcessKind.Other;

    /// <summary>The kind of its parent process at the last look (e.g. <see cref="ProcessKind.Dcp"/> for a node).</summary>
    public ProcessKind ParentKind { get; set; } = ProcessKind.Other;

    /// <summary>Its command line at the last look.</summary>
    public string CommandLine { get; set; } = "";

    /// <summary>The largest <c>VmHWM</c> seen since it became <see cref="Kind"/>, in KiB.</summary>
    public long PeakKib { get; set; }

    public override string ToString() => $"{Id} {CommandLine}";
}
