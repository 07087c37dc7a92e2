using Xunit.Abstractions;

namespace RedisAspire.Tests.Hosting;

/// <summary>
/// Every line AppHost logged for one application (<c>[resource] message</c>, as on its console), kept for assertions
/// and failure messages, and optionally echoed to the test's output.
/// </summary>
public sealed class CapturedOutput
{
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private readonly ITestOutputHelper? _echo;

    public CapturedOutput(ITestOutputHelper? echo = null) => _echo = echo;

    /// <summary>A snapshot of the lines so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Everything so far, one line per entry.</summary>
    public string Text => string.Join('\n', Lines);

    /// <summary>Appends one entry (which may span several lines).</summary>
    public void Add(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            _lines.AddRange(entry.Split('\n'));
        }

        try
        {
            _echo?.WriteLine(entry);
        }
        catch (InvalidOperationException)
        {
            // The test that owns the output helper has finished (e.g. a late line while a shared app stops).
        }
    }

    /// <summary>The last <paramref name="count"/> lines, formatted for a failure message.</summary>
    public string Tail(int count = 40) => string.Join('\n', Lines.TakeLast(count));
}
