namespace RedisAspire.AppHost.Containers;

/// <summary>What one CLI command did: its (masked) command line, exit code and output.</summary>
public sealed record CliResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}
