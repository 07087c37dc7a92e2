using System.ComponentModel;
using System.Formats.Tar;
using System.Runtime.Versioning;

namespace RedisAspire.AppHost.Containers;

/// <summary>
/// Builds the root file system of an image from this machine's own files, for runtimes with no registry to pull
/// from: the files at their own paths (symbolic links resolved to their content), their parent folders, an empty
/// <c>/tmp</c> (mode 1777) and small generated files, in one tar that <c>docker|podman import</c> turns into an image.
/// </summary>
internal static class RootFileSystem
{
    private static readonly TimeSpan LddTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Every library <c>ldd</c> lists for <paramref name="binary"/>, the dynamic loader included.</summary>
    public static async Task<IReadOnlyList<string>> LibrariesAsync(string binary, CancellationToken cancellationToken)
    {
        CliResult result;
        try
        {
            result = await CliProcess.RunAsync("ldd", [binary], [], LddTimeout, cancellationToken);
        }
        catch (Win32Exception ex)
        {
            throw new AppHostException($"`ldd {binary}` cannot be run ({ex.Message}); it lists the libraries the image needs. Install it (Debian/Ubuntu: `sudo apt-get install libc-bin`).", ex);
        }

        if (!result.Succeeded)
        {
            throw new AppHostException(CliCommand.DescribeFailure(result, [], $"{binary} must be a dynamically linked executable or library of this machine."));
        }

        try
        {
            return LddOutput.ParseLibraries(result.StandardOutput);
        }
        catch (FormatException ex)
        {
            throw new AppHostException($"{binary} needs a library this machine does not have ({ex.Message}).", ex);
        }
    }

    /// <summary>Writes the tar: <paramref name="files"/> from this machine, then <paramref name="generated"/> (path → text, mode 0644).</summary>
    [SupportedOSPlatform("linux")]
    public static async Task WriteTarAsync(
        string tarPath, IReadOnlyCollection<string> files, IReadOnlyDictionary<string, string> generated, CancellationToken cancellationToken)
    {
        const UnixFileMode FolderMode = (UnixFileMode)0b111_101_101;
        const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;
        await using var stream = File.Create(tarPath);
        await using var writer = new TarWriter(stream, TarEntryFormat.Pax);
        var folders = files.Concat(generated.Keys).SelectMany(Parents).Append("/tmp").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var mode = folder == "/tmp" ? FolderMode | UnixFileMode.OtherWrite | UnixFileMode.GroupWrite | UnixFileMode.StickyBit : FolderMode;
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, folder.TrimStart('/') + "/") { Mode = mode }, cancellationToken);
        }

        foreach (var file in files)
        {
            await using var content = File.OpenRead(file);
            var entry = new PaxTarEntry(TarEntryType.RegularFile, file.TrimStart('/'))
            {
                Mode = File.GetUnixFileMode(file),
                DataStream = content,
            };
            await writer.WriteEntryAsync(entry, cancellationToken);
        }

        foreach (var (path, text) in generated)
        {
            using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, path.TrimStart('/')) { Mode = FileMode, DataStream = content }, cancellationToken);
        }
    }

    private static IEnumerable<string> Parents(string file)
    {
        for (var folder = Path.GetDirectoryName(file); !string.IsNullOrEmpty(folder) && folder != "/"; folder = Path.GetDirectoryName(folder))
        {
            yield return folder;
        }
    }
}
