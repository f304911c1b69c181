using Akka.Configuration;
using ActorKeys.Actors.Configuration;

namespace ActorKeys.Actors.Tests;

/// <summary>The one configuration path: reference.conf's defaults by role, the file above them, typed overrides above all.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void With_no_file_a_server_listens_on_4053_and_a_client_on_a_free_port_both_untrusted()
    {
        var server = ActorKeysConfig.Build(SystemRole.Server);
        var client = ActorKeysConfig.Build(SystemRole.Client);

        Assert.Equal(4053, server.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal(0, client.GetInt("akka.remote.dot-netty.tcp.port"));
        foreach (var config in new[] { server, client })
        {
            Assert.Equal("127.0.0.1", config.GetString("akka.remote.dot-netty.tcp.hostname"));
            Assert.True(config.GetBoolean("akka.remote.untrusted-mode"));
            Assert.Equal("ActorKeys.Actors.Inbound.AllowListedSystemMessageSerializer, ActorKeys.Actors",
                config.GetString("akka.actor.serializers.akka-system-msg"));
        }
    }

    [Fact]
    public void Typed_overrides_win_over_the_file_and_the_file_over_the_defaults()
    {
        var file = ConfigurationFactory.ParseString("""
            akka.remote.dot-netty.tcp.port = 5000
            actorkeys.client.server-address = "akka.tcp://other-server@10.1.2.3:6000"
            actorkeys.server.handshake-timeout = 3s
            """);

        var server = ActorKeysConfig.Build(SystemRole.Server, file, new ConfigOverrides { Port = 0 });
        var client = ActorKeysConfig.Build(SystemRole.Client, file, new ConfigOverrides { ServerHost = "127.0.0.2", ServerPort = 7000 });

        Assert.Equal(0, server.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Equal(TimeSpan.FromSeconds(3), ServerSettings.From(server).HandshakeTimeout);
        // Host and port replaced; the file's system name kept.
        Assert.Equal("akka.tcp://other-server@127.0.0.2:7000", ClientSettings.From(client).ServerAddress);
    }

    [Fact]
    public void A_typed_value_cannot_break_out_of_its_key()
    {
        var folder = "keys\" \nakka.remote.untrusted-mode = off\n\"";

        var client = ActorKeysConfig.Build(SystemRole.Client, null, new ConfigOverrides { KeystoreFolder = folder });

        Assert.Equal(folder, ClientSettings.From(client).KeystoreFolder);
        Assert.True(client.GetBoolean("akka.remote.untrusted-mode"));
    }
}
