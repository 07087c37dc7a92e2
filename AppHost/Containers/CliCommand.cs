namespace RedisAspire.AppHost.Containers;

/// <summary>Formats a command and its failure for people: shell-quoted, secrets masked, stderr included.</summary>
public static class CliCommand
{
    /// <summary>What replaces a secret wherever it would be shown.</summary>
    public const string Masked = "*****";

    /// <summary>The command line as a shell would take it, every secret replaced by <see cref="Masked"/>.</summary>
    public static string Format(string executable, IEnumerable<string> arguments, IReadOnlyCollection<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(executable);
        ArgumentNullException.ThrowIfNull(arguments);
        return Mask(ShellWords.Join(arguments.Prepend(executable)), secrets);
    }

    /// <summary>Replaces every non-empty secret in <paramref name="text"/> by <see cref="Masked"/>.</summary>
    public static string Mask(string text, IReadOnlyCollection<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var secret in secrets.Where(s => s.Length > 0))
        {
            text = text.Replace(secret, Masked, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// <c>`&lt;command line&gt;` failed with exit code N: &lt;stderr&gt;</c>, then <paramref name="hint"/>; stderr is masked too.
    /// </summary>
    public static string DescribeFailure(CliResult result, IReadOnlyCollection<string> secrets, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var error = Mask(result.StandardError.Trim(), secrets);
        if (error.Length == 0)
        {
            error = Mask(result.StandardOutput.Trim(), secrets);
        }

        var text = $"`{Mask(result.CommandLine, secrets)}` failed with exit code {result.ExitCode}: {(error.Length == 0 ? "(no output)" : error)}";
        return string.IsNullOrEmpty(hint) ? text : text + "\n" + hint;
    }
}
