using System.Diagnostics;
using System.Globalization;
using System.Text;
using RedisAspire.Bench.Processes;

namespace RedisAspire.Bench.Redis;

/// <summary>
/// One fresh, cluster-enabled <c>redis-server</c> in its own folder. The password is written only to the folder's
/// 0600 redis.conf, never to a command line. A node another program started (an AppHost's) is reached the same way,
/// with the ACL <paramref name="user"/> that program made (<see langword="null"/>: the <c>default</c> user).
/// </summary>
public sealed class BenchNode(string name, int port, string folder, string password, string? user = null) : IAsyncDisposable
{
    private readonly string _password = password;
    private BenchProcess? _process;

    public string Name { get; } = name;

    public string Host { get; } = "127.0.0.1";

    public int Port { get; } = port;

    public int BusPort => Port + FreePorts.BusOffset;

    public string Endpoint => $"{Host}:{Port}";

    public string Folder { get; } = folder;

    /// <summary>When the process was started (a <see cref="Stopwatch"/> timestamp).</summary>
    public long StartedTimestamp => _process?.StartedTimestamp ?? 0;

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Writes redis.conf (owner-only) and starts the process; <see cref="WaitAnsweringAsync"/> waits for PING.</summary>
    public void Start(TimeSpan nodeTimeout)
    {
        Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Path.Combine(Folder, "redis.conf");
        var lines = new[]
        {
            $"port {Port}",
            $"bind {Host}",
            "protected-mode yes",
            "daemonize no",
            "cluster-enabled yes",
            "cluster-config-file nodes.conf",
            $"cluster-node-timeout {((long)nodeTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}",
            "appendonly yes",
            $"dir \"{Folder}\"",
            $"logfile \"{Path.Combine(Folder, "redis.log")}\"",
            $"requirepass \"{_password}\"",
            $"masterauth \"{_password}\"",
            // As AppHost writes it: a new replica syncs at once, so a master lost right after formation is failed over.
            "repl-diskless-sync-delay 0",
        };
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var writer = new StreamWriter(config, Encoding.ASCII, options))
        {
            writer.Write(string.Join('\n', lines) + "\n");
        }

        _process = BenchProcess.Start(Name, Tools.RedisServer, [config], workingDirectory: Folder);
    }

    /// <summary>Waits, bounded, until the node answers PING after AUTH.</summary>
    public async Task WaitAnsweringAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var lastSeen = "no attempt yet";
        await Poll.UntilAsync(
            async () =>
            {
                if (_process is null || _process.HasExited)
                {
                    throw new InvalidOperationException($"{Name} ({Endpoint}) exited before answering PING; log: {Path.Combine(Folder, "redis.log")}\n{_process?.Tail()}");
                }

                try
                {
                    await using var connection = await ConnectAsync(TimeSpan.FromSeconds(1), cancellationToken);
                    var reply = await connection.ExecuteAsync("PING");
                    lastSeen = reply.Text ?? "";
                    return reply.Text == "PONG";
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException or InvalidOperationException)
                {
                    lastSeen = e.Message;
                    return false;
                }
            },
            timeout,
            TimeSpan.FromMilliseconds(20),
            () => $"{Name} ({Endpoint}) to answer PING; last seen: {lastSeen}",
            cancellationToken);
    }

    /// <summary>An authenticated connection to this node.</summary>
    public Task<RespConnection> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        RespConnection.ConnectAsync(Host, Port, _password, timeout, user, cancellationToken);

    /// <summary>SIGKILL, like a crash; waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Signal(NativeMethods.SigKill);
            await process.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public override string ToString() => $"{Name} ({Endpoint})";
}
