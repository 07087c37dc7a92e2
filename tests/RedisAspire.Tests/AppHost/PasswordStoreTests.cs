using System.Runtime.Versioning;
using Aspire.Hosting;
using RedisAspire.Hosting.Configuration;
using RedisAspire.Hosting.State;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The generated cluster password: created once, owner-only, reused.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class PasswordStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("redisaspire-password-").FullName;

    private string PasswordPath => Path.Combine(_directory, PasswordStore.FileName(RedisAcl.DefaultUser));

    [Fact]
    public void GeneratesA256BitHexPasswordWithMode0600()
    {
        var password = PasswordStore.GetOrCreate(_directory, RedisAcl.DefaultUser);

        Assert.Matches("^[0-9a-f]{64}$", password);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PasswordPath));
        Assert.Equal(password + "\n", File.ReadAllText(PasswordPath));
    }

    [Fact]
    public void ReusesTheStoredPasswordWithoutRewritingIt()
    {
        var first = PasswordStore.GetOrCreate(_directory, RedisAcl.DefaultUser);
        var written = File.GetLastWriteTimeUtc(PasswordPath);

        var second = PasswordStore.GetOrCreate(_directory, RedisAcl.DefaultUser);

        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(PasswordPath));
    }

    [Fact]
    public void TwoStateFoldersGetDifferentPasswords()
    {
        using var other = new TemporaryFolder();

        Assert.NotEqual(PasswordStore.GetOrCreate(_directory, RedisAcl.DefaultUser), PasswordStore.GetOrCreate(other.Path, RedisAcl.DefaultUser));
    }

    [Fact]
    public void KeepsAPasswordAPersonPutThere()
    {
        File.WriteAllText(PasswordPath, "chosen-by-a-person\n");

        Assert.Equal("chosen-by-a-person", PasswordStore.GetOrCreate(_directory, RedisAcl.DefaultUser));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("a,b")]
    public void UnusableStoredPasswordNamesTheFileAndTheParameter(string stored)
    {
        File.WriteAllText(PasswordPath, stored);

        var ex = Assert.Throws<DistributedApplicationException>(() => PasswordStore.GetOrCreate(_directory, RedisAcl.DefaultUser));

        Assert.Contains(PasswordPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Parameters:<cluster>-password", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryUserGetsItsOwnOwnerOnlyFile()
    {
        var admin = PasswordStore.GetOrCreate(_directory, RedisAcl.AdminUser);
        var replication = PasswordStore.GetOrCreate(_directory, RedisAcl.ReplicationUser);
        var application = PasswordStore.GetOrCreate(_directory, RedisAcl.DefaultUser);

        Assert.Equal(3, new[] { admin, replication, application }.Distinct().Count());
        foreach (var user in new[] { "admin", "replication", "default" })
        {
            var path = Path.Combine(_directory, "password-" + user);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal(admin, File.ReadAllText(Path.Combine(_directory, "password-admin")).Trim());
        Assert.False(File.Exists(Path.Combine(_directory, PasswordStore.LegacyFileName)));
    }

    [Fact]
    public void AStateFolderFromBeforeAclUsersKeepsItsPasswordAsTheDefaultUsers()
    {
        var legacy = Path.Combine(_directory, PasswordStore.LegacyFileName);
        File.WriteAllText(legacy, "older-run-password\n");

        Assert.Equal("older-run-password", PasswordStore.GetOrCreate(_directory, RedisAcl.DefaultUser));
        Assert.NotEqual("older-run-password", PasswordStore.GetOrCreate(_directory, RedisAcl.AdminUser));
        Assert.Equal("older-run-password\n", File.ReadAllText(legacy));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PasswordPath));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("redisaspire-password-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
