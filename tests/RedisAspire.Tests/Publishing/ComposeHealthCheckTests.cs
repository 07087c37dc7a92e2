using RedisAspire.Hosting.Configuration;
using RedisAspire.AppHost.Publishing;
using RedisAspire.Tests.Infrastructure;

namespace RedisAspire.Tests.Publishing;

/// <summary>
/// The node health check of the compose file, run with this machine's <c>sh</c> and <c>redis-cli</c> against a real
/// password-protected node: healthy only with the right password, and the password never on a command line.
/// </summary>
public sealed class ComposeHealthCheckTests
{
    private const string Password = "Health-Check-Secret-42";

    [RedisFact]
    public async Task PassesWithTheNodesPasswordAndFailsWithAWrongOneOrNoNode()
    {
        var port = PortAllocator.Allocate(1)[0];
        await using var node = new Infrastructure.RedisNode("health-check", port, ClusterCredentials.PasswordOnly(Password));
        await node.StartAsync();

        var right = await RunAsync(Password, port);
        var wrong = await RunAsync("Wrong-Secret-0", port);
        await node.StopAsync();
        var stopped = await RunAsync(Password, port);

        Assert.True(right.ExitCode == 0, right.ToString());
        Assert.True(wrong.ExitCode != 0, wrong.ToString());
        Assert.True(stopped.ExitCode != 0, stopped.ToString());
        Assert.DoesNotContain(Password, ComposeGenerator.NodeHealthCheck, StringComparison.Ordinal);
    }

    // What the engine does for CMD-SHELL: /bin/sh -c <check>, in the container's environment.
    private static Task<ProcessResult> RunAsync(string password, int port) => NodeShellCheck.RunAsync(ComposeGenerator.NodeHealthCheck, password, port);
}
