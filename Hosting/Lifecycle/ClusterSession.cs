using RedisAspire.Cluster.Inspection;
using RedisAspire.Hosting.Configuration;
using RedisAspire.Hosting.Health;
using RedisAspire.Hosting.State;

namespace RedisAspire.Hosting.Lifecycle;

/// <summary>
/// What a running AppHost holds for one cluster: the state-folder lock (taken before anything in the folder is read or
/// written, released when the application stops), the credentials the nodes were configured with and the latest
/// readiness verdict.
/// </summary>
internal sealed class ClusterSession(RedisClusterResource cluster) : IDisposable
{
    private readonly Lock _gate = new();
    private StateFolderLock? _lock;
    private bool _disposed;

    private volatile ClusterVerdict? _verdict;
    private readonly Dictionary<string, NodeSnapshot> _lastKnown = new(StringComparer.Ordinal);
    private TaskCompletionSource _nextVerdict = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ClusterCredentials? _credentials;

    public string StateDirectory => cluster.StateDirectory;

    /// <summary>The passwords the nodes' redis.conf were written with; null until the start has written them.</summary>
    public ClusterCredentials? Credentials
    {
        get => _credentials;
        set => _credentials = value;
    }

    /// <summary>The latest readiness check; null until the nodes run and the first check finished.</summary>
    public ClusterVerdict? Verdict => _verdict;

    /// <summary>Completes when the next verdict is published.</summary>
    public Task NextVerdict
    {
        get
        {
            lock (_gate)
            {
                return _nextVerdict.Task;
            }
        }
    }

    /// <summary>
    /// What each node last reported, from the latest check in which it answered: the view of a node that has just died,
    /// which the latest verdict (taken after it stopped answering) no longer holds.
    /// </summary>
    public IReadOnlyList<NodeSnapshot> LastKnownSnapshots
    {
        get
        {
            lock (_gate)
            {
                return [.. _lastKnown.Values];
            }
        }
    }

    /// <summary>Stores <paramref name="verdict"/> as the latest and wakes whoever waits for the next one.</summary>
    public void PublishVerdict(ClusterVerdict verdict)
    {
        TaskCompletionSource waiting;
        lock (_gate)
        {
            _verdict = verdict;
            foreach (var snapshot in verdict.Snapshots)
            {
                _lastKnown[snapshot.Node.Name] = snapshot;
            }

            waiting = _nextVerdict;
            _nextVerdict = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        waiting.TrySetResult();
    }

    /// <summary>True when this run created the state folder (a failed start then removes it again).</summary>
    public bool CreatedStateDirectory { get; private set; }

    /// <summary>Makes sure the folder exists and is usable, and takes its lock; idempotent.</summary>
    public void Open()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_lock is not null)
            {
                return;
            }

            CreatedStateDirectory = StateFolder.EnsureUsable(StateDirectory);
            _lock = StateFolder.Guard(StateDirectory, () => StateFolderLock.Acquire(StateDirectory));
        }
    }

    /// <summary>After a start that failed: removes the state folder when this run created it, so nothing is left behind.</summary>
    public void RemoveCreatedStateDirectory()
    {
        lock (_gate)
        {
            if (!CreatedStateDirectory)
            {
                return;
            }

            _lock?.Dispose();
            _lock = null;
            try
            {
                Directory.Delete(StateDirectory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: the error that failed the start is what the user needs to see.
            }

            CreatedStateDirectory = false;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _lock?.Dispose();
            _lock = null;
        }
    }
}
