using System.Runtime.InteropServices;

namespace RedisAspire.Bench.Processes;

/// <summary>POSIX kill(2): .NET's <see cref="System.Diagnostics.Process.Kill()"/> only sends SIGKILL.</summary>
internal static class NativeMethods
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Kill(int pid, int signal);

    /// <summary>SIGKILL to a process the benchmark started; one that is already gone is fine.</summary>
    public static void KillIfAlive(int pid) => _ = Kill(pid, SigKill);

    /// <summary>Whether a process with this id exists (signal 0 checks without sending anything).</summary>
    public static bool IsAlive(int pid) => Kill(pid, 0) == 0;
}
