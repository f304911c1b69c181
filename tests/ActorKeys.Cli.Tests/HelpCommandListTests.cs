using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>The commands <c>actorkeys --help</c> lists: the product's, and not the benchmark, which is its own program.</summary>
[Collection(nameof(CliCollection))]
public sealed class HelpCommandListTests
{
    [Fact]
    public async Task Help_lists_the_product_commands_and_not_bench()
    {
        using var folder = new TempFolder();

        var help = await CliProcess.RunAsync(folder.Path, "", "--help");

        Expect.Success(help);
        var commands = help.Stdout
            .SkipWhile(line => !line.StartsWith("Commands:", StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(line => line.StartsWith("  ", StringComparison.Ordinal))
            .Select(line => line.Trim().Split(' ')[0])
            .ToList();
        // The list is read for real (init is in it), so a missing "bench" means it is gone, not that parsing failed.
        Assert.Contains("init", commands);
        Assert.DoesNotContain("bench", commands);
    }

    [Fact]
    public async Task Bench_is_not_a_command_of_actorkeys()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", "bench");

        Expect.Failure(result, 2, "'bench'");
    }
}
