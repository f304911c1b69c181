using System.Globalization;
using System.Resources;

namespace ActorKeys.Cli.Text;

/// <summary>
/// The sentences of each language, read from the resources Resources/Strings.resx (English) and
/// Resources/Strings.pt.resx (Portuguese). Both are compiled into this assembly as neutral resources of their own
/// base names, not as a culture and its satellite: with InvariantGlobalization no culture but the invariant one can be
/// created here (new CultureInfo("pt") throws), so the ResourceManager is chosen by language and always asked for the
/// invariant culture.
/// </summary>
public static class Catalog
{
    private const string BaseName = "ActorKeys.Cli.Resources.Strings";

    private static readonly ResourceManager English = new(BaseName, typeof(Catalog).Assembly);
    private static readonly ResourceManager Portuguese = new(BaseName + ".pt", typeof(Catalog).Assembly);

    /// <summary>The language of this process's messages, chosen once at the start (<see cref="Cli.RunAsync"/>).</summary>
    public static Language Current { get; set; } = Language.English;

    public static ResourceManager Of(Language language) => language == Language.Portuguese ? Portuguese : English;

    /// <summary>The text of <paramref name="key"/> in the current language; a missing key is a bug, never an empty line.</summary>
    public static string Get(string key) =>
        Of(Current).GetString(key, CultureInfo.InvariantCulture)
        ?? throw new MissingManifestResourceException($"No resource '{key}' in {Current}.");
}
