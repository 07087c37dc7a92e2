using System.Runtime.Versioning;
using RedisAspire.AppHost;
using RedisAspire.AppHost.State;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The generated cluster password: created once, owner-only, reused.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class PasswordStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("redisaspire-password-").FullName;

    private string PasswordPath => Path.Combine(_directory, PasswordStore.FileName);

    [Fact]
    public void GeneratesA256BitHexPasswordWithMode0600()
    {
        var password = PasswordStore.GetOrCreate(_directory);

        Assert.Matches("^[0-9a-f]{64}$", password);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PasswordPath));
        Assert.Equal(password + "\n", File.ReadAllText(PasswordPath));
    }

    [Fact]
    public void ReusesTheStoredPasswordWithoutRewritingIt()
    {
        var first = PasswordStore.GetOrCreate(_directory);
        var written = File.GetLastWriteTimeUtc(PasswordPath);

        var second = PasswordStore.GetOrCreate(_directory);

        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(PasswordPath));
    }

    [Fact]
    public void TwoStateFoldersGetDifferentPasswords()
    {
        using var other = new TemporaryFolder();

        Assert.NotEqual(PasswordStore.GetOrCreate(_directory), PasswordStore.GetOrCreate(other.Path));
    }

    [Fact]
    public void KeepsAPasswordAPersonPutThere()
    {
        File.WriteAllText(PasswordPath, "chosen-by-a-person\n");

        Assert.Equal("chosen-by-a-person", PasswordStore.GetOrCreate(_directory));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("a,b")]
    public void UnusableStoredPasswordNamesTheFileAndClusterPassword(string stored)
    {
        File.WriteAllText(PasswordPath, stored);

        var ex = Assert.Throws<AppHostException>(() => PasswordStore.GetOrCreate(_directory));

        Assert.Contains(PasswordPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Password", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("redisaspire-password-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
