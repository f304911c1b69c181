using ActorKeys.Actors.Client;
using ActorKeys.Actors.Configuration;
using ActorKeys.Actors.Hosting;
using Akka.Configuration;

namespace ActorKeys.Actors.Tests;

/// <summary>The round robin over server nodes, and which configuration key names them.</summary>
public sealed class ServerNodesTests
{
    private static readonly string[] Three = ["akka.tcp://s@127.0.0.1:1", "akka.tcp://s@127.0.0.1:2/", "akka.tcp://s@127.0.0.1:3"];

    [Fact]
    public void A_round_tries_each_node_once_from_the_first_and_wraps()
    {
        var nodes = new ServerNodes(Three, first: 2);
        Assert.Equal("akka.tcp://s@127.0.0.1:3", nodes.Current);
        Assert.False(nodes.Failed(refused: false));
        Assert.Equal("akka.tcp://s@127.0.0.1:1", nodes.Current);
        Assert.False(nodes.Failed(refused: true));
        Assert.Equal("akka.tcp://s@127.0.0.1:2", nodes.Current); // the trailing '/' is not part of what a Hello is bound to
        Assert.True(nodes.Failed(refused: true));
        Assert.False(nodes.EveryNodeRefused);
        Assert.Equal(["akka.tcp://s@127.0.0.1:3", "akka.tcp://s@127.0.0.1:1", "akka.tcp://s@127.0.0.1:2"], nodes.TriedThisRound);
    }

    [Fact]
    public void Every_node_refusing_in_one_round_is_told_and_a_new_round_forgets_it()
    {
        var nodes = new ServerNodes(Three[..2], first: 0);
        nodes.Failed(refused: true);
        Assert.True(nodes.Failed(refused: true));
        Assert.True(nodes.EveryNodeRefused);
        nodes.StartRound();
        Assert.False(nodes.EveryNodeRefused);
        nodes.MoveOnAfterLoss();
        Assert.Equal("akka.tcp://s@127.0.0.1:2", nodes.Current);
    }

    [Fact]
    public void The_list_wins_over_the_single_address_when_not_empty()
    {
        var single = ClientSettings.From(ConfigurationFactory.ParseString("""actorkeys.client.server-address = "akka.tcp://a@127.0.0.1:1" """));
        Assert.Equal(["akka.tcp://a@127.0.0.1:1"], single.ServerAddresses);
        var list = ClientSettings.From(ConfigurationFactory.ParseString("""
            actorkeys.client.server-address = "akka.tcp://a@127.0.0.1:1"
            actorkeys.client.server-addresses = ["akka.tcp://a@127.0.0.1:2", "akka.tcp://a@127.0.0.1:3"]
            """));
        Assert.Equal(["akka.tcp://a@127.0.0.1:2", "akka.tcp://a@127.0.0.1:3"], list.ServerAddresses);
        Assert.Equal("akka.tcp://a@127.0.0.1:2", list.ServerAddress);
    }

    [Fact]
    public void A_single_string_where_the_list_goes_is_refused_rather_than_read_as_no_list()
    {
        var error = Assert.Throws<ConfigurationException>(() => ClientSettings.From(ConfigurationFactory.ParseString(
            """actorkeys.client.server-addresses = "akka.tcp://a@127.0.0.1:2" """)));
        Assert.Contains("actorkeys.client.server-addresses must be a list", error.Message);
    }

    [Fact]
    public void Host_and_port_overrides_keep_the_configured_system_name_and_a_single_one_replaces_a_list()
    {
        var file = ConfigurationFactory.ParseString("""actorkeys.client.server-addresses = ["akka.tcp://edge@10.0.0.1:1", "akka.tcp://edge@10.0.0.2:1"]""");
        var several = ClientSettings.From(ActorKeysConfig.Build(SystemRole.Client, file, new ConfigOverrides
        {
            ServerNodes = [new ServerNodeOverride(null, "127.0.0.1", 5000), new ServerNodeOverride("akka.tcp://other@127.0.0.2:6000")],
        }));
        Assert.Equal(["akka.tcp://edge@127.0.0.1:5000", "akka.tcp://other@127.0.0.2:6000"], several.ServerAddresses);
        var one = ClientSettings.From(ActorKeysConfig.Build(SystemRole.Client, file, new ConfigOverrides { ServerPort = 7000 }));
        Assert.Equal(["akka.tcp://edge@10.0.0.1:7000"], one.ServerAddresses);
    }

    [Fact]
    public void A_fixed_random_fixes_the_first_node_and_a_single_node_is_always_first()
    {
        var settings = new ClientSettings("k", Three[0], TimeSpan.FromSeconds(1), 100, ReconnectPolicy.Default, RekeySettings.Default)
        {
            ServerAddresses = Three,
        };
        var a = new ActorKeysClient(null!, settings, new Random(7));
        var b = new ActorKeysClient(null!, settings, new Random(7));
        var firsts = Enumerable.Range(0, 30).Select(_ => a.ChooseFirstNode()).ToList();
        Assert.Equal(firsts, Enumerable.Range(0, 30).Select(_ => b.ChooseFirstNode()));
        Assert.Equal(3, firsts.Distinct().Count()); // random, not always the first
        var single = new ActorKeysClient(null!, settings with { ServerAddresses = [Three[0]] }, new Random(7));
        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(0, single.ChooseFirstNode()));
    }
}
