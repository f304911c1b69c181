using Akka.Actor;
using ActorKeys.Actors.Client;
using ActorKeys.Actors.Hosting;
using ActorKeys.Actors.Server;
using ActorKeys.Protocol.Keys;
using Akka.TestKit;

namespace ActorKeys.Testing;

/// <summary>
/// Base of the scenario tests: a TestKit whose own system only hosts probes. The scenario systems run in the
/// same process, so a probe here can be the listener or application of an actor there. All scenario tests
/// share one collection: several remoting systems at once on two cores is a source of flakiness, not speed.
/// </summary>
[Collection(ScenarioTest.Collection)]
public abstract class ScenarioTest() : Akka.TestKit.Xunit2.TestKit("akka.loglevel = WARNING")
{
    /// <summary>
    /// The collection every scenario test belongs to. xunit finds collection definitions only in the test assembly,
    /// so each test project that uses scenarios declares it (ScenarioCollection.cs), without parallelization.
    /// </summary>
    public const string Collection = "Scenarios";

    /// <summary>Generous: a shared, noisy machine must not fail a correct test.</summary>
    protected static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    /// <summary>A probe in the server's system that receives every <typeparamref name="T"/> published there.</summary>
    protected TestProbe Subscribe<T>(ActorKeysHost server)
    {
        var probe = CreateTestProbe(server.System);
        server.System.EventStream.Subscribe(probe.Ref, typeof(T));
        return probe;
    }

    /// <summary>The credentials a keystore of <paramref name="id"/> issued by <paramref name="master"/> would hold.</summary>
    protected static ClientCredentials Credentials(MasterSecret master, string id)
    {
        var accessKey = master.DeriveAccessKey(id, 0);
        try
        {
            return new ClientCredentials(id, 0, master.KeyId, accessKey);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(accessKey);
        }
    }

    /// <summary>
    /// Starts a client system, connects <paramref name="clientId"/> and waits until both ends are established;
    /// returns the client's events probe and the server's session, watched by a probe in the server's system.
    /// </summary>
    protected async Task<WatchedSession> ConnectWatchedAsync(Scenario scenario, ActorKeysHost server, string clientId, string clientHocon = "")
    {
        var established = Subscribe<SessionEstablished>(server);
        var clientSystem = await scenario.StartClientAsync(clientHocon);
        var events = CreateTestProbe();
        var client = clientSystem.Client.Connect(clientId, events.Ref);
        events.ExpectMsg<SessionKeyVerified>(Generous);
        var session = established.FishForMessage<SessionEstablished>(e => e.ClientId == clientId, Generous).Session;
        var watcher = CreateTestProbe(server.System);
        watcher.Watch(session);
        return new WatchedSession(clientSystem, client, events, session, watcher);
    }

    /// <summary>The server system runs and neither core actor was ever restarted (a restart would reset what they hold).</summary>
    protected static void AssertCoreIntact(ActorKeysHost server)
    {
        Assert.False(server.System.WhenTerminated.IsCompleted, "the server's actor system terminated");
        Assert.Equal(0, server.Diagnostics.KeyAuthorityRestarts);
        Assert.Equal(0, server.Diagnostics.SessionManagerRestarts);
    }

    protected async Task AwaitSessionCountAsync(ActorKeysHost server, int expected)
    {
        var sessions = await Akka.Hosting.ActorRegistry.For(server.System).GetAsync<SessionManager>();
        await AwaitAssertAsync(async () =>
        {
            var count = await sessions.Ask<SessionCount>(GetSessionCount.Instance, Generous);
            Assert.Equal(expected, count.Count);
        }, Generous, TimeSpan.FromMilliseconds(100));
    }
}

/// <summary>A connected client (its system, session actor and events) and the server's session watched by <see cref="Watcher"/>.</summary>
public sealed record WatchedSession(ActorKeysHost ClientSystem, IActorRef Client, TestProbe Events, IActorRef ServerSession, TestProbe Watcher);

