namespace RedisAspire.AppHost.Containers;

/// <summary>Reads what <c>ldd</c> prints: the absolute paths of the libraries and of the dynamic loader a binary needs.</summary>
public static class LddOutput
{
    /// <summary>
    /// Paths from lines like <c>libc.so.6 =&gt; /lib/x86_64-linux-gnu/libc.so.6 (0x…)</c> and
    /// <c>/lib64/ld-linux-x86-64.so.2 (0x…)</c>; virtual objects (<c>linux-vdso.so.1</c>) have none and are skipped.
    /// </summary>
    /// <exception cref="FormatException">A library is <c>not found</c>: the binary cannot run, neither here nor in an image.</exception>
    public static IReadOnlyList<string> ParseLibraries(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var paths = new List<string>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.Contains("statically linked", StringComparison.Ordinal))
            {
                continue;
            }

            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            var target = arrow >= 0 ? line[(arrow + 2)..].Trim() : line;
            if (target.StartsWith("not found", StringComparison.Ordinal))
            {
                throw new FormatException($"ldd: {line}");
            }

            var path = target.Split(' ', 2)[0];
            if (path.StartsWith('/') && !paths.Contains(path, StringComparer.Ordinal))
            {
                paths.Add(path);
            }
        }

        return paths;
    }
}
