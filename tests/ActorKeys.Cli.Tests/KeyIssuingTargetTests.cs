using System.Text.Json.Nodes;
using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>
/// init and provision check every file they will write before writing any (one sentence, exit 3, nothing left behind),
/// and the ids they issue; key file advice fits what was given.
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class KeyIssuingTargetTests
{
    [Fact]
    public async Task Init_with_a_file_as_the_keystore_folder_writes_nothing_and_can_be_run_again()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("kfile"), "");

        var result = await CliProcess.RunAsync(folder.Path, "", "init", "--keystores", "kfile");

        Expect.Failure(result, 3, $"{folder.File("kfile")} is not a folder");
        Assert.Equal([folder.File("kfile")], Directory.GetFileSystemEntries(folder.Path));
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init"));
    }

    [Fact]
    public async Task Provision_with_a_file_as_the_keystore_folder_is_refused_in_one_sentence()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init", "--clients", "1"));
        File.WriteAllText(folder.File("kfile"), "");

        var result = await CliProcess.RunAsync(folder.Path, "", "provision", "21", "--keystores", "kfile");

        Expect.Failure(result, 3, $"{folder.File("kfile")} is not a folder");
        Assert.Equal("", File.ReadAllText(folder.File("kfile")));
    }

    [Fact]
    public async Task Init_with_a_master_key_where_no_file_can_be_created_writes_nothing()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", "init", "--master-key", "/proc/m.key");

        Expect.Failure(result, 3, "/proc/m.key", "cannot be created in /proc");
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task Init_into_a_keystore_folder_others_can_write_is_refused_before_the_master_key_is_written()
    {
        using var folder = new TempFolder();
        var keystores = Directory.CreateDirectory(folder.File("keystores")).FullName;
        File.SetUnixFileMode(keystores, (UnixFileMode)0b111_111_111);

        var result = await CliProcess.RunAsync(folder.Path, "", "init");

        Expect.Failure(result, 3, $"chmod go-w {keystores}");
        Assert.Equal([keystores], Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task Provision_refuses_an_id_that_reads_as_an_option_and_says_why()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init", "--clients", "1"));

        var result = await CliProcess.RunAsync(folder.Path, "", "provision", "--", "--help");

        Expect.Failure(result, 2, "'--help' starts with '-'", "option");
        Assert.Equal([folder.File("keystores/keystore_id_1.json")], Directory.GetFileSystemEntries(folder.File("keystores")));
    }

    [Fact]
    public async Task The_id_rule_says_ascii_letters()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", "init", "--clients", "é");

        Expect.Failure(result, 2, "is not a valid client id", "ASCII letters");
    }

    [Fact]
    public async Task Keystore_inspect_of_a_device_gives_no_chmod_advice()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", "keystore", "inspect", "/dev/null");

        Expect.Failure(result, 3, "/dev/null", "not a file");
        Assert.DoesNotContain("chmod", result.StderrText);
    }

    [Fact]
    public async Task A_folder_as_master_key_and_a_keystore_as_master_key_get_advice_that_fits()
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init", "--clients", "1"));

        var asFolder = await CliProcess.RunAsync(folder.Path, "", "provision", "5", "--master-key", "keystores");
        var asKeystore = await CliProcess.RunAsync(folder.Path, "", "provision", "5", "--master-key", "keystores/keystore_id_1.json");
        var masterAsKeystore = await CliProcess.RunAsync(folder.Path, "", "keystore", "inspect", "server.key");

        Expect.Failure(asFolder, 3, "is a folder", "give the path of the master key file itself");
        Expect.Failure(asKeystore, 3, "is a keystore, not a master key file", "--master-key");
        Expect.Failure(masterAsKeystore, 3, "is a master key file, not a keystore", "keystore_id_<id>.json");
        Assert.DoesNotContain("version of ActorKeys", asKeystore.StderrText + masterAsKeystore.StderrText);
    }

    [Theory]
    [InlineData("F57C280FC1949198")]
    [InlineData("f57c280fc194919")]
    [InlineData("not hex at all!!")]
    public async Task A_damaged_issuer_is_a_damaged_file_not_a_wrong_server(string issuer)
    {
        using var folder = new TempFolder();
        Expect.Success(await CliProcess.RunAsync(folder.Path, "", "init", "--clients", "1"));
        var path = folder.File("keystores/keystore_id_1.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["issuer"] = issuer;
        File.WriteAllText(path, json.ToJsonString());

        var result = await CliProcess.RunAsync(folder.Path, "", "keystore", "inspect", path);

        Expect.Failure(result, 3, "is damaged", "'issuer'");
    }

    [Fact]
    public async Task Keystore_alone_lists_its_subcommand_and_points_to_its_own_help()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", "keystore");

        Expect.Failure(result, 2, "inspect", "actorkeys keystore --help");
    }

    [Fact]
    public async Task Help_lists_every_exit_code_as_the_readme_does()
    {
        using var folder = new TempFolder();
        var readme = File.ReadAllLines(FindReadme());

        var help = await CliProcess.RunAsync(folder.Path, "", "--help");

        Expect.Success(help);
        var rows = readme.SkipWhile(line => line != "| code | meaning |").Skip(2).TakeWhile(line => line.StartsWith('|'))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal(9, rows.Count);
        foreach (var row in rows)
        {
            var expected = $"{row[1]}  {row[2].Replace("`", "")}";
            Assert.Contains(help.Stdout, line => line.Trim() == expected);
        }
    }

    [Fact]
    public async Task Ctrl_C_at_a_password_prompt_exits_130_with_one_sentence_and_writes_nothing()
    {
        using var folder = new TempFolder();
        await using var init = CliProcess.Start(folder.Path, "init", "--protect");
        await init.WaitForLineAsync("^New password for the master key:$");

        init.Interrupt();
        var code = await init.WaitForExitAsync();

        Assert.True(code == 130, $"Expected exit code 130.\n{init.Transcript()}");
        var sentence = Assert.Single(init.Stderr);
        Assert.Contains("Interrupted at the password prompt; nothing was written", sentence);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    private static string FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "ActorKeys.sln")))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("README.md of the repository was not found above the test binaries.");
    }
}
