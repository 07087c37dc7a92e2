using System.Text;

namespace RedisAspire.Hosting.State;

/// <summary>Writes files and folders only the current user can read (0600 / 0700 on Unix).</summary>
public static class SecureFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;

    /// <summary>Creates or replaces <paramref name="path"/> with mode 0600 (an existing file's mode is tightened too).</summary>
    public static void WriteAllText(string path, string content) => Write(path, content, FileMode.Create);

    /// <summary>Creates <paramref name="path"/> with mode 0600; fails with <see cref="IOException"/> when it already exists.</summary>
    public static void CreateNew(string path, string content) => Write(path, content, FileMode.CreateNew);

    /// <summary>Creates <paramref name="path"/> (mode 0700 for new folders) and its parents.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerAll);
        }
    }

    private static void Write(string path, string content, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
            stream.Write(bytes);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerReadWrite);
        }
    }
}
