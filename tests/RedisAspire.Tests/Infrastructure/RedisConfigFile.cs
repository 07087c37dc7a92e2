using System.Text;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Tests.Infrastructure;

/// <summary>Writes a test node's redis.conf; it holds the passwords, so folder and file are owner-only from the first byte.</summary>
internal static class RedisConfigFile
{
    public static void Write(RedisNode node, ClusterCredentials credentials, RedisNodeSettings settings)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Test Redis nodes need a Unix system (file modes, signals).");
        }

        Directory.CreateDirectory(node.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var lines = new List<string>
        {
            $"port {node.Port}",
            $"bind {node.Host}",
            "protected-mode yes",
            "daemonize no",
            "cluster-enabled yes",
            "cluster-config-file nodes.conf",
            $"cluster-node-timeout {(long)settings.NodeTimeout.TotalMilliseconds}",
            "appendonly yes",
            $"dir \"{node.DataDirectory}\"",
            $"logfile \"{node.LogPath}\"",
            // A new replica must sync at once: with the 5 s default a master lost in that window is never failed over.
            "repl-diskless-sync-delay 0",
        };
        if (credentials.Acl)
        {
            // AppHost's own ACL users, so these tests run the cluster with the permissions the product gives.
            lines.AddRange(RedisAcl.UserLines(credentials));
            lines.Add($"masteruser {RedisAcl.ReplicationUser}");
            lines.Add($"masterauth \"{credentials.ReplicationPassword}\"");
        }
        else
        {
            lines.Add($"requirepass \"{credentials.ApplicationPassword}\"");
            lines.Add($"masterauth \"{credentials.ApplicationPassword}\"");
        }

        if (settings.AnnounceBindAddress)
        {
            lines.Add($"cluster-announce-ip {node.Host}");
        }

        lines.AddRange(settings.ExtraConfig);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using var writer = new StreamWriter(node.ConfigPath, Encoding.ASCII, options);
        writer.Write(string.Join('\n', lines) + "\n");
    }
}
