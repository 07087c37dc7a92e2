using System.Security.Cryptography;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Tests.Infrastructure;

/// <summary>
/// Six (by default) real, empty, cluster-enabled <c>redis-server</c> nodes on freshly allocated ports with a random
/// password, named <c>redis-0</c> … <c>redis-5</c>. Use one per test that changes cluster state.
/// </summary>
public sealed class RedisTestCluster : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan RedisCliTimeout = TimeSpan.FromSeconds(30);

    private readonly RedisNode[] _nodes;

    public RedisTestCluster(RedisNodeSettings? settings = null, int nodeCount = 6)
    {
        Credentials = (settings ?? new RedisNodeSettings()).Acl
            ? new ClusterCredentials(true, NewPassword(), NewPassword(), NewPassword())
            : ClusterCredentials.PasswordOnly(NewPassword());
        var ports = PortAllocator.Allocate(nodeCount);
        _nodes = [.. ports.Select((port, i) => new RedisNode($"redis-{i}", port, Credentials, settings))];
    }

    /// <summary>Every user's password (one password when <see cref="RedisNodeSettings.Acl"/> is off).</summary>
    public ClusterCredentials Credentials { get; }

    /// <summary>
    /// The administrator's password (with <see cref="User"/>): what ClusterInit and the tests' own commands use.
    /// Without ACL users, the one <c>requirepass</c>/<c>masterauth</c>.
    /// </summary>
    public string Password => Credentials.AdminAuthPassword;

    /// <summary>The administrator's ACL user, or null without ACL users.</summary>
    public string? User => Credentials.AdminUser;

    /// <summary>The application user's password (<see cref="ApplicationUser"/>); without ACL users, the one password.</summary>
    public string ApplicationPassword => Credentials.ApplicationPassword;

    /// <summary>The application's ACL user (<c>app</c>), or null without ACL users.</summary>
    public string? ApplicationUser => Credentials.ApplicationUser;

    public IReadOnlyList<RedisNode> Nodes => _nodes;

    /// <summary><c>host:port</c> of every node, in node order.</summary>
    public IReadOnlyList<string> Endpoints => [.. _nodes.Select(node => node.Endpoint)];

    /// <summary>Creates a cluster and starts every node; dispose it with <c>await using</c>.</summary>
    public static async Task<RedisTestCluster> StartAsync(RedisNodeSettings? settings = null, int nodeCount = 6)
    {
        var cluster = new RedisTestCluster(settings, nodeCount);
        try
        {
            await cluster.InitializeAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts every node and waits until each answers PING after AUTH.</summary>
    public Task InitializeAsync() => Task.WhenAll(_nodes.Select(node => node.StartAsync()));

    /// <summary>ClusterInit's environment for this cluster; see <see cref="ClusterInitProcess.Environment"/>.</summary>
    public Dictionary<string, string?> ClusterInitEnvironment(IReadOnlyList<string>? failureDomains = null) =>
        ClusterInitProcess.Environment(_nodes, Password, failureDomains, User);

    /// <summary>
    /// Runs ClusterInit against this cluster. <paramref name="overrides"/> add or replace environment variables
    /// (a <see langword="null"/> value removes one).
    /// </summary>
    public Task<ProcessResult> RunClusterInitAsync(
        IReadOnlyList<string>? failureDomains = null,
        IReadOnlyDictionary<string, string?>? overrides = null,
        TimeSpan? timeout = null)
    {
        var environment = ClusterInitEnvironment(failureDomains);
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return ClusterInitProcess.RunAsync(environment, timeout);
    }

    /// <summary>Runs one command on node <paramref name="nodeIndex"/> with the tests' own RESP client.</summary>
    public Task<RespReply> ExecAsync(int nodeIndex, params string[] args) => _nodes[nodeIndex].ExecAsync(args);

    /// <summary>Runs one command on node <paramref name="nodeIndex"/> and returns its string reply; throws on an error reply.</summary>
    public async Task<string> ExecTextAsync(int nodeIndex, params string[] args)
    {
        var reply = await ExecAsync(nodeIndex, args);
        return reply.IsError
            ? throw new InvalidOperationException($"{string.Join(' ', args)} on {_nodes[nodeIndex]} failed: {reply.Text}")
            : reply.AsText();
    }

    /// <summary>
    /// Runs the real <c>redis-cli</c> with <paramref name="args"/>; the password travels in <c>REDISCLI_AUTH</c>, never
    /// in <c>-a</c>, and colours are off so output can be compared as text.
    /// </summary>
    public Task<ProcessResult> RedisCliAsync(params string[] args) =>
        ChildProcess.RunAsync(
            RedisTools.CliPath,
            User is null ? args : ["--user", User, .. args],
            RedisCliTimeout,
            new Dictionary<string, string?> { ["REDISCLI_AUTH"] = Password, ["TERM"] = "dumb" });

    /// <summary>Kills every node and deletes their data folders; every node is cleaned up even if another fails.</summary>
    public Task DisposeAsync() => Task.WhenAll(_nodes.Select(node => node.DisposeAsync().AsTask()));

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
