using System.Globalization;
using System.Net.Sockets;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Resilience;

/// <summary>
/// A small cluster-aware client built on <see cref="TestRedisClient"/>: it sends a key's commands to the node that
/// owns its slot, learns owners from MOVED, and forgets a node whose connection fails so the next call tries another.
/// </summary>
internal sealed class ClusterKeyClient(IReadOnlyList<string> seeds, string password, TimeSpan timeout, string? user = null) : IAsyncDisposable
{
    private const int MaxRedirects = 5;

    private readonly Dictionary<string, TestRedisClient> _connections = new(StringComparer.Ordinal);
    private readonly string?[] _owners = new string?[KeySlot.Count];
    private int _nextSeed;

    public static ClusterKeyClient For(RedisTestCluster cluster, TimeSpan? timeout = null) =>
        new(cluster.Endpoints, cluster.ApplicationPassword, timeout ?? TimeSpan.FromSeconds(5), cluster.ApplicationUser);

    /// <summary>
    /// Runs <paramref name="commands"/> in order on one connection to the owner of <paramref name="key"/>'s slot,
    /// stopping at the first error reply; a MOVED on the first command is followed. Connection failures are thrown.
    /// </summary>
    public async Task<IReadOnlyList<RespReply>> ExecuteAsync(string key, params string[][] commands)
    {
        var slot = KeySlot.Of(key);
        for (var redirects = 0; ; redirects++)
        {
            var endpoint = _owners[slot] ?? seeds[_nextSeed++ % seeds.Count];
            var replies = new List<RespReply>();
            try
            {
                var connection = await ConnectionAsync(endpoint);
                foreach (var command in commands)
                {
                    var reply = await connection.ExecuteAsync(command);
                    replies.Add(reply);
                    if (reply.IsError)
                    {
                        break;
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException or TimeoutException or InvalidDataException)
            {
                await ForgetAsync(endpoint, slot);
                throw;
            }

            if (replies[0] is { IsError: true, Text: { } error } && error.StartsWith("MOVED ", StringComparison.Ordinal) && redirects < MaxRedirects)
            {
                var parts = error.Split(' ');
                var movedSlot = int.Parse(parts[1], CultureInfo.InvariantCulture);
                if (movedSlot != slot)
                {
                    throw new InvalidOperationException($"{endpoint} says {key} is in slot {movedSlot}, but KeySlot computed {slot}: {error}");
                }

                _owners[slot] = parts[2];
                continue;
            }

            if (!replies[0].IsError)
            {
                _owners[slot] = endpoint;
            }

            return replies;
        }
    }

    /// <summary>SET <paramref name="key"/>, then WAIT for one replica; returns how many replicas acknowledged it.</summary>
    public async Task<long> SetAndWaitAsync(string key, string value, TimeSpan wait)
    {
        var replies = await ExecuteAsync(
            key, ["SET", key, value], ["WAIT", "1", ((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)]);
        return replies is [{ Kind: RespReplyKind.SimpleString, Text: "OK" }, { Kind: RespReplyKind.Integer } acked]
            ? acked.Integer
            : throw new InvalidOperationException($"SET {key} then WAIT got {string.Join(", ", replies)}");
    }

    public async Task<string?> GetAsync(string key)
    {
        var reply = (await ExecuteAsync(key, ["GET", key]))[0];
        return reply.Kind switch
        {
            RespReplyKind.BulkString => reply.Text,
            RespReplyKind.Null => null,
            _ => throw new InvalidOperationException($"GET {key} got {reply}"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync();
        }

        _connections.Clear();
    }

    private async Task<TestRedisClient> ConnectionAsync(string endpoint)
    {
        if (!_connections.TryGetValue(endpoint, out var connection))
        {
            var colon = endpoint.LastIndexOf(':');
            connection = await TestRedisClient.ConnectAsync(
                endpoint[..colon], int.Parse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture), password, timeout, user);
            _connections[endpoint] = connection;
        }

        return connection;
    }

    private async Task ForgetAsync(string endpoint, int slot)
    {
        _owners[slot] = null;
        if (_connections.Remove(endpoint, out var connection))
        {
            await connection.DisposeAsync();
        }
    }
}
