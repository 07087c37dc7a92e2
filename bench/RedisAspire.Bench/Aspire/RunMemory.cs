namespace RedisAspire.Bench.Aspire;

/// <summary>
/// Peak resident memory of one AppHost run, in MiB: per kind the largest single process' <c>VmHWM</c>; for DCP, all
/// its processes together, as the largest sum of their resident sets seen in one sample (an upper bound: each counts
/// the shared <c>dcp</c> binary) and of their private pages (a lower bound: the shared pages counted nowhere). Also how
/// many looks at /proc measured memory, and how long one look took on average (the benchmark's own cost).
/// </summary>
public sealed record RunMemory(
    IReadOnlyDictionary<ProcessKind, double> LargestPeakMib,
    double DcpRssMib,
    double DcpPrivateMib,
    int DcpProcesses,
    int Samples,
    double LookMilliseconds);
