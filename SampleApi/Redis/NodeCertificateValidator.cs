using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using RedisAspire.Cluster.Resp;

namespace RedisAspire.SampleApi.Redis;

/// <summary>
/// Validates a node's TLS certificate against one CA only (<c>Redis:TlsCaFile</c>): the certificate must name the
/// address the client connected to (StackExchange.Redis uses the endpoint's IP as the TLS host name) and chain to it.
/// </summary>
public sealed class NodeCertificateValidator(X509Certificate2 trustedCa)
{
    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        => PrivateCaValidation.IsTrusted(certificate, errors, trustedCa);
}
