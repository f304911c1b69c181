using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>Mistyped values, broken configuration files and help on incomplete command lines: a sentence, never a crash.</summary>
[Collection(nameof(CliCollection))]
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("server", "--port", "abc")]
    public async Task A_value_that_is_not_a_number_is_a_usage_error_not_a_crash(string command, string option, string value)
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", command, option, value);

        Expect.Failure(result, 2, $"'{value}' is not a valid value for {option}");
        Assert.DoesNotContain("System.", result.StderrText);
    }

    [Theory]
    [InlineData("provision")]
    [InlineData("keystore", "inspect")]
    public async Task Help_works_on_commands_whose_arguments_are_missing(params string[] command)
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", [.. command, "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Stdout, line => line.StartsWith("Usage:", StringComparison.Ordinal));
        Assert.Empty(result.Stderr);
    }

    [Theory]
    [InlineData("server --port 0", "akka { remote {\n", "the '{' on line 1 is never closed")]
    [InlineData("server --port 0", "actorkeys.server.max-sessions = lots\n", "'lots'")]
    [InlineData("client --id 1", "actorkeys.client.handshake-timeout = soon\n", "'soon'")]
    [InlineData("client --id 1", "{{{{ ::: ]]]\n", "does not close the '{' opened on line 1")]
    [InlineData("client --id 1", "a = [1,\n", "the '[' on line 1 is never closed")]
    [InlineData("client --id 1", "actorkeys.client.server-address = \"not an address\"\n", "actorkeys.client.server-address = 'not an address' is not an address")]
    [InlineData("client --id 1", "actorkeys.client.server-address = 42\n", "actorkeys.client.server-address = '42' is not an address")]
    [InlineData("client --id 1", "actorkeys.client.server-addresses = [\"akka.tcp://actorkeys-server@127.0.0.1:4053\", \"nope\"]\n", "actorkeys.client.server-addresses = 'nope' is not an address")]
    [InlineData("client --id 1", "actorkeys.client.server-addresses = \"akka.tcp://actorkeys-server@127.0.0.1:4053\"\n", "is not a list of addresses")]
    [InlineData("client --id 1", "actorkeys.client.handshake-timeout = banana\n", "actorkeys.client.handshake-timeout = 'banana' is not a positive duration")]
    [InlineData("client --id 1", "actorkeys.client.handshake-timeout = -5s\n", "actorkeys.client.handshake-timeout = '-5s' is not a positive duration")]
    [InlineData("client --id 1", "akka.remote.dot-netty.tcp.port = abc\n", "akka.remote.dot-netty.tcp.port = 'abc' is not a port")]
    [InlineData("client --id 1", "actorkeys.client = 5\n", "actorkeys.client is a group of settings")]
    [InlineData("server --port 0", "actorkeys.server.max-sesions = 5\n", "'actorkeys.server.max-sesions' is not an ActorKeys setting")]
    [InlineData("server --port 0", "max-sessions = 5\n", "'max-sessions' is not a setting")]
    [InlineData("server --port 0", "actorkeys.telemetry.otlp.enabled = maybe\n", "actorkeys.telemetry.otlp.enabled = 'maybe' is not on or off")]
    [InlineData("server --port 0", "actorkeys.telemetry.otlp.endpoint = \"ftp://127.0.0.1:4317\"\n", "actorkeys.telemetry.otlp.endpoint = 'ftp://127.0.0.1:4317' is not an address such as http://127.0.0.1:4317")]
    public async Task A_broken_configuration_file_is_named_and_nothing_starts(string commandLine, string hocon, string why)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("broken.hocon"), hocon);

        var result = await CliProcess.RunAsync(folder.Path, "", [.. commandLine.Split(' '), "--config", "broken.hocon"]);

        Expect.Failure(result, 2, folder.File("broken.hocon"), why);
        Assert.Empty(result.Stdout);
    }

    [Theory]
    [InlineData("client", "--id", "1")]
    [InlineData("server", "--port", "0")]
    public async Task A_folder_given_as_config_is_called_a_folder(params string[] command)
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("hocon"));

        var result = await CliProcess.RunAsync(folder.Path, "", [.. command, "--config", "hocon"]);

        Expect.Failure(result, 2, folder.File("hocon"), "is a folder");
    }
}
