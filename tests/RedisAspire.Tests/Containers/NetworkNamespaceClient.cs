using System.Collections.Concurrent;
using System.Globalization;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Containers;

/// <summary>
/// A client outside every container network: a network namespace of its own, joined to the host by a veth pair on a
/// private /30, with a single route — to the announce address (/32) via the host side. From inside it a container's
/// published ports answer and its container IP is unreachable. Needs root (CAP_NET_ADMIN). Whatever the iptables
/// FORWARD policy (a Docker engine sets it to DROP), the host forwards this veth's traffic: two ACCEPT rules that name
/// the veth, removed with it. <see cref="DisposeAsync"/> deletes the rules, the namespace and the veth pair and checks
/// they are gone.
/// </summary>
public sealed class NetworkNamespaceClient : IAsyncDisposable
{
    /// <summary>Prefix of every namespace these tests create.</summary>
    public const string NamePrefix = "redisaspire-";

    private static readonly ConcurrentDictionary<string, bool> CreatedNames = new();
    private static readonly TimeSpan IpTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(5);

    private int _disposed;

    private NetworkNamespaceClient(string name, string hostInterface, string hostAddress, string namespaceAddress, string announceAddress)
    {
        Name = name;
        HostInterface = hostInterface;
        HostAddress = hostAddress;
        NamespaceAddress = namespaceAddress;
        AnnounceAddress = announceAddress;
    }

    /// <summary>Every namespace this test process created, for the leftover check.</summary>
    public static IReadOnlySet<string> Created => CreatedNames.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>The namespace's name (<c>ip netns list</c>).</summary>
    public string Name { get; }

    /// <summary>The host side of the veth pair.</summary>
    public string HostInterface { get; }

    /// <summary>The host side's address on the /30: the namespace's only gateway.</summary>
    public string HostAddress { get; }

    /// <summary>The namespace side's address, the source of every connection the client makes.</summary>
    public string NamespaceAddress { get; }

    /// <summary>The only address the namespace has a route to.</summary>
    public string AnnounceAddress { get; }

    /// <summary>Creates the namespace, the veth pair and the route to <paramref name="announceAddress"/>.</summary>
    public static async Task<NetworkNamespaceClient> CreateAsync(string announceAddress)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (hostAddress, namespaceAddress) = await PrivateSubnets.NextLinkAsync();
        // Interface names are limited to 15 characters.
        var client = new NetworkNamespaceClient($"{NamePrefix}{id}", $"ra{id}h", hostAddress, namespaceAddress, announceAddress);
        try
        {
            await client.SetUpAsync();
            return client;
        }
        catch (Exception failure)
        {
            // Cleaning up after a failure can fail too (e.g. a runtime that does not answer): report both.
            try
            {
                await client.DisposeAsync();
            }
            catch (Exception cleanup)
            {
                throw new AggregateException(failure, cleanup);
            }

            throw;
        }
    }

    /// <summary>
    /// Runs <c>redis-cli <paramref name="arguments"/></c> inside the namespace with the password in <c>REDISCLI_AUTH</c>,
    /// bounded by <c>timeout 5</c> (redis-cli 7.0 has no connect timeout option): exit code 124 means it hung.
    /// </summary>
    public Task<ProcessResult> RedisCliAsync(string password, params string[] arguments) =>
        ChildProcess.RunAsync(
            "ip",
            ["netns", "exec", Name, "timeout", "-k", "1", CliTimeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture), RedisTools.CliPath, .. arguments],
            CliTimeout + TimeSpan.FromSeconds(5),
            new Dictionary<string, string?> { ["REDISCLI_AUTH"] = password, ["TERM"] = "dumb" });

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var rule in ForwardRules)
        {
            if ((await ChildProcess.RunAsync("iptables", ["-C", .. rule], IpTimeout)).ExitCode == 0)
            {
                await CommandAsync("iptables", ["-D", .. rule]);
            }
        }

        // The host end first: deleting a veth removes both ends at once, while deleting the namespace destroys its end
        // (and with it the host end) asynchronously, after `ip netns delete` has returned.
        if (await HostInterfaceExistsAsync())
        {
            await IpAsync("link", "delete", HostInterface);
        }

        if (await NamespaceExistsAsync())
        {
            await IpAsync("netns", "delete", Name);
        }

        if (await NamespaceExistsAsync() || await HostInterfaceExistsAsync())
        {
            throw new InvalidOperationException($"Network namespace {Name} or interface {HostInterface} still exists after removal.");
        }
    }

    private async Task SetUpAsync()
    {
        var namespaceInterface = HostInterface[..^1] + "n";
        CreatedNames[Name] = true;
        await IpAsync("netns", "add", Name);
        await IpAsync("link", "add", HostInterface, "type", "veth", "peer", "name", namespaceInterface, "netns", Name);
        await IpAsync("address", "add", $"{HostAddress}/30", "dev", HostInterface);
        await IpAsync("link", "set", HostInterface, "up");
        await IpAsync("-n", Name, "address", "add", $"{NamespaceAddress}/30", "dev", namespaceInterface);
        await IpAsync("-n", Name, "link", "set", "lo", "up");
        await IpAsync("-n", Name, "link", "set", namespaceInterface, "up");
        await IpAsync("-n", Name, "route", "add", $"{AnnounceAddress}/32", "via", HostAddress, "dev", namespaceInterface);

        // Published ports are DNATed to container IPs, so packets from the namespace are forwarded by the host. IPv4
        // decides that on the incoming interface: enable forwarding on this veth only (it goes away with it).
        var forwarding = $"/proc/sys/net/ipv4/conf/{HostInterface}/forwarding";
        if ((await File.ReadAllTextAsync(forwarding)).Trim() != "1")
        {
            await File.WriteAllTextAsync(forwarding, "1");
        }

        foreach (var rule in ForwardRules)
        {
            await CommandAsync("iptables", ["-I", .. rule]);
        }
    }

    // Into the container networks from this veth and back: independent of the FORWARD policy and of the engines' rules.
    private string[][] ForwardRules =>
    [
        ["FORWARD", "-i", HostInterface, "-j", "ACCEPT"],
        ["FORWARD", "-o", HostInterface, "-j", "ACCEPT"],
    ];

    private async Task<bool> NamespaceExistsAsync()
    {
        var list = await IpAsync("netns", "list");
        return list.StandardOutput.Split('\n').Any(line => line.Split(' ')[0] == Name);
    }

    private async Task<bool> HostInterfaceExistsAsync() =>
        (await ChildProcess.RunAsync("ip", ["link", "show", "dev", HostInterface], IpTimeout)).ExitCode == 0;

    private static Task<ProcessResult> IpAsync(params string[] arguments) => CommandAsync("ip", arguments);

    private static async Task<ProcessResult> CommandAsync(string command, string[] arguments)
    {
        var result = await ChildProcess.RunAsync(command, arguments, IpTimeout);
        return result.ExitCode == 0
            ? result
            : throw new InvalidOperationException($"An `{command}` command of the outside client failed (it needs root, CAP_NET_ADMIN): {result}");
    }
}
