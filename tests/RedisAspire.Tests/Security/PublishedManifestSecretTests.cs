using System.Runtime.Versioning;
using RedisAspire.AppHost.Publishing;

namespace RedisAspire.Tests.Security;

/// <summary>
/// Every deployment file <c>publish</c> writes is scanned for the password, generated or given: only the files made to
/// hold it (<c>.env</c> for Compose, <c>redis-password.env</c> for Kubernetes) may contain it, with mode 0600.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class PublishedManifestSecretTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _output = Path.Combine(Path.GetTempPath(), "redisaspire-publish-secrets-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("compose", ".env")]
    [InlineData("kubernetes", "redis-password.env")]
    public void GivenPasswordAppearsOnlyInItsSecretStore(string format, string? store)
    {
        const string Password = "Published-Secret-0123456789";

        Assert.Equal(0, Publishing.AppHostPublisher.Step(Step(format), _output, "--Parameters:cache-password=" + Password, "--Publish:AnnounceIp=192.0.2.10"));

        AssertOnlyInStore(new SecretScanner().AddSecret("Parameters:cache-password", Password), Password, store);
    }

    [Fact]
    public async Task GivenPasswordAppearsInNoFileOfAspiresManifestPublisher()
    {
        const string Password = "Published-Secret-0123456789";

        await Publishing.AppHostPublisher.PublishManifestAsync(_output, "--Parameters:cache-password=" + Password);

        AssertOnlyInStore(new SecretScanner().AddSecret("Parameters:cache-password", Password), Password, store: null);
    }

    [Theory]
    [InlineData("compose", ".env", "REDIS_PASSWORD=")]
    [InlineData("kubernetes", "redis-password.env", "password=")]
    public void GeneratedPasswordAppearsOnlyInItsSecretStore(string format, string store, string prefix)
    {
        Assert.Equal(0, Publishing.AppHostPublisher.Step(Step(format), _output, "--Publish:AnnounceIp=192.0.2.10"));
        var line = File.ReadAllLines(Path.Combine(_output, store)).Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        var generated = line[prefix.Length..];
        Assert.True(generated.Length >= 32, $"{store}: generated password has {generated.Length} characters");

        AssertOnlyInStore(new SecretScanner().AddSecret(store, generated), generated, store);
    }

    private void AssertOnlyInStore(SecretScanner scanner, string password, string? store)
    {
        var stores = scanner.ScanGeneratedManifests(_output, path => store is not null && Path.GetFileName(path) == store);

        Assert.Empty(scanner.Hits);
        Assert.True(scanner.Scanned.Count >= 2, "only scanned: " + string.Join(", ", scanner.Scanned));
        if (store is not null)
        {
            var path = Assert.Single(stores);
            Assert.Equal(store, Path.GetFileName(path));
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
            Assert.Contains(password, File.ReadAllText(path), StringComparison.Ordinal);
        }
    }

    private static string Step(string format) => format == "compose" ? PublishingSteps.Compose : PublishingSteps.Kubernetes;

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }
}
