using System.Net;
using System.Net.Sockets;

namespace RedisAspire.AppHost.Resources;

/// <summary>Finds and checks TCP ports on 127.0.0.1 for the services AppHost starts.</summary>
internal static class LoopbackPort
{
    /// <summary>A port the system considers free right now (bind to port 0, read it, release it).</summary>
    public static int PickFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Null when <paramref name="port"/> can be bound on 127.0.0.1; otherwise why not.</summary>
    public static SocketError? TryBind(int port)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return null;
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode;
        }
    }
}
