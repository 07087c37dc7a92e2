using System.Security.Cryptography;
using System.Text;

namespace RedisAspire.Hosting.Configuration;

/// <summary>
/// The ACL users every node gets when <c>Cluster:Acl</c> is on, rendered as <c>user</c> lines of redis.conf with
/// SHA-256 password hashes (the plain passwords never enter the file, except the replication password in
/// <c>masterauth</c>, which Redis needs in clear to authenticate to its master).
/// </summary>
public static class RedisAcl
{
    /// <summary>
    /// The application user. StackExchange.Redis 1.2.6 authenticates with <c>AUTH &lt;password&gt;</c> and no user name,
    /// which Redis maps to <c>default</c>; so <c>default</c> is the application user, restricted to data commands.
    /// </summary>
    public const string DefaultUser = "default";

    /// <summary>ClusterInit's user: cluster and server administration.</summary>
    public const string AdminUser = "admin";

    /// <summary>The user replicas authenticate as to their master (<c>masteruser</c>).</summary>
    public const string ReplicationUser = "replication";

    /// <summary>
    /// Pub/sub channel StackExchange.Redis subscribes to on connect to learn about master changes; the only channel
    /// the application user may use.
    /// </summary>
    public const string ClientConfigurationChannel = "__Booksleeve_MasterChanged";

    /// <summary>
    /// What the application user may run: every data command (strings, hashes, lists, sets, sorted sets, streams,
    /// transactions, key commands), what a cluster client needs to connect and discover the topology (AUTH, PING,
    /// ECHO, CLIENT SETNAME, INFO, the read-only CLUSTER subcommands, READONLY/READWRITE, SUBSCRIBE to
    /// <see cref="ClientConfigurationChannel"/>) — and nothing that administers the server or the cluster, wipes data
    /// or reads configuration: <c>-@dangerous</c> and <c>-@admin</c> remove FLUSHALL, FLUSHDB, KEYS, CONFIG, SHUTDOWN,
    /// DEBUG, MONITOR, ACL, MIGRATE, REPLICAOF, SAVE and every cluster-changing subcommand; <c>-@scripting</c> removes
    /// EVAL and FUNCTION (FUNCTION FLUSH would otherwise be allowed as a write). Order matters: later rules win.
    /// </summary>
    public const string ApplicationRules =
        "-@all +@read +@write +@keyspace +@string +@hash +@list +@set +@sortedset +@bitmap +@hyperloglog +@geo +@stream "
        + "+@transaction +@connection -@dangerous -@admin -@scripting "
        + "+info +cluster|info +cluster|nodes +cluster|slots +cluster|shards +cluster|keyslot +cluster|myid "
        + "+readonly +readwrite +subscribe +unsubscribe";

    /// <summary>The administrator may run everything, on every key and channel.</summary>
    public const string AdminRules = "~* &* +@all";

    /// <summary>What a replica runs on its master: the replication handshake and stream, and PING.</summary>
    public const string ReplicationRules = "-@all +psync +replconf +ping";

    /// <summary>
    /// The <c>user</c> lines for <paramref name="credentials"/>: each user starts from <c>reset</c>, so a user changed
    /// or removed by hand at run time comes back as configured on the next start.
    /// </summary>
    public static IReadOnlyList<string> UserLines(ClusterCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return
        [
            $"user {DefaultUser} reset on {Secret(credentials.ApplicationPassword)} ~* resetchannels &{ClientConfigurationChannel} {ApplicationRules}",
            $"user {AdminUser} reset on {Secret(credentials.AdminPassword)} {AdminRules}",
            $"user {ReplicationUser} reset on {Secret(credentials.ReplicationPassword)} resetchannels {ReplicationRules}",
        ];
    }

    /// <summary>The ACL rule that sets a password by its SHA-256 hash (<c>#&lt;hex&gt;</c>), or <c>nopass</c> for an empty one.</summary>
    public static string Secret(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return password.Length == 0 ? "nopass" : "#" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));
    }
}
