using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace RedisAspire.Cluster.Resp;

/// <summary>
/// Checks a Redis node's TLS certificate against one private CA only (AppHost's development CA): the certificate must
/// name the address the client connected to and chain to that CA; the machine's trust store plays no part.
/// </summary>
public static class PrivateCaValidation
{
    /// <summary>True when <paramref name="certificate"/> names the target and chains to <paramref name="trustedCa"/>.</summary>
    public static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 trustedCa)
    {
        ArgumentNullException.ThrowIfNull(trustedCa);
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return IsIssuedBy(leaf, trustedCa);
    }

    /// <summary>
    /// True when <paramref name="certificate"/> builds a valid chain with <paramref name="ca"/> as the only trusted root,
    /// at <paramref name="at"/> (default: now).
    /// </summary>
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2 ca, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(ca);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (at is { } time)
        {
            chain.ChainPolicy.VerificationTime = time.UtcDateTime;
            chain.ChainPolicy.VerificationTimeIgnored = false;
        }

        return chain.Build(certificate);
    }
}
