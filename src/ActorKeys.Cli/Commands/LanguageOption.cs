using System.CommandLine;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// <c>--lang en|pt</c>, taken by every command (a recursive option of the root): the language of what actorkeys
/// says to people. Left out, the locale variables decide (<see cref="LanguageChoice"/>).
/// </summary>
public static class LanguageOption
{
    public static Option<string?> Create()
    {
        var option = new Option<string?>(LanguageChoice.OptionName)
        {
            Description = $"The language of prompts, output and errors: {string.Join(" or ", LanguageChoice.Names)} [default: from LC_ALL, LC_MESSAGES or LANG; pt* is Portuguese, anything else English].",
            HelpName = string.Join('|', LanguageChoice.Names),
            Recursive = true,
        };
        option.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (value is not null && LanguageChoice.FromOption(value) is null)
            {
                result.AddError(Strings.UnknownLanguage(Actors.Text.Printable.Escape(value)));
            }
        });
        return option;
    }

    /// <summary>The language the parsed line asks for with --lang, or null when it names none (or a wrong one).</summary>
    public static Language? Chosen(ParseResult parse) =>
        parse.GetResult(LanguageChoice.OptionName) is System.CommandLine.Parsing.OptionResult { Tokens.Count: > 0 } result
            ? LanguageChoice.FromOption(result.Tokens[^1].Value)
            : null;
}
