using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace RedisAspire.SampleApi.Redis;

/// <summary>
/// Validates a node's TLS certificate against one CA only (<c>Redis:TlsCaFile</c>): the certificate must name the
/// address the client connected to (StackExchange.Redis uses the endpoint's IP as the TLS host name) and chain to it.
/// </summary>
public sealed class NodeCertificateValidator(X509Certificate2 trustedCa)
{
    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var customChain = new X509Chain();
        customChain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        customChain.ChainPolicy.CustomTrustStore.Add(trustedCa);
        customChain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return customChain.Build(leaf);
    }
}
