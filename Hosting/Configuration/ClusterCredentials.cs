namespace RedisAspire.Hosting.Configuration;

/// <summary>
/// Who may talk to the nodes. With <see cref="Acl"/> on: the application user <c>app</c>
/// (<see cref="RedisAcl.ApplicationUser"/>), the <c>admin</c> user ClusterInit uses and the <c>replication</c> user replicas
/// use, each with its own password, and the <c>default</c> user off. With it off: one password for everything (<c>requirepass</c>/<c>masterauth</c>),
/// <see cref="ApplicationPassword"/>, and the other two are empty. Never log any of them.
/// </summary>
public sealed record ClusterCredentials(bool Acl, string ApplicationPassword, string AdminPassword, string ReplicationPassword)
{
    /// <summary>One password, no ACL users: the nodes use <c>requirepass</c> and <c>masterauth</c>.</summary>
    public static ClusterCredentials PasswordOnly(string password) => new(false, password, "", "");

    /// <summary>The user applications authenticate as (<c>AUTH app &lt;password&gt;</c>), or null when it is the default user (ACL off).</summary>
    public string? ApplicationUser => Acl ? RedisAcl.ApplicationUser : null;

    /// <summary>The user for administration (<c>AUTH admin &lt;password&gt;</c>), or null when it is the default user (ACL off).</summary>
    public string? AdminUser => Acl ? RedisAcl.AdminUser : null;

    /// <summary>The password that goes with <see cref="AdminUser"/>.</summary>
    public string AdminAuthPassword => Acl ? AdminPassword : ApplicationPassword;

    /// <summary>Every non-empty password, for masking in anything printed.</summary>
    public IReadOnlyList<string> Secrets =>
        [.. new[] { ApplicationPassword, AdminPassword, ReplicationPassword }.Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>Never prints a password.</summary>
    public override string ToString() => $"ClusterCredentials {{ Acl = {Acl} }}";
}
