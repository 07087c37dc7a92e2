using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace RedisAspire.AppHost.Tls;

/// <summary>Validates a node's certificate against the development CA only (not the machine's trust store).</summary>
public static class TlsTrust
{
    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="ca"/> and nothing else is wrong but the unknown root.</summary>
    public static bool Validate(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(ca);
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return IsIssuedBy(leaf, ca);
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
