using System.Security.Cryptography;
using System.Text;

namespace RedisAspire.Hosting.Configuration;

/// <summary>
/// The ACL users every node gets when <c>Cluster:Acl</c> is on, rendered as <c>user</c> lines of redis.conf with
/// SHA-256 password hashes (the plain passwords never enter the file, except the replication password in
/// <c>masterauth</c>, which Redis needs in clear to authenticate to its master). The <c>default</c> user is off: a
/// client that authenticates without a user name (<c>AUTH &lt;password&gt;</c>) or not at all gets nowhere.
/// </summary>
public static class RedisAcl
{
    /// <summary>Redis' built-in user, switched off.</summary>
    public const string DefaultUser = "default";

    /// <summary>The application user: data commands and what a cluster client needs to connect (connection strings carry <c>user=app</c>).</summary>
    public const string ApplicationUser = "app";

    /// <summary>ClusterInit's user: cluster and server administration.</summary>
    public const string AdminUser = "admin";

    /// <summary>The user replicas authenticate as to their master (<c>masteruser</c>).</summary>
    public const string ReplicationUser = "replication";

    /// <summary>
    /// What the application user may run: every data command (strings, hashes, lists, sets, sorted sets, streams,
    /// transactions, key commands) and what a cluster client needs to connect and discover the topology (HELLO, AUTH,
    /// PING, ECHO, CLIENT SETNAME/ID, INFO, the read-only CLUSTER subcommands, READONLY/READWRITE) — and nothing that
    /// administers the server or the cluster, wipes data, reads configuration or uses pub/sub: <c>-@dangerous</c> and
    /// <c>-@admin</c> remove FLUSHALL, FLUSHDB, KEYS, CONFIG, SHUTDOWN, DEBUG, MONITOR, ACL, MIGRATE, REPLICAOF, SAVE and
    /// every cluster-changing subcommand; <c>-@scripting</c> removes EVAL and FUNCTION (FUNCTION FLUSH would otherwise be
    /// allowed as a write); <c>-@pubsub</c> and no channel remove PUBLISH and SUBSCRIBE. Order matters: later rules win.
    /// </summary>
    public const string ApplicationRules =
        "-@all +@read +@write +@keyspace +@string +@hash +@list +@set +@sortedset +@bitmap +@hyperloglog +@geo +@stream "
        + "+@transaction +@connection -@dangerous -@admin -@scripting -@pubsub "
        + "+info +cluster|info +cluster|nodes +cluster|slots +cluster|shards +cluster|keyslot +cluster|myid "
        + "+readonly +readwrite";

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
            $"user {DefaultUser} reset off",
            $"user {ApplicationUser} reset on {Secret(credentials.ApplicationPassword)} ~* resetchannels {ApplicationRules}",
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
