using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;

namespace RedisAspire.Hosting.State;

/// <summary>
/// One AppHost per state folder: an exclusive lock on <c>&lt;state&gt;/.lock</c> (the operating system releases it when
/// the process ends, however it ends), and <c>.lock-owner</c> beside it saying who holds it, so a second AppHost can name
/// the holder. The lock file itself is never deleted: deleting a locked file would let a second process lock a new one.
/// </summary>
public sealed class StateFolderLock : IDisposable
{
    /// <summary>The locked file.</summary>
    public const string LockFileName = ".lock";

    /// <summary>Who holds the lock: process id, start time and executable (never the arguments, which may carry a secret).</summary>
    public const string OwnerFileName = ".lock-owner";

    private readonly FileStream _lock;
    private readonly string _ownerPath;

    private StateFolderLock(FileStream lockStream, string ownerPath)
    {
        _lock = lockStream;
        _ownerPath = ownerPath;
    }

    /// <summary>Takes the lock on <paramref name="stateDirectory"/> (which must exist) or throws naming the holder.</summary>
    public static StateFolderLock Acquire(string stateDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        var lockPath = Path.Combine(stateDirectory, LockFileName);
        var ownerPath = Path.Combine(stateDirectory, OwnerFileName);
        FileStream stream;
        try
        {
            // FileShare.None is an exclusive, non-blocking flock(2) on Unix and a share-mode lock on Windows.
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            stream = new FileStream(lockPath, options);
        }
        catch (IOException ex) when (File.Exists(lockPath))
        {
            throw new DistributedApplicationException(
                $"The state folder {stateDirectory} is in use by another AppHost ({DescribeHolder(ownerPath)}). Nothing was changed. "
                + "Stop that AppHost first, or give this one its own folder with --AppHost:StateDirectory=<path> (and its own --Cluster:BasePort).", ex);
        }

        using (var process = Process.GetCurrentProcess())
        {
            SecureFile.WriteAllText(ownerPath, string.Create(
                CultureInfo.InvariantCulture,
                $"pid {Environment.ProcessId}, started {process.StartTime.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC, {Environment.ProcessPath}\n"));
        }

        return new StateFolderLock(stream, ownerPath);
    }

    /// <summary>Releases the lock; the owner file goes with it.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_ownerPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The lock is what counts; a stale owner file is overwritten by the next holder.
        }

        _lock.Dispose();
    }

    private static string DescribeHolder(string ownerPath)
    {
        try
        {
            var text = File.Exists(ownerPath) ? File.ReadAllText(ownerPath).Trim() : "";
            return text.Length > 0 ? text : "its owner file is missing";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"its owner file {ownerPath} cannot be read: {ex.Message}";
        }
    }
}
