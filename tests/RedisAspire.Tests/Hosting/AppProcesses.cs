using System.Globalization;
using System.Text;

namespace RedisAspire.Tests.Hosting;

/// <summary>
/// Finds the processes of one application in <c>/proc</c>, without trusting AppHost's own bookkeeping: redis-server by
/// the <c>host:port</c> it shows in its process title, and the .NET children (cluster-init, sample-api) by the first
/// node's endpoint in their environment (<c>Cluster__Nodes__0__Endpoint</c> or <c>ConnectionStrings__cache</c>).
/// </summary>
public static class AppProcesses
{
    /// <summary>Live (not zombie) processes of the application whose nodes listen on <paramref name="nodePorts"/> at <paramref name="host"/>.</summary>
    public static IReadOnlyList<AppProcess> Find(string host, IReadOnlyList<int> nodePorts)
    {
        ArgumentNullException.ThrowIfNull(nodePorts);
        if (!OperatingSystem.IsLinux() || nodePorts.Count == 0)
        {
            return [];
        }

        var nodeEndpoints = nodePorts.Select(port => string.Create(CultureInfo.InvariantCulture, $"{host}:{port}")).ToHashSet(StringComparer.Ordinal);
        var first = string.Create(CultureInfo.InvariantCulture, $"{host}:{nodePorts[0]}");
        var markers = new[] { $"Cluster__Nodes__0__Endpoint={first}\0", $"ConnectionStrings__cache={first}," };
        var found = new List<AppProcess>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            var commandLine = CommandLine(pid);
            if (commandLine is null or "")
            {
                continue;
            }

            var arguments = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var isNode = arguments.Length > 0 && arguments[0].EndsWith("redis-server", StringComparison.Ordinal) && arguments.Any(nodeEndpoints.Contains);
            var isDotNetChild = commandLine.Contains("RedisAspire.", StringComparison.Ordinal)
                && Read($"/proc/{pid}/environ") is { } environment
                && markers.Any(marker => environment.Contains(marker, StringComparison.Ordinal));
            if (isNode || isDotNetChild)
            {
                found.Add(new AppProcess(pid, commandLine));
            }
        }

        return found;
    }

    /// <summary>The process' command line with NULs turned into spaces; null when it is gone or unreadable.</summary>
    public static string? CommandLine(int pid) => Read($"/proc/{pid}/cmdline")?.Replace('\0', ' ').Trim();

    private static string? Read(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
