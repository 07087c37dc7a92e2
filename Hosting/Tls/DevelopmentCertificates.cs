using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RedisAspire.Cluster.Resp;
using RedisAspire.Hosting.State;
using RedisAspire.Hosting.Configuration;

namespace RedisAspire.Hosting.Tls;

/// <summary>
/// The development CA and one certificate per node for <c>Cluster:Tls</c>, made with .NET's
/// <see cref="CertificateRequest"/>: the CA in <c>&lt;state&gt;/tls/ca.crt</c> and <c>ca.key</c>, each node's
/// certificate, key and a copy of the CA in its own folder (<c>tls.crt</c>, <c>tls.key</c>, <c>tls-ca.crt</c>), so a
/// container sees them under <c>/data</c>. Keys are 0600. Everything is reused across runs and made again when it
/// expires within <see cref="RenewBefore"/>, when a node's address is not in its certificate, or when the CA changed.
/// </summary>
public static class DevelopmentCertificates
{
    /// <summary>Folder of the CA inside the state folder.</summary>
    public const string FolderName = "tls";

    /// <summary>File names in each node's folder.</summary>
    public const string NodeCertificateFile = "tls.crt";

    /// <inheritdoc cref="NodeCertificateFile"/>
    public const string NodeKeyFile = "tls.key";

    /// <inheritdoc cref="NodeCertificateFile"/>
    public const string NodeCaFile = "tls-ca.crt";

    /// <summary>A certificate that expires sooner than this is made again.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(5 * 365);
    private static readonly TimeSpan NodeLifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Path of the CA certificate clients validate the nodes against.</summary>
    public static string CaCertificatePath(string stateDirectory) => Path.Combine(stateDirectory, FolderName, "ca.crt");

    /// <summary>
    /// Makes sure the CA and every node's certificate exist, are valid for at least <see cref="RenewBefore"/> and name
    /// the node's announced address (IP SAN) and resource name (DNS SAN). Returns the CA certificate.
    /// </summary>
    public static X509Certificate2 Ensure(string stateDirectory, IReadOnlyList<RedisNode> nodes, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        ArgumentNullException.ThrowIfNull(nodes);
        var folder = Path.Combine(stateDirectory, FolderName);
        SecureFile.CreateDirectory(folder);
        var ca = LoadOrCreateCa(folder, now);
        foreach (var node in nodes)
        {
            SecureFile.CreateDirectory(node.Directory);
            EnsureNode(node, ca, now);
        }

        var publicCa = X509CertificateLoader.LoadCertificate(ca.RawData);
        ca.Dispose();
        return publicCa;
    }

    private static X509Certificate2 LoadOrCreateCa(string folder, DateTimeOffset now)
    {
        var certificatePath = Path.Combine(folder, "ca.crt");
        var keyPath = Path.Combine(folder, "ca.key");
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            try
            {
                var existing = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
                if (existing.NotAfter.ToUniversalTime() - now.UtcDateTime > RenewBefore)
                {
                    return existing;
                }

                existing.Dispose();
            }
            catch (CryptographicException)
            {
                // Unreadable or mismatched: made again below, and every node certificate with it.
            }
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=RedisAspire Development CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var ca = request.CreateSelfSigned(now - ClockSkew, now + CaLifetime);
        SecureFile.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        SecureFile.WriteAllText(certificatePath, ca.ExportCertificatePem() + "\n");
        return ca;
    }

    private static void EnsureNode(RedisNode node, X509Certificate2 ca, DateTimeOffset now)
    {
        var certificatePath = Path.Combine(node.Directory, NodeCertificateFile);
        var keyPath = Path.Combine(node.Directory, NodeKeyFile);
        var caPath = Path.Combine(node.Directory, NodeCaFile);
        var subjectAlternativeName = SubjectAlternativeName(node);
        if (!IsCurrent(certificatePath, keyPath, ca, subjectAlternativeName, now))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={node.Name}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
            // Server for clients; client too, because with tls-cluster and tls-replication a node presents it to its peers.
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
            request.CertificateExtensions.Add(subjectAlternativeName);
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
            var serial = RandomNumberGenerator.GetBytes(16);
            serial[0] &= 0x7f;
            var notAfter = now + NodeLifetime < ca.NotAfter ? now + NodeLifetime : new DateTimeOffset(ca.NotAfter);
            using var certificate = request.Create(ca, now - ClockSkew, notAfter, serial);
            SecureFile.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
            SecureFile.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        }

        var caPem = ca.ExportCertificatePem() + "\n";
        if (!File.Exists(caPath) || File.ReadAllText(caPath) != caPem)
        {
            SecureFile.WriteAllText(caPath, caPem);
        }
    }

    private static bool IsCurrent(string certificatePath, string keyPath, X509Certificate2 ca, X509Extension wanted, DateTimeOffset now)
    {
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            return false;
        }

        try
        {
            using var existing = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            var names = existing.Extensions.FirstOrDefault(e => e.Oid?.Value == wanted.Oid?.Value);
            if (names is null || !names.RawData.AsSpan().SequenceEqual(wanted.RawData)
                || existing.NotAfter.ToUniversalTime() - now.UtcDateTime <= RenewBefore)
            {
                return false;
            }

            return PrivateCaValidation.IsIssuedBy(existing, ca, now);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static X509Extension SubjectAlternativeName(RedisNode node)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Parse(node.Host));
        names.AddDnsName(node.Name);
        return names.Build();
    }
}
