using System.Globalization;
using System.Text;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// Writes the redis.conf of a <see cref="RawBridgeCluster"/> node into the folder mounted at <c>/data</c>; it holds the
/// password, so folder and file are owner-only from the first byte.
/// </summary>
internal static class RawBridgeConfigFile
{
    /// <summary>The client port inside every container (the bus port is 10000 higher).</summary>
    public const int ContainerPort = 6379;

    /// <summary>
    /// Writes <c>redis.conf</c>; with <paramref name="announce"/> the node announces that address, the published client
    /// port and the published bus port (client + 10000), otherwise nothing (it announces its container IP).
    /// </summary>
    public static void Write(string directory, string password, (string Address, int PublishedPort)? announce)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Bridge-mode test clusters need a Linux host (file modes, network namespaces).");
        }

        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"port {ContainerPort}"),
            "bind 0.0.0.0",
            "cluster-enabled yes",
            "cluster-config-file nodes.conf",
            // Not the 2 s of the failover tests: six containers, ClusterInit and the test share 2 cores.
            "cluster-node-timeout 5000",
            "appendonly yes",
            "dir /data",
            $"requirepass \"{password}\"",
            $"masterauth \"{password}\"",
            // A new replica must sync at once: with the 5 s default a master lost in that window is never failed over.
            "repl-diskless-sync-delay 0",
        };
        if (announce is var (address, port))
        {
            lines.Add($"cluster-announce-ip {address}");
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"cluster-announce-port {port}"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"cluster-announce-bus-port {port + PortAllocator.BusPortOffset}"));
        }

        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using var writer = new StreamWriter(Path.Combine(directory, "redis.conf"), Encoding.ASCII, options);
        writer.Write(string.Join('\n', lines) + "\n");
    }
}
