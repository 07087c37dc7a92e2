using System.Diagnostics;
using System.Security.Cryptography;

namespace RedisAspire.Bench.Redis;

/// <summary>
/// Fresh <c>redis-server</c> processes on free ports, each in its own folder under one temporary root. Disposing kills
/// every process and deletes the root, also after a failure.
/// </summary>
public sealed class NodeGroup : IAsyncDisposable
{
    private NodeGroup(string root, string password, IReadOnlyList<BenchNode> nodes)
    {
        Root = root;
        Password = password;
        Nodes = nodes;
    }

    public string Root { get; }

    /// <summary>The nodes' password; hand it to children through their environment only.</summary>
    public string Password { get; }

    public IReadOnlyList<BenchNode> Nodes { get; }

    /// <summary>Starts <paramref name="count"/> nodes and waits, bounded, until each answers PING.</summary>
    public static async Task<NodeGroup> StartAsync(int count, TimeSpan nodeTimeout, CancellationToken cancellationToken = default)
    {
        var root = CreateRoot("nodes");
        var password = NewPassword();
        var basePort = FreePorts.AllocateBlock(count);
        var nodes = Enumerable.Range(0, count)
            .Select(i => new BenchNode($"redis-{i}", basePort + i, Path.Combine(root, $"redis-{i}"), password))
            .ToList();
        var group = new NodeGroup(root, password, nodes);
        try
        {
            foreach (var node in nodes)
            {
                node.Start(nodeTimeout);
            }

            await Task.WhenAll(nodes.Select(n => n.WaitAnsweringAsync(TimeSpan.FromSeconds(20), cancellationToken)));
            return group;
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits until every node has been up for <paramref name="age"/>, so Redis' writable delay (a master refuses
    /// <c>cluster_state:ok</c> for its first 2 s) is not part of what is measured next.
    /// </summary>
    public async Task WaitUntilAllUpForAsync(TimeSpan age, CancellationToken cancellationToken = default)
    {
        var youngest = Nodes.Max(n => n.StartedTimestamp);
        var remaining = age - Stopwatch.GetElapsedTime(youngest);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken);
        }
    }

    /// <summary>A private temporary folder (0700) for one run; the caller deletes it.</summary>
    public static string CreateRoot(string what) =>
        Directory.CreateDirectory(
            Path.Combine(Path.GetTempPath(), "redisaspire-bench", $"{what}-{Guid.NewGuid():N}"),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;

    /// <summary>A random password for one run's nodes.</summary>
    public static string NewPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    /// <summary>Deletes a folder made by <see cref="CreateRoot"/>, ignoring one that is already gone.</summary>
    public static void DeleteRoot(string root)
    {
        try
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"warning: could not delete {root}: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        DeleteRoot(Root);
    }
}
