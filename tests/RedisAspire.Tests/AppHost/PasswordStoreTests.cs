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

    private string PasswordPath => Path.Combine(_directory, PasswordStore.FileName(RedisAcl.ApplicationUser));

    [Fact]
    public void GeneratesA256BitHexPasswordWithMode0600()
    {
        var password = PasswordStore.GetOrCreate(_directory, RedisAcl.ApplicationUser);

        Assert.Matches("^[0-9a-f]{64}$", password);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PasswordPath));
        Assert.Equal(password + "\n", File.ReadAllText(PasswordPath));
    }

    [Fact]
    public void ReusesTheStoredPasswordWithoutRewritingIt()
    {
        var first = PasswordStore.GetOrCreate(_directory, RedisAcl.ApplicationUser);
        var written = File.GetLastWriteTimeUtc(PasswordPath);

        var second = PasswordStore.GetOrCreate(_directory, RedisAcl.ApplicationUser);

        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(PasswordPath));
    }

    [Fact]
    public void TwoStateFoldersGetDifferentPasswords()
    {
        using var other = new TemporaryFolder();

        Assert.NotEqual(PasswordStore.GetOrCreate(_directory, RedisAcl.ApplicationUser), PasswordStore.GetOrCreate(other.Path, RedisAcl.ApplicationUser));
    }

    [Fact]
    public void KeepsAPasswordAPersonPutThere()
    {
        File.WriteAllText(PasswordPath, "chosen-by-a-person\n");

        Assert.Equal("chosen-by-a-person", PasswordStore.GetOrCreate(_directory, RedisAcl.ApplicationUser));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("a,b")]
    public void UnusableStoredPasswordNamesTheFileAndTheParameter(string stored)
    {
        File.WriteAllText(PasswordPath, stored);

        var ex = Assert.Throws<DistributedApplicationException>(() => PasswordStore.GetOrCreate(_directory, RedisAcl.ApplicationUser));

        Assert.Contains(PasswordPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Parameters:<cluster>-password", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryUserGetsItsOwnOwnerOnlyFile()
    {
        var admin = PasswordStore.GetOrCreate(_directory, RedisAcl.AdminUser);
        var replication = PasswordStore.GetOrCreate(_directory, RedisAcl.ReplicationUser);
        var application = PasswordStore.GetOrCreate(_directory, RedisAcl.ApplicationUser);

        Assert.Equal(3, new[] { admin, replication, application }.Distinct().Count());
        foreach (var user in new[] { "admin", "replication", "app" })
        {
            var path = Path.Combine(_directory, "password-" + user);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal(admin, File.ReadAllText(Path.Combine(_directory, "password-admin")).Trim());
        Assert.All(PasswordStore.EarlierApplicationFileNames, name => Assert.False(File.Exists(Path.Combine(_directory, name))));
    }

    [Theory]
    [InlineData("password-default")]
    [InlineData("password")]
    public void TheApplicationKeepsThePasswordAnEarlierVersionStored(string earlierFile)
    {
        var earlier = Path.Combine(_directory, earlierFile);
        File.WriteAllText(earlier, "older-run-password\n");

        Assert.Equal("older-run-password", PasswordStore.GetOrCreate(_directory, RedisAcl.ApplicationUser));
        Assert.NotEqual("older-run-password", PasswordStore.GetOrCreate(_directory, RedisAcl.AdminUser));
        Assert.Equal("older-run-password\n", File.ReadAllText(earlier));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PasswordPath));
    }

    [Fact]
    public void TheDefaultUsersFileOfTheLastVersionWinsOverTheSinglePasswordOfTheOneBefore()
    {
        File.WriteAllText(Path.Combine(_directory, "password"), "oldest\n");
        File.WriteAllText(Path.Combine(_directory, "password-default"), "last-version\n");

        Assert.Equal("last-version", PasswordStore.GetOrCreate(_directory, RedisAcl.ApplicationUser));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("redisaspire-password-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
