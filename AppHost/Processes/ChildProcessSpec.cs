using System.Diagnostics;
using System.Text;

namespace RedisAspire.AppHost.Processes;

/// <summary>What to start for one resource and how to treat its output.</summary>
/// <param name="Name">Resource name; prefixes every output line.</param>
/// <param name="FileName">Executable.</param>
/// <param name="Arguments">Arguments; never secrets (they are visible in the process list).</param>
/// <param name="WorkingDirectory">Working directory of the child.</param>
/// <param name="Environment">Variables to set on top of AppHost's own environment.</param>
/// <param name="Secrets">Values replaced by <c>*****</c> in forwarded output.</param>
/// <param name="RemoveEnvironmentPrefixes">Inherited variables with these prefixes are dropped (stale contract keys).</param>
internal sealed record ChildProcessSpec(
    string Name,
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Secrets,
    IReadOnlyList<string> RemoveEnvironmentPrefixes)
{
    /// <summary>Redirected stdin/stdout/stderr, arguments as a list (no shell quoting), environment applied.</summary>
    public ProcessStartInfo CreateStartInfo()
    {
        var startInfo = new ProcessStartInfo(FileName)
        {
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var stale = startInfo.Environment.Keys
            .Where(k => RemoveEnvironmentPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        stale.ForEach(k => startInfo.Environment.Remove(k));
        foreach (var (key, value) in Environment)
        {
            startInfo.Environment[key] = value;
        }

        return startInfo;
    }
}
