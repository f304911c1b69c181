using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Dispatch.SysMsg;
using ActorKeys.Protocol;
using Akka.TestKit;

namespace ActorKeys.Testing;

/// <summary>
/// Everything a stock Akka.NET peer can put on the wire to an actor it can name, sent every way it can be sent:
/// by actor selection, and to a reference resolved from the path (what <c>Identify</c> would have returned).
/// </summary>
public static class HostileMatrix
{
    /// <summary>Paths every system has, and that a stranger can name without learning anything.</summary>
    public static readonly string[] SystemPaths = ["", "/", "/user", "/system", "/system/endpointManager", "/system/remote-watcher", "/remote", "/system/deadLetterListener"];

    /// <summary>User messages: Kill, PoisonPill, Identify, Status with a bait exception, JSON, plain values.</summary>
    public static IEnumerable<object> UserMessages() =>
    [
        Kill.Instance,
        PoisonPill.Instance,
        new Identify("who"),
        new Status.Failure(new BaitException("bait")),
        new Status.Success("ok"),
        new JsonBaitMessage("boom"),
        "a string",
        new byte[] { 1, 2, 3 },
        42,
        42L,
    ];

    /// <summary>Every system message type Akka.NET defines that can be serialized, aimed at <paramref name="target"/>.</summary>
    public static IEnumerable<ISystemMessage> SystemMessages(IActorRef target, IActorRef attacker) =>
    [
        new Create(null),
        new Recreate(new BaitException("recreate")),
        new Suspend(),
        new Resume(new BaitException("resume")),
        new Terminate(),
        new Supervise(attacker, async: false),
        new Watch((IInternalActorRef)target, (IInternalActorRef)attacker),
        new Unwatch((IInternalActorRef)target, (IInternalActorRef)attacker),
        new Failed(attacker, new BaitException("failed"), 1),
        new DeathWatchNotification(target, existenceConfirmed: true, addressTerminated: false),
    ];

    /// <summary>Sends every message of the matrix to <paramref name="path"/> of <paramref name="address"/>, both ways.</summary>
    public static void Attack(ActorSystem peer, Address address, string path, IActorRef attacker)
    {
        var direct = ((ExtendedActorSystem)peer).Provider.ResolveActorRef(address + path);
        var selection = peer.ActorSelection(address + (path.Length == 0 ? "/" : path));
        foreach (var message in UserMessages())
        {
            selection.Tell(message, attacker);
            direct.Tell(message, attacker);
        }
        foreach (var message in SystemMessages(direct, attacker))
        {
            ((IInternalActorRef)direct).SendSystemMessage(message);
            selection.Tell(message, attacker);
        }
    }

    /// <summary>
    /// Waits until the server has handled everything <paramref name="peer"/> sent before: a Hello under a wrong keyId,
    /// sent last on the same association, is answered <c>wrong-server</c> only after the messages ahead of it were
    /// dispatched. (Identify cannot serve: the allow-list refuses it.)
    /// </summary>
    public static async Task BarrierAsync(ActorSystem peer, Scenario scenario, TestProbe probe)
    {
        var hello = new Hello(Ak1.Version, "barrier", 0, KeyId.From(new byte[Ak1.KeyIdBytes]), scenario.ServerAddress.ToString(), 0,
            Nonce.From(new byte[Ak1.NonceBytes]), PublicKey.From(new byte[Ak1.PublicKeyBytes]), Mac.From(new byte[Ak1.BinderBytes]));
        peer.ActorSelection(scenario.ServerAddress + "/user/key-authority").Tell(hello, probe.Ref);
        await probe.FishForMessageAsync<Rejected2>(r => r.Reason == RejectReason.WrongServer, TimeSpan.FromSeconds(30));
    }

    /// <summary>A JSON-serialized object whose construction is counted.</summary>
    public sealed class JsonBaitMessage
    {
        private static int _constructed;

        public JsonBaitMessage(string payload)
        {
            Payload = payload;
            Interlocked.Increment(ref _constructed);
        }

        public static int Constructed => Volatile.Read(ref _constructed);

        public string Payload { get; }
    }
}

/// <summary>
/// An exception type both systems have: were a peer's description of one ever turned into an object, its
/// serialization constructor would run (Akka.Remote's exception support calls it) and count.
/// </summary>
[Serializable]
public sealed class BaitException : Exception
{
    private static int _deserialized;

    public BaitException(string message) : base(message)
    {
    }

#pragma warning disable SYSLIB0051 // the legacy constructor is the one a deserializer would call: it is the bait
    private BaitException(SerializationInfo info, StreamingContext context) : base(info, context) =>
        Interlocked.Increment(ref _deserialized);
#pragma warning restore SYSLIB0051

    public static int Deserialized => Volatile.Read(ref _deserialized);
}
