using Akka.Actor;
using Akka.TestKit;
using ActorKeys.Protocol;
using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Keys;

namespace ActorKeys.Testing;

/// <summary>
/// A client driven by hand from a test probe in a plain remote system: it sends exactly the AK1 messages a
/// test chooses (replays, tampered records), which a <c>ClientSession</c> would never do.
/// </summary>
public sealed class RawClient(TestProbe probe, string serverAddress, ClientCredentials credentials) : IDisposable
{
    public TestProbe Probe { get; } = probe;
    public IActorRef Session { get; private set; } = ActorRefs.Nobody;
    public SecureChannel? Channel { get; private set; }

    public ActorSelection KeyAuthority => Probe.Sys.ActorSelection(serverAddress + "/user/key-authority");

    /// <summary>A valid Hello, freshly timed, as a ClientSession would build it.</summary>
    public (Hello Hello, ClientHandshake Handshake) NewHello()
    {
        var handshake = new ClientHandshake(credentials, serverAddress.TrimEnd('/'));
        var hello = handshake.Start((ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), SystemRandomSource.Instance);
        return (hello, handshake);
    }

    public void SendHello(Hello hello) => KeyAuthority.Tell(hello, Probe.Ref);

    /// <summary>Runs the whole handshake and keeps the session's ref and the channel.</summary>
    public void Connect(TimeSpan timeout)
    {
        var (hello, handshake) = NewHello();
        SendHello(hello);
        var challenge = Probe.ExpectMsg<Challenge>(timeout);
        Session = Probe.LastSender;
        var (finish, channel) = handshake.HandleChallenge(challenge);
        handshake.Dispose();
        Channel = channel;
        Session.Tell(finish, Probe.Ref);
    }

    public void SendText(string text) => Session.Tell(Channel!.SealData(System.Text.Encoding.UTF8.GetBytes(text)), Probe.Ref);

    public string ExpectText(TimeSpan timeout)
    {
        var record = Probe.ExpectMsg<Sealed>(timeout);
        return System.Text.Encoding.UTF8.GetString(Channel!.Open(record).Body);
    }

    public void Dispose()
    {
        Channel?.Dispose();
        credentials.Dispose();
    }
}
