using System.Net;
using System.Net.Sockets;

namespace RedisAspire.AppHost.Publishing;

/// <summary>This machine's primary IPv4 address: the source address the kernel picks for its default route.</summary>
public static class HostAddress
{
    // Connecting a UDP socket only selects a route and a source address; nothing is sent.
    private static readonly IPEndPoint RouteProbe = new(IPAddress.Parse("8.8.8.8"), 53);

    /// <summary>The primary non-loopback IPv4 address, or <see langword="null"/> when this machine has no IPv4 default route.</summary>
    public static IPAddress? FindPrimaryIPv4()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(RouteProbe);
            return socket.LocalEndPoint is IPEndPoint { Address: var address } && !IPAddress.IsLoopback(address) && !address.Equals(IPAddress.Any)
                ? address
                : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
