namespace RedisAspire.AppHost.Publishing;

/// <summary>
/// An ordered YAML mapping for <see cref="YamlWriter"/>. Values are <see cref="string"/>, <see cref="int"/>,
/// <see cref="bool"/>, nested <see cref="YamlMapping"/>s or sequences (<see cref="IReadOnlyList{T}"/> of those).
/// Keys keep the order they were added in, so the same input always renders the same text.
/// </summary>
public sealed class YamlMapping
{
    private readonly List<KeyValuePair<string, object>> _entries = [];

    /// <summary>The entries in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Entries => _entries;

    /// <summary>Adds <paramref name="key"/>; a key may appear once.</summary>
    public YamlMapping Add(string key, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_entries.Any(e => e.Key == key))
        {
            throw new ArgumentException($"Key '{key}' is already in the mapping.", nameof(key));
        }

        _entries.Add(KeyValuePair.Create(key, value));
        return this;
    }

    /// <summary>A mapping of string values, in the order of <paramref name="entries"/>.</summary>
    public static YamlMapping From(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var mapping = new YamlMapping();
        foreach (var (key, value) in entries)
        {
            mapping.Add(key, value);
        }

        return mapping;
    }
}
