using RedisAspire.Hosting.Publishing;
using System.Globalization;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Publishing;

/// <summary>
/// Runs a node check the published files carry (a Compose health check, a Kubernetes probe) the way the engine does:
/// <c>/bin/sh -c &lt;script&gt;</c> with the node's password and port in the environment, and redis-cli on PATH.
/// </summary>
public static class NodeShellCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Task<ProcessResult> RunAsync(string script, string password, int port) =>
        ChildProcess.RunAsync("/bin/sh", ["-c", script], Timeout, new Dictionary<string, string?>
        {
            [PublishedNode.PasswordVariable] = password,
            [PublishedNode.PortVariable] = port.ToString(CultureInfo.InvariantCulture),
            ["PATH"] = $"{Path.GetDirectoryName(RedisTools.CliPath)}:/usr/bin:/bin",
            ["REDISCLI_AUTH"] = null,
        });
}
