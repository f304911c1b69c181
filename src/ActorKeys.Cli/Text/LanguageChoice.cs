namespace ActorKeys.Cli.Text;

/// <summary>
/// Which language to speak: <c>--lang en|pt</c> when given, else the POSIX locale variables in their order of
/// precedence (<c>LC_ALL</c>, then <c>LC_MESSAGES</c>, then <c>LANG</c>; the first one set decides). They are read
/// here because the build sets InvariantGlobalization, under which .NET ignores them (and cannot create a pt culture).
/// </summary>
public static class LanguageChoice
{
    public const string OptionName = "--lang";

    /// <summary>The values <c>--lang</c> takes, as the help and the usage error name them.</summary>
    public static readonly string[] Names = ["en", "pt"];

    private static readonly string[] LocaleVariables = ["LC_ALL", "LC_MESSAGES", "LANG"];

    /// <summary>The language <paramref name="value"/> of <c>--lang</c> names, or null when it names none.</summary>
    public static Language? FromOption(string? value) => value switch
    {
        "en" => Language.English,
        "pt" => Language.Portuguese,
        _ => null,
    };

    /// <summary>
    /// Portuguese for a locale such as <c>pt_PT.UTF-8</c>, <c>pt_BR</c> or <c>pt</c>; English for any other, for
    /// <c>C</c> and <c>POSIX</c>, and when none is set. An empty variable counts as unset, as in POSIX.
    /// </summary>
    public static Language FromEnvironment(Func<string, string?> variable)
    {
        foreach (var name in LocaleVariables)
        {
            var locale = variable(name);
            if (!string.IsNullOrEmpty(locale))
            {
                return IsPortuguese(locale) ? Language.Portuguese : Language.English;
            }
        }
        return Language.English;
    }

    private static bool IsPortuguese(string locale) =>
        locale.StartsWith("pt", StringComparison.Ordinal) && (locale.Length == 2 || locale[2] is '_' or '-' or '.' or '@');
}
