using RedisAspire.Hosting.Configuration;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Security;

/// <summary>
/// What each of AppHost's ACL users may run, checked by running the commands on a real node: the application user
/// <c>app</c> gets NOPERM for everything that administers, reconfigures, wipes or uses pub/sub; the replication user can
/// do nothing but replicate; the <c>default</c> user is off.
/// </summary>
public sealed class AclPermissionTests(AclNodeFixture fixture) : IClassFixture<AclNodeFixture>
{
    public static TheoryData<string> ForbiddenForTheApplication { get; } =
    [
        "FLUSHALL", "FLUSHALL ASYNC", "FLUSHDB", "CONFIG GET requirepass", "CONFIG SET maxmemory 1", "CONFIG REWRITE", "CONFIG RESETSTAT",
        "CLUSTER RESET HARD", "CLUSTER RESET SOFT", "CLUSTER FAILOVER FORCE", "CLUSTER MEET 127.0.0.1 1", "CLUSTER FORGET 0000000000000000000000000000000000000000",
        "CLUSTER ADDSLOTS 1", "CLUSTER ADDSLOTSRANGE 1 2", "CLUSTER DELSLOTS 1", "CLUSTER FLUSHSLOTS", "CLUSTER SETSLOT 1 STABLE",
        "CLUSTER REPLICATE 0000000000000000000000000000000000000000", "CLUSTER SET-CONFIG-EPOCH 1", "CLUSTER BUMPEPOCH", "CLUSTER SAVECONFIG",
        "SHUTDOWN NOSAVE", "DEBUG SLEEP 0", "KEYS *", "MONITOR", "ACL LIST", "ACL WHOAMI", "ACL SETUSER default +@all", "ACL DELUSER admin",
        "CLIENT LIST", "CLIENT KILL ID 1", "REPLICAOF NO ONE", "SLAVEOF NO ONE", "MIGRATE 127.0.0.1 1 k 0 1", "SAVE", "BGSAVE", "BGREWRITEAOF",
        "SWAPDB 0 1", "EVAL return 1 0", "SCRIPT FLUSH", "FUNCTION FLUSH", "FUNCTION DELETE f", "PUBLISH __Booksleeve_MasterChanged x",
        "SUBSCRIBE __Booksleeve_MasterChanged", "SUBSCRIBE other-channel", "PSUBSCRIBE *", "SSUBSCRIBE channel", "PUBLISH channel x",
        "SLOWLOG RESET", "LATENCY RESET", "MODULE LIST", "FAILOVER",
    ];

    /// <summary>
    /// Every command StackExchange.Redis 3.4.35 sends while connecting and discovering the cluster (with the configuration
    /// channel off, as SampleApi sets it; its HELLO asks for protocol 3, which this test's client does not speak, so
    /// HELLO is run with 2), and the CLUSTER INFO of Aspire's Redis health check.
    /// </summary>
    public static TheoryData<string> AllowedForTheApplication { get; } =
    [
        "HELLO 2", "PING", "ECHO hello", "CLIENT SETNAME sample-api", "CLIENT ID", "INFO replication", "INFO server", "CLUSTER NODES",
        "CLUSTER INFO", "CLUSTER SLOTS", "READONLY", "READWRITE",
    ];

    [RedisTheory]
    [MemberData(nameof(ForbiddenForTheApplication))]
    public async Task ApplicationUserGetsNopermFor(string command)
    {
        await using var client = await ConnectAsApplicationAsync();

        var reply = await client.ExecuteAsync(command.Split(' '));

        Assert.True(reply.IsError && reply.Text!.StartsWith("NOPERM", StringComparison.Ordinal), $"{command} as the application user answered {reply}");
    }

    [RedisTheory]
    [MemberData(nameof(AllowedForTheApplication))]
    public async Task ApplicationUserMayRun(string command)
    {
        await using var client = await ConnectAsApplicationAsync();

        var reply = await client.ExecuteAsync(command.Split(' '));

        // A permitted key command on this slot-less node fails at the cluster check (CLUSTERDOWN), never with NOPERM.
        Assert.False(reply.IsError && reply.Text!.StartsWith("NOPERM", StringComparison.Ordinal), $"{command} as the application user answered {reply}");
    }

