using Akka.Actor;
using ActorKeys.Actors.Server;
using ActorKeys.Actors.Text;

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

        Assert.True(Server.LastSender.Supported, "this Akka version's actor cell no longer lets a session forget its last sender");

        // The session's last message was the client's Finish: the client has its keys once the Finish is sent, so the
        // session may still be handling it.
        AwaitAssert(() => cell.Sender.ShouldBe(server.System.DeadLetters), Generous);
    }

    [Theory]
    [InlineData("s-")]
    [InlineData("client-")]
    public void Unguessable_names_are_valid_actor_names_with_128_random_bits_after_their_prefix(string prefix)
    {
        var names = Enumerable.Range(0, 200).Select(_ => UnguessableName.From(prefix, System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))).ToList();

        Assert.All(names, name =>
        {
            Assert.True(ActorPath.IsValidPathElement(name), name);
            Assert.StartsWith(prefix, name, StringComparison.Ordinal);
            Assert.Equal(16, Convert.FromBase64String(ToBase64(name[prefix.Length..])).Length);
        });
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.StartsWith("client-", ActorKeys.Actors.Hosting.ActorKeysClient.UnguessableName(), StringComparison.Ordinal);
    }

    private static string ToBase64(string base64Url) => base64Url.Replace('-', '+').Replace('_', '/') + "==";
}
