using RedisAspire.Cluster.Resp;
using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using RedisAspire.Hosting.Tls;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Tests.AppHostTests;

/// <summary>The development CA and node certificates: owner-only keys, node addresses as SANs, reuse and renewal.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class DevelopmentCertificatesTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    private readonly string _state = Directory.CreateTempSubdirectory("redisaspire-certs-").FullName;

    [Fact]
    public void EveryNodeGetsAnOwnerOnlyKeyAndACertificateForItsAddressIssuedByTheCa()
    {
        using var ca = DevelopmentCertificates.Ensure(_state, Nodes("127.0.0.1"), Now);

        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.False(ca.HasPrivateKey);
        foreach (var node in Nodes("127.0.0.1"))
        {
            foreach (var file in new[] { "tls.crt", "tls.key", "tls-ca.crt" })
            {
                Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(node.Directory, file)));
            }

            using var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(node.Directory, "tls.crt"), Path.Combine(node.Directory, "tls.key"));
            var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            Assert.Equal([IPAddress.Loopback], names.EnumerateIPAddresses());
            Assert.Equal([node.Name], names.EnumerateDnsNames());
            Assert.True(PrivateCaValidation.IsIssuedBy(certificate, ca, Now));
            Assert.True(certificate.NotAfter > Now.UtcDateTime.AddDays(300));
            Assert.Equal(ca.RawData, X509CertificateLoader.LoadCertificateFromFile(Path.Combine(node.Directory, "tls-ca.crt")).RawData);
        }

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(_state, "tls", "ca.key")));
    }

    [Fact]
    public void ASecondRunReusesEveryFile()
    {
        DevelopmentCertificates.Ensure(_state, Nodes("127.0.0.1"), Now).Dispose();
        var first = Snapshot();

        DevelopmentCertificates.Ensure(_state, Nodes("127.0.0.1"), Now.AddDays(10)).Dispose();

        Assert.Equal(first, Snapshot());
    }

    [Fact]
    public void ANewAddressGivesNewNodeCertificatesFromTheSameCa()
    {
        DevelopmentCertificates.Ensure(_state, Nodes("127.0.0.1"), Now).Dispose();
        var first = Snapshot();

        using var ca = DevelopmentCertificates.Ensure(_state, Nodes("127.0.0.2"), Now);

        var second = Snapshot();
        Assert.Equal(first["tls/ca.crt"], second["tls/ca.crt"]);
        Assert.NotEqual(first["redis-0/tls.crt"], second["redis-0/tls.crt"]);
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_state, "redis-0", "tls.crt"));
        Assert.Equal([IPAddress.Parse("127.0.0.2")], certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses());
    }

    [Fact]
    public void NodeCertificatesNearExpiryAreRenewed()
    {
        DevelopmentCertificates.Ensure(_state, Nodes("127.0.0.1"), Now).Dispose();
        var first = Snapshot();

        DevelopmentCertificates.Ensure(_state, Nodes("127.0.0.1"), Now.AddDays(340)).Dispose();

        var second = Snapshot();
        Assert.Equal(first["tls/ca.crt"], second["tls/ca.crt"]);
        Assert.NotEqual(first["redis-1/tls.crt"], second["redis-1/tls.crt"]);
    }

    [Fact]
    public void ACaNearExpiryIsReplacedWithEveryNodeCertificate()
    {
        DevelopmentCertificates.Ensure(_state, Nodes("127.0.0.1"), Now).Dispose();
        var first = Snapshot();

        var later = Now.AddDays(5 * 365 - 10);
        using var ca = DevelopmentCertificates.Ensure(_state, Nodes("127.0.0.1"), later);

        var second = Snapshot();
        Assert.NotEqual(first["tls/ca.crt"], second["tls/ca.crt"]);
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_state, "redis-1", "tls.crt"));
        Assert.True(PrivateCaValidation.IsIssuedBy(certificate, ca, later));
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private List<RedisNode> Nodes(string host) =>
        [.. Enumerable.Range(0, 2).Select(i => new RedisNode(i, $"redis-{i}", host, 7000 + i, 17000 + i, Path.Combine(_state, $"redis-{i}")))];

    private Dictionary<string, string> Snapshot() =>
        Directory.GetFiles(_state, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(_state, f), File.ReadAllText);
}
