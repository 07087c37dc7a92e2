using System.Globalization;
using System.Net.Sockets;

namespace RedisAspire.Bench.Redis;

/// <summary>
/// The benchmark's own cluster-aware client over <see cref="RespConnection"/>: a key's command goes to the node last
/// known to own its slot (else to the next seed), a <c>MOVED</c> reply is followed (and remembered), and a node whose
/// connection fails is forgotten, so the next call asks another. One caller at a time.
/// </summary>
public sealed class ClusterKeyClient(IReadOnlyList<string> seeds, string password, TimeSpan timeout, string? user = null) : IAsyncDisposable
{
    private const int MaxRedirects = 5;

    private readonly Dictionary<string, RespConnection> _connections = new(StringComparer.Ordinal);
    private readonly string?[] _owners = new string?[ClusterCheck.SlotCount];
    private int _nextSeed;

    /// <summary>Whether <paramref name="exception"/> is what a lost, refused or timed-out connection throws.</summary>
    public static bool IsConnectionFailure(Exception exception) =>
        exception is IOException or SocketException or TimeoutException or OperationCanceledException or InvalidDataException;

    /// <summary>
    /// Sends <paramref name="command"/> for <paramref name="key"/> to its slot's owner, following <c>MOVED</c>; returns the
    /// reply and the endpoint that gave it. Connection failures are thrown (after forgetting that node).
    /// </summary>
    public async Task<(RespReply Reply, string Endpoint)> ExecuteAsync(string key, params string[] command)
    {
        var slot = KeySlot.Of(key);
        for (var redirects = 0; ; redirects++)
        {
            var endpoint = _owners[slot] ?? seeds[_nextSeed++ % seeds.Count];
            var reply = await ExecuteOnAsync(endpoint, command, slot);
            if (reply is { IsError: true, Text: { } error } && error.StartsWith("MOVED ", StringComparison.Ordinal) && redirects < MaxRedirects)
            {
                var parts = error.Split(' ');
                if (int.Parse(parts[1], CultureInfo.InvariantCulture) != slot)
                {
                    throw new InvalidOperationException($"{endpoint} says {key} is in slot {parts[1]}, the benchmark computed {slot}: {error}");
                }

                _owners[slot] = parts[2];
                continue;
            }

            if (!reply.IsError)
            {
                _owners[slot] = endpoint;
            }

            return (reply, endpoint);
        }
    }

    /// <summary>Sends <paramref name="command"/> on the connection to <paramref name="endpoint"/> (e.g. WAIT after a write there).</summary>
    public Task<RespReply> ExecuteOnAsync(string endpoint, params string[] command) => ExecuteOnAsync(endpoint, command, slot: null);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync();
        }

        _connections.Clear();
    }

    private async Task<RespReply> ExecuteOnAsync(string endpoint, string[] command, int? slot)
    {
        try
        {
            if (!_connections.TryGetValue(endpoint, out var connection))
            {
                var colon = endpoint.LastIndexOf(':');
                connection = await RespConnection.ConnectAsync(
                    endpoint[..colon], int.Parse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture), password, timeout, user);
                _connections[endpoint] = connection;
            }

            return await connection.ExecuteAsync(command);
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            if (slot is { } known && _owners[known] == endpoint)
            {
                _owners[known] = null;
            }

            if (_connections.Remove(endpoint, out var broken))
            {
                await broken.DisposeAsync();
            }

            throw;
        }
    }
}
