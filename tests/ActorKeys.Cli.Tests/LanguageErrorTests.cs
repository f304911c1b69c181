using ActorKeys.Testing;

namespace ActorKeys.Cli.Tests;

/// <summary>Errors in the language asked for, with the same exit codes; --lang ranks above the locale variables.</summary>
[Collection(nameof(CliCollection))]
public sealed class LanguageErrorTests
{
    private const string MissingMasterKeyInPortuguese = "não foi encontrado; execute 'actorkeys init' para o criar";
    private const string MissingMasterKeyInEnglish = "was not found; run 'actorkeys init' to create it";

    [Fact]
    public async Task A_missing_master_key_is_one_portuguese_sentence_with_exit_code_3()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", "server", "--lang", "pt");

        Expect.Failure(result, 3, $"O ficheiro da chave mestra {folder.File("server.key")} {MissingMasterKeyInPortuguese}");
    }

    [Fact]
    public async Task A_usage_error_is_portuguese_too_with_exit_code_2()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", "--lang", "pt", "server", "--port", "70000");

        Expect.Failure(result, 2, "--port tem de estar entre 0 e 65535; execute 'actorkeys server --help' para ver como se usa.");
    }

    [Fact]
    public async Task An_unknown_lang_is_a_usage_error_in_one_sentence()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", "init", "--lang", "fr");

        Expect.Failure(result, 2, "--lang takes en or pt, not 'fr'; run 'actorkeys init --help' for the usage.");
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task Lang_en_wins_over_a_portuguese_locale()
    {
        using var folder = new TempFolder();

        var result = await CliProcess.RunAsync(folder.Path, "", new Dictionary<string, string> { ["LC_ALL"] = "pt_PT.UTF-8" },
            "server", "--lang", "en");

        Expect.Failure(result, 3, MissingMasterKeyInEnglish);
    }
}
