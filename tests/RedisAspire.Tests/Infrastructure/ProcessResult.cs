using System.Text.RegularExpressions;

namespace RedisAspire.Tests.Infrastructure;

/// <summary>What a finished child process left behind.</summary>
/// <param name="Command">The command line, for messages (never holds secrets: they travel in the environment).</param>
/// <param name="ExitCode">The process' exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
/// <param name="Output">stdout and stderr interleaved in the order the lines arrived.</param>
/// <param name="Duration">Wall-clock time from start to exit.</param>
public sealed partial record ProcessResult(
    string Command, int ExitCode, string StandardOutput, string StandardError, string Output, TimeSpan Duration)
{
    /// <summary><see cref="Output"/> without ANSI colour escapes, split into lines.</summary>
    public IReadOnlyList<string> Lines =>
        AnsiEscape().Replace(Output, "").Split('\n', StringSplitOptions.TrimEntries);

    public override string ToString() =>
        $"`{Command}` exited {ExitCode} after {Duration.TotalSeconds:0.0} s; output:\n{Output}";

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiEscape();
}
