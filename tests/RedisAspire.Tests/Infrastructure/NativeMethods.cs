using System.Runtime.InteropServices;

namespace RedisAspire.Tests.Infrastructure;

/// <summary>POSIX calls .NET does not expose: <see cref="System.Diagnostics.Process.Kill()"/> only sends SIGKILL.</summary>
internal static class NativeMethods
{
    public const int SigTerm = 15;

    /// <summary>Pauses a process (it keeps its sockets but answers nothing).</summary>
    public const int SigStop = 19;

    /// <summary>Resumes a paused process.</summary>
    public const int SigCont = 18;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Kill(int pid, int signal);
}
