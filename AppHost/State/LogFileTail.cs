using System.Text;

namespace RedisAspire.AppHost.State;

/// <summary>Reads the last lines of a log file another process may still be writing (e.g. a node's redis.log).</summary>
public static class LogFileTail
{
    private const int MaxBytes = 64 * 1024;

    /// <summary>Returns up to <paramref name="lineCount"/> last lines; empty when the file does not exist or cannot be read.</summary>
    public static IReadOnlyList<string> Read(string path, int lineCount)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = (int)Math.Min(stream.Length, MaxBytes);
            stream.Seek(-length, SeekOrigin.End);
            var buffer = new byte[length];
            stream.ReadExactly(buffer);
            var lines = Encoding.UTF8.GetString(buffer).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return lines.TakeLast(lineCount).Select(l => l.TrimEnd('\r')).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
