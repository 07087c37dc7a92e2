using System.Runtime.InteropServices;

namespace RedisAspire.AppHost.Processes;

/// <summary>libc calls .NET does not offer: a SIGTERM (Process.Kill sends SIGKILL on Unix), resetting SIGINT, the effective user.</summary>
internal static partial class NativeMethods
{
    /// <summary>SIGINT is 2 on Linux and macOS.</summary>
    public const int SigInt = 2;

    /// <summary>SIGTERM is 15 on Linux and macOS.</summary>
    public const int SigTerm = 15;

    /// <summary>SIG_DFL.</summary>
    public const nint DefaultHandler = 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int processId, int signal);

    [LibraryImport("libc", EntryPoint = "signal")]
    public static partial nint Signal(int signal, nint handler);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "getegid")]
    public static partial uint GetEffectiveGroupId();
}
