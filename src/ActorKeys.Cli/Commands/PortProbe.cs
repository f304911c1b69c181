using System.Net;
using System.Net.Sockets;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// Checks that no one listens on the server's port before Akka binds it. Akka.Remote sets SO_REUSEADDR, which .NET on
/// Linux turns into SO_REUSEPORT as well: a second server on a taken port would then start "successfully" and share
/// the port with the first, each getting some of the clients. The probe sets SO_REUSEADDR alone, so a port held only
/// by closed connections (TIME_WAIT after a restart) passes and a port with a live listener does not.
/// </summary>
public static class PortProbe
{
    private const int SolSocket = 1; // Linux values
    private const int SoReuseAddr = 2;

    public static bool IsInUse(string host, int port)
    {
        if (port == 0 || string.IsNullOrWhiteSpace(host))
        {
            return false; // a free port will be picked, or Akka chooses the interface: nothing to probe
        }
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var ip) ? [ip] : Dns.GetHostAddresses(host);
        }
        catch (SocketException)
        {
            return false; // Akka reports the unresolvable host itself
        }
        return addresses.Any(address => IsInUse(address, port));
    }

    private static bool IsInUse(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
            }
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(1);
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            return false; // anything else is Akka's to report when it binds
        }
    }
}
