using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

[Collection(nameof(CliCollection))]
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_runs_the_whole_seed_flow_in_one_process_and_exits_0()
    {
        using var folder = new TempFolder();

        var demo = await CliProcess.RunAsync(folder.Path, "", "demo");

        Expect.Success(demo);
        foreach (var line in new[]
        {
            "[client 1] Session key verified",
            "[server] User '1': 'ola'",
            "[client 1] Message received: 'ola'",
            "[client 2] Session key verified",
            "[server] User '2': 'bom dia'",
            "[client 2] Message received: 'bom dia'",
        })
        {
            Assert.Contains(line, demo.Stdout);
        }
        Assert.Contains(demo.Stdout, line => line.StartsWith("[server] Serving on akka.tcp://actorkeys-server@127.0.0.1:"));
        // Nothing is left behind in the folder it was started from, and its temporary folder is gone.
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
        var temporary = demo.Stdout[0].Split(" in ").Last();
        Assert.False(Directory.Exists(Path.GetDirectoryName(temporary)), demo.ToString());
    }
}
