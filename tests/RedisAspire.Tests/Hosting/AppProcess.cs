namespace RedisAspire.Tests.Hosting;

/// <summary>A live process that belongs to a test application, as found in <c>/proc</c>.</summary>
/// <param name="Id">Process ID.</param>
/// <param name="CommandLine">Its <c>/proc/&lt;pid&gt;/cmdline</c>, arguments separated by spaces.</param>
public sealed record AppProcess(int Id, string CommandLine)
{
    public override string ToString() => $"{Id}: {CommandLine}";
}
