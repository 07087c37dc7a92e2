using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace RedisAspire.Cluster.Resp;

/// <summary>
/// How the admin connection validates a node over TLS: the certificate must name the address ClusterInit connects to
/// and chain to <see cref="TrustedCa"/> (only that CA) or, without one, to the machine's trust store.
/// </summary>
public sealed class TlsClientSettings(X509Certificate2? trustedCa)
{
    public X509Certificate2? TrustedCa { get; } = trustedCa;

    /// <summary>Reads the CA from a PEM file; null path means the machine's trust store.</summary>
    public static TlsClientSettings FromCaFile(string? path) =>
        new(string.IsNullOrEmpty(path) ? null : X509CertificateLoader.LoadCertificateFromFile(path));

    /// <summary>Handshake options for a node at <paramref name="host"/> (an IP address or a name).</summary>
    public SslClientAuthenticationOptions ClientOptions(string host) => new()
    {
        TargetHost = host,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors),
    };

    /// <summary>True when the node's certificate is acceptable; see the type's summary.</summary>
    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (TrustedCa is null)
        {
            return errors == SslPolicyErrors.None;
        }

        return PrivateCaValidation.IsTrusted(certificate, errors, TrustedCa);
    }
}
