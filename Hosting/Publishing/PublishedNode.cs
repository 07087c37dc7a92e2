using System.Globalization;
using System.Text;

namespace RedisAspire.Hosting.Publishing;

/// <summary>
/// How every published Redis node starts, whatever the format (Compose, Kubernetes, Aspire manifest): one shared
/// redis.conf without secrets or per-node values, mounted read-only at <see cref="ConfigPath"/>, and a POSIX shell
/// start script (<see cref="Command"/>) that reads the password and the node's ports and announce address from the
/// environment, writes the password into a private include file with shell built-ins only (so it never appears in a
/// process's arguments), removes it from the environment and <c>exec</c>s <c>redis-server</c>.
/// </summary>
public static class PublishedNode
{
    /// <summary>The password of the nodes (<c>requirepass</c> and <c>masterauth</c>); from a secret, never inline.</summary>
    public const string PasswordVariable = "REDIS_PASSWORD";

    /// <summary>The client port the node listens on inside its container; its bus listens on this + 10000.</summary>
    public const string PortVariable = "REDIS_PORT";

    /// <summary>The address clients and peers reach the node at (host address, pod IP, Kubernetes node address).</summary>
    public const string AnnounceIpVariable = "ANNOUNCE_IP";

    /// <summary>Optional: the client port clients reach the node at; defaults to <see cref="PortVariable"/>.</summary>
    public const string AnnouncePortVariable = "ANNOUNCE_PORT";

    /// <summary>Optional: the bus port peers reach the node at; defaults to <see cref="PortVariable"/> + 10000.</summary>
    public const string AnnounceBusPortVariable = "ANNOUNCE_BUS_PORT";

    /// <summary>The shared redis.conf's file name beside the published files.</summary>
    public const string ConfigFileName = "redis.conf";

    /// <summary>Where the shared redis.conf is mounted (read-only) in every node container.</summary>
    public const string ConfigPath = "/etc/redisaspire/redis.conf";

    /// <summary>The private include file the start script writes the password into (container-local, mode 0600).</summary>
    public const string AuthConfigPath = "/tmp/redisaspire-auth.conf";

    /// <summary>The node's persistent state (nodes.conf, AOF): a volume or persistent volume claim.</summary>
    public const string DataDirectory = "/data";

    /// <summary>Characters a published password may use: they need no quoting in redis.conf, YAML, JSON or a shell.</summary>
    public const string PasswordAlphabet = "0-9A-Za-z._~-";

    /// <summary>
    /// The start script. Fails fast with a clear message when a variable is missing or the password has characters
    /// outside <see cref="PasswordAlphabet"/>.
    /// </summary>
    public static string StartScript { get; } = string.Join('\n',
        "set -eu",
        "umask 077",
        $": \"${{{PasswordVariable}:?{PasswordVariable} is not set (the nodes' password, from the secret)}}\"",
        $": \"${{{PortVariable}:?{PortVariable} is not set (the node's client port)}}\"",
        $": \"${{{AnnounceIpVariable}:?{AnnounceIpVariable} is not set (the address clients and peers reach this node at)}}\"",
        $"case \"${PasswordVariable}\" in *[!{PasswordAlphabet}]*) echo \"{PasswordVariable} may contain only {PasswordAlphabet}\" >&2; exit 64;; esac",
        $"printf 'requirepass \"%s\"\\nmasterauth \"%s\"\\n' \"${PasswordVariable}\" \"${PasswordVariable}\" > {AuthConfigPath}",
        $"unset {PasswordVariable}",
        $"exec redis-server {ConfigPath} --port \"${PortVariable}\" --cluster-announce-ip \"${AnnounceIpVariable}\"" +
        $" --cluster-announce-port \"${{{AnnouncePortVariable}:-${PortVariable}}}\"" +
        $" --cluster-announce-bus-port \"${{{AnnounceBusPortVariable}:-$(({PortVariable} + 10000))}}\"" +
        $" --include {AuthConfigPath}") + "\n";

    /// <summary>The container command: <c>sh -c &lt;StartScript&gt;</c>.</summary>
    public static IReadOnlyList<string> Command { get; } = ["sh", "-c", StartScript];

    /// <summary>The shared redis.conf of every published node: no secret, no port, no address.</summary>
    public static string RenderConfig(RedisClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder();
        text.Append("# Shared by every node; generated when the AppHost is published. Secrets, ports and addresses come from the environment.\n");
        text.Append(CultureInfo.InvariantCulture, $"dir {DataDirectory}\n");
        text.Append("bind * -::*\n");
        // Every connection must authenticate (requirepass from the start script), so protected mode adds nothing.
        text.Append("protected-mode no\n");
        text.Append("daemonize no\n");
        text.Append("logfile \"\"\n");
        text.Append("cluster-enabled yes\n");
        text.Append("cluster-config-file nodes.conf\n");
        text.Append(CultureInfo.InvariantCulture, $"cluster-node-timeout {(long)options.NodeTimeout.TotalMilliseconds}\n");
        text.Append("appendonly yes\n");
        // The default 5 s delay leaves a new replica unsynced long enough that its master's death is unrecoverable.
        text.Append("repl-diskless-sync-delay 0\n");
        return text.ToString();
    }

    /// <summary>True when <paramref name="password"/> is non-empty and uses only <see cref="PasswordAlphabet"/>.</summary>
    public static bool IsPublishablePassword(string password) =>
        !string.IsNullOrEmpty(password) && password.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '~' or '-');
}
