using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using RedisAspire.AppHost.Tls;

namespace RedisAspire.AppHost.Redis;

/// <summary>
/// AppHost's readiness probe: a node is healthy when it answers <c>AUTH</c> with <c>+OK</c> and <c>PING</c> with
/// <c>+PONG</c> over a fresh TCP connection. Deliberately tiny; cluster logic lives in ClusterInit.
/// </summary>
public static class RedisProbe
{
    /// <summary>
    /// Sends AUTH (when <paramref name="password"/> is set) and PING, over TLS validated against <paramref name="tlsCa"/>
    /// when one is given; never throws for node-side problems.
    /// </summary>
    public static async Task<ProbeResult> PingAsync(
        IPEndPoint endpoint, string password, TimeSpan timeout, CancellationToken cancellationToken, X509Certificate2? tlsCa = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(password);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient(endpoint.AddressFamily) { NoDelay = true };
            await client.ConnectAsync(endpoint, timeoutSource.Token);
            Stream stream = client.GetStream();
            if (tlsCa is not null)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        TargetHost = endpoint.Address.ToString(),
                        RemoteCertificateValidationCallback = (_, certificate, _, errors) => TlsTrust.Validate(tlsCa, certificate, errors),
                        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    },
                    timeoutSource.Token);
                stream = tls;
            }

            await using var ownedStream = stream;
            var request = password.Length > 0 ? Command("AUTH", password) + Command("PING") : Command("PING");
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request), timeoutSource.Token);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            if (password.Length > 0)
            {
                var auth = await reader.ReadLineAsync(timeoutSource.Token);
                if (auth != "+OK")
                {
                    return ProbeResult.Unhealthy($"AUTH answered {auth ?? "nothing (connection closed)"}");
                }
            }

            var ping = await reader.ReadLineAsync(timeoutSource.Token);
            return ping == "+PONG" ? ProbeResult.Healthy : ProbeResult.Unhealthy($"PING answered {ping ?? "nothing (connection closed)"}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Unhealthy($"no answer within {timeout}");
        }
        catch (SocketException ex)
        {
            return ProbeResult.Unhealthy($"connect failed: {ex.SocketErrorCode}");
        }
        catch (IOException ex)
        {
            return ProbeResult.Unhealthy($"connection failed: {ex.Message}");
        }
        catch (AuthenticationException ex)
        {
            return ProbeResult.Unhealthy($"TLS handshake failed: {ex.Message}");
        }
    }

    private static string Command(params string[] parts)
    {
        var text = new StringBuilder().Append('*').Append(parts.Length).Append("\r\n");
        foreach (var part in parts)
        {
            text.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        return text.ToString();
    }
}
