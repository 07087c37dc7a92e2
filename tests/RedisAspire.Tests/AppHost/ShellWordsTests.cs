using RedisAspire.AppHost.Containers;

namespace RedisAspire.Tests.AppHostTests;

/// <summary><c>Container:RunArgs</c> is split like a shell splits a command line.</summary>
public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("  --runtime runc  ", new[] { "--runtime", "runc" })]
    [InlineData("--ulimit nofile=10000:10000 --ulimit nproc=4096:4096", new[] { "--ulimit", "nofile=10000:10000", "--ulimit", "nproc=4096:4096" })]
    [InlineData("--label 'a=b c' --label \"d=\\\"e\\\"\"", new[] { "--label", "a=b c", "--label", "d=\"e\"" })]
    [InlineData("a\\ b 'x'\"y\"z", new[] { "a b", "xyz" })]
    [InlineData("--env ''", new[] { "--env", "" })]
    public void SplitsLikeAShell(string text, string[] expected)
    {
        Assert.Equal(expected, ShellWords.Split(text));
    }

    [Theory]
    [InlineData("--label 'open")]
    [InlineData("--label \"open")]
    [InlineData("trailing\\")]
    public void UnbalancedQuotingIsAnError(string text)
    {
        Assert.Throws<FormatException>(() => ShellWords.Split(text));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("with space")]
    [InlineData("it's")]
    [InlineData("")]
    [InlineData("$HOME \"x\"")]
    public void JoinedWordsSplitBackToTheSameWords(string word)
    {
        string[] words = ["run", word, "end"];

        Assert.Equal(words, ShellWords.Split(ShellWords.Join(words)));
    }
}
