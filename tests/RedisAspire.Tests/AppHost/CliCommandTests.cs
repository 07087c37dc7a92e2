using RedisAspire.AppHost.Containers;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>How a failed docker/podman command is reported: its command line and stderr, secrets masked.</summary>
public sealed class CliCommandTests
{
    private const string Password = "s3cret-Pa55word";

    [Fact]
    public void CommandLineIsShellQuotedOnlyWhereNeeded()
    {
        var line = CliCommand.Format("podman", ["run", "--name", "redisaspire-x-redis-0", "-v", "/state dir/redis-0:/data", "--label", "a=it's"], []);

        Assert.Equal("podman run --name redisaspire-x-redis-0 -v '/state dir/redis-0:/data' --label 'a=it'\\''s'", line);
    }

    [Fact]
    public void FailureShowsTheCommandExitCodeAndStderrWithThePasswordMasked()
    {
        var result = new CliResult($"podman run --label note={Password} img", 125, "", $"Error: bad value {Password}\n");

        var message = CliCommand.DescribeFailure(result, [Password], "Check Container:RunArgs.");

        Assert.Equal("`podman run --label note=***** img` failed with exit code 125: Error: bad value *****\nCheck Container:RunArgs.", message);
        Assert.DoesNotContain(Password, message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailureWithoutStderrShowsStdout()
    {
        var message = CliCommand.DescribeFailure(new CliResult("docker info", 1, "partial output", ""), []);

        Assert.Equal("`docker info` failed with exit code 1: partial output", message);
    }

    [Fact]
    public void FormattingMasksSecretsInArguments()
    {
        Assert.Equal("docker run -e P=*****", CliCommand.Format("docker", ["run", "-e", $"P={Password}"], [Password]));
    }
}
