using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Tests;

/// <summary>The locale variables in POSIX order: LC_ALL, then LC_MESSAGES, then LANG; the first one set (non-empty) decides.</summary>
public sealed class LanguageChoiceTests
{
    [Theory]
    [InlineData(null, null, null, Language.English)]
    [InlineData(null, null, "pt_PT.UTF-8", Language.Portuguese)]
    [InlineData(null, null, "pt_BR", Language.Portuguese)]
    [InlineData(null, null, "pt", Language.Portuguese)]
    [InlineData(null, null, "pt@euro", Language.Portuguese)]
    [InlineData(null, null, "en_US.UTF-8", Language.English)]
    [InlineData(null, null, "C.UTF-8", Language.English)]
    [InlineData(null, null, "ptx", Language.English)]
    [InlineData("pt_PT.UTF-8", null, "en_US.UTF-8", Language.Portuguese)]
    [InlineData("C", "pt_PT", "pt_PT.UTF-8", Language.English)]
    [InlineData("POSIX", null, "pt_PT.UTF-8", Language.English)]
    [InlineData(null, "pt_PT", "en_GB.UTF-8", Language.Portuguese)]
    [InlineData(null, "C", "pt_PT.UTF-8", Language.English)]
    [InlineData("", "", "pt_PT.UTF-8", Language.Portuguese)]
    public void The_first_locale_variable_set_decides(string? lcAll, string? lcMessages, string? lang, Language expected)
    {
        var environment = new Dictionary<string, string?> { ["LC_ALL"] = lcAll, ["LC_MESSAGES"] = lcMessages, ["LANG"] = lang };

        Assert.Equal(expected, LanguageChoice.FromEnvironment(name => environment.GetValueOrDefault(name)));
    }

    [Theory]
    [InlineData("en", Language.English)]
    [InlineData("pt", Language.Portuguese)]
    [InlineData("fr", null)]
    [InlineData("pt_PT", null)]
    [InlineData("", null)]
    public void Lang_takes_en_or_pt(string value, Language? expected) => Assert.Equal(expected, LanguageChoice.FromOption(value));
}
