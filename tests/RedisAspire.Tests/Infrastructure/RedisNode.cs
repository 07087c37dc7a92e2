using System.Diagnostics;
using System.Globalization;
using System.Text;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Tests.Infrastructure;

/// <summary>
/// One real, cluster-enabled <c>redis-server</c> process with its own temporary data folder.
/// The password is only ever written to the 0600 redis.conf, never to a command line.
/// </summary>
public sealed class RedisNode : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly ClusterCredentials _credentials;
    private readonly RedisNodeSettings _settings;
    private readonly StringBuilder _processOutput = new();
    private readonly Lock _outputGate = new();
    private Process? _process;
    private bool _configWritten;
    private string _host;

    public RedisNode(string name, int port, ClusterCredentials credentials, RedisNodeSettings? settings = null)
    {
        Name = name;
        Port = port;
        _credentials = credentials;
        _settings = settings ?? new RedisNodeSettings();
        _host = _settings.BindAddress;
        DataDirectory = Path.Combine(
            Path.GetTempPath(), "redisaspire-tests", $"{name}-{port}-{Guid.NewGuid():N}");
    }

    /// <summary>Resource name, e.g. <c>redis-0</c>.</summary>
    public string Name { get; }

    /// <summary>The address the node binds (and, with <see cref="RedisNodeSettings.AnnounceBindAddress"/>, announces).</summary>
    public string Host => _host;

    public int Port { get; }

    public int BusPort => Port + PortAllocator.BusPortOffset;

    /// <summary><c>host:port</c> as ClusterInit and redis-cli expect it.</summary>
    public string Endpoint => $"{Host}:{Port}";

    /// <summary>The node's <c>dir</c>: redis.conf, nodes.conf, the append-only files and redis.log.</summary>
    public string DataDirectory { get; }

    public string ConfigPath => Path.Combine(DataDirectory, "redis.conf");

    /// <summary>The node's <c>cluster-config-file</c>, where Redis keeps its ID, epoch and view of the cluster.</summary>
    public string NodesConfPath => Path.Combine(DataDirectory, "nodes.conf");

    public string LogPath => Path.Combine(DataDirectory, "redis.log");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Starts <c>redis-server &lt;conf&gt;</c> (again, on the same data folder after a stop) and waits, bounded by
    /// <see cref="RedisNodeSettings.StartTimeout"/>, until it answers PING after AUTH.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} ({Endpoint}) is already running.");
        }

        _process?.Dispose();
        if (!_configWritten)
        {
            RedisConfigFile.Write(this, _credentials, _settings);
            _configWritten = true;
        }

        var startInfo = new ProcessStartInfo(RedisTools.ServerPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        startInfo.ArgumentList.Add(ConfigPath);
        _process = new Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, e) => KeepOutput(e.Data);
        _process.ErrorDataReceived += (_, e) => KeepOutput(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync(cancellationToken);
    }

    /// <summary>Sends SIGTERM and waits for a clean shutdown; kills the process if it does not exit in time.</summary>
    public async Task StopAsync()
    {
        if (!IsRunning)
        {
            return;
        }

        if (NativeMethods.Kill(_process!.Id, NativeMethods.SigTerm) != 0)
        {
            await KillAsync();
            return;
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(StopTimeout);
        }
        catch (TimeoutException)
        {
            await KillAsync();
        }
    }

    /// <summary>Sends SIGKILL, like a crash, and waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!IsRunning)
        {
            return;
        }

        _process!.Kill();
        await _process.WaitForExitAsync().WaitAsync(StopTimeout);
    }

    /// <summary>
    /// Makes the next <see cref="StartAsync"/> bind (and announce) <paramref name="bindAddress"/>, e.g. <c>127.0.0.12</c>,
    /// on the same port and data folder, like a container restarted with a new IP. The node must be stopped.
    /// </summary>
    public void MoveTo(string bindAddress)
    {
        ThrowIfRunning("moved to another address");
        _host = bindAddress;
        if (File.Exists(ConfigPath))
        {
            File.Delete(ConfigPath);
        }

        _configWritten = false;
    }

    /// <summary>
    /// Deletes the data folder (nodes.conf, append-only files, redis.conf, redis.log), like a lost volume: the next
    /// <see cref="StartAsync"/> starts an empty node with a new node ID at the same address. The node must be stopped.
    /// </summary>
    public void DeleteDataFolder()
    {
        ThrowIfRunning("wiped");
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        _configWritten = false;
    }

    /// <summary>Opens a <see cref="TestRedisClient"/> to this node authenticated as its administrator.</summary>
    public Task<TestRedisClient> ConnectAsync(CancellationToken cancellationToken = default) =>
        TestRedisClient.ConnectAsync(Host, Port, _credentials.AdminAuthPassword, user: _credentials.AdminUser, cancellationToken: cancellationToken);

    /// <summary>Runs one command on this node over a fresh connection.</summary>
    public async Task<RespReply> ExecAsync(params string[] args)
    {
        await using var client = await ConnectAsync();
        return await client.ExecuteAsync(args);
    }

    /// <summary>
    /// Kills the process and deletes the data folder, unless <c>REDISASPIRE_KEEP_TEST_DATA=1</c> is set: then redis.log,
    /// nodes.conf and the append-only files stay under the system temp folder for a post-mortem.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process?.Dispose();
            _process = null;
            if (Directory.Exists(DataDirectory) && Environment.GetEnvironmentVariable("REDISASPIRE_KEEP_TEST_DATA") != "1")
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }

    public override string ToString() => $"{Name} ({Endpoint})";

    private void ThrowIfRunning(string what)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{this} is running; stop or kill it before it is {what}.");
        }
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var lastError = "no attempt finished yet";
        while (deadline.Elapsed < _settings.StartTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process!.HasExited)
            {
                throw new InvalidOperationException(
                    $"redis-server for {this} exited with code {_process.ExitCode} while starting.\n{Diagnostics()}");
            }

            try
            {
                await using var client = await TestRedisClient.ConnectAsync(
                    Host, Port, _credentials.AdminAuthPassword, TimeSpan.FromSeconds(1), _credentials.AdminUser, cancellationToken);
                var reply = await client.ExecuteAsync(["PING"], cancellationToken);
                if (reply is { Kind: RespReplyKind.SimpleString, Text: "PONG" })
                {
                    return;
                }

                lastError = $"PING replied {reply}";
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException
                or TimeoutException or InvalidOperationException)
            {
                lastError = ex.Message;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new TimeoutException(
            $"{this} did not answer PING after AUTH within {_settings.StartTimeout.TotalSeconds:0.#} s; " +
            $"last error: {lastError}\n{Diagnostics()}");
    }

    private void KeepOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputGate)
        {
            _processOutput.AppendLine(line);
        }
    }

    private string Diagnostics()
    {
        string output;
        lock (_outputGate)
        {
            output = _processOutput.ToString();
        }

        var log = File.Exists(LogPath)
            ? string.Join('\n', File.ReadLines(LogPath).TakeLast(20))
            : "(no redis.log)";
        return string.Create(CultureInfo.InvariantCulture, $"process output:\n{output}\nlast lines of {LogPath}:\n{log}");
    }
}