    [RedisFact]
    public async Task ApplicationUserMayWriteAndReadDataButTheClusterDecidesWhere()
    {
        // The node owns no slot, so a permitted data command reaches the cluster check and fails there, not with NOPERM.
        await using var client = await ConnectAsApplicationAsync();

        foreach (var command in new[] { "SET k v", "GET k", "INCR c", "DEL k", "EXPIRE k 10", "HSET h f v", "LPUSH l v", "XADD s * f v" })
        {
            var reply = await client.ExecuteAsync(command.Split(' '));
            Assert.True(reply.IsError && reply.Text!.StartsWith("CLUSTERDOWN", StringComparison.Ordinal), $"{command} answered {reply}");
        }
    }

    [RedisFact]
    public async Task TheApplicationAuthenticatesAsApp()
    {
        await using var application = await ConnectAsApplicationAsync();
        await application.ExecuteAsync("CLIENT", "SETNAME", "who-am-i");
        await using var admin = await fixture.Node.ConnectAsync();

        var clients = (await admin.ExecuteAsync("CLIENT", "LIST")).AsText();

        var line = clients.Split('\n').Single(l => l.Contains(" name=who-am-i ", StringComparison.Ordinal));
        Assert.Contains($" user={RedisAcl.ApplicationUser} ", line, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task TheDefaultUserIsOffWhateverThePassword()
    {
        var credentials = fixture.Cluster.Credentials;
        foreach (var password in new[] { credentials.ApplicationPassword, credentials.AdminPassword, "" })
        {
            // AUTH <password> is AUTH default <password>: what a client sends when it names no user.
            var error = await Assert.ThrowsAsync<InvalidOperationException>(
                () => TestRedisClient.ConnectAsync(fixture.Node.Host, fixture.Node.Port, password.Length == 0 ? "anything" : password));
            Assert.Contains("WRONGPASS", error.Message, StringComparison.Ordinal);
        }

        await using var anonymous = await TestRedisClient.ConnectAsync(fixture.Node.Host, fixture.Node.Port, password: null);
        Assert.StartsWith("NOAUTH", (await anonymous.ExecuteAsync("GET", "k")).Text, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task AdminMayRunWhatTheApplicationMayNot()
    {
        await using var admin = await fixture.Node.ConnectAsync();

        foreach (var command in new[] { "CONFIG GET maxmemory", "ACL WHOAMI", "CLIENT LIST", "DEBUG SLEEP 0", "CLUSTER COUNT-FAILURE-REPORTS " + (await admin.ExecuteAsync("CLUSTER", "MYID")).AsText() })
        {
            var reply = await admin.ExecuteAsync(command.Split(' '));
            Assert.False(reply.IsError, $"{command} as admin answered {reply}");
        }

        Assert.Equal(RedisAcl.AdminUser, (await admin.ExecuteAsync("ACL", "WHOAMI")).AsText());
    }

    [RedisTheory]
    [InlineData("GET k")]
    [InlineData("SET k v")]
    [InlineData("CLUSTER NODES")]
    [InlineData("INFO")]
    [InlineData("CONFIG GET masterauth")]
    [InlineData("FLUSHALL")]
    [InlineData("SUBSCRIBE channel")]
    public async Task ReplicationUserCanOnlyReplicate(string command)
    {
        await using var client = await TestRedisClient.ConnectAsync(
            fixture.Node.Host, fixture.Node.Port, fixture.Cluster.Credentials.ReplicationPassword, user: RedisAcl.ReplicationUser);

        var reply = await client.ExecuteAsync(command.Split(' '));
        var ping = await client.ExecuteAsync("PING");

        Assert.True(reply.IsError && reply.Text!.StartsWith("NOPERM", StringComparison.Ordinal), $"{command} as the replication user answered {reply}");
        Assert.Equal("PONG", ping.Text);
    }

    [RedisFact]
    public async Task NoUserAuthenticatesWithAnotherUsersPassword()
    {
        var credentials = fixture.Cluster.Credentials;
        foreach (var (user, password) in new[] { ("app", credentials.AdminPassword), ("admin", credentials.ApplicationPassword), ("replication", credentials.ApplicationPassword) })
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(
                () => TestRedisClient.ConnectAsync(fixture.Node.Host, fixture.Node.Port, password, user: user));
            Assert.Contains("WRONGPASS", error.Message, StringComparison.Ordinal);
        }
    }

    private Task<TestRedisClient> ConnectAsApplicationAsync() =>
        TestRedisClient.ConnectAsync(fixture.Node.Host, fixture.Node.Port, fixture.Cluster.ApplicationPassword, user: fixture.Cluster.ApplicationUser);
}
