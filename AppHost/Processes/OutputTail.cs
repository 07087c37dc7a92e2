namespace RedisAspire.AppHost.Processes;

/// <summary>The last lines a child printed, kept to explain its failure.</summary>
internal sealed class OutputTail(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _lock = new();

    public void Add(string line)
    {
        lock (_lock)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            return [.. _lines];
        }
    }

    /// <summary>Formats lines for an error message: <paramref name="title"/>, then each line indented.</summary>
    public static string Format(string title, IReadOnlyList<string> lines) =>
        lines.Count == 0 ? $"{title}: (none)" : $"{title}:\n    " + string.Join("\n    ", lines);
}
