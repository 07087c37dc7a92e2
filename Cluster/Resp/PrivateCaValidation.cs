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
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trustedCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
