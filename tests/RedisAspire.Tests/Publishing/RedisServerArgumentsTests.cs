using RedisAspire.AppHost.Publishing;

namespace RedisAspire.Tests.Publishing;

/// <summary>redis.conf text turned into <c>redis-server --key value</c> arguments.</summary>
public sealed class RedisServerArgumentsTests
{
    [Fact]
    public void DirectivesBecomeOptionsAndCommentsAreDropped()
    {
        var arguments = RedisServerArguments.FromConfig("# comment\nport 7000\n\nignore-warnings ARM64-COW-BUG\n");

        Assert.Equal(["--port", "7000", "--ignore-warnings", "ARM64-COW-BUG"], arguments);
    }

    [Fact]
    public void QuotedValuesAreUnquotedAndUnescaped()
    {
        var arguments = RedisServerArguments.FromConfig("dir \"/my data\"\nrequirepass \"a\\\"b\\\\c\"\n");

        Assert.Equal(["--dir", "/my data", "--requirepass", "a\"b\\c"], arguments);
    }
}
