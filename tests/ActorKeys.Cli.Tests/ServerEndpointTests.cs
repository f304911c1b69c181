using ActorKeys.Cli.Commands;
using ActorKeys.Cli.Errors;

namespace ActorKeys.Cli.Tests;

public sealed class ServerEndpointTests
{
    [Theory]
    [InlineData("127.0.0.1:4053", "127.0.0.1", 4053)]
    [InlineData("server.example:1", "server.example", 1)]
    public void Host_and_port_are_read(string value, string host, int port) =>
        Assert.Equal(new ServerEndpoint(host, port), ServerEndpoint.Parse(value));

    [Theory]
    [InlineData("akka.tcp://actorkeys-server@127.0.0.1:4053", "actorkeys-server", "127.0.0.1", 4053)]
    [InlineData("akka.tcp://actorkeys-server@127.0.0.1:4053/", "actorkeys-server", "127.0.0.1", 4053)]
    [InlineData("akka.tcp://other_system@server.example:1", "other_system", "server.example", 1)]
    public void A_whole_akka_address_is_read_with_its_system_name(string value, string system, string host, int port)
    {
        var endpoint = ServerEndpoint.Parse(value);

        Assert.Equal(new ServerEndpoint(host, port, system), endpoint);
        Assert.Equal($"akka.tcp://{system}@{host}:{port}", endpoint.AkkaAddress);
    }

    [Fact]
    public void A_list_is_read_entry_by_entry_around_commas_and_spaces()
    {
        Assert.Equal([new ServerEndpoint("127.0.0.1", 4053), new ServerEndpoint("10.0.0.2", 4054, "edge")],
            ServerEndpoint.ParseList("127.0.0.1:4053, akka.tcp://edge@10.0.0.2:4054"));
        Assert.Equal([new ServerEndpoint("127.0.0.1", 4053)], ServerEndpoint.ParseList("127.0.0.1:4053"));
    }

    [Theory]
    [InlineData("127.0.0.1:4053,banana", "'banana' is not a valid --server value")]
    [InlineData("127.0.0.1:4053,", "'127.0.0.1:4053,' is not a valid --server value")]
    [InlineData(",127.0.0.1:4053", "',127.0.0.1:4053' is not a valid --server value")]
    [InlineData("127.0.0.1:4053,[::1]:4054", "'[::1]:4054' has an IPv6 address")]
    public void A_bad_entry_of_a_list_is_named_in_one_usage_error(string value, string sentence)
    {
        var error = Assert.Throws<CliException>(() => ServerEndpoint.ParseList(value));

        Assert.Equal(ExitCode.Usage, error.Code);
        Assert.StartsWith(sentence, error.Message);
    }

    [Theory]
    [InlineData("akka.tcp://actorkeys-server@[::1]:4053", "IPv6")]
    [InlineData("akka://actorkeys-server@127.0.0.1:4053", "akka.tcp://")]
    [InlineData("akka.tcp://@127.0.0.1:4053", "akka.tcp://")]
    [InlineData("akka.tcp://actorkeys-server@127.0.0.1", "akka.tcp://")]
    [InlineData("akka.tcp://actorkeys-server@127.0.0.1:4053/user/key-authority", "akka.tcp://")]
    [InlineData("[::1]:4053", "IPv6")]
    [InlineData("::1:4053", "IPv6")]
    [InlineData("127.0.0.1", "HOST:PORT")]
    [InlineData("127.0.0.1:0", "HOST:PORT")]
    [InlineData("127.0.0.1:65536", "HOST:PORT")]
    [InlineData("bad host:4053", "HOST:PORT")]
    public void Other_values_are_a_usage_error_in_one_sentence(string value, string phrase)
    {
        var error = Assert.Throws<CliException>(() => ServerEndpoint.Parse(value));

        Assert.Equal(ExitCode.Usage, error.Code);
        Assert.Contains(phrase, error.Message);
    }
}
