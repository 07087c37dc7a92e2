using System.Globalization;
using System.Text;

namespace RedisAspire.Tests.Security;

/// <summary>
/// Looks for secrets where they must never be: process command lines, console output, log files and generated
/// files. Every source scanned is counted (so a test can prove the scan covered something), and every hit names the
/// secret by its origin (e.g. the password file) and the place it was found — never by its value.
/// </summary>
public sealed class SecretScanner
{
    private readonly List<(string Origin, string Value)> _secrets = [];
    private readonly List<string> _hits = [];
    private readonly List<string> _scanned = [];

    /// <summary>Places found to hold a secret: "<c>secret 'origin' in location</c>".</summary>
    public IReadOnlyList<string> Hits => _hits;

    /// <summary>Every source scanned, in order, e.g. "<c>cmdline of pid 42</c>" or a file path.</summary>
    public IReadOnlyList<string> Scanned => _scanned;

    /// <summary>The origins of the secrets looked for.</summary>
    public IReadOnlyList<string> SecretOrigins => [.. _secrets.Select(s => s.Origin)];

    /// <summary>
    /// The files in the root of <paramref name="stateDirectory"/> that hold generated passwords: <c>password</c> and
    /// every <c>password-*</c> (one per user).
    /// </summary>
    public static IReadOnlyList<string> PasswordFiles(string stateDirectory) =>
        [.. Directory.EnumerateFiles(stateDirectory)
            .Where(path => Path.GetFileName(path) is var name && (name == "password" || name.StartsWith("password-", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)];

    /// <summary>Adds a secret to look for; <paramref name="origin"/> names it in hits (the value never appears).</summary>
    public SecretScanner AddSecret(string origin, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _secrets.Add((origin, value));
        return this;
    }

    /// <summary>Adds the content (trimmed) of every <see cref="PasswordFiles"/> file as a secret; returns how many.</summary>
    public int AddPasswordFiles(string stateDirectory)
    {
        var files = PasswordFiles(stateDirectory);
        foreach (var file in files)
        {
            AddSecret(Path.GetFileName(file), File.ReadAllText(file).Trim());
        }

        return files.Count;
    }

    /// <summary>Scans <paramref name="text"/> line by line; a hit names <paramref name="location"/> and the line number.</summary>
    public void ScanText(string location, string text)
    {
        EnsureSecrets();
        _scanned.Add(location);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var (origin, value) in _secrets.Where(s => lines[i].Contains(s.Value, StringComparison.Ordinal)))
            {
                _hits.Add(string.Create(CultureInfo.InvariantCulture, $"secret '{origin}' in {location}, line {i + 1}: {Mask(lines[i], value)}"));
            }
        }
    }

    /// <summary>Scans console output captured line by line.</summary>
    public void ScanLines(string location, IEnumerable<string> lines) => ScanText(location, string.Join('\n', lines));

    /// <summary>Scans one file as text (bytes that are not UTF-8 are replaced, the secret's ASCII still matches).</summary>
    public void ScanFile(string path) => ScanText(path, Encoding.UTF8.GetString(File.ReadAllBytes(path)));

    /// <summary>
    /// Scans every file under <paramref name="directory"/> (recursively) except those <paramref name="isSecretStore"/>
    /// accepts — files whose purpose is to hold a secret; those are returned so a caller can check their modes.
    /// </summary>
    public IReadOnlyList<string> ScanDirectory(string directory, Func<string, bool> isSecretStore)
    {
        var stores = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (isSecretStore(file))
            {
                stores.Add(file);
            }
            else
            {
                ScanFile(file);
            }
        }

        return stores;
    }

    /// <summary>
    /// Scans every file a deployment publish wrote into <paramref name="outputDirectory"/> (compose files, Kubernetes
    /// manifests, Aspire manifest JSON). No file there may hold a secret's value: secrets are only referenced (an
    /// environment file or a Secret generated for the purpose is a secret store the caller excludes by name).
    /// </summary>
    public IReadOnlyList<string> ScanGeneratedManifests(string outputDirectory, Func<string, bool>? isSecretStore = null) =>
        ScanDirectory(outputDirectory, isSecretStore ?? (_ => false));

    /// <summary>Scans the command line of every process in <paramref name="commandLines"/> (pid → command line).</summary>
    public void ScanCommandLines(IReadOnlyDictionary<int, string> commandLines)
    {
        foreach (var (pid, commandLine) in commandLines.OrderBy(p => p.Key))
        {
            ScanText(string.Create(CultureInfo.InvariantCulture, $"cmdline of pid {pid} ({Shorten(commandLine)})"), commandLine);
        }
    }

    /// <summary>A failure message listing every hit, or null when there is none.</summary>
    public string? Report() => _hits.Count == 0
        ? null
        : $"{_hits.Count} secret leak(s) found (secrets: {string.Join(", ", SecretOrigins)}):\n  " + string.Join("\n  ", _hits);

    // The line around the hit with the secret masked, so the report shows where it is without repeating it.
    private static string Mask(string line, string value)
    {
        const string Marker = "<secret>";
        var masked = line.Replace(value, Marker, StringComparison.Ordinal).Replace('\0', ' ');
        var at = masked.IndexOf(Marker, StringComparison.Ordinal);
        var start = Math.Max(0, at - 60);
        var end = Math.Min(masked.Length, at + Marker.Length + 60);
        return masked[start..end];
    }

    private static string Shorten(string commandLine)
    {
        var text = commandLine.Replace('\0', ' ');
        return text.Length > 80 ? text[..80] + "…" : text;
    }

    private void EnsureSecrets()
    {
        if (_secrets.Count == 0)
        {
            throw new InvalidOperationException("No secret to look for: add one before scanning, or the scan can only pass.");
        }
    }
}
