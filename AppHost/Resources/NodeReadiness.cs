using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using RedisAspire.AppHost.Options;
using RedisAspire.AppHost.Processes;
using RedisAspire.AppHost.Redis;
using RedisAspire.AppHost.State;
using RedisAspire.AppHost.Topology;

namespace RedisAspire.AppHost.Resources;

/// <summary>Waits, in parallel and bounded, until every node answers AUTH + PING; the first failure stops the wait.</summary>
internal sealed partial class NodeReadiness(AppHostOptions options, string password, X509Certificate2? tlsCa, ILogger logger)
{
    private const int LogTailLines = 15;
    private readonly Lock _progressLock = new();
    private int _healthy;

    public async Task WaitAllAsync(IReadOnlyList<(RedisNode Node, ChildProcess Process)> nodes, CancellationToken cancellationToken)
    {
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waits = nodes.Select(n => WaitOneAsync(n.Node, n.Process, nodes.Count, failFast)).ToList();
        try
        {
            await Task.WhenAll(waits);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // WhenAll rethrows the first task's exception, which may be a sibling's cancellation; report the cause.
            var cause = waits.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException).OfType<AppHostException>().FirstOrDefault();
            if (cause is not null)
            {
                ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }
    }

    private async Task WaitOneAsync(RedisNode node, ChildProcess process, int total, CancellationTokenSource failFast)
    {
        try
        {
            await WaitHealthyAsync(node, process, failFast.Token);
        }
        catch (AppHostException)
        {
            await failFast.CancelAsync();
            throw;
        }

        // Count and print together so progress lines never appear out of order.
        lock (_progressLock)
        {
            _healthy++;
            LogProgress(logger, _healthy, total, node.Name);
        }
    }

    private async Task WaitHealthyAsync(RedisNode node, ChildProcess process, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var lastSeen = "nothing yet";
        while (true)
        {
            if (process.Exited.IsCompleted)
            {
                throw Failure(node, process, $"exited with code {await process.Exited} before answering PING (last seen: {lastSeen})");
            }

            var result = await RedisProbe.PingAsync(node.IPEndPoint, password, options.ProbeTimeout, cancellationToken, tlsCa);
            if (result.IsHealthy)
            {
                return;
            }

            lastSeen = result.LastSeen;
            if (Stopwatch.GetElapsedTime(started) >= options.NodeStartTimeout)
            {
                throw Failure(node, process, $"did not answer AUTH + PING within {options.NodeStartTimeout} (AppHost:NodeStartTimeout); last seen: {lastSeen}");
            }

            await Task.WhenAny(Task.Delay(options.ProbeInterval, cancellationToken), process.Exited);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static AppHostException Failure(RedisNode node, ChildProcess process, string what) =>
        new($"{node.Name} ({node.Endpoint}) {what}.\n" +
            $"Command: {process.CommandLine}\n" +
            OutputTail.Format("Its output", process.LastLines) + "\n" +
            OutputTail.Format($"Last lines of {node.LogPath}", LogFileTail.Read(node.LogPath, LogTailLines)));

    [LoggerMessage(Level = LogLevel.Information, Message = "nodes starting {Healthy}/{Total} ({Node} answers PING)")]
    private static partial void LogProgress(ILogger logger, int healthy, int total, string node);
}
