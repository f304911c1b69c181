using Akka.Actor;

namespace ActorKeys.Actors.Tests;

/// <summary>
/// What an idle session keeps on the server beyond its own state. Akka's actor cell would keep the sender of the last
/// message it handled (the client's last record, a remote reference resolved afresh from the wire) for as long as the
/// session stays idle; the session lets go of it after every message.
/// </summary>
public sealed class IdleSessionFootprintTests : ScenarioTest
{
    [Fact]
    public async Task An_idle_session_keeps_no_reference_to_the_sender_of_its_last_message()
    {
        await using var scenario = new Scenario();
        scenario.Issue("1");
        var server = await scenario.StartServerAsync();
        var connected = await ConnectWatchedAsync(scenario, server, "1");

        var cell = (ActorCell)((ActorRefWithCell)connected.ServerSession).Underlying!;

        // The session's last message was the client's Finish: the client has its keys once the Finish is sent, so the
        // session may still be handling it.
        AwaitAssert(() => cell.Sender.ShouldBe(server.System.DeadLetters), Generous);
    }
}
