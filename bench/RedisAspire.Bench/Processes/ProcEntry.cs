namespace RedisAspire.Bench.Processes;

/// <summary>
/// One process as <c>/proc/&lt;pid&gt;/stat</c> shows it: its parent, its short name (<c>comm</c>), its state letter and
/// its start time in clock ticks since boot (with the pid, the identity of one process even after the pid is reused).
/// </summary>
public sealed record ProcEntry(int Id, int ParentId, string Comm, char State, long StartTicks)
{
    /// <summary>Exited but not yet reaped (<c>Z</c>) or dead (<c>X</c>): it holds no memory, ports or files any more.</summary>
    public bool IsGone => State is 'Z' or 'X';
}
