using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Tests;

/// <summary>
/// Every sentence exists in both languages: the same keys in Strings.resx and Strings.pt.resx, one member of
/// <see cref="Strings"/> per key (the code's only way to its text), and placeholders that the member fills.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    private static readonly Language[] Languages = Enum.GetValues<Language>();

    [Fact]
    public void English_and_portuguese_have_the_same_keys()
    {
        var english = Resources(Language.English);
        var portuguese = Resources(Language.Portuguese);

        Assert.Empty(english.Keys.Except(portuguese.Keys).Select(key => $"missing in Portuguese: {key}"));
        Assert.Empty(portuguese.Keys.Except(english.Keys).Select(key => $"missing in English: {key}"));
    }

    [Fact]
    public void Every_member_the_code_uses_has_its_resource_and_every_resource_its_member()
    {
        var members = Members().Keys.ToHashSet();
        foreach (var language in Languages)
        {
            var keys = Resources(language).Keys;
            Assert.Empty(members.Except(keys).Select(key => $"{key} has no resource in {language}"));
            Assert.Empty(keys.Except(members).Select(key => $"{key} in {language} has no member of Strings"));
        }
    }

    [Fact]
    public void Every_placeholder_is_one_the_member_fills_and_english_uses_them_all()
    {
        foreach (var (key, parameters) in Members())
        {
            foreach (var language in Languages)
            {
                var text = Resources(language)[key];
                Assert.False(string.IsNullOrWhiteSpace(text), $"{key} is empty in {language}");
                var used = Placeholders(text);
                Assert.True(used.All(i => i < parameters), $"{key} in {language} uses a placeholder beyond its {parameters} values: {text}");
                // Only a sentence with values is a format; the others are shown as they are, so "{{" would show doubled.
                if (parameters > 0)
                {
                    _ = string.Format(CultureInfo.InvariantCulture, text, new object[parameters]);
                }
                if (language == Language.English)
                {
                    Assert.True(used.Count == parameters, $"{key} in English leaves out some of its {parameters} values: {text}");
                }
            }
        }
    }

    /// <summary>Key → how many values it is formatted with.</summary>
    private static Dictionary<string, int> Members()
    {
        const BindingFlags PublicStatic = BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var type = typeof(Strings);
        return type.GetProperties(PublicStatic).Select(p => (p.Name, 0))
            .Concat(type.GetMethods(PublicStatic).Where(m => !m.IsSpecialName).Select(m => (m.Name, m.GetParameters().Length)))
            .ToDictionary(member => member.Item1, member => member.Item2);
    }

    private static Dictionary<string, string> Resources(Language language)
    {
        var set = Catalog.Of(language).GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources for {language}.");
        return set.Cast<DictionaryEntry>().ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!);
    }

    private static HashSet<int> Placeholders(string text) =>
        Placeholder().Matches(text.Replace("{{", "").Replace("}}", "")).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex Placeholder();
}
